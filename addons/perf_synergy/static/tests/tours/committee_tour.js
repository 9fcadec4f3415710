import { registry } from "@web/core/registry";

// An officer opens the committee dashboard and prepares the next meeting, whose agenda is
// built from the data.
registry.category("web_tour.tours").add("perf_synergy_committee", {
    steps: () => [
        {
            content: "The committee card is on the dashboard",
            trigger: ".o_kanban_record:contains('Tour committee')",
        },
        {
            content: "Prepare the next meeting",
            trigger: ".o_kanban_record:contains('Tour committee') button[name='action_new_meeting']",
            run: "click",
        },
        {
            content: "The meeting form opens with its agenda tab",
            trigger: ".o_form_view .o_notebook a:contains('Agenda')",
        },
        {
            content: "Mark it held",
            trigger: ".o_form_view button[name='action_done']",
            run: "click",
        },
        {
            content: "Held",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Held')",
        },
    ],
});
