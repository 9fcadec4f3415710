import { registry } from "@web/core/registry";
import {
    checked,
    notEmpty,
    onlyChinese,
    openMenu,
    openSynergyApp,
} from "@perf_synergy/../tests/tours/role_tour_utils";

// The group controller's journey (issue 18), as the demo's controller in zh_CN
// (tests/test_group_role_journeys.py): lands on the group dashboard, computes the year's
// consolidation run and approves it.

// Names of the demo's group companies, and of its runs ("Consolidation <last year>", typed
// by the demo like a user would), and the units its KPIs were given ("pts").
const GROUP_NAMES = [
    "Synergy", "Holding", "Group", "America", "Inc", "Hong", "Kong", "Ltd", "Energy", "JV",
    "Consolidation", "pts",
];

registry.category("web_tour.tours").add("synergy_role_group_controller", {
    steps: () =>
        checked([
            ...openSynergyApp(),
            {
                content: "The app lands on the group dashboard",
                trigger: ".o_action_manager .o_view_controller",
            },
            notEmpty(".o_action_manager .o_view_controller"),
            onlyChinese(".o_action_manager .o_view_controller", GROUP_NAMES),
            ...openMenu(
                "perf_synergy_group.menu_group_root",
                "perf_synergy_group.menu_group_runs",
                "the consolidation runs"
            ),
            {
                content: "Open the year's draft run",
                trigger:
                    ".o_view_controller.o_list_view .o_data_row:contains('Consolidation'):not(:contains('Q1')) td.o_data_cell:first",
                run: "click",
            },
            {
                content: "Compute it",
                trigger: ".o_form_view .o_form_statusbar button[name='action_compute']:visible",
                run: "click",
            },
            {
                content: "The group totals are computed",
                trigger: ".o_form_view .o_field_one2many[name='total_line_ids'] .o_data_row",
            },
            onlyChinese(".o_form_view .o_field_one2many[name='total_line_ids'] .o_data_row", GROUP_NAMES),
            {
                content: "Approve it",
                trigger: ".o_form_view .o_form_statusbar button[name='action_approve']",
                run: "click",
            },
            {
                content: "The run is approved: Reopen is offered",
                trigger: ".o_form_view .o_form_statusbar button[name='action_reopen']",
            },
        ]),
});
