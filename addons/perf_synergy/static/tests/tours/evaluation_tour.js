import { registry } from "@web/core/registry";

// An internal customer fills and submits an evaluation from "My Evaluations".
registry.category("web_tour.tours").add("perf_synergy_evaluation", {
    steps: () => [
        {
            content: "Open the evaluation to fill",
            trigger: ".o_list_view .o_data_row td:contains('Tour Support')",
            run: "click",
        },
        {
            content: "Rate the first question 4 stars",
            trigger: ".o_form_view .o_data_row:nth-child(1) .o_priority a:nth-child(4)",
            run: "click",
        },
        {
            content: "Rate the second question 5 stars",
            trigger: ".o_form_view .o_data_row:nth-child(2) .o_priority a:nth-child(5)",
            run: "click",
        },
        {
            content: "Submit",
            trigger: ".o_form_view button[name='action_submit']",
            run: "click",
        },
        {
            content: "The evaluation is submitted",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Submitted')",
        },
    ],
});
