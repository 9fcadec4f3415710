import { registry } from "@web/core/registry";

// A user opens the Performance Synergy app from the apps menu and reaches its departments.
registry.category("web_tour.tours").add("perf_synergy_open_app", {
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Performance Synergy app",
            trigger: ".o_app[data-menu-xmlid='perf_synergy.menu_synergy_root']",
            run: "click",
        },
        {
            content: "The app is open",
            trigger: ".o_main_navbar .o_menu_brand:contains('Performance Synergy')",
        },
        {
            content: "Open the Goals menu",
            trigger: ".o_main_navbar button[data-menu-xmlid='perf_synergy.menu_synergy_goals']",
            run: "click",
        },
        {
            content: "Open the departments",
            trigger: ".o-dropdown--menu a[data-menu-xmlid='perf_synergy.menu_synergy_departments']",
            run: "click",
        },
        {
            content: "The departments list is shown",
            trigger: ".o_breadcrumb:contains('Departments')",
        },
    ],
});
