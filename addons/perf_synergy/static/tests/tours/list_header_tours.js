import { registry } from "@web/core/registry";
import { checked } from "@perf_synergy/../tests/tours/role_tour_utils";

// Long Chinese column headers were cut ("达成率 (…"): a list opened in the test browser's
// window (1366 px) shows every column header whole (tests/test_list_headers.py).
registry.category("web_tour.tours").add("synergy_list_headers", {
    steps: () =>
        checked([
            {
                content: "The list shows its records",
                trigger: ".o_action_manager .o_list_table .o_data_row",
            },
            {
                content: "No column header is cut",
                trigger: ".o_action_manager .o_list_table thead th[data-name]",
                run() {
                    const cut = [];
                    const headers = document.querySelectorAll(
                        ".o_action_manager .o_list_table thead th[data-name] span.text-truncate"
                    );
                    for (const label of headers) {
                        if (label.scrollWidth > label.clientWidth + 1) {
                            cut.push(`${label.closest("th").dataset.name}: ${label.innerText}`);
                        }
                    }
                    if (cut.length) {
                        throw new Error(`Column headers cut:\n${cut.join("\n")}`);
                    }
                },
            },
        ]),
});
