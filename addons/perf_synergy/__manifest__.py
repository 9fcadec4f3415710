# Copyright 2026 Performance Synergy
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Performance Synergy",
    "summary": "Cross-department performance synergy: cascaded goals, shared KPIs, "
    "scorecards and early warning",
    "version": "19.0.1.0.0",
    "category": "Human Resources/Performance",
    "website": "https://github.com/performance-synergy/perf-synergy",
    "author": "Performance Synergy",
    "license": "LGPL-3",
    "application": True,
    "depends": [
        "hr",
        "project",
        "mail",
        "resource",
        "web_hierarchy",
        "base_tier_validation",
        "web_widget_x2many_2d_matrix",
        "report_xlsx",
    ],
    "data": [
        "security/synergy_security.xml",
        "security/ir.model.access.csv",
        "security/synergy_rules.xml",
        "data/synergy_measure_data.xml",
        "views/synergy_period_views.xml",
        "views/synergy_scheme_views.xml",
        "views/synergy_objective_views.xml",
        "views/synergy_kpi_views.xml",
        "views/synergy_kpi_value_views.xml",
        "views/synergy_scorecard_line_views.xml",
        "views/synergy_scorecard_views.xml",
        "views/synergy_menus.xml",
        "views/res_config_settings_views.xml",
        "views/hr_department_views.xml",
    ],
    "demo": [
        "demo/synergy_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "perf_synergy/static/tests/tours/*.js",
        ],
    },
}
