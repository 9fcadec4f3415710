import { registry } from "@web/core/registry";
import { checked, openSynergyApp } from "@perf_synergy/../tests/tours/role_tour_utils";

// Issue 20, item 3: "why this score", the diagnosis radar, rendered by OWL widgets from JSON
// (tests/test_widgets_tours.py runs them as the demo's logins).

// The demo employee (zh_CN) opens his published scorecard from My Results and reads why it
// scores so.
registry.category("web_tour.tours").add("synergy_why_this_score_employee", {
    steps: () =>
        checked([
            ...openSynergyApp(),
            {
                content: "From My Results, open the scorecard whose result is published",
                trigger: ".o_synergy_dashboard [data-section='result'] .o_synergy_dashboard_list_item[data-key='published']",
                run: "click",
            },
            {
                content: "Open the Why This Score tab",
                trigger: ".o_form_view .o_notebook a[name='why']",
                run: "click",
            },
            {
                content: "The KPI lines are explained, each with the rule applied",
                trigger:
                    ".o_synergy_score_explanation .o_synergy_explanation_lines tr[data-line-id] .o_synergy_rule:not(:empty)",
            },
            {
                content: "The KPI score is shown",
                trigger: ".o_synergy_score_explanation td[data-key='kpi_score']:not(:empty)",
            },
            {
                content: "The published result is explained",
                trigger: ".o_synergy_score_explanation td[data-key='published_grade']:not(:empty)",
            },
        ]),
});

// The officer opens a diagnosis of the demo and sees its radar.
registry.category("web_tour.tours").add("synergy_diagnosis_radar_officer", {
    steps: () =>
        checked([
            {
                content: "Open a diagnosis",
                trigger: ".o_list_view .o_data_row:first td.o_data_cell",
                run: "click",
            },
            {
                content: "The radar is drawn",
                trigger: ".o_form_view .o_field_widget[name='radar'] .o_synergy_radar canvas",
            },
        ]),
});

// A KPI named like markup is shown as text in "why this score".
registry.category("web_tour.tours").add("synergy_why_this_score_hostile", {
    steps: () =>
        checked([
            {
                content: "Open the Why This Score tab",
                trigger: ".o_form_view .o_notebook a[name='why']",
                run: "click",
            },
            {
                content: "The KPI's name is shown as it was typed",
                trigger: ".o_synergy_score_explanation .o_synergy_kpi:contains('<img src=x onerror=alert(1)>')",
                run() {
                    const widget = document.querySelector(".o_synergy_score_explanation");
                    if (widget.querySelector("img")) {
                        throw new Error("The KPI's name was rendered as markup");
                    }
                    if (window.__synergy_xss__) {
                        throw new Error("A script of the KPI's name ran");
                    }
                },
            },
        ]),
});
