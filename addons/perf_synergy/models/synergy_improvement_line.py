from collections import defaultdict

from odoo import api, fields, models

from ..engine.improvement import improvement as improvement_delta
from ..engine.improvement import target_reached
from ..engine.rollup import aggregate_over_time
from ..tools.write_policy import MANAGER, Allow


class SynergyImprovementLine(models.Model):
    """One KPI target of a PDCA cycle: baseline and actual are pulled from the KPI values of
    the owner department (the company when empty) in the baseline and check periods."""

    _name = "synergy.improvement.line"
    _description = "PDCA Improvement Target"
    _inherit = ["synergy.policy.mixin"]
    _write_policy = {
        "improvement_id": Allow(MANAGER),
        "sequence": Allow(MANAGER),
        "kpi_id": Allow(MANAGER),
        "department_id": Allow(MANAGER),
        "baseline_period_id": Allow(MANAGER),
        "check_period_id": Allow(MANAGER),
        "baseline": Allow(MANAGER),
        "target": Allow(MANAGER),
        "band_low": Allow(MANAGER),
        "band_high": Allow(MANAGER),
    }
    _order = "improvement_id, sequence, id"
    _check_company_auto = True

    improvement_id = fields.Many2one(
        "synergy.improvement", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="improvement_id.company_id", store=True, index=True)
    kpi_id = fields.Many2one(
        "synergy.kpi", string="KPI", required=True, ondelete="restrict", check_company=True
    )
    direction = fields.Selection(related="kpi_id.direction")
    unit = fields.Char(related="kpi_id.unit")
    department_id = fields.Many2one(
        "hr.department",
        string="Owner Department",
        check_company=True,
        help="Whose KPI values are read; leave empty for the company's values.",
    )
    baseline_period_id = fields.Many2one("synergy.period", check_company=True)
    check_period_id = fields.Many2one("synergy.period", check_company=True)
    baseline = fields.Float(
        digits=(16, 4),
        help="Pulled from the baseline period at check; typed in when the KPI has no value then.",
        aggregator=None,
    )
    target = fields.Float(digits=(16, 4), aggregator=None)
    band_low = fields.Float(digits=(16, 4), aggregator=None)
    band_high = fields.Float(digits=(16, 4), aggregator=None)
    actual = fields.Float(readonly=True, digits=(16, 4), aggregator=None)
    has_actual = fields.Boolean(readonly=True)
    achieved = fields.Boolean(compute="_compute_achieved", store=True)
    gain = fields.Float(
        compute="_compute_achieved",
        store=True,
        digits=(16, 4),
        help="Actual minus baseline, positive when better.",
        aggregator=None,
    )

    @api.depends(
        "actual",
        "has_actual",
        "baseline",
        "target",
        "band_low",
        "band_high",
        "kpi_id.direction",
    )
    def _compute_achieved(self):
        for line in self:
            direction = line.kpi_id.direction or "higher_better"
            actual = line.actual if line.has_actual else None
            line.achieved = target_reached(
                direction, actual, line.target, line.band_low, line.band_high
            )
            line.gain = improvement_delta(direction, line.baseline, actual) or 0.0

    def _owner_key(self):
        self.ensure_one()
        if self.department_id:
            return ("department", self.company_id.id, self.department_id.id, False, False)
        return ("company", self.company_id.id, False, False, False)

    def _fetch_values(self, period_field):
        """{line: value} of the lines' owners in the period named by ``period_field``: the
        period's own value, else its smallest sub-periods combined by the KPI's time
        aggregation. Two queries for any number of lines."""
        periods = self.mapped(period_field)
        if not periods:
            return {}
        leaves = self.env["synergy.period"].search(
            [("id", "child_of", periods.ids), ("child_ids", "=", False)]
        )
        values = self.env["synergy.kpi.value"].search(
            [("kpi_id", "in", self.kpi_id.ids), ("period_id", "in", (periods | leaves).ids)]
        )
        series = defaultdict(dict)
        for value in values:
            series[(value.kpi_id.id, value._owner_key())][value.period_id] = value.value
        result = {}
        for line in self.filtered(period_field):
            period = line[period_field]
            known = series.get((line.kpi_id.id, line._owner_key()), {})
            if period in known:
                result[line] = known[period]
                continue
            subs = leaves.filtered(
                lambda leaf, p=period: leaf != p and leaf.parent_path.startswith(p.parent_path)
            ).sorted("date_start")
            combined = aggregate_over_time(
                [known[leaf] for leaf in subs if leaf in known], line.kpi_id.time_aggregation
            )
            if combined is not None:
                result[line] = combined
        return result

    def _pull_values(self):
        actuals = self._fetch_values("check_period_id")
        baselines = self._fetch_values("baseline_period_id")
        for line in self:
            line.write(
                {
                    "actual": actuals.get(line, 0.0),
                    "has_actual": line in actuals,
                    "baseline": baselines.get(line, line.baseline),
                }
            )
