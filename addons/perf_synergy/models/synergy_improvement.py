from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty

from ..tools.write_policy import MANAGER, Allow, user_action

STAGES = [
    ("plan", "Plan"),
    ("do", "Do"),
    ("check", "Check"),
    ("act", "Act"),
    ("done", "Done"),
]


class SynergyImprovement(models.Model):
    """A PDCA cycle on one collaboration scenario: plan targets and rules, do, check the
    results pulled from the KPI values, act on them by adopting changes. The chatter keeps the
    history of every stage."""

    _name = "synergy.improvement"
    _description = "PDCA Improvement Cycle"
    _inherit = ["synergy.policy.mixin", "mail.thread", "mail.activity.mixin"]
    _write_policy = {
        "name": Allow(MANAGER),
        "company_id": Allow(MANAGER),
        "user_id": Allow(MANAGER),
        "scenario": Allow(MANAGER),
        "department_ids": Allow(MANAGER),
        "line_ids": Allow(MANAGER),
        "plan_rules": Allow(MANAGER),
        "do_notes": Allow(MANAGER),
        "act_changes": Allow(MANAGER),
    }
    _order = "create_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user, tracking=True
    )
    scenario = fields.Text(
        help="The collaboration scenario to improve, e.g. the hand-over from sales to delivery."
    )
    department_ids = fields.Many2many(
        "hr.department", string="Departments", check_company=True, tracking=True
    )
    stage = fields.Selection(
        selection=STAGES,
        required=True,
        default="plan",
        tracking=True,
        group_expand=True,
        copy=False,
    )
    line_ids = fields.One2many(
        "synergy.improvement.line", "improvement_id", string="Targets", copy=True
    )
    kpi_ids = fields.Many2many(
        "synergy.kpi",
        string="KPIs",
        compute="_compute_kpi_ids",
        store=True,
        help="The KPIs of the plan's targets.",
    )
    plan_rules = fields.Html(string="Rules", help="The rules agreed for the cycle.")
    do_notes = fields.Html(string="Execution Notes")
    act_changes = fields.Html(
        string="Changes Adopted",
        help="What becomes the new standard: rules, RACI, targets. Required to close the cycle.",
    )
    checked_on = fields.Datetime(readonly=True, copy=False, tracking=True)
    achieved_count = fields.Integer(compute="_compute_achievement")
    line_count = fields.Integer(compute="_compute_achievement")
    achievement_rate = fields.Float(string="Targets Reached (%)", compute="_compute_achievement")
    previous_id = fields.Many2one(
        "synergy.improvement",
        string="Previous Cycle",
        readonly=True,
        copy=False,
        check_company=True,
        index="btree_not_null",
    )

    @api.depends("line_ids.kpi_id")
    def _compute_kpi_ids(self):
        for improvement in self:
            improvement.kpi_ids = improvement.line_ids.kpi_id

    @api.depends("line_ids.achieved")
    def _compute_achievement(self):
        for improvement in self:
            lines = improvement.line_ids
            improvement.line_count = len(lines)
            improvement.achieved_count = len(lines.filtered("achieved"))
            improvement.achievement_rate = (
                100.0 * improvement.achieved_count / improvement.line_count
                if improvement.line_count
                else 0.0
            )

    # ------------------------------------------------------------------ stages
    def _move(self, from_stages, to_stage):
        for improvement in self:
            if improvement.stage not in from_stages:
                labels = dict(self._fields["stage"]._description_selection(self.env))
                raise UserError(
                    self.env._(
                        "Improvement %(name)s is at stage %(stage)s: it cannot move to %(to)s.",
                        name=improvement.name,
                        stage=labels[improvement.stage],
                        to=labels[to_stage],
                    )
                )
        self.write({"stage": to_stage})
        return True

    @user_action(MANAGER)
    def action_do(self):
        for improvement in self:
            if not improvement.line_ids:
                raise UserError(
                    self.env._(
                        "Plan improvement %s first: add at least one KPI target.",
                        improvement.name,
                    )
                )
        return self._move(("plan",), "do")

    @user_action(MANAGER)
    def action_check(self):
        """Pull baseline and actual of every target from the KPI values, then judge them."""
        self._move(("do", "check"), "check")
        self.line_ids._pull_values()
        self.checked_on = fields.Datetime.now()
        for improvement in self:
            improvement.message_post(
                body=self.env._(
                    "Check: %(achieved)s of %(total)s targets reached.",
                    achieved=improvement.achieved_count,
                    total=improvement.line_count,
                )
            )
        return True

    @user_action(MANAGER)
    def action_act(self):
        return self._move(("check",), "act")

    @user_action(MANAGER)
    def action_done(self):
        for improvement in self:
            if is_html_empty(improvement.act_changes):
                raise UserError(
                    self.env._(
                        "Improvement %s cannot close without the changes adopted: describe "
                        "what becomes the new standard.",
                        improvement.name,
                    )
                )
        return self._move(("act",), "done")

    @user_action(MANAGER)
    def action_back_to_plan(self):
        return self._move(("do", "check", "act"), "plan")

    @user_action(MANAGER)
    def action_next_cycle(self):
        """Start the next PDCA cycle on the same scenario: today's actuals become baselines."""
        self.ensure_one()
        if self.stage != "done":
            raise UserError(self.env._("Close this cycle before starting the next one."))
        follow_up = self.copy(
            {
                "name": self.env._("%s (next cycle)", self.name),
                "previous_id": self.id,
                "act_changes": False,
                "do_notes": False,
            }
        )
        follow_up.plan_rules = self.plan_rules
        for old, new in zip(self.line_ids, follow_up.line_ids, strict=True):
            new.write({"baseline_period_id": old.check_period_id.id, "check_period_id": False})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": follow_up.id,
            "view_mode": "form",
        }
