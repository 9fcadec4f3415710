from odoo import fields, models


class SynergyEsgRejection(models.Model):
    """One rejection of a report, kept when the supplier corrects and resubmits it."""

    _name = "synergy.esg.rejection"
    _description = "ESG Report Rejection"
    _inherit = ["synergy.policy.mixin"]
    _order = "create_date desc, id desc"

    report_id = fields.Many2one("synergy.esg.report", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="report_id.company_id", store=True)
    partner_id = fields.Many2one(related="report_id.partner_id", store=True)
    reason = fields.Text(required=True)
    user_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    date = fields.Datetime(default=fields.Datetime.now, readonly=True)
