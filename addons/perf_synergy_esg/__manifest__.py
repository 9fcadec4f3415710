# Copyright 2026 Performance Synergy
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Performance Synergy - Supplier ESG",
    "summary": "Suppliers report ESG data through the portal; ESG ratings feed procurement KPIs",
    "version": "19.0.1.1.0",
    "category": "Human Resources/Performance",
    "website": "https://github.com/performance-synergy/perf-synergy",
    "author": "Performance Synergy",
    "license": "LGPL-3",
    "depends": [
        "perf_synergy",
        "purchase",
        "portal",
    ],
    "data": [
        "security/esg_security.xml",
        "security/ir.model.access.csv",
        "security/esg_rules.xml",
        "data/esg_indicator_data.xml",
        "data/esg_factor_data.xml",
        "data/esg_mail_data.xml",
        "data/esg_measure_data.xml",
        "views/synergy_esg_indicator_views.xml",
        "views/synergy_esg_campaign_views.xml",
        "views/synergy_esg_report_views.xml",
        "views/esg_menus.xml",
        "report/esg_reports.xml",
        "views/res_config_settings_views.xml",
        "views/esg_portal_templates.xml",
    ],
    "post_init_hook": "post_init_hook",
    "demo": [
        "demo/esg_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "perf_synergy_esg/static/tests/tours/*.js",
        ],
    },
}
