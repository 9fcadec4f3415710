import { registry } from "@web/core/registry";

// An officer walks the goal screens: scorecards, one scorecard's lines, the value tree and
// the strategy map, so that every view of goal penetration renders in the browser.
function openGoalsMenu(xmlid, content) {
    return [
        {
            content: "Open the Goals menu",
            trigger: ".o_main_navbar button[data-menu-xmlid='perf_synergy.menu_synergy_goals']",
            run: "click",
        },
        {
            content,
            trigger: `.o-dropdown--menu a[data-menu-xmlid='${xmlid}']`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("perf_synergy_goals", {
    steps: () => [
        ...openGoalsMenu("perf_synergy.menu_synergy_scorecards", "Open the scorecards"),
        {
            content: "Open the tour's scorecard",
            trigger: ".o_list_view .o_data_row td:contains('Tour Department')",
            run: "click",
        },
        {
            content: "Its KPI line and score are shown",
            trigger: ".o_form_view .o_field_one2many .o_data_row:contains('Tour KPI')",
        },
        {
            content: "Refresh the actuals",
            trigger: ".o_form_view button[name='action_refresh']",
            run: "click",
        },
        {
            content: "The KPI score is 90",
            trigger: ".o_form_view .o_field_widget[name='kpi_score']:contains('90')",
        },
        ...openGoalsMenu("perf_synergy.menu_synergy_value_tree", "Open the value tree"),
        {
            content: "The hierarchy of lines renders",
            trigger: ".o_hierarchy_view .o_hierarchy_node",
        },
        ...openGoalsMenu("perf_synergy.menu_synergy_objectives", "Open the strategy map"),
        {
            content: "The strategy map renders",
            trigger: ".o_hierarchy_view .o_hierarchy_node:contains('Tour objective')",
        },
    ],
});

// A head opens the value tree of his department's line, which drives the company's line he
// may not read: the tree starts at his line with its drivers, without an access error.
registry.category("web_tour.tours").add("perf_synergy_value_tree_head", {
    steps: () => [
        {
            content: "Open the value tree of the department's line",
            trigger: ".o_form_view button[name='action_view_value_tree']",
            run: "click",
        },
        {
            content: "The tree shows the department's line and its driver, the team's line",
            trigger: ".o_hierarchy_view .o_hierarchy_node:contains('Value Tree Team')",
            run() {
                const nodes = document.querySelectorAll(".o_hierarchy_view .o_hierarchy_node");
                const texts = [...nodes].map((node) => node.textContent);
                if (nodes.length !== 2 || !texts.some((text) => !text.includes("Team"))) {
                    throw new Error(`Expected the head's line and its driver, got: ${texts}`);
                }
            },
        },
    ],
});
