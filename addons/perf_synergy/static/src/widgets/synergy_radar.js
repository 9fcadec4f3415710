import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { SynergyChartField } from "./synergy_chart";
import { num } from "./synergy_format";

const SCORE_COLOR = "#714b67";
const THRESHOLD_COLOR = "#e06666";

/**
 * The six-gap diagnosis radar (synergy.diagnosis.radar: each dimension's score, the weak
 * threshold and the mechanisms of the weak dimensions), drawn with Odoo's own Chart.js.
 */
export class SynergyRadar extends SynergyChartField {
    static template = "perf_synergy.SynergyRadar";

    setup() {
        super.setup();
        this.num = num;
        this.labels = {
            score: _t("Score"),
            notRated: _t("not rated"),
            insufficient: _t("too few ratings"),
            threshold: _t("Weak under"),
        };
    }

    scoreLabel(dim) {
        if (dim.score !== false) {
            return num(dim.score, 0);
        }
        return dim.insufficient ? this.labels.insufficient : this.labels.notRated;
    }

    chartConfig(data) {
        const dimensions = data.dimensions;
        return {
            type: "radar",
            data: {
                labels: dimensions.map((dim) => `${dim.label} (${this.scoreLabel(dim)})`),
                datasets: [
                    {
                        label: this.labels.score,
                        data: dimensions.map((dim) => (dim.score === false ? null : dim.score)),
                        backgroundColor: "rgba(113, 75, 103, 0.35)",
                        borderColor: SCORE_COLOR,
                        pointBackgroundColor: dimensions.map((dim) => (dim.weak ? THRESHOLD_COLOR : SCORE_COLOR)),
                        borderWidth: 2,
                        spanGaps: true,
                    },
                    {
                        label: `${this.labels.threshold} ${num(data.threshold, 0)}`,
                        data: dimensions.map(() => data.threshold),
                        borderColor: THRESHOLD_COLOR,
                        borderDash: [4, 3],
                        borderWidth: 1,
                        fill: false,
                        pointRadius: 0,
                    },
                ],
            },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                scales: { r: { min: 0, max: 100, ticks: { stepSize: 25 } } },
                plugins: {
                    legend: { position: "bottom" },
                    tooltip: {
                        callbacks: {
                            label: (item) => `${item.dataset.label}: ${num(item.raw)}`,
                        },
                    },
                },
            },
        };
    }
}

export const synergyRadar = {
    component: SynergyRadar,
    supportedTypes: ["json"],
};

registry.category("fields").add("synergy_radar", synergyRadar);
