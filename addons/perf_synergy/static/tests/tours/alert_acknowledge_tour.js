import { registry } from "@web/core/registry";

// A department head that must act on an alert acknowledges it from the alert list.
registry.category("web_tour.tours").add("synergy_alert_acknowledge", {
    steps: () => [
        {
            content: "Open the alert",
            trigger: ".o_list_view .o_data_row td:contains('Ack KPI')",
            run: "click",
        },
        {
            content: "It is open",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Open')",
        },
        {
            content: "Acknowledge it",
            trigger: ".o_form_view .o_form_statusbar button[name='action_acknowledge']",
            run: "click",
        },
        {
            content: "The alert is acknowledged",
            trigger:
                ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Acknowledged')",
        },
    ],
});
