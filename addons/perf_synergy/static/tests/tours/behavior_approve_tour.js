import { registry } from "@web/core/registry";

// A department head approves a collaboration-points proposal made by a project lead for an
// employee of the department.
registry.category("web_tour.tours").add("synergy_behavior_approve", {
    steps: () => [
        {
            content: "Open the proposal to approve",
            trigger: ".o_list_view .o_data_row td:contains('Approval Employee')",
            run: "click",
        },
        {
            content: "It waits for approval",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('To Approve')",
        },
        {
            content: "Approve it",
            trigger: ".o_form_view .o_form_statusbar button[name='action_approve']",
            run: "click",
        },
        {
            content: "The points are approved",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Approved')",
        },
    ],
});
