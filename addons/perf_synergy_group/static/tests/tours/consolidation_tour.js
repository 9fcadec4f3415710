import { registry } from "@web/core/registry";

// Group finance computes a consolidation run, reads its group totals and approves it.
registry.category("web_tour.tours").add("perf_synergy_group_consolidation", {
    steps: () => [
        {
            content: "Open the run",
            trigger: ".o_list_view .o_data_row td:contains('Tour run')",
            run: "click",
        },
        {
            content: "It is a draft",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Draft')",
        },
        {
            content: "Compute it",
            trigger: ".o_form_view .o_form_statusbar button[name='action_compute']:visible",
            run: "click",
        },
        {
            content: "The group total of revenue is shown",
            trigger: ".o_form_view .o_field_one2many[name='total_line_ids'] td:contains('Revenue')",
        },
        {
            content: "Approve it",
            trigger: ".o_form_view .o_form_statusbar button[name='action_approve']",
            run: "click",
        },
        {
            content: "The run is approved and its name is read-only",
            trigger:
                ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Approved')",
        },
        {
            content: "Reopen is offered",
            trigger: ".o_form_view .o_form_statusbar button[name='action_reopen']",
        },
    ],
});

// The group structure opens as a hierarchy.
registry.category("web_tour.tours").add("perf_synergy_group_structure", {
    steps: () => [
        {
            content: "The parent company is the root of the hierarchy",
            trigger: ".o_hierarchy_view .o_hierarchy_node:contains('Test Holding')",
        },
        {
            content: "Its subsidiaries are shown below it",
            trigger: ".o_hierarchy_view .o_hierarchy_node:contains('Test HK Ltd')",
        },
    ],
});
