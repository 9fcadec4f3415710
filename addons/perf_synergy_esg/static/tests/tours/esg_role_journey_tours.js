import { registry } from "@web/core/registry";
import { checked, notEmpty, onlyChinese } from "@perf_synergy/../tests/tours/role_tour_utils";

// Role journeys of the procurement side (issue 18), as the demo's buyer and ESG manager, in
// zh_CN (tests/test_esg_role_journeys.py). The supplier's part is synergy_esg_portal_submit.

// Suppliers' names of the demo.
const SUPPLIERS = [
    "Huadong", "Packaging", "Bright", "Chemicals", "Coastal", "Logistics", "Precision",
    "Castings", "Green", "Source", "Materials", "Gao", "Yan", "Buyer", "Qian", "Hui",
    // documents the demo's suppliers named in their answers ("Anti-bribery policy v2")
    "Anti", "bribery", "policy", "Code", "conduct",
];

// The review banners and buttons of OCA's base_tier_validation ("Pending validation by",
// "Validate", "Reject", "Next:", "Operation has been validated", "Restart Validation"),
// which have no zh_CN translation upstream: left to that module.
const TIER_BANNER = [
    ".o_form_view .alert:has(button[name='validate_tier'])",
    ".o_form_view .alert:has(.fa-thumbs-up)",
    ".o_form_view .alert:has(.fa-thumbs-down)",
    ".o_form_view button[name='restart_validation']",
    ".o_form_view button[name='request_validation']",
];

const HUADONG_Q3 = ".o_view_controller.o_list_view .o_data_row:contains('Huadong'):contains('Q3')";

// The buyer approves his review of Huadong's submitted Q3 report.
registry.category("web_tour.tours").add("synergy_role_esg_buyer", {
    steps: () =>
        checked([
            {
                content: "The ESG reports are listed",
                trigger: ".o_view_controller.o_list_view .o_data_row",
            },
            notEmpty(".o_view_controller.o_list_view"),
            onlyChinese(".o_view_controller.o_list_view .o_data_row", SUPPLIERS),
            {
                content: "Open Huadong's submitted Q3 report",
                trigger: `${HUADONG_Q3} td.o_data_cell:first`,
                run: "click",
            },
            {
                content: "The review banner offers the buyer to validate",
                trigger: ".o_form_view button[name='validate_tier']",
            },
            onlyChinese(".o_form_view button[name='validate_tier']", SUPPLIERS, TIER_BANNER),
            {
                content: "Approve the review",
                trigger: ".o_form_view button[name='validate_tier']",
                run: "click",
            },
            {
                content: "The review is approved: nothing left to validate for the buyer",
                trigger: ".o_form_view:not(:has(button[name='validate_tier']))",
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
            onlyChinese(".o_form_view button[name='action_validate']", SUPPLIERS, TIER_BANNER),
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
