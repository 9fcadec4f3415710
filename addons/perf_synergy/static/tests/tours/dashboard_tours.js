import { registry } from "@web/core/registry";
import {
    checked,
    choosePeriod,
    onlyChinese,
    openSynergyApp,
    periodShown,
} from "@perf_synergy/../tests/tours/role_tour_utils";

// The role dashboards (issue 20), opened from the app's landing as each role's demo login
// (tests/test_dashboard.py): switch the period, follow a figure to its records, come back by
// the breadcrumb to the period chosen.

// Proper names of the demo records these dashboards show (departments, people, KPI codes).
const DEMO_NAMES = [
    "Research", "Development", "Management",
    "Lena", "Hoffmann", "Omar", "Haddad", "Wang", "Jun",
];

// Text the demo's users typed (requests' titles), in English in the demo.
const TYPED = ["[data-section='requests'] td[data-col='name']"];

// A dashboard is computed on the server: on a loaded machine, more than a step's 10 s.
const LOADING = 30000;

const content = ".o_synergy_dashboard .o_synergy_dashboard_content:not(.o_synergy_dashboard_busy)";

/**
 * The journey through one dashboard: `model` the dashboard's model, `section` a section that
 * the landing shows filled, `figure` the key of a figure opening a list, `chinese` whether the
 * page must show no English.
 */
export function dashboardJourney({ model, section, figure, chinese }) {
    const dashboard = `.o_synergy_dashboard[data-model='${model}']`;
    const languageCheck = (trigger) => (chinese ? [onlyChinese(trigger, DEMO_NAMES, TYPED)] : []);
    return checked([
        ...openSynergyApp(),
        {
            content: "The app lands on the dashboard, its sections filled",
            trigger: `${dashboard} .o_synergy_dashboard_section[data-section='${section}'] .o_synergy_dashboard_row`,
            timeout: LOADING,
        },
        ...languageCheck(`${dashboard} .o_synergy_dashboard_section`),
        choosePeriod(dashboard, "Switch to the previous period of the same kind"),
        periodShown(dashboard, "The dashboard shows the period chosen", LOADING),
        {
            content: "Its figures are drawn for that period",
            timeout: LOADING,
            trigger: `${content} .o_synergy_dashboard_figure[data-key='${figure}']`,
        },
        ...languageCheck(`${content} .o_synergy_dashboard_figure[data-key='${figure}']`),
        {
            content: "Follow a figure to its records",
            trigger: `${content} .o_synergy_dashboard_figure[data-key='${figure}']`,
            run: "click",
        },
        {
            content: "The records behind the figure are listed",
            trigger: ".o_list_view",
            timeout: LOADING,
        },
        ...languageCheck(".o_list_view"),
        {
            content: "Come back by the breadcrumb",
            trigger: ".o_control_panel .breadcrumb-item:first a",
            run: "click",
        },
        periodShown(dashboard, "The dashboard is back, on the period chosen", LOADING),
        {
            content: "Its sections are drawn again",
            trigger: `${content} .o_synergy_dashboard_section[data-section='summary']`,
        },
    ]);
}

// Department head: My Department (run in zh_CN as synergy.demo.sales.head).
registry.category("web_tour.tours").add("synergy_dashboard_department", {
    steps: () =>
        dashboardJourney({
            model: "synergy.dashboard.department",
            section: "scorecard",
            figure: "alerts",
            chinese: true,
        }),
});

// Employee: My Results (run in English as synergy.demo.sales1).
registry.category("web_tour.tours").add("synergy_dashboard_employee", {
    steps: () =>
        dashboardJourney({
            model: "synergy.dashboard.employee",
            section: "scorecard",
            figure: "behavior_points",
            chinese: false,
        }),
});
