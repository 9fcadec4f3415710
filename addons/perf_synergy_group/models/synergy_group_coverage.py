from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.perf_synergy.tools.write_policy import GROUP_CONTROLLER, user_action

COVERAGE_STATES = [
    ("no_target", "No Target"),
    ("no_actual", "No Actual"),
    ("stale", "Stale Data"),
    ("ok", "Covered"),
]


class SynergyGroupCoverage(models.Model):
    """Which subsidiaries have no target, no actual or stale data on each penetrative group KPI.
    Rebuilt from the data on demand (menu Group > Coverage); never edited by hand."""

    _name = "synergy.group.coverage"
    _description = "Penetrative KPI Coverage"
    _inherit = ["synergy.policy.mixin"]
    _order = "state, group_line_id, entity_id"

    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    group_line_id = fields.Many2one(
        "synergy.scorecard.line", string="Group KPI Line", readonly=True, ondelete="cascade"
    )
    kpi_id = fields.Many2one("synergy.kpi", string="KPI", readonly=True, ondelete="cascade")
    period_id = fields.Many2one("synergy.period", readonly=True, ondelete="cascade")
    entity_id = fields.Many2one(
        "synergy.group.entity", string="Subsidiary", readonly=True, ondelete="cascade"
    )
    target_id = fields.Many2one(
        "synergy.group.target", string="Subsidiary Target", readonly=True, ondelete="cascade"
    )
    target = fields.Float(readonly=True, aggregator=None)
    actual = fields.Float(readonly=True, digits=(16, 4), aggregator=None)
    achievement = fields.Float(string="Achievement (%)", readonly=True, aggregator="avg")
    last_value_date = fields.Date(
        string="Latest Data Until", readonly=True, help="End of the latest period with a value."
    )
    state = fields.Selection(COVERAGE_STATES, string="Coverage", readonly=True, index=True)

    @api.model
    def _rebuild(self, today=None):
        """One row per penetrative group line of the allowed companies and subsidiary. A handful
        of queries, whatever the number of lines and subsidiaries."""
        lines = self.env["synergy.scorecard.line"].search(
            [("is_penetrative", "=", True), ("company_id", "in", self.env.companies.ids)]
        )
        self.sudo().search([("company_id", "in", self.env.companies.ids)]).unlink()
        entities = self.env["synergy.group.entity"].sudo().search([("parent_id", "!=", False)])
        targets = lines.sudo().group_target_ids
        pushed = targets.pushed_line_id
        latest = {}
        if pushed:
            groups = (
                self.env["synergy.kpi.value"]
                .sudo()
                ._read_group(
                    [
                        ("kpi_id", "in", pushed.kpi_id.ids),
                        ("owner_level", "=", "company"),
                        ("period_id.date_start", ">=", min(lines.period_id.mapped("date_start"))),
                        ("period_id.date_end", "<=", max(lines.period_id.mapped("date_end"))),
                    ],
                    ["kpi_id", "company_id", "period_id"],
                    ["__count"],
                )
            )
            for kpi, company, period, _count in groups:
                key = (kpi.id, company.id)
                latest.setdefault(key, []).append(period)
        today = today or fields.Date.context_today(self)
        rows = []
        for line in lines:
            by_entity = {t.entity_id: t for t in targets if t.group_line_id == line}
            for entity in entities:
                target = by_entity.get(entity)
                row = {
                    "company_id": line.company_id.id,
                    "group_line_id": line.id,
                    "kpi_id": line.kpi_id.id,
                    "period_id": line.period_id.id,
                    "entity_id": entity.id,
                }
                if not target or not target.pushed_line_id:
                    rows.append({**row, "state": "no_target"})
                    continue
                sub_line = target.pushed_line_id
                periods = [
                    p
                    for p in latest.get((sub_line.kpi_id.id, sub_line.company_id.id), [])
                    if line.period_id.date_start <= p.date_start
                    and p.date_end <= line.period_id.date_end
                ]
                last = max((p.date_end for p in periods), default=False)
                horizon = min(today, line.period_id.date_end) - timedelta(days=entity.stale_days)
                state = "ok"
                if not sub_line.has_actual:
                    state = "no_actual"
                elif last and last < horizon:
                    state = "stale"
                rows.append(
                    {
                        **row,
                        "target_id": target.id,
                        "target": target.target,
                        "actual": sub_line.actual,
                        "achievement": sub_line.achievement,
                        "last_value_date": last,
                        "state": state,
                    }
                )
        return self.sudo().create(rows)

    @api.model
    @user_action(GROUP_CONTROLLER)
    def action_refresh(self):
        self._rebuild()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_synergy_group.action_synergy_group_coverage"
        )
        return action
