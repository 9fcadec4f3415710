from odoo import fields, models
from odoo.addons.perf_synergy.tools.write_policy import ESG_USER, user_action


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "synergy.policy.mixin"]

    synergy_esg_score = fields.Float(
        string="ESG Score",
        digits=(5, 1),
        readonly=True,
        help="Overall score of the last validated ESG report.",
        tracking=True,
        aggregator="avg",
    )
    synergy_esg_rating = fields.Char(string="ESG Rating", readonly=True, tracking=True)
    synergy_esg_rating_date = fields.Date(string="ESG Rated On", readonly=True)
    synergy_esg_valid_until = fields.Date(
        string="ESG Rating Valid Until", readonly=True, tracking=True
    )
    synergy_esg_rating_ids = fields.One2many(
        "synergy.esg.rating", "partner_id", string="ESG Rating History"
    )
    synergy_esg_report_ids = fields.One2many(
        "synergy.esg.report", "partner_id", string="ESG Reports"
    )
    synergy_esg_report_count = fields.Integer(
        string="ESG Report Count", compute="_compute_synergy_esg_report_count"
    )

    def _compute_synergy_esg_report_count(self):
        counts = dict(
            self.env["synergy.esg.report"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.synergy_esg_report_count = counts.get(partner, 0)

    def _synergy_esg_green(self, company, on_date):
        """The partners whose commercial partner holds a rating valid on ``on_date`` with a
        score at or above the company's green threshold."""
        return self.filtered(
            lambda p: (
                p.commercial_partner_id.synergy_esg_valid_until
                and p.commercial_partner_id.synergy_esg_valid_until >= on_date
                and p.commercial_partner_id.synergy_esg_score >= company.synergy_esg_green_threshold
            )
        )

    @user_action(ESG_USER)
    def action_view_synergy_esg_reports(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("ESG Reports"),
            "res_model": "synergy.esg.report",
            "view_mode": "list,form",
            "domain": [("partner_id", "=", self.commercial_partner_id.id)],
            "context": {"default_partner_id": self.commercial_partner_id.id},
        }
