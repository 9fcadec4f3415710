import { registry } from "@web/core/registry";
import {
    checked,
    choosePeriod,
    notEmpty,
    onlyChinese,
    openSynergyApp,
    periodShown,
} from "@perf_synergy/../tests/tours/role_tour_utils";

// Role journeys of the procurement side (issue 18), as the demo's buyer and ESG manager, in
// zh_CN (tests/test_esg_role_journeys.py). The supplier's part is synergy_esg_portal_submit.

// Suppliers' names of the demo.
const SUPPLIERS = [
    "Huadong", "Packaging", "Bright", "Chemicals", "Coastal", "Logistics", "Precision",
    "Castings", "Green", "Source", "Materials", "Gao", "Yan", "Buyer", "Qian", "Hui",
    // documents the demo's suppliers named in their answers ("Anti-bribery policy v2")
    "Anti", "bribery", "policy", "Code", "conduct",
];

const HUADONG_Q3 = ".o_view_controller.o_list_view .o_data_row:contains('Huadong'):contains('Q3')";

const DASHBOARD = ".o_synergy_dashboard[data-model='synergy.dashboard.esg']";
const CONTENT = `${DASHBOARD} .o_synergy_dashboard_content:not(.o_synergy_dashboard_busy)`;
const TO_REVIEW = `${CONTENT} .o_synergy_dashboard_section[data-section='to_review']`;

// The buyer lands on the Supplier ESG dashboard and approves his review of Huadong's
// submitted Q3 report, which waits for him there.
registry.category("web_tour.tours").add("synergy_role_esg_buyer", {
    steps: () =>
        checked([
            ...openSynergyApp(),
            {
                content: "The app lands on the Supplier ESG dashboard: a report waits for review",
                trigger: `${TO_REVIEW} .o_synergy_dashboard_row:contains('Huadong')`,
            },
            notEmpty(DASHBOARD),
            onlyChinese(`${CONTENT} .o_synergy_dashboard_section`, SUPPLIERS),
            {
                content: "Open Huadong's submitted Q3 report from the dashboard",
                trigger: `${TO_REVIEW} .o_synergy_dashboard_row:contains('Huadong')`,
                run: "click",
            },
            {
                content: "The review banner offers the buyer to validate",
                trigger: ".o_form_view button[name='validate_tier']",
            },
            // OCA's review banner too: its texts come from this addon (i18n_extra, overrides).
            onlyChinese(".o_form_view button[name='validate_tier']", SUPPLIERS),
            {
                content: "Approve the review",
                trigger: ".o_form_view button[name='validate_tier']",
                run: "click",
            },
            {
                content: "The review is approved: nothing left to validate for the buyer",
                trigger: ".o_form_view:not(:has(button[name='validate_tier']))",
            },
            onlyChinese(".o_form_view:not(:has(button[name='validate_tier']))", SUPPLIERS),
            {
                content: "Back to the dashboard by the breadcrumb",
                trigger: ".o_control_panel .breadcrumb-item:first a",
                run: "click",
            },
            {
                content: "Nothing waits for his review any more",
                trigger: `${TO_REVIEW} .o_synergy_dashboard_empty`,
            },
        ]),
});

// The buyer's dashboard in English (tests/test_esg_role_journeys.py): switch the period,
// follow a figure to its records, come back by the breadcrumb to the period chosen.
registry.category("web_tour.tours").add("synergy_role_esg_buyer_dashboard", {
    steps: () =>
        checked([
            ...openSynergyApp(),
            {
                content: "The app lands on the Supplier ESG dashboard: ratings by band",
                trigger: `${CONTENT} .o_synergy_dashboard_section[data-section='ratings_chart'] canvas`,
            },
            {
                content: "The green procurement ratio of the current quarter",
                trigger: `${CONTENT} .o_synergy_dashboard_figure[data-key='green_ratio']:contains('%')`,
            },
            choosePeriod(DASHBOARD, "Switch to the previous quarter"),
            periodShown(DASHBOARD, "The dashboard shows the quarter chosen"),
            {
                content: "Its deviations are drawn for that period",
                trigger: `${CONTENT} .o_synergy_dashboard_section[data-section='deviations']`,
            },
            {
                content: "Follow the valid ratings to their records",
                trigger: `${CONTENT} .o_synergy_dashboard_figure[data-key='rated']`,
                run: "click",
            },
            {
                content: "The ratings behind the figure are listed",
                trigger: ".o_list_view .o_data_row",
            },
            {
                content: "Come back by the breadcrumb",
                trigger: ".o_control_panel .breadcrumb-item:first a",
                run: "click",
            },
            periodShown(DASHBOARD, "The dashboard is back, on the quarter chosen"),
            {
                content: "Its sections are drawn again",
                trigger: `${CONTENT} .o_synergy_dashboard_section[data-section='to_review'] .o_synergy_dashboard_row`,
            },
        ]),
});

// The ESG manager validates the reviewed report.
registry.category("web_tour.tours").add("synergy_role_esg_manager", {
    steps: () =>
        checked([
            {
                content: "Open Huadong's submitted Q3 report",
                trigger: `${HUADONG_Q3} td.o_data_cell:first`,
                run: "click",
            },
            onlyChinese(".o_form_view button[name='action_validate']", SUPPLIERS),
            {
                content: "Validate it",
                trigger: ".o_form_view .o_form_statusbar button[name='action_validate']",
                run: "click",
            },
            {
                content: "It is validated: neither Validate nor Reject is offered",
                trigger:
                    ".o_form_view .o_form_statusbar:not(:has(button[name='action_validate'])):not(:has(button[name='action_open_reject_wizard']))",
            },
        ]),
});
