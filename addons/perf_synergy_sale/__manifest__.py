# Copyright 2026 Performance Synergy
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Performance Synergy - Sales Bridge",
    "summary": "Ready KPI measures on confirmed sales, installed automatically with Sales",
    "version": "19.0.1.0.0",
    "category": "Human Resources/Performance",
    "website": "https://github.com/performance-synergy/perf-synergy",
    "author": "Performance Synergy",
    "license": "LGPL-3",
    "depends": [
        "perf_synergy",
        "sale",
    ],
    "data": [
        "data/synergy_measure_data.xml",
    ],
    "auto_install": True,
}
