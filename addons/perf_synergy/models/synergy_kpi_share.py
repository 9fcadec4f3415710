from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.write_policy import OFFICER, Allow


class SynergyKpiShare(models.Model):
    """How a shared KPI's responsibility splits between departments (seed: customer retention
    sales 50 / service 30 / R&D 20)."""

    _name = "synergy.kpi.share"
    _description = "Shared KPI Responsibility"
    _inherit = ["synergy.policy.mixin"]
    _write_policy = {
        "kpi_id": Allow(OFFICER),
        "department_id": Allow(OFFICER),
        "role": Allow(OFFICER),
        "share": Allow(OFFICER),
        "proposed_weight": Allow(OFFICER),
    }
    _order = "kpi_id, share desc"
    _check_company_auto = True

    kpi_id = fields.Many2one(
        "synergy.kpi",
        string="KPI",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="kpi_id.company_id", store=True, index=True)
    department_id = fields.Many2one("hr.department", required=True, index=True, check_company=True)
    role = fields.Selection(
        selection=[("lead", "Lead"), ("collaborate", "Collaborate"), ("support", "Support")],
        required=True,
        default="collaborate",
    )
    share = fields.Float(string="Share (%)", required=True, aggregator=None)
    proposed_weight = fields.Float(
        compute="_compute_proposed_weight",
        store=True,
        readonly=False,
        help="Weight proposed when the KPI is added to this department's scorecard; "
        "by default half the share.",
        aggregator=None,
    )

    _unique_department = models.Constraint(
        "UNIQUE(kpi_id, department_id)",
        "A department appears once in a KPI's responsibility split.",
    )
    _share_range = models.Constraint(
        "CHECK(share > 0 AND share <= 100)",
        "A responsibility share is a percentage above 0 and at most 100.",
    )

    @api.depends("share")
    def _compute_proposed_weight(self):
        for share in self:
            share.proposed_weight = share.share / 2

    @api.constrains("share", "role", "kpi_id")
    def _check_split(self):
        for kpi in self.kpi_id:
            shares = kpi.share_ids
            total = sum(shares.mapped("share"))
            if shares and round(total, 2) != 100:
                raise ValidationError(
                    self.env._(
                        "The responsibility shares of %(kpi)s sum to %(total)s%%; they must sum "
                        "to 100%%.",
                        kpi=kpi.display_name,
                        total=f"{total:g}",
                    )
                )
            if len(shares.filtered(lambda s: s.role == "lead")) > 1:
                raise ValidationError(
                    self.env._("%s can have only one lead department.", kpi.display_name)
                )
