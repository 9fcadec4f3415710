"""Empty is not 0 (DESIGN.md section 4): floors and stretches gain a "given" flag
(tools/given.py). Until 19.0.1.1.0 a 0 meant "the direction's default" (for an alert rule's
static floor: "no floor"), so a stored 0 or NULL becomes an empty value and any other number a
given one: every line scores exactly as before, and a 0 can now be entered as a value."""

from odoo.tools import SQL

GIVEN = {
    "synergy_scorecard_line": ("floor", "stretch"),
    "synergy_interlock": ("floor", "stretch"),
    "synergy_alert_rule": ("floor",),
}


def migrate(cr, version):
    if not version:
        return
    for table, names in GIVEN.items():
        for name in names:
            column, flag = SQL.identifier(name), SQL.identifier(f"{name}_set")
            cr.execute(
                SQL(
                    "UPDATE %s SET %s = COALESCE(%s, 0) <> 0, %s = COALESCE(%s, 0)",
                    SQL.identifier(table),
                    flag,
                    column,
                    column,
                    column,
                )
            )
