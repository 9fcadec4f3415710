# Copyright 2026 Performance Synergy
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Performance Synergy - Group Consolidation Jobs",
    "summary": "Consolidation runs of a large group computed as background jobs, installed "
    "automatically with the job queue bridge and the group addon",
    "version": "19.0.1.0.0",
    "category": "Human Resources/Performance",
    "website": "https://github.com/performance-synergy/perf-synergy",
    "author": "Performance Synergy",
    "license": "LGPL-3",
    "depends": [
        "perf_synergy_queue",
        "perf_synergy_group",
    ],
    "data": [
        "data/queue_job_data.xml",
    ],
    "auto_install": True,
}
