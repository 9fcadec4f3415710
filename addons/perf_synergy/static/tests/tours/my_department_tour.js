import { registry } from "@web/core/registry";

// A department head opens the app: it lands on the My Department dashboard (the generic
// client action of issue 20), which shows the department's scorecard, its open alert and its
// score trend; the alerts figure opens the alerts and the breadcrumb comes back.
const dashboard = ".o_synergy_dashboard[data-model='synergy.dashboard.department']";

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
            trigger: ".o_control_panel .o_breadcrumb:contains('Dash Department')",
        },
        {
            content: "The scorecard's lines are shown",
            trigger: `${dashboard} [data-section='scorecard'] .o_synergy_dashboard_row:contains('Dash KPI')`,
        },
        {
            content: "The department's open alert is shown",
            trigger: `${dashboard} [data-section='alerts'] .o_synergy_dashboard_list_item:contains('Dash KPI')`,
        },
        {
            content: "The score trend is drawn",
            trigger: `${dashboard} [data-section='trend'] canvas`,
        },
        {
            content: "Open the alerts behind the figure",
            trigger: `${dashboard} .o_synergy_dashboard_figure[data-key='alerts']`,
            run: "click",
        },
        {
            content: "The alert is listed",
            trigger: ".o_list_view .o_data_row:contains('Dash KPI')",
        },
        {
            content: "Back to the dashboard by the breadcrumb",
            trigger: ".o_control_panel .breadcrumb-item:first a",
            run: "click",
        },
        {
            content: "The dashboard is back",
            trigger: `${dashboard} [data-section='scorecard'] .o_synergy_dashboard_row:contains('Dash KPI')`,
        },
    ],
});
