import { registry } from "@web/core/registry";

// A supplier's portal user opens their ESG report, fills it, saves a draft and submits it.
registry.category("web_tour.tours").add("synergy_esg_portal_submit", {
    url: "/my/esg",
    steps: () => [
        {
            content: "Open the report to fill",
            trigger: "tr.o_esg_report_row a:contains(Test Green Supplier)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Renewable share",
            trigger: "tr.o_esg_line_T-RENEW input.o_esg_value",
            run: "edit 40",
        },
        {
            content: "Electricity used, as activity data",
            trigger: "tr.o_esg_line_T-S2 input.o_esg_activity",
            run: "edit 10000",
        },
        {
            content: "ISO 14001 certified",
            trigger: "tr.o_esg_line_T-ISO select.o_esg_value",
            run: "select yes",
        },
        {
            content: "Audit result",
            trigger: "tr.o_esg_line_T-AUDIT select.o_esg_value",
            run: "select pass",
        },
        {
            content: "Labour incidents",
            trigger: "tr.o_esg_line_T-INC input.o_esg_value",
            run: "edit 1",
        },
        {
            content: "Ethics policy",
            trigger: "tr.o_esg_line_T-POL input.o_esg_value",
            run: "edit Code of ethics v3",
        },
        {
            content: "Save the draft",
            trigger: "button.o_esg_save",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The draft is saved and the answers are shown again",
            trigger: ".o_esg_saved",
        },
        {
            trigger: "tr.o_esg_line_T-S2 input.o_esg_value[value='5']",
        },
        {
            content: "Submit",
            trigger: "button.o_esg_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Submitted",
            trigger: ".o_esg_submitted",
        },
        {
            trigger: ".o_esg_state:contains(Submitted)",
        },
    ],
});
