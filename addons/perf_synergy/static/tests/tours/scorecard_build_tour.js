import { registry } from "@web/core/registry";

// A department head cascades a company KPI line to the department (push), completes the
// department's scorecard with a line of its own and confirms it.
registry.category("web_tour.tours").add("synergy_scorecard_build", {
    steps: () => [
        {
            content: "The company line is open",
            trigger: ".o_breadcrumb:contains('Build revenue')",
        },
        {
            content: "Cascade it",
            trigger: ".o_form_view .o_form_statusbar button:contains('Cascade')",
            run: "click",
        },
        {
            content: "Choose the department to push the line to",
            trigger: ".modal .o_field_widget[name='department_ids'] input",
            run: "edit Build Department",
        },
        {
            content: "Pick it",
            trigger: ".ui-menu-item-wrapper:contains('Build Department')",
            run: "click",
        },
        {
            content: "The department is chosen",
            trigger: ".modal .o_field_widget[name='department_ids'] .o_tag:contains('Build Department')",
        },
        {
            content: "Weight of the driver line in the department's scorecard",
            trigger: ".modal .o_field_widget[name='weight'] input",
            run: "edit 30",
        },
        {
            content: "Cascade",
            trigger: ".modal footer button[name='action_apply']",
            run: "click",
        },
        {
            content: "The driver line is listed",
            trigger: ".o_list_view .o_data_row:contains('Build revenue')",
        },
        {
            content: "Open the Goals menu",
            trigger: ".o_main_navbar button[data-menu-xmlid='perf_synergy.menu_synergy_goals']",
            run: "click",
        },
        {
            content: "Open the scorecards",
            trigger: ".o-dropdown--menu a[data-menu-xmlid='perf_synergy.menu_synergy_scorecards']",
            run: "click",
        },
        {
            content: "The scorecards list is shown",
            trigger: ".o_breadcrumb .active:contains('Scorecards')",
        },
        {
            content: "Open the department's new scorecard",
            trigger: ".o_list_view .o_data_row td:contains('Build Department')",
            run: "click",
        },
        {
            content: "The cascaded line is on it",
            trigger: ".o_form_view .o_field_one2many .o_data_row:contains('Build revenue')",
        },
        {
            content: "Add a line of the department's own",
            trigger: ".o_form_view .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Its KPI",
            trigger: ".o_selected_row .o_field_widget[name='kpi_id'] input",
            run: "edit Build own KPI",
        },
        {
            content: "Pick the KPI",
            trigger: ".ui-menu-item-wrapper:contains('Build own KPI')",
            run: "click",
        },
        {
            content: "Its weight",
            trigger: ".o_selected_row .o_field_widget[name='weight'] input",
            run: "edit 70",
        },
        {
            content: "Its target",
            trigger: ".o_selected_row .o_field_widget[name='target'] input",
            run: "edit 12",
        },
        {
            content: "Save the scorecard",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: the weights sum to 100",
            trigger: ".o_form_view .o_form_saved .o_field_widget[name='total_weight']:contains('100')",
        },
        {
            content: "Confirm the scorecard",
            trigger: ".o_form_view .o_form_statusbar button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The scorecard is confirmed",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Confirmed')",
        },
    ],
});
