# Copyright 2026 Performance Synergy
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Performance Synergy - Group Consolidation",
    "summary": "Penetrative group KPIs into subsidiaries and consolidation of subsidiaries' KPIs",
    "version": "19.0.1.1.0",
    "category": "Human Resources/Performance",
    "website": "https://github.com/performance-synergy/perf-synergy",
    "author": "Performance Synergy",
    "license": "LGPL-3",
    "depends": [
        "perf_synergy",
    ],
    "data": [
        "security/group_security.xml",
        "security/ir.model.access.csv",
        "security/group_rules.xml",
        "views/synergy_group_entity_views.xml",
        "views/synergy_kpi_views.xml",
        "views/synergy_scorecard_line_views.xml",
        "views/synergy_consolidation_views.xml",
        "views/synergy_group_dashboard_views.xml",
        "views/synergy_evaluation_views.xml",
        "views/group_menus.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
        "demo/group_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "perf_synergy_group/static/tests/tours/*.js",
        ],
    },
}
