"""Empty is not 0 (DESIGN.md section 4): a subsidiary target's floor and stretch gain a
"given" flag (perf_synergy/tools/given.py). Until 19.0.1.1.0 a 0 meant "the direction's
default", so a stored 0 or NULL becomes an empty value and any other number a given one. The
lines pushed into the subsidiaries are migrated by perf_synergy itself."""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    for name in ("floor", "stretch"):
        column, flag = SQL.identifier(name), SQL.identifier(f"{name}_set")
        cr.execute(
            SQL(
                "UPDATE synergy_group_target SET %s = COALESCE(%s, 0) <> 0, %s = COALESCE(%s, 0)",
                flag,
                column,
                column,
                column,
            )
        )
