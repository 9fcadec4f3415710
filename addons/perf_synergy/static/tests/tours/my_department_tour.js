import { registry } from "@web/core/registry";

// A department head opens the app: it lands on the My Department dashboard, which shows the
// department's current scorecard, its open alerts and its score trend.
registry.category("web_tour.tours").add("synergy_my_department", {
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Performance Synergy app",
            trigger: ".o_app[data-menu-xmlid='perf_synergy.menu_synergy_root']",
            run: "click",
        },
        {
            content: "The app lands on the department's dashboard",
            trigger: ".o_synergy_department_dashboard .oe_title:contains('Dash Department')",
        },
        {
            content: "The current scorecard's lines are shown",
            trigger:
                ".o_synergy_department_dashboard .o_synergy_dashboard_lines .o_data_row:contains('Dash KPI')",
        },
        {
            content: "The department's open alert is shown",
            trigger:
                ".o_synergy_department_dashboard .o_synergy_dashboard_alerts .o_data_row:contains('Dash KPI')",
        },
        {
            content: "Open the score trend tab",
            trigger: ".o_synergy_department_dashboard .o_notebook a:contains('Score Trend')",
            run: "click",
        },
        {
            content: "The periods' scorecards are listed",
            trigger: ".o_synergy_department_dashboard .o_notebook .o_data_row:contains('Dash Year')",
        },
        {
            content: "Open the score trend graph",
            trigger: ".o_synergy_department_dashboard button[name='action_synergy_dashboard_trend']",
            run: "click",
        },
        {
            content: "The trend graph is drawn",
            trigger: ".o_graph_view .o_graph_renderer canvas",
        },
    ],
});
