// The generic client action of the role dashboards (issue 20). It draws whatever JSON the
// dashboard model's get_dashboard_data returns (see synergy_dashboard_mixin.py): a period and
// a scope selector, then sections by type. Every element with a drill opens its records; the
// breadcrumb brings the user back here.
import { _t } from "@web/core/l10n/translation";
import { getColor, hexToRGBA } from "@web/core/colors/colors";
import { cookie } from "@web/core/browser/cookie";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { useService } from "@web/core/utils/hooks";
import { formatFloat } from "@web/core/utils/numbers";
import { useSetupAction } from "@web/search/action_hook";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { useSynergyChart } from "../widgets/synergy_chart";
import { Component, onWillStart, onWillUnmount, toRaw, useState } from "@odoo/owl";

const TONES = ["success", "warning", "danger", "info", "muted"];

export function formatValue(value, digits = 0, unit = "") {
    if (value === null || value === undefined || value === false) {
        return "–";
    }
    if (typeof value !== "number") {
        return String(value);
    }
    const text = formatFloat(value, { digits: [false, digits] });
    if (!unit) {
        return text;
    }
    return unit === "%" ? `${text}%` : `${text} ${unit}`;
}

/** One chart section, drawn with Odoo's own Chart.js bundle. */
export class SynergyDashboardChart extends Component {
    static template = "perf_synergy.DashboardChart";
    static props = { section: Object, openDrill: Function };

    setup() {
        useSynergyChart(() => this.chartConfig(), () => [this.props.section]);
    }

    get isEmpty() {
        const section = this.props.section;
        return !section.labels?.length || !section.datasets?.some((d) => d.data?.some((v) => v !== null));
    }

    chartConfig() {
        if (this.isEmpty) {
            return null;
        }
        // Chart.js instruments the arrays it is given: hand it plain copies, not OWL's
        // reactive proxies.
        const section = toRaw(this.props.section);
        const colorScheme = cookie.get("color_scheme");
        const kind = section.chart || "bar";
        const many = kind === "doughnut" ? section.labels.length : section.datasets.length;
        const datasets = section.datasets.map((dataset, index) => {
            const color = getColor(index, colorScheme, many);
            const config = { label: dataset.label, data: [...(dataset.data || [])] };
            if (kind === "doughnut") {
                config.backgroundColor = section.labels.map((_, i) => getColor(i, colorScheme, many));
            } else if (kind === "line" || kind === "radar") {
                Object.assign(config, {
                    borderColor: color,
                    backgroundColor: hexToRGBA(color, 0.15),
                    fill: kind === "radar",
                    tension: 0.2,
                    spanGaps: true,
                    pointRadius: 4,
                });
            } else {
                config.backgroundColor = color;
            }
            return config;
        });
        const unit = section.unit || "";
        const tick = (value) => formatValue(value, 0, unit);
        const options = {
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            plugins: {
                legend: { display: datasets.length > 1 || kind === "doughnut", position: "bottom" },
                tooltip: {
                    callbacks: {
                        label: (ctx) => {
                            const value = kind === "doughnut" ? ctx.parsed : ctx.parsed.y ?? ctx.parsed.r;
                            return `${ctx.dataset.label}: ${formatValue(value, 1, unit)}`;
                        },
                    },
                },
            },
            onClick: (ev, elements) => this.onClickElements(elements),
            onHover: (ev, elements) => {
                const target = ev.native?.target;
                if (target) {
                    target.style.cursor = elements.length && this.drillAt(elements[0].index) ? "pointer" : "default";
                }
            },
        };
        if (kind === "line" || kind === "bar") {
            options.scales = {
                y: { beginAtZero: true, ticks: { callback: tick } },
            };
            if (section.max) {
                options.scales.y.suggestedMax = section.max;
            }
        } else if (kind === "radar") {
            options.scales = { r: { beginAtZero: true, ticks: { callback: tick } } };
            if (section.max) {
                options.scales.r.suggestedMax = section.max;
            }
        }
        return {
            type: kind,
            data: { labels: [...section.labels], datasets },
            options,
        };
    }

    get emptyText() {
        return this.props.section.empty || _t("No data for this period.");
    }

    drillAt(index) {
        return (this.props.section.drills || [])[index] || null;
    }

    onClickElements(elements) {
        if (!elements.length) {
            return;
        }
        const drill = this.drillAt(elements[0].index);
        if (drill) {
            this.props.openDrill(drill);
        }
    }
}

export class SynergyDashboard extends Component {
    static template = "perf_synergy.Dashboard";
    static components = { Layout, SynergyDashboardChart };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        const params = this.props.action.params || {};
        this.model = params.model;
        this.heatIndex = new WeakMap();
        this.state = useState({
            data: null,
            loading: false,
            periodId: params.period_id || null,
            scopeId: params.scope_id || null,
        });
        // Coming back by the breadcrumb shows the period and scope the user had chosen.
        const restored = this.props.state || {};
        if (restored.periodId) {
            this.state.periodId = restored.periodId;
        }
        if (restored.scopeId) {
            this.state.scopeId = restored.scopeId;
        }
        useSetupAction({
            getLocalState: () => ({ periodId: this.state.periodId, scopeId: this.state.scopeId }),
        });
        onWillStart(() => this.load());
        this.alive = true;
        onWillUnmount(() => (this.alive = false));
    }

    async load() {
        // Only the answer to the latest request is shown (the user may switch quickly).
        const request = (this.lastRequest = (this.lastRequest || 0) + 1);
        this.state.loading = true;
        try {
            const data = await this.orm.call(this.model, "get_dashboard_data", [], {
                period_id: this.state.periodId || null,
                scope_id: this.state.scopeId || null,
            });
            if (!this.alive || request !== this.lastRequest) {
                return;
            }
            this.state.data = data;
            this.state.periodId = data.period ? data.period.id : null;
            this.state.scopeId = data.scope ? data.scope.id : null;
            this.env.config?.setDisplayName?.(data.title);
        } finally {
            this.state.loading = false;
        }
    }

    get tones() {
        return TONES;
    }

    async onPeriodChange(ev) {
        this.state.periodId = parseInt(ev.target.value) || null;
        await this.load();
    }

    async onScopeChange(ev) {
        this.state.scopeId = parseInt(ev.target.value) || null;
        await this.load();
    }

    format(value, digits, unit) {
        return formatValue(value, digits, unit);
    }

    cellText(column, value) {
        if (value === null || value === undefined || value === false) {
            return column.kind === "text" || column.kind === "badge" ? "" : "–";
        }
        switch (column.kind) {
            case "number":
                return formatValue(value, column.digits ?? 2);
            case "percent":
            case "progress":
                return formatValue(value, column.digits ?? 1, "%");
            default:
                return String(value);
        }
    }

    progressWidth(value) {
        const number = typeof value === "number" ? value : 0;
        return `${Math.max(0, Math.min(100, number))}%`;
    }

    toneClass(tone, prefix = "text") {
        if (!tone) {
            return "";
        }
        return tone === "muted" ? "text-muted" : `${prefix}-${tone}`;
    }

    /** The cell of a heat map at (row, col), indexed once per section (not in the state). */
    heatCell(section, rowId, colId) {
        const raw = toRaw(section);
        let index = this.heatIndex.get(raw);
        if (!index) {
            index = new Map((raw.cells || []).map((cell) => [`${cell.row}-${cell.col}`, cell]));
            this.heatIndex.set(raw, index);
        }
        return index.get(`${rowId}-${colId}`) || null;
    }

    sectionWidth(section) {
        if (section.width) {
            return section.width;
        }
        return section.type === "figures" || section.type === "heatmap" ? 12 : 6;
    }

    async openDrill(drill) {
        if (!drill) {
            return;
        }
        if (drill.res_id) {
            return this.actionService.doAction({
                type: "ir.actions.act_window",
                name: drill.name,
                res_model: drill.model,
                res_id: drill.res_id,
                views: [[false, "form"]],
                context: drill.context || {},
            });
        }
        const views = (drill.views || ["list", "form"]).map((view) => [false, view]);
        return this.actionService.doAction({
            type: "ir.actions.act_window",
            name: drill.name,
            res_model: drill.model,
            domain: drill.domain || [],
            views,
            context: drill.context || {},
        });
    }

    onNoticeClick() {
        const notice = this.state.data?.notice;
        if (!notice) {
            return;
        }
        if (notice.switch_company_id) {
            // The company switcher's own path: the page reloads in the other company.
            return user.activateCompanies([notice.switch_company_id]);
        }
        return this.openDrill(notice.drill);
    }

    get texts() {
        return {
            period: _t("Period"),
            noPeriod: _t("No period"),
            empty: _t("Nothing to show."),
            loading: _t("Loading…"),
        };
    }
}

registry.category("actions").add("perf_synergy.dashboard", SynergyDashboard);
