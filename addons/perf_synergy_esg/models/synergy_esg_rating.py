from odoo import fields, models


class SynergyEsgRating(models.Model):
    """A supplier's ESG rating given when a report is validated: the history of the supplier's
    scores; the latest one is the current rating on the partner."""

    _name = "synergy.esg.rating"
    _description = "Supplier ESG Rating"
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner", string="Supplier", required=True, index=True, ondelete="cascade"
    )
    report_id = fields.Many2one("synergy.esg.report", index=True, ondelete="set null")
    period_id = fields.Many2one(related="report_id.period_id", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    valid_until = fields.Date(required=True)
    score = fields.Float(string="Overall Score", digits=(5, 1))
    rating = fields.Char()
    compliant = fields.Boolean()
    score_environment = fields.Float(digits=(5, 1))
    score_labor_human_rights = fields.Float(string="Score Labour & Human Rights", digits=(5, 1))
    score_ethics = fields.Float(digits=(5, 1))
    score_sustainable_procurement = fields.Float(digits=(5, 1))
    is_valid = fields.Boolean(string="Valid Today", compute="_compute_is_valid")

    def _compute_is_valid(self):
        today = fields.Date.context_today(self)
        for rating in self:
            rating.is_valid = rating.valid_until >= today
