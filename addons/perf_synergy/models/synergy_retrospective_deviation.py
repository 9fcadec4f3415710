from odoo import api, fields, models

from ..tools.write_policy import MANAGER, Allow


class SynergyRetrospectiveDeviation(models.Model):
    """A synergy KPI that missed its target, as it stood when the retrospective was filled."""

    _name = "synergy.retrospective.deviation"
    _description = "Retrospective KPI Deviation"
    _inherit = ["synergy.policy.mixin"]
    _policy_state = "retrospective_id.state"
    _write_policy = {
        "retrospective_id": Allow(MANAGER, states=("draft",)),
        "kpi_id": Allow(MANAGER, states=("draft",)),
        "department_id": Allow(MANAGER, states=("draft",)),
        "target": Allow(MANAGER, states=("draft",)),
        "actual": Allow(MANAGER, states=("draft",)),
        "has_actual": Allow(MANAGER, states=("draft",)),
        "score": Allow(MANAGER, states=("draft",)),
        "cause": Allow(MANAGER, states=("draft",)),
    }
    _order = "retrospective_id, score, id"
    _check_company_auto = True

    retrospective_id = fields.Many2one(
        "synergy.retrospective", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="retrospective_id.company_id", store=True, index=True)
    line_id = fields.Many2one(
        "synergy.scorecard.line", string="Scorecard Line", ondelete="set null", readonly=True
    )
    kpi_id = fields.Many2one(
        "synergy.kpi", string="KPI", required=True, ondelete="restrict", check_company=True
    )
    department_id = fields.Many2one("hr.department", check_company=True)
    unit = fields.Char(related="kpi_id.unit")
    target = fields.Float(digits=(16, 4), aggregator=None)
    actual = fields.Float(digits=(16, 4), aggregator=None)
    has_actual = fields.Boolean()
    score = fields.Float(aggregator="avg")
    gap = fields.Float(compute="_compute_gap", store=True, digits=(16, 4), aggregator=None)
    cause = fields.Char(string="Root Cause")

    @api.depends("target", "actual", "has_actual")
    def _compute_gap(self):
        for deviation in self:
            deviation.gap = deviation.actual - deviation.target if deviation.has_actual else 0.0
