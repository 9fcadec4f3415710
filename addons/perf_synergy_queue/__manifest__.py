# Copyright 2026 Performance Synergy
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Performance Synergy - Job Queue Bridge",
    "summary": "Large period closes and alert evaluations run as background jobs, installed "
    "automatically with the job queue",
    "version": "19.0.1.0.0",
    "category": "Human Resources/Performance",
    "website": "https://github.com/performance-synergy/perf-synergy",
    "author": "Performance Synergy",
    "license": "LGPL-3",
    "depends": [
        "perf_synergy",
        "queue_job",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/synergy_queue_rules.xml",
        "data/queue_job_data.xml",
        "views/synergy_period_views.xml",
    ],
    "uninstall_hook": "uninstall_hook",
    "auto_install": True,
}
