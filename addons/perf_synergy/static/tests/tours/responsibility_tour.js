import { registry } from "@web/core/registry";

// An officer opens a RACI matrix and a linkage matrix: both 2D matrix editors render their
// cells, and a RACI role is set from the grid.
registry.category("web_tour.tours").add("perf_synergy_responsibility", {
    steps: () => [
        {
            content: "Open the tour's RACI matrix",
            trigger: ".o_list_view .o_data_row td:contains('Tour RACI')",
            run: "click",
        },
        {
            content: "The matrix shows the departments as columns",
            trigger: ".o_field_x2many_2d_matrix th:contains('Tour Finance')",
        },
        {
            content: "Open Finance's cell (first column: departments are sorted by name)",
            trigger:
                ".o_field_x2many_2d_matrix tbody tr:contains('Tour step') td:nth-child(2) .o_select_menu_toggler",
            run: "click",
        },
        {
            content: "Finance is Informed",
            trigger: ".o_select_menu_item:contains('I - Informed')",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});
