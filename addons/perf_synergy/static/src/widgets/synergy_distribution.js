import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { SynergyChartField } from "./synergy_chart";
import { num, pct } from "./synergy_format";

/**
 * A calibration session's grades against its guideline (synergy.calibration.distribution):
 * a bar chart of the shares before and after calibration beside the guideline, and the
 * table of counts, the grades over their guideline highlighted.
 */
export class SynergyDistribution extends SynergyChartField {
    static template = "perf_synergy.SynergyDistribution";

    setup() {
        super.setup();
        this.num = num;
        this.pct = pct;
        this.labels = {
            grade: _t("Grade"),
            guideline: _t("Guideline"),
            before: _t("Before"),
            after: _t("After"),
            afterShare: _t("After (%)"),
            beforeShare: _t("Before (%)"),
            guidelineShare: _t("Guideline (%)"),
            population: _t("Population"),
        };
    }

    chartConfig(data) {
        const grades = data.grades;
        return {
            type: "bar",
            data: {
                labels: grades.map((row) => row.grade),
                datasets: [
                    {
                        label: this.labels.guidelineShare,
                        data: grades.map((row) => row.guideline),
                        backgroundColor: "#d0d0d0",
                    },
                    {
                        label: this.labels.beforeShare,
                        data: grades.map((row) => row.before_share),
                        backgroundColor: "#a3c4dc",
                    },
                    {
                        label: this.labels.afterShare,
                        data: grades.map((row) => row.share),
                        backgroundColor: grades.map((row) => (row.warned ? "#e06666" : "#714b67")),
                    },
                ],
            },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                scales: { y: { beginAtZero: true, ticks: { callback: (value) => `${value} %` } } },
                plugins: {
                    legend: { position: "bottom" },
                    tooltip: {
                        callbacks: {
                            label: (item) => `${item.dataset.label}: ${pct(item.raw, 1)}`,
                        },
                    },
                },
            },
        };
    }
}

export const synergyDistribution = {
    component: SynergyDistribution,
    supportedTypes: ["json"],
};

registry.category("fields").add("synergy_distribution", synergyDistribution);
