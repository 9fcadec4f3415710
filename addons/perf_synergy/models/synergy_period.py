from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.write_policy import OFFICER, USER, Allow, user_action


class SynergyPeriod(models.Model):
    _name = "synergy.period"
    _description = "Performance Period"
    _inherit = ["synergy.policy.mixin", "mail.thread"]
    _policy_state = "state"
    _lock_states = ("closed",)
    _unlink_states = ("draft",)
    _write_policy = {
        "name": Allow(OFFICER, states=("draft", "open")),
        "period_type": Allow(OFFICER, states=("draft", "open")),
        "date_start": Allow(OFFICER, states=("draft", "open")),
        "date_end": Allow(OFFICER, states=("draft", "open")),
        "parent_id": Allow(OFFICER, states=("draft", "open")),
        "child_ids": Allow(OFFICER, states=("draft", "open")),
        "company_id": Allow(OFFICER, states=("draft", "open")),
    }
    _order = "date_start, period_type"
    _parent_store = True
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    period_type = fields.Selection(
        selection=[("year", "Year"), ("quarter", "Quarter"), ("month", "Month")],
        string="Type",
        required=True,
        default="year",
    )
    date_start = fields.Date(string="Start", required=True)
    date_end = fields.Date(string="End", required=True)
    parent_id = fields.Many2one(
        comodel_name="synergy.period",
        string="Parent Period",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("synergy.period", "parent_id", string="Sub-periods")
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, index=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        selection=[("draft", "Draft"), ("open", "Open"), ("closed", "Closed")],
        required=True,
        default="draft",
        tracking=True,
    )
    scorecard_ids = fields.One2many("synergy.scorecard", "period_id", string="Scorecards")
    scorecard_count = fields.Integer(compute="_compute_scorecard_count")

    _date_order_check = models.Constraint(
        "CHECK(date_end >= date_start)",
        "A period cannot end before it starts.",
    )
    _unique_period = models.UniqueIndex(
        "(company_id, period_type, date_start)",
        "This company already has a period of this type starting on that date.",
    )

    def _compute_scorecard_count(self):
        counts = dict(
            self.env["synergy.scorecard"]._read_group(
                [("period_id", "in", self.ids)], ["period_id"], ["__count"]
            )
        )
        for period in self:
            period.scorecard_count = counts.get(period, 0)

    @api.constrains("parent_id", "date_start", "date_end")
    def _check_inside_parent(self):
        for period in self.filtered("parent_id"):
            parent = period.parent_id
            if period.date_start < parent.date_start or period.date_end > parent.date_end:
                raise ValidationError(
                    self.env._(
                        "Period %(period)s (%(start)s - %(end)s) must lie inside its parent "
                        "%(parent)s (%(pstart)s - %(pend)s).",
                        period=period.name,
                        start=period.date_start,
                        end=period.date_end,
                        parent=parent.name,
                        pstart=parent.date_start,
                        pend=parent.date_end,
                    )
                )
        if self._has_cycle():
            raise ValidationError(self.env._("A period cannot be its own parent."))

    def _leaf_periods(self):
        """The smallest periods inside these ones (months of a year...), themselves if none."""
        leaves = self.search([("id", "child_of", self.ids), ("child_ids", "=", False)])
        return leaves or self

    @user_action(OFFICER)
    def action_open(self):
        self.filtered(lambda p: p.state == "draft").write({"state": "open"})

    @user_action(OFFICER, unlocks=True)
    def action_close(self):
        """Compute every measure and scorecard of the periods, then lock their values."""
        for period in self:
            if period.state == "closed":
                raise UserError(self.env._("Period %s is already closed.", period.name))
        periods = self.search([("id", "child_of", self.ids), ("state", "!=", "closed")])
        self.env["synergy.measure"]._compute_periods(periods)
        scorecards = self.env["synergy.scorecard"].search([("period_id", "in", periods.ids)])
        scorecards._refresh_actuals()
        # The close is logged once, on the period (below), not as one tracking message per
        # scorecard: at 10,000 scorecards those messages made the commit of a close last
        # minutes (docs/benchmarks.md). Values need no write: they are locked by the period.
        scorecards.filtered(lambda s: s.state != "closed").with_context(mail_notrack=True).write(
            {"state": "closed"}
        )
        periods.write({"state": "closed"})
        locked = self.env["synergy.kpi.value"].search_count([("period_id", "in", periods.ids)])
        for period in self:
            period.message_post(
                body=self.env._(
                    "Period closed: %(scorecards)s scorecards computed, %(values)s values locked.",
                    scorecards=len(scorecards),
                    values=locked,
                )
            )
        return True

    @user_action(OFFICER, unlocks=True)
    def action_reopen(self):
        periods = self.search([("id", "child_of", self.ids), ("state", "=", "closed")])
        periods.write({"state": "open"})
        unlocked = self.env["synergy.kpi.value"].search_count([("period_id", "in", periods.ids)])
        scorecards = self.env["synergy.scorecard"].search(
            [("period_id", "in", periods.ids), ("state", "=", "closed")]
        )
        scorecards.with_context(mail_notrack=True).write({"state": "confirmed"})
        for period in self:
            period.message_post(
                body=self.env._(
                    "Period reopened by %(user)s: %(values)s values unlocked.",
                    user=self.env.user.name,
                    values=unlocked,
                )
            )
        return True

    @user_action(USER)
    def action_view_scorecards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_synergy.action_synergy_scorecard"
        )
        action["domain"] = [("period_id", "child_of", self.id)]
        action["context"] = {"default_period_id": self.id}
        return action
