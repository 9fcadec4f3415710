import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { deserializeDateTime, formatDateTime } from "@web/core/l10n/dates";
import { standardFieldProps } from "@web/views/fields/standard_field_props";
import { Component } from "@odoo/owl";
import { num, pct, signed } from "./synergy_format";

/**
 * "Why this score" of a scorecard, drawn from synergy.scorecard.explanation (JSON computed on
 * the server for the reader: what he may not read is absent). Every number is a stored
 * field's value, formatted as the field beside it.
 */
export class SynergyScoreExplanation extends Component {
    static template = "perf_synergy.SynergyScoreExplanation";
    static props = { ...standardFieldProps };

    setup() {
        this.num = num;
        this.pct = pct;
        this.signed = signed;
        this.labels = {
            kpi: _t("KPI"),
            rule: _t("Rule applied"),
            weight: _t("Weight"),
            target: _t("Target"),
            floor: _t("Floor"),
            stretch: _t("Stretch"),
            actual: _t("Actual"),
            achievement: _t("Achievement (%)"),
            score: _t("Score"),
            contribution: _t("Contribution"),
            defaultValue: _t("default"),
            capApplied: _t("cap applied"),
            band: _t("band"),
            synergy: _t("synergy"),
            noLine: _t("No KPI line yet."),
            totals: _t("From the lines to the result"),
            totalWeight: _t("Total weight"),
            kpiScore: _t("KPI score (Σ weight × score / Σ weight)"),
            scoreCap: _t("Score cap"),
            ownShare: _t("Own KPI score × (1 − R)"),
            companyKpi: _t("Company KPI × ρ"),
            companyPart: _t("Company KPIs' part (Σ ρ × company score)"),
            unreadable: _t("not shown to you"),
            linkedScore: _t("Linked score ((1 − R) × own + Σ ρ × company score)"),
            composite: _t("Composite"),
            kpiPart: _t("Linked score × KPI part weight"),
            internalCustomers: _t("Internal customer score × weight"),
            tier: _t("Tier evaluation score × weight"),
            insufficient: _t("too few responses"),
            scheme: _t("scheme"),
            behaviour: _t("Behaviour points → capped"),
            finalScore: _t("Final score"),
            grade: _t("Grade (scheme bands)"),
            bands: _t("Bands"),
            finalGrade: _t("Final grade"),
            calibration: _t("Calibration"),
            calibratedFromTo: _t("Grade before → after"),
            session: _t("Session"),
            by: _t("By"),
            reason: _t("Reason"),
            published: _t("Published result"),
            publishedScore: _t("Published final score"),
            publishedGrade: _t("Published grade"),
        };
    }

    get data() {
        return this.props.record.data[this.props.name] || false;
    }

    curveValue(line, key) {
        if (line.direction === "band" && key === "target") {
            return `${num(line.band_low)} – ${num(line.band_high)}`;
        }
        return num(line[key]);
    }

    times(score, weight) {
        return `${num(score)} × ${pct(weight)}`;
    }

    bands(composite) {
        return composite.bands.map((band) => `${band.grade} ≥ ${num(band.min)}`).join(" · ");
    }

    calibrationDate(calibration) {
        return calibration.date ? formatDateTime(deserializeDateTime(calibration.date)) : "";
    }
}

export const synergyScoreExplanation = {
    component: SynergyScoreExplanation,
    supportedTypes: ["json"],
};

registry.category("fields").add("synergy_score_explanation", synergyScoreExplanation);
