import { registry } from "@web/core/registry";
import {
    checked,
    notEmpty,
    onlyChinese,
    openMenu,
    openSynergyApp,
} from "@perf_synergy/../tests/tours/role_tour_utils";

// Role journeys of docs/first-hour.md, run as each role's demo login (tests/test_role_journeys.py).

// Proper names and codes of the demo records these pages show (departments, people, KPIs'
// codes): data typed by the demo's users, not product strings.
const DEMO_NAMES = [
    // Odoo's own hr demo department, which Odoo does not translate
    "Research", "Development",
    // Odoo's default working calendar "Standard 40 hours/week" (a name Odoo does not translate)
    "Standard", "hours", "week",
    "Lena", "Hoffmann", "Omar", "Haddad", "Wang", "Jun",
    // the name the demo gives its scheme (a scheme's name is typed by the office)
    "Performance", "Policy",
];

// Text the demo's users typed on the dashboards (requests' titles), in English in the demo.
const TYPED = ["[data-section='requests'] td[data-col='name']"];

// Employee (zh_CN): lands on My Results and reads his published result.
registry.category("web_tour.tours").add("synergy_role_employee", {
    steps: () =>
        checked([
            ...openSynergyApp(),
            {
                content: "The app lands on My Results with his scorecard",
                trigger: ".o_synergy_dashboard [data-section='scorecard'] .o_synergy_dashboard_row",
            },
            notEmpty(".o_synergy_dashboard"),
            onlyChinese(".o_synergy_dashboard [data-section='scorecard'] .o_synergy_dashboard_row", DEMO_NAMES, TYPED),
            {
                content: "Open the scorecard whose result is published",
                trigger: ".o_synergy_dashboard [data-section='result'] .o_synergy_dashboard_list_item[data-key='published']",
                run: "click",
            },
            {
                content: "Open the My Result tab",
                trigger: ".o_form_view .o_notebook a[name='published_result']",
                run: "click",
            },
            {
                content: "The published grade is shown",
                trigger: ".o_form_view .o_field_widget[name='published_grade'] :not(:empty)",
            },
            onlyChinese(".o_form_view .o_field_widget[name='published_grade']", DEMO_NAMES),
        ]),
});

// The request the Sales head raises to Production, typed in Chinese as a Chinese user would.
const REQUEST_NAME = "请提供退货批次的8D报告";

// Department head (zh_CN): lands on My Department, reads and acknowledges an alert his
// department must act on, then raises a request to Production.
registry.category("web_tour.tours").add("synergy_role_head_raises", {
    steps: () =>
        checked([
            ...openSynergyApp(),
            {
                content: "The app lands on My Department with its scorecard",
                trigger: ".o_synergy_dashboard [data-section='scorecard'] .o_synergy_dashboard_row",
            },
            notEmpty(".o_synergy_dashboard"),
            onlyChinese(".o_synergy_dashboard [data-section='scorecard'] .o_synergy_dashboard_row", DEMO_NAMES, TYPED),
            {
                content: "Open the alerts the department must act on",
                trigger: ".o_synergy_dashboard .o_synergy_dashboard_figure[data-key='alerts']",
                run: "click",
            },
            {
                content: "Open the retention alert Sales must act on",
                trigger: ".o_view_controller.o_list_view .o_data_row:contains('SYN-RET') td.o_data_cell:first",
                run: "click",
            },
            {
                content: "The alert says what happened and who must act",
                trigger: ".o_form_view .o_field_widget[name='summary']:not(:empty)",
            },
            onlyChinese(".o_form_view .o_field_widget[name='acting_department_ids']", DEMO_NAMES),
            {
                content: "Acknowledge it",
                trigger: ".o_form_view .o_form_statusbar button[name='action_acknowledge']",
                run: "click",
            },
            {
                content: "It is acknowledged: Resolve is offered, Acknowledge is gone",
                trigger:
                    ".o_form_view .o_form_statusbar:not(:has(button[name='action_acknowledge'])) button[name='action_resolve_dialog']",
            },
            ...openMenu(
                "perf_synergy.menu_synergy_realtime",
                "perf_synergy.menu_synergy_requests",
                "the requests"
            ),
            {
                content: "Raise a new request",
                trigger: ".o_control_panel button.o-kanban-button-new, .o_control_panel button.o_list_button_add",
                run: "click",
            },
            {
                content: "Say what is needed",
                trigger: ".o_form_view .o_field_widget[name='name'] input",
                run: `edit ${REQUEST_NAME}`,
            },
            {
                content: "Address it to Production (生产部)",
                trigger: ".o_form_view .o_field_widget[name='responding_department_id'] input",
                run: "edit 生产部",
            },
            {
                content: "Pick Production",
                trigger: ".o-autocomplete--dropdown-item a:contains('生产部')",
                run: "click",
            },
            onlyChinese(".o_form_view .o_field_widget[name='responding_department_id'] input", DEMO_NAMES),
            {
                content: "Save the request",
                trigger: ".o_form_view .o_form_button_save",
                run: "click",
            },
            {
                content: "The request is saved, waiting for Production",
                trigger: ".o_form_view .o_form_saved, .o_form_view:not(:has(.o_form_button_save:visible))",
            },
        ]),
});

// The other head (zh_CN): Production's head finds the request on his landing page and
// acknowledges it, then starts the work.
registry.category("web_tour.tours").add("synergy_role_head_answers", {
    steps: () =>
        checked([
            ...openSynergyApp(),
            {
                content: "The app lands on My Department",
                trigger: ".o_control_panel .o_breadcrumb:contains('生产部')",
            },
            notEmpty(".o_synergy_dashboard"),
            onlyChinese(".o_synergy_dashboard [data-section='summary']", DEMO_NAMES, TYPED),
            {
                content: "Open the requests the department has to answer",
                trigger: ".o_synergy_dashboard .o_synergy_dashboard_figure[data-key='requests_in']",
                run: "click",
            },
            {
                content: "Open the request of Sales",
                trigger: `.o_kanban_record:contains('${REQUEST_NAME}'), .o_data_row:contains('${REQUEST_NAME}') td.o_data_cell`,
                run: "click",
            },
            onlyChinese(`.o_breadcrumb:contains('${REQUEST_NAME}')`, DEMO_NAMES),
            {
                content: "Acknowledge it",
                trigger: ".o_form_view .o_form_statusbar button[name='action_acknowledge']",
                run: "click",
            },
            {
                content: "Start the work",
                trigger: ".o_form_view .o_form_statusbar button[name='action_start']",
                run: "click",
            },
            {
                content: "Deliver is offered once the work started",
                trigger:
                    ".o_form_view .o_form_statusbar:not(:has(button[name='action_start'])) button[name='action_deliver']",
            },
        ]),
});

// The Company Synergy Health dashboard (the generic dashboard client action), drawn.
const COMPANY_HEALTH =
    ".o_synergy_dashboard[data-model='synergy.dashboard.company'] .o_synergy_dashboard_content:not(.o_synergy_dashboard_busy)";

// HR officer of the performance office (English): lands on Company Synergy Health, generates next
// year's periods and closes the first month.
registry.category("web_tour.tours").add("synergy_role_officer", {
    steps: () =>
        checked([
            ...openSynergyApp(),
            {
                content: "The app lands on Company Synergy Health",
                trigger: `${COMPANY_HEALTH} .o_synergy_dashboard_section[data-section='process_health'] .o_synergy_dashboard_figure`,
            },
            {
                content: "Company Synergy Health speaks English",
                trigger: `${COMPANY_HEALTH} .o_synergy_dashboard_section[data-section='collaboration_map'] .card-title:contains('Collaboration Map')`,
            },
            ...openMenu(
                "perf_synergy.menu_synergy_configuration",
                "perf_synergy.menu_synergy_period_generate",
                "Generate Periods"
            ),
            {
                content: "Prepare the year 2039",
                trigger: ".modal .o_field_widget[name='year'] input, .o_form_view .o_field_widget[name='year'] input",
                run: "edit 2039",
            },
            {
                content: "Generate it",
                trigger: "button[name='action_generate']",
                run: "click",
            },
            {
                content: "The year's periods are listed; open January",
                trigger: ".o_view_controller.o_list_view .o_data_row:contains('2039-01') td.o_data_cell:first",
                run: "click",
            },
            {
                content: "Close the period",
                trigger: ".o_form_view .o_form_statusbar button[name='action_close']",
                run: "click",
            },
            {
                content: "Confirm the close",
                trigger: ".modal-footer button.btn-primary",
                run: "click",
            },
            {
                content: "The period is closed: Reopen is offered",
                trigger: ".o_form_view .o_form_statusbar button[name='action_reopen']",
            },
        ]),
});

// Committee member (zh_CN): lands on the committee and prepares the next meeting, whose
// agenda is built from the data.
registry.category("web_tour.tours").add("synergy_role_committee", {
    steps: () =>
        checked([
            ...openSynergyApp(),
            {
                content: "The app lands on the committee",
                trigger: ".o_kanban_record:has(button[name='action_new_meeting'])",
            },
            notEmpty(".o_kanban_record:has(button[name='action_new_meeting'])"),
            onlyChinese(".o_kanban_record:has(button[name='action_new_meeting'])", DEMO_NAMES),
            {
                content: "Prepare the next meeting",
                trigger: ".o_kanban_record button[name='action_new_meeting']",
                run: "click",
            },
            {
                content: "The meeting's agenda is built from the data",
                trigger: ".o_form_view .o_field_widget[name='agenda_ids'] .o_data_row",
            },
            // The items' names quote the action items, typed in English by the demo's users.
            onlyChinese(".o_form_view .o_field_widget[name='agenda_ids'] .o_data_row", DEMO_NAMES, [
                ".o_field_widget[name='agenda_ids'] td[name='name']",
            ]),
        ]),
});

// Officer of a subsidiary (zh_CN): lands on the Company Synergy Health of Synergy America and sees
// no other company, neither in the switcher nor in the scorecards.
registry.category("web_tour.tours").add("synergy_role_subsidiary", {
    steps: () =>
        checked([
            ...openSynergyApp(),
            {
                content: "The app lands on the subsidiary's Company Synergy Health",
                trigger: `.o_action_manager:has(.o_control_panel:contains('Synergy America')) ${COMPANY_HEALTH} .o_synergy_dashboard_section`,
            },
            onlyChinese(`${COMPANY_HEALTH} .o_synergy_dashboard_section`, DEMO_NAMES),
            {
                // The shipped processes were shared by all companies, with the parent's
                // departments on their steps: the subsidiary has its own copy now.
                content: "Open the subsidiary's process steps (no data yet)",
                trigger: `${COMPANY_HEALTH} [data-section='process_health'] .o_synergy_dashboard_figure[data-key='steps_unknown']`,
                run: "click",
            },
            {
                content: "The process steps are the subsidiary's own, in Chinese",
                trigger: ".o_list_view .o_data_row",
                run() {
                    const text = document.querySelector(".o_list_view").innerText;
                    const parent = /Sales|Production|Supply Chain|Finance|Marketing|Administration|Customer Service|Research/;
                    if (parent.test(text)) {
                        throw new Error(`Another company's departments are shown:\n${text}`);
                    }
                },
            },
            onlyChinese(".o_list_view .o_data_row", DEMO_NAMES),
            {
                content: "The navbar names Synergy America and no other company",
                trigger: ".o_main_navbar:contains('Synergy America')",
                run() {
                    const text = document.querySelector(".o_main_navbar").innerText;
                    if (/YourCompany|Holding|Hong Kong|Energy JV/.test(text)) {
                        throw new Error(`Another company is offered: ${text}`);
                    }
                },
            },
            ...openMenu(
                "perf_synergy.menu_synergy_goals",
                "perf_synergy.menu_synergy_scorecards",
                "the scorecards"
            ),
            {
                content: "Only the subsidiary's scorecards are listed",
                trigger: ".o_list_view .o_data_row, .o_kanban_record:not(.o_kanban_ghost)",
                run() {
                    const text = document.querySelector(".o_action_manager").innerText;
                    if (/YourCompany|Management|管理 \//.test(text)) {
                        throw new Error(`Another company's scorecards are listed:\n${text}`);
                    }
                },
            },
        ]),
});

// Any role (zh_CN): the app's landing page opens, is not empty and shows no English.
registry.category("web_tour.tours").add("synergy_role_landing", {
    steps: () =>
        checked([
            ...openSynergyApp(),
            {
                content: "The landing page is shown",
                trigger: ".o_action_manager .o_view_controller, .o_action_manager .o_synergy_dashboard_section",
            },
            notEmpty(".o_action_manager .o_view_controller, .o_action_manager .o_synergy_dashboard_section"),
            onlyChinese(".o_action_manager .o_view_controller, .o_action_manager .o_synergy_dashboard_section", DEMO_NAMES, TYPED),
        ]),
});
