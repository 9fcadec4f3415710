import { formatFloat } from "@web/views/fields/formatters";

// Numbers of the "why this score" widgets, formatted as the fields beside them are: Odoo's
// float formatter with the field's digits (2 by default, 4 for a line's actual).

/** A float as a Float field without digits shows it; "—" when absent (false / null). */
export function num(value, digits = 2) {
    if (value === false || value === null || value === undefined) {
        return "—";
    }
    return formatFloat(value, { digits: [16, digits] });
}

/** A percentage stored in % (20.0 for 20 %). */
export function pct(value, digits = 2) {
    if (value === false || value === null || value === undefined) {
        return "—";
    }
    return `${formatFloat(value, { digits: [16, digits] })} %`;
}

/** A signed number (behaviour points). */
export function signed(value, digits = 2) {
    const text = num(value, digits);
    return value > 0 ? `+${text}` : text;
}
