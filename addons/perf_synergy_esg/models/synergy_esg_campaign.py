from odoo import api, fields, models
from odoo.addons.perf_synergy.tools.write_policy import ESG_MANAGER, ESG_USER, Allow, user_action
from odoo.exceptions import AccessError, UserError


class SynergyEsgCampaign(models.Model):
    """Procurement asks suppliers for their ESG data of a period: one report per supplier, an
    invitation by mail to the supplier's portal users."""

    _name = "synergy.esg.campaign"
    _description = "Supplier ESG Campaign"
    _inherit = ["synergy.policy.mixin", "mail.thread", "mail.activity.mixin"]
    _policy_state = "state"
    _write_policy = {
        "name": Allow(ESG_MANAGER, states=("draft", "open")),
        "period_id": Allow(ESG_MANAGER, states=("draft", "open")),
        "company_id": Allow(ESG_MANAGER, states=("draft", "open")),
        "user_id": Allow(ESG_MANAGER, states=("draft", "open")),
        "partner_ids": Allow(ESG_MANAGER, states=("draft", "open")),
        "indicator_ids": Allow(ESG_MANAGER, states=("draft", "open")),
        "deadline": Allow(ESG_MANAGER, states=("draft", "open")),
    }
    _order = "deadline desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    period_id = fields.Many2one(
        "synergy.period", required=True, index=True, ondelete="restrict", check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        help="Procurement user who reviews reports of suppliers without a buyer.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "synergy_esg_campaign_partner_rel",
        "campaign_id",
        "partner_id",
        string="Suppliers",
        domain=[("is_company", "=", True)],
    )
    indicator_ids = fields.Many2many(
        "synergy.esg.indicator",
        "synergy_esg_campaign_indicator_rel",
        "campaign_id",
        "indicator_id",
        string="Indicators",
        check_company=True,
        default=lambda self: self.env["synergy.esg.indicator"].search(
            [("company_id", "=", self.env.company.id)]
        ),
    )
    deadline = fields.Date(tracking=True)
    state = fields.Selection(
        selection=[("draft", "Draft"), ("open", "Open"), ("closed", "Closed")],
        required=True,
        default="draft",
        tracking=True,
    )
    report_ids = fields.One2many("synergy.esg.report", "campaign_id", string="Reports")
    report_count = fields.Integer(compute="_compute_report_stats")
    submitted_count = fields.Integer(compute="_compute_report_stats")
    validated_count = fields.Integer(compute="_compute_report_stats")

    def _compute_report_stats(self):
        counts = {}
        for campaign, state, count in self.env["synergy.esg.report"]._read_group(
            [("campaign_id", "in", self.ids)], ["campaign_id", "state"], ["__count"]
        ):
            counts.setdefault(campaign, {})[state] = count
        for campaign in self:
            by_state = counts.get(campaign, {})
            campaign.report_count = sum(by_state.values())
            campaign.submitted_count = by_state.get("submitted", 0)
            campaign.validated_count = by_state.get("validated", 0)

    @user_action(ESG_MANAGER)
    def action_invite(self):
        """Create the missing reports (one per supplier) and mail each supplier's portal users
        an invitation with the link of their report. Suppliers without a portal user get the
        report anyway; give them portal access with Contacts > Action > Grant portal access."""
        for campaign in self:
            if campaign.state == "closed":
                raise UserError(self.env._("Campaign %s is closed.", campaign.name))
            if not campaign.partner_ids:
                raise UserError(self.env._("Campaign %s has no supplier to invite.", campaign.name))
            if not campaign.indicator_ids:
                raise UserError(self.env._("Campaign %s asks no indicator.", campaign.name))
        Report = self.env["synergy.esg.report"]
        new_reports = Report
        for campaign in self:
            suppliers = campaign.partner_ids.commercial_partner_id
            missing = suppliers - campaign.report_ids.partner_id
            new_reports |= Report.create(
                [
                    {
                        "campaign_id": campaign.id,
                        "partner_id": partner.id,
                        "period_id": campaign.period_id.id,
                        "company_id": campaign.company_id.id,
                    }
                    for partner in missing
                ]
            )
        self.filtered(lambda c: c.state == "draft").write({"state": "open"})
        new_reports._esg_send_invitation()
        return True

    @user_action(ESG_MANAGER)
    def action_close(self):
        self.write({"state": "closed"})
        return True

    @user_action(ESG_MANAGER)
    def action_compute_kpis(self):
        """Compute the measures (green procurement, compliant suppliers, audit pass rate,
        emissions intensity...) of the campaigns' periods and of the periods containing them,
        then refresh the scorecards of those periods: what closing a period does, without
        locking anything."""
        if not self.env.user.has_group("perf_synergy_esg.group_esg_manager"):
            raise AccessError(self.env._("Only ESG managers can compute the procurement KPIs."))
        self = self.sudo()  # noqa: PLW0642 - KPI values are written by the measures' engine
        periods = self.env["synergy.period"].search(
            [("id", "parent_of", self.period_id.ids), ("state", "!=", "closed")]
        )
        self.env["synergy.measure"]._compute_periods(periods)
        scorecards = self.env["synergy.scorecard"].search(
            [("period_id", "in", periods.ids), ("state", "!=", "closed")]
        )
        scorecards._refresh_actuals()
        return True

    @user_action(ESG_USER)
    def action_view_reports(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("ESG Reports"),
            "res_model": "synergy.esg.report",
            "view_mode": "list,form",
            "domain": [("campaign_id", "=", self.id)],
            "context": {"default_campaign_id": self.id},
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_except_reports(self):
        if self.report_ids:
            raise UserError(
                self.env._("A campaign with reports cannot be deleted; close it instead.")
            )
