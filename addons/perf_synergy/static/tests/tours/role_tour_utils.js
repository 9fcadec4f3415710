// Steps shared by the role journeys of issue 18: a journey fails on any error dialog, on an
// empty landing and, on a page shown in Chinese, on any visible English word.

// Words a Chinese page may show in Latin letters: proper names of the demo (people,
// companies, suppliers), codes and units. Product strings never belong here.
export const PROPER_NAMES = [
    // people and companies of the demo data
    "Marc", "Demo", "Mitchell", "Admin", "Administrator", "Jeffrey", "Kelly", "Zhou", "Min",
    "Jing", "Synergy", "Holding", "Group", "America", "Europe", "YourCompany", "Huadong",
    "Inc", "Ltd", "Co",
    "Odoo", "OdooBot",
    // codes and units
    "KPI", "KPIs", "ESG", "ISO", "RACI", "PDCA", "SLA", "CNY", "USD", "EUR", "HKD", "tCO2e", "tCO", "kWh", "MWh",
];

/** Fails if an error dialog (UserError, AccessError, server error) is open. */
export function noErrorDialog(after) {
    return {
        content: `No error dialog after: ${after}`,
        trigger: "body",
        run() {
            const dialog = document.querySelector(".o_error_dialog");
            if (dialog) {
                throw new Error(`An error dialog is open after "${after}": ${dialog.innerText}`);
            }
        },
    };
}

/** The steps, each followed by a check that no error dialog opened. */
export function checked(steps) {
    return steps.flatMap((step) => [step, noErrorDialog(step.content)]);
}

// Text kept as it was written: the chatter's messages, the user's own name and the fields
// naming people (a person's name is a proper name, in whatever script it was typed).
const PEOPLE = ["employee_id", "manager_id", "user_id", "requester_id", "responder_id", "chair_id"];
const SKIPPED = [
    ".o-mail-Chatter",
    ".o_user_menu",
    ".o_switch_company_menu",
    ".o_field_many2one_avatar_user",
    ".o_field_many2one_avatar_employee",
    ".o_field_many2many_avatar_user",
    ".o_field_many2many_avatar_employee",
    ...PEOPLE.map((name) => `.o_field_widget[name='${name}'], td[name='${name}']`),
].join(", ");

/**
 * The visible text of the navbar and the current action, without the chatter and without
 * the elements matching `typed` (text the demo's users typed, e.g. action items' names).
 */
export function visibleText(typed = []) {
    const skipped = [SKIPPED, ...typed].join(", ");
    const texts = [];
    for (const root of document.querySelectorAll(".o_main_navbar, .o_action_manager")) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const element = node.parentElement;
            if (element.closest(skipped) || !element.checkVisibility()) {
                continue;
            }
            texts.push(node.textContent);
        }
    }
    return texts.join(" ");
}

const CODES = /\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\b/g;

/** The English words (3 letters or more) of `text` not in `allowed`. */
export function englishWords(text, allowed = []) {
    const known = new Set([...PROPER_NAMES, ...allowed].map((word) => word.toLowerCase()));
    // Codes (SYN-REV, ENV-01) are identifiers, not words.
    const words = text.replace(CODES, " ").match(/[A-Za-z]{3,}/g) || [];
    return [...new Set(words)].filter((word) => !known.has(word.toLowerCase()));
}

/**
 * Fails listing the visible English words of the page (navbar and current action, chatter
 * aside) once `trigger` is shown. `allowed`: the proper names and codes of the page's records;
 * `typed`: selectors of text typed by the demo's users, in English.
 */
export function onlyChinese(trigger, allowed = [], typed = []) {
    return {
        content: `No English word on the page (${trigger})`,
        trigger,
        run() {
            const words = englishWords(visibleText(typed), allowed);
            if (words.length) {
                throw new Error(
                    `English on a zh_CN page: ${words.sort().join(", ")}\n` +
                        "Translate the product strings (i18n/zh_CN.po); add proper names " +
                        "and codes to the tour's allow-list."
                );
            }
        },
    };
}

/** Fails if the landing page shows a view's empty-state help or no record. */
export function notEmpty(trigger) {
    return {
        content: `The landing page is not empty (${trigger})`,
        trigger,
        run() {
            const helper = document.querySelector(".o_view_nocontent");
            if (helper && helper.offsetParent !== null) {
                throw new Error(`The landing page is empty: ${helper.innerText}`);
            }
        },
    };
}

/** Opens the Performance Synergy app from the apps menu. */
export function openSynergyApp() {
    return [
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
    ];
}

/**
 * Opens a menu item of the app's navbar, through the "More" menu when the sections do not
 * fit (long English labels on a narrow screen).
 */
export function openMenu(sectionXmlid, itemXmlid, what) {
    return [
        {
            content: `Open the menu of ${what}`,
            trigger: ".o_main_navbar .o_menu_sections",
            run() {
                const section = document.querySelector(
                    `.o_main_navbar button[data-menu-xmlid='${sectionXmlid}']`
                );
                if (section && section.checkVisibility()) {
                    section.click();
                } else {
                    document.querySelector(".o_main_navbar .o_menu_sections_more button").click();
                }
            },
        },
        {
            content: `Open ${what}`,
            trigger: `.o-dropdown--menu a[data-menu-xmlid='${itemXmlid}']`,
            run: "click",
        },
    ];
}

/**
 * Switches a dashboard (`dashboard`: its selector) to another period: the one before the
 * period shown in the same group of the selector (the previous month, quarter or year),
 * else the one after it, else any other. Remembers the period chosen, by its value, for
 * periodShown.
 */
export function choosePeriod(dashboard, content = "Switch to another period") {
    const selector = `${dashboard} select.o_synergy_dashboard_period`;
    return {
        content,
        trigger: `${selector}:has(optgroup option:checked)`,
        run() {
            const select = document.querySelector(selector);
            const shown = select.selectedOptions[0];
            const group = [...shown.parentElement.querySelectorAll("option")];
            const index = group.indexOf(shown);
            const chosen =
                group[index + 1] ||
                group[index - 1] ||
                [...select.options].find((option) => option !== shown);
            if (!chosen) {
                throw new Error("The period selector offers one period only");
            }
            document.body.dataset.synergyPeriod = chosen.value;
            select.value = chosen.value;
            select.dispatchEvent(new Event("change", { bubbles: true }));
        },
    };
}

/**
 * Waits until the dashboard shows the period chosen by choosePeriod: the server's answer is
 * for that period (the selector's data-period) and its option is the one selected.
 */
export function periodShown(dashboard, content = "The dashboard shows the period chosen", timeout = 30000) {
    const selector = `${dashboard} select.o_synergy_dashboard_period`;
    return {
        content,
        trigger: `${dashboard} .o_synergy_dashboard_content:not(.o_synergy_dashboard_busy)`,
        async run() {
            const wanted = document.body.dataset.synergyPeriod;
            const shown = () => {
                const select = document.querySelector(selector);
                const busy = document.querySelector(`${dashboard} .o_synergy_dashboard_busy`);
                return (
                    !busy &&
                    select?.dataset.period === wanted &&
                    select.selectedOptions[0]?.value === wanted
                );
            };
            for (let waited = 0; !shown(); waited += 100) {
                if (waited > timeout) {
                    const select = document.querySelector(selector);
                    throw new Error(
                        `The dashboard shows the period ${select?.dataset.period}, not ${wanted}`
                    );
                }
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
        },
    };
}
