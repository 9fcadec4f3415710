# Copyright 2026 Performance Synergy
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Performance Synergy - Calendar Bridge",
    "summary": "Committee meetings in the Odoo calendar, installed automatically with Calendar",
    "version": "19.0.1.0.0",
    "category": "Human Resources/Performance",
    "website": "https://github.com/performance-synergy/perf-synergy",
    "author": "Performance Synergy",
    "license": "LGPL-3",
    "depends": [
        "perf_synergy",
        "calendar",
    ],
    "data": [
        "views/synergy_meeting_views.xml",
    ],
    "auto_install": True,
}
