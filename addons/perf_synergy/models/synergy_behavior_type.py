from odoo import fields, models

from ..tools.write_policy import OFFICER, Allow


class SynergyBehaviorType(models.Model):
    """Catalogue of collaboration behaviours with their default points."""

    _name = "synergy.behavior.type"
    _description = "Collaboration Behaviour"
    _inherit = ["synergy.policy.mixin"]
    _write_policy = {
        "name": Allow(OFFICER),
        "description": Allow(OFFICER),
        "points": Allow(OFFICER),
        "category": Allow(OFFICER),
        "job_ids": Allow(OFFICER),
        "evidence_required": Allow(OFFICER),
        "company_id": Allow(OFFICER),
        "active": Allow(OFFICER),
    }
    _order = "points desc, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    points = fields.Float(
        required=True, help="Positive for helpful behaviour, negative otherwise.", aggregator=None
    )
    category = fields.Selection(
        selection=[
            ("leadership", "Cross-department Leadership"),
            ("sharing", "Information Sharing"),
            ("improvement", "Process Improvement"),
            ("cooperation", "Cooperation"),
        ],
        required=True,
        default="cooperation",
    )
    job_ids = fields.Many2many(
        "hr.job", string="Applicable Job Positions", help="Empty: every job position."
    )
    evidence_required = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    active = fields.Boolean(default=True)
