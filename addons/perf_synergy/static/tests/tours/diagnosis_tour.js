import { registry } from "@web/core/registry";

// An officer opens a six-gap diagnosis and sees its radar.
registry.category("web_tour.tours").add("perf_synergy_diagnosis_radar", {
    steps: () => [
        {
            content: "Open the tour's diagnosis",
            trigger: ".o_list_view .o_data_row td:contains('Tour diagnosis')",
            run: "click",
        },
        {
            content: "The radar is drawn (the synergy_radar widget, Chart.js)",
            trigger: ".o_form_view .o_field_widget[name='radar'] .o_synergy_radar canvas",
        },
    ],
});
