# Copyright 2026 Performance Synergy
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Performance Synergy - ESG Invitation Jobs",
    "summary": "The invitations of a large ESG campaign mailed by background jobs, installed "
    "automatically with the job queue bridge and the ESG addon",
    "version": "19.0.1.0.0",
    "category": "Human Resources/Performance",
    "website": "https://github.com/performance-synergy/perf-synergy",
    "author": "Performance Synergy",
    "license": "LGPL-3",
    "depends": [
        "perf_synergy_queue",
        "perf_synergy_esg",
    ],
    "data": [
        "data/queue_job_data.xml",
    ],
    "auto_install": True,
}
