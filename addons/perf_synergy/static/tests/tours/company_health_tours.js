import { registry } from "@web/core/registry";
import { checked, onlyChinese, openSynergyApp } from "@perf_synergy/../tests/tours/role_tour_utils";

// Company Synergy Health and its collaboration map (issue 20), as the demo officer
// (tests/test_collaboration_map.py): land on the dashboard, switch to the year, open a heat
// map cell's requests and a weakest seam's, come back by the breadcrumb each time.

// Proper names of the records the map shows that nobody translates: Odoo's own hr demo
// departments (the product's demo departments are translated).
const DEMO_NAMES = [
    "Research", "Development", "Management", "Administration", "Long", "Term", "Projects",
    "Professional", "Services", "USA",
    "Lena", "Hoffmann", "Omar", "Haddad", "Wang", "Jun",
];
// Titles of the requests, typed by the demo's users in English.
const TYPED = [".o_list_view td[name='name']"];

const dashboard = ".o_synergy_dashboard[data-model='synergy.dashboard.company']";
const content = `${dashboard} .o_synergy_dashboard_content:not(.o_synergy_dashboard_busy)`;
const map = `${content} .o_synergy_dashboard_section[data-section='collaboration_map']`;
const seams = `${content} .o_synergy_dashboard_section[data-section='weakest_seams']`;

/** Chooses the period named by a year alone ("2026", "2026年"): the demo's requests all lie in it. */
function chooseTheYear() {
    return {
        content: "Switch to the year",
        trigger: `${content} select.o_synergy_dashboard_period, ${dashboard} select.o_synergy_dashboard_period`,
        run() {
            const select = document.querySelector(`${dashboard} select.o_synergy_dashboard_period`);
            const year = [...select.options].find((option) => /^\s*\d{4}\s*年?\s*$/.test(option.text));
            if (!year) {
                throw new Error("No yearly period is offered");
            }
            document.body.dataset.synergyYear = year.value;
            select.value = year.value;
            select.dispatchEvent(new Event("change", { bubbles: true }));
        },
    };
}

/** Waits until the dashboard shows the year chosen, its data loaded. */
const yearChosen = {
    content: "The dashboard shows the year",
    trigger: `${content} .o_synergy_dashboard_section[data-section='collaboration_map']`,
    async run() {
        const wanted = document.body.dataset.synergyYear;
        const shown = () => {
            const select = document.querySelector(`${dashboard} select.o_synergy_dashboard_period`);
            const busy = document.querySelector(`${dashboard} .o_synergy_dashboard_busy`);
            return select && select.value === wanted && !busy;
        };
        await new Promise((resolve) => setTimeout(resolve, 300));
        for (let waited = 0; !shown(); waited += 100) {
            if (waited > 9000) {
                throw new Error(`The dashboard does not show the period ${wanted}`);
            }
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
    },
};

function backToTheDashboard() {
    return [
        {
            content: "Come back by the breadcrumb",
            trigger: ".o_control_panel .breadcrumb-item:first a",
            run: "click",
        },
        {
            content: "The map is drawn again",
            trigger: `${map} .o_synergy_dashboard_cell`,
        },
        yearChosen,
    ];
}

function companyHealthJourney(chinese) {
    const language = (trigger, typed = []) =>
        chinese ? [onlyChinese(trigger, DEMO_NAMES, typed)] : [];
    return checked([
        ...openSynergyApp(),
        {
            content: "The app lands on Company Synergy Health",
            trigger: `${content} .o_synergy_dashboard_section[data-section='process_health'] .o_synergy_dashboard_figure`,
        },
        ...language(`${content} .o_synergy_dashboard_section`),
        chooseTheYear(),
        yearChosen,
        {
            content: "The collaboration map of the year shows a weak seam",
            trigger: `${map} .o_synergy_dashboard_cell.o_synergy_tone_bg_danger.o_synergy_dashboard_clickable`,
        },
        ...language(`${map} .o_synergy_dashboard_cell`),
        {
            content: "Open the requests behind a red cell",
            trigger: `${map} .o_synergy_dashboard_cell.o_synergy_tone_bg_danger.o_synergy_dashboard_clickable`,
            run: "click",
        },
        {
            content: "The pair's requests are listed",
            trigger: ".o_list_view .o_data_row",
        },
        ...language(".o_list_view .o_data_row", TYPED),
        ...backToTheDashboard(),
        {
            content: "Open the weakest seam's requests",
            trigger: `${seams} .o_synergy_dashboard_list_item.o_synergy_dashboard_clickable:first`,
            run: "click",
        },
        {
            content: "The seam's requests are listed",
            trigger: ".o_list_view .o_data_row",
        },
        ...backToTheDashboard(),
        {
            content: "A seam's consultations open from its links",
            trigger: `${seams} .o_synergy_dashboard_list_item a.o_synergy_dashboard_link:last`,
            run: "click",
        },
        {
            content: "Its records are listed",
            trigger: ".o_list_view .o_data_row",
        },
        ...backToTheDashboard(),
    ]);
}

registry.category("web_tour.tours").add("synergy_company_health", {
    steps: () => companyHealthJourney(false),
});

registry.category("web_tour.tours").add("synergy_company_health_zh", {
    steps: () => companyHealthJourney(true),
});

// The collaboration map's own screen: Reporting > Collaboration Map.
registry.category("web_tour.tours").add("synergy_collaboration_map", {
    steps: () =>
        checked([
            {
                content: "The map is drawn",
                trigger:
                    ".o_synergy_dashboard[data-model='synergy.dashboard.collaboration'] .o_synergy_dashboard_section[data-section='collaboration_map'] .o_synergy_dashboard_cell",
            },
            {
                content: "The weakest seams are listed",
                trigger:
                    ".o_synergy_dashboard[data-model='synergy.dashboard.collaboration'] .o_synergy_dashboard_section[data-section='weakest_seams'] .o_synergy_dashboard_list_item",
            },
        ]),
});
