import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";
import { Component } from "@odoo/owl";
import { num } from "./synergy_format";

/** The changes between two versions of a policy (synergy.version.diff.changes), as a table. */
export class SynergyVersionDiff extends Component {
    static template = "perf_synergy.SynergyVersionDiff";
    static props = { ...standardFieldProps };

    setup() {
        this.labels = {
            field: _t("Field"),
            none: _t("No difference."),
        };
    }

    get data() {
        return this.props.record.data[this.props.name] || false;
    }

    format(row, side) {
        if (!row[`${side}_set`]) {
            return "—";
        }
        const value = row[side];
        switch (row.kind) {
            case "boolean":
                return value ? _t("Yes") : _t("No");
            case "float":
                return num(value);
            case "integer":
                // As it is: a year or a count has no thousands separator.
                return String(value);
            default:
                return value === false ? "—" : String(value);
        }
    }
}

export const synergyVersionDiff = {
    component: SynergyVersionDiff,
    supportedTypes: ["json"],
};

registry.category("fields").add("synergy_version_diff", synergyVersionDiff);
