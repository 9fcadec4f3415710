import { registry } from "@web/core/registry";
import {
    checked,
    notEmpty,
    onlyChinese,
    openMenu,
    openSynergyApp,
} from "@perf_synergy/../tests/tours/role_tour_utils";

// The group controller's journey (issues 18 and 20), as the demo's controller in zh_CN
// (tests/test_group_role_journeys.py): lands on the group dashboard, switches to the year,
// follows a figure to its records and comes back by the breadcrumb, computes the year's
// consolidation run and approves it, then finds it on the dashboard.

// Names of the demo's group companies, of its runs ("Consolidation <last year>", typed by the
// demo like a user would) and the unit of its risk index (points).
const GROUP_NAMES = [
    "Synergy", "Holding", "Group", "America", "Inc", "Hong", "Kong", "Ltd", "Energy", "JV",
    "Consolidation", "pts",
];

const DASHBOARD = ".o_synergy_dashboard[data-model='synergy.dashboard.group']";
const CONTENT = `${DASHBOARD} .o_synergy_dashboard_content:not(.o_synergy_dashboard_busy)`;

/** Chooses the year in the dashboard's period selector (names "2025", "2025 Q1"...). */
export function chooseYear() {
    return {
        content: "Switch the dashboard to the year",
        trigger: `${DASHBOARD} select.o_synergy_dashboard_period`,
        run() {
            const select = document.querySelector(`${DASHBOARD} select.o_synergy_dashboard_period`);
            const year = [...select.options].find((option) => /^\d{4}$/.test(option.text.trim()));
            select.value = year.value;
            select.dispatchEvent(new Event("change"));
        },
    };
}

const YEAR_CHOSEN = `${DASHBOARD} select.o_synergy_dashboard_period:has(option:checked:not(:contains('Q')))`;

registry.category("web_tour.tours").add("synergy_role_group_controller", {
    steps: () =>
        checked([
            ...openSynergyApp(),
            {
                content: "The app lands on the group dashboard: the latest consolidation",
                trigger: `${CONTENT} .o_synergy_dashboard_section[data-section='consolidation'] .o_synergy_dashboard_row`,
            },
            notEmpty(DASHBOARD),
            {
                content: "The subsidiaries' achievement is charted",
                trigger: `${CONTENT} .o_synergy_dashboard_section[data-section='achievement_chart'] canvas`,
            },
            onlyChinese(`${CONTENT} .o_synergy_dashboard_section`, GROUP_NAMES),
            chooseYear(),
            {
                content: "The year is shown: its penetrative KPIs by subsidiary",
                trigger: `${YEAR_CHOSEN}`,
            },
            {
                content: "The year's consolidation is not computed yet: the dashboard says so",
                trigger: `${CONTENT} .o_synergy_dashboard_section[data-section='consolidation'] .o_synergy_dashboard_empty`,
            },
            onlyChinese(`${CONTENT} .o_synergy_dashboard_section[data-section='penetrative'] .o_synergy_dashboard_row`, GROUP_NAMES),
            {
                content: "Follow the average achievement to the subsidiaries' targets",
                trigger: `${CONTENT} .o_synergy_dashboard_figure[data-key='average_achievement']`,
                run: "click",
            },
            {
                content: "The targets behind the figure are listed",
                trigger: ".o_list_view .o_data_row",
            },
            onlyChinese(".o_list_view .o_data_row", GROUP_NAMES),
            {
                content: "Come back by the breadcrumb",
                trigger: ".o_control_panel .breadcrumb-item:first a",
                run: "click",
            },
            {
                content: "The dashboard is back on the year",
                trigger: `${YEAR_CHOSEN}`,
            },
            ...openMenu(
                "perf_synergy_group.menu_group_root",
                "perf_synergy_group.menu_group_runs",
                "the consolidation runs"
            ),
            {
                content: "Open the year's draft run",
                trigger:
                    ".o_view_controller.o_list_view .o_data_row:contains('Consolidation'):not(:contains('Q')) td.o_data_cell:first",
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
            ...openMenu(
                "perf_synergy_group.menu_group_root",
                "perf_synergy_group.menu_group_dashboard",
                "the group dashboard"
            ),
            chooseYear(),
            {
                content: "The year's consolidation is on the dashboard now",
                trigger: `${YEAR_CHOSEN}`,
            },
            {
                content: "Its group totals, one row per KPI",
                trigger: `${CONTENT} .o_synergy_dashboard_section[data-section='consolidation'] .o_synergy_dashboard_row`,
            },
            onlyChinese(`${CONTENT} .o_synergy_dashboard_section`, GROUP_NAMES),
        ]),
});

// The controller working in a subsidiary opens the group dashboard: it says the group is seen
// from its parent company and switches there (tests/test_group_role_journeys.py).
registry.category("web_tour.tours").add("synergy_role_group_outside_holding", {
    steps: () =>
        checked([
            {
                content: "The dashboard says it shows the group from its parent company",
                trigger: `${DASHBOARD} .o_synergy_dashboard_notice:contains('Synergy Holding Group')`,
            },
            onlyChinese(`${DASHBOARD} .o_synergy_dashboard_notice`, GROUP_NAMES),
            {
                content: "Switch to the parent company",
                trigger: `${DASHBOARD} .o_synergy_dashboard_notice_button`,
                run: "click",
                expectUnloadPage: true,
            },
            {
                content: "The page reloads in the parent company: the group's figures",
                trigger: `${CONTENT} .o_synergy_dashboard_section[data-section='penetrative'] .o_synergy_dashboard_row`,
            },
            {
                content: "No notice any more",
                trigger: `${DASHBOARD}:not(:has(.o_synergy_dashboard_notice))`,
            },
        ]),
});
