from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine.linkage import split_by_share
from ..tools.given import given_values
from ..tools.write_policy import OFFICER, Allow, user_action

MAX_INTERLOCKS_PER_DEPARTMENT = 3
# Curve numbers that may be left empty (0 is a value): each has a "<name>_set" flag.
GIVEN_FIELDS = ("floor", "stretch")


class SynergyInterlock(models.Model):
    """An interlocked KPI (指标互锁 / 业绩双算): one KPI with one authoritative value - the
    company's - counted in full in each member department's scorecard, never divided."""

    _name = "synergy.interlock"
    _description = "Interlocked KPI"
    _inherit = [
        "synergy.given.mixin",
        "synergy.policy.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _policy_state = "state"
    _lock_states = ("closed",)
    _unlink_states = ("draft",)
    _write_policy = {
        "name": Allow(OFFICER, states=("draft",)),
        "company_id": Allow(OFFICER, states=("draft",)),
        "kpi_id": Allow(OFFICER, states=("draft",)),
        "period_id": Allow(OFFICER, states=("draft",)),
        "target": Allow(OFFICER, states=("draft",)),
        "floor": Allow(OFFICER, states=("draft",)),
        "floor_set": Allow(OFFICER, states=("draft",)),
        "stretch": Allow(OFFICER, states=("draft",)),
        "stretch_set": Allow(OFFICER, states=("draft",)),
        "reward_amount": Allow(OFFICER, states=("draft",)),
        "penalty_amount": Allow(OFFICER, states=("draft",)),
        "member_ids": Allow(OFFICER, states=("draft",)),
    }
    _order = "period_id desc, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    version = fields.Integer(default=1, readonly=True, copy=False, aggregator=None)
    previous_id = fields.Many2one(
        "synergy.interlock", string="Previous Version", readonly=True, copy=False
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    kpi_id = fields.Many2one("synergy.kpi", string="KPI", required=True, check_company=True)
    period_id = fields.Many2one("synergy.period", required=True, check_company=True)
    target = fields.Float(required=True, tracking=True, aggregator=None)
    floor = fields.Float(
        tracking=True,
        help="Below this value (above it for a lower-is-better KPI) every member takes its "
        "penalty share and a joint review opens; 0 is a value. Applies when Floor Given is "
        "ticked; otherwise the KPI direction's default floor.",
        aggregator=None,
    )
    floor_set = fields.Boolean(
        string="Floor Given",
        tracking=True,
        help="Ticked: the floor applies, 0 included. Unticked: the KPI direction's default.",
    )
    stretch = fields.Float(
        tracking=True,
        help="Value scoring the cap; 0 is a value. Applies when Stretch Given is ticked; "
        "otherwise the KPI direction's default stretch.",
        aggregator=None,
    )
    stretch_set = fields.Boolean(
        string="Stretch Given",
        tracking=True,
        help="Ticked: the stretch applies, 0 included. Unticked: the KPI direction's default.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    reward_amount = fields.Monetary(
        help="Shared by the members' reward shares when achieved.", tracking=True
    )
    penalty_amount = fields.Monetary(
        help="Taken by the members' penalty shares under floor.", tracking=True
    )
    member_ids = fields.One2many(
        "synergy.interlock.member", "interlock_id", string="Members", copy=True
    )
    line_ids = fields.One2many("synergy.scorecard.line", "interlock_id", string="Scorecard Lines")
    state = fields.Selection(
        selection=[("draft", "Draft"), ("active", "Active"), ("closed", "Closed")],
        required=True,
        default="draft",
        tracking=True,
    )
    actual = fields.Float(compute="_compute_result", digits=(16, 4))
    has_actual = fields.Boolean(compute="_compute_result")
    score = fields.Float(compute="_compute_result")
    outcome = fields.Selection(
        selection=[
            ("pending", "No Value Yet"),
            ("achieved", "Target Achieved"),
            ("on_track", "Between Floor and Target"),
            ("under_floor", "Under Floor"),
        ],
        compute="_compute_result",
    )
    joint_review_opened = fields.Boolean(readonly=True, copy=False, tracking=True)
    warning_message = fields.Char(compute="_compute_warning_message")

    @api.depends("line_ids.actual", "line_ids.score", "line_ids.has_actual")
    def _compute_result(self):
        for interlock in self:
            line = interlock.line_ids[:1]
            interlock.actual = line.actual
            interlock.has_actual = line.has_actual
            interlock.score = line.score
            interlock.outcome = interlock._outcome(line)

    def _outcome(self, line):
        if not line or not line.has_actual:
            return "pending"
        if line.score >= 100:
            return "achieved"
        if line.score <= 0:
            return "under_floor"
        return "on_track"

    @api.depends("member_ids.department_id")
    def _compute_warning_message(self):
        counts = self.env["synergy.interlock.member"]._interlock_counts(
            self.member_ids.department_id
        )
        for interlock in self:
            crowded = interlock.member_ids.department_id.filtered(
                lambda d: counts.get(d, 0) > MAX_INTERLOCKS_PER_DEPARTMENT
            )
            interlock.warning_message = (
                self.env._(
                    "%(departments)s already hold more than %(max)s interlocked KPIs: keep "
                    "interlocks few, or they dilute accountability.",
                    departments=", ".join(crowded.mapped("name")),
                    max=MAX_INTERLOCKS_PER_DEPARTMENT,
                )
                if crowded
                else False
            )

    @api.constrains("member_ids")
    def _check_members(self):
        for interlock in self.filtered("member_ids"):
            members = interlock.member_ids
            for field_name, label in (
                ("share", self.env._("responsibility shares")),
                ("reward_share", self.env._("reward shares")),
                ("penalty_share", self.env._("penalty shares")),
            ):
                total = sum(members.mapped(field_name))
                if round(total, 2) != 100:
                    raise ValidationError(
                        self.env._(
                            "The %(label)s of interlock %(name)s sum to %(total)s%%; they must "
                            "sum to 100%%.",
                            label=label,
                            name=interlock.name,
                            total=f"{total:g}",
                        )
                    )

    @user_action(OFFICER)
    def action_activate(self):
        """Put the KPI into every member's scorecard of the period, counted in full."""
        for interlock in self:
            if interlock.state != "draft":
                raise UserError(self.env._("Interlock %s is already active.", interlock.name))
            if len(interlock.member_ids) < 2:
                raise UserError(
                    self.env._(
                        "Interlock %s needs at least two member departments.", interlock.name
                    )
                )
            interlock._check_members()
            interlock._create_member_lines()
        self.write({"state": "active"})
        self.previous_id.filtered(lambda i: i.state == "active").write({"state": "closed"})
        return True

    @user_action(OFFICER)
    def action_new_version(self):
        """A policy change: a draft copy with the next version number. Activating it closes
        the version it replaces."""
        self.ensure_one()
        new = self.copy({"name": self.name, "version": self.version + 1, "previous_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    def _previous_version(self):
        self.ensure_one()
        return self.previous_id

    def _version_snapshot(self):
        """{label: value} of the interlock and its members, to compare versions."""
        self.ensure_one()
        snapshot = {
            self._fields[name]._description_string(self.env): self[name]
            for name in (
                "target",
                "floor",
                "floor_set",
                "stretch",
                "stretch_set",
                "reward_amount",
                "penalty_amount",
            )
        }
        for member in self.member_ids.sorted(lambda m: m.department_id.name):
            snapshot[member.department_id.name] = (
                f"{member.role} {member.share:g}% / weight {member.weight:g} / {member.mode} / "
                f"reward {member.reward_share:g}% / penalty {member.penalty_share:g}%"
            )
        return snapshot

    @user_action(OFFICER)
    def action_compare_previous(self):
        return self.env["synergy.version.diff"]._open(self._previous_version(), self)

    def _create_member_lines(self):
        self.ensure_one()
        Scorecard = self.env["synergy.scorecard"]
        departments = self.member_ids.department_id
        cards = Scorecard.search(
            [
                ("period_id", "=", self.period_id.id),
                ("owner_level", "=", "department"),
                ("department_id", "in", departments.ids),
            ]
        )
        card_by_department = {card.department_id: card for card in cards}
        missing = departments.filtered(lambda d: d not in card_by_department)
        for card in Scorecard.create(
            [
                {
                    "owner_level": "department",
                    "department_id": department.id,
                    "company_id": self.company_id.id,
                    "period_id": self.period_id.id,
                }
                for department in missing
            ]
        ):
            card_by_department[card.department_id] = card
        locked = [c for c in card_by_department.values() if c.state != "draft"]
        if locked:
            raise UserError(
                self.env._(
                    "Scorecard %s is no longer a draft: reset it to draft to add the interlock.",
                    locked[0].name,
                )
            )
        lines = self.env["synergy.scorecard.line"].create(
            [
                {
                    "scorecard_id": card_by_department[member.department_id].id,
                    "kpi_id": self.kpi_id.id,
                    "weight": member.weight if member.mode == "scored" else 0.0,
                    "target": self.target,
                    **given_values(self, GIVEN_FIELDS),
                    "is_synergy": True,
                    "interlock_id": self.id,
                }
                for member in self.member_ids
            ]
        )
        for member, line in zip(self.member_ids, lines, strict=True):
            member.line_id = line
        lines._refresh_actuals()

    @user_action(OFFICER)
    def action_evaluate(self):
        """Refresh the authoritative value and act on it: reviews for reference members under
        their threshold, a joint review and penalties under floor."""
        self.line_ids._refresh_actuals()
        for interlock in self.filtered(lambda i: i.state == "active"):
            for member in interlock.member_ids.filtered(
                lambda m: m.mode == "reference" and m.line_id.has_actual
            ):
                if member.line_id.score < member.review_threshold:
                    interlock._schedule_review(
                        member.department_id.manager_id.user_id,
                        self.env._(
                            "Review %(kpi)s: score %(score)s under the threshold %(threshold)s",
                            kpi=interlock.kpi_id.name,
                            score=f"{member.line_id.score:.0f}",
                            threshold=f"{member.review_threshold:g}",
                        ),
                    )
            if interlock.outcome == "under_floor" and not interlock.joint_review_opened:
                for user in interlock.member_ids.department_id.manager_id.user_id:
                    interlock._schedule_review(
                        user,
                        self.env._("Joint review: %s is under its floor", interlock.kpi_id.name),
                    )
                interlock.joint_review_opened = True
                interlock.message_post(
                    body=self.env._(
                        "%(kpi)s is under its floor (%(actual)s): every member takes its penalty "
                        "share and a joint review is open.",
                        kpi=interlock.kpi_id.name,
                        actual=f"{interlock.actual:g}",
                    )
                )
        return True

    def _schedule_review(self, user, summary):
        if not user:
            return
        already = self.activity_ids.filtered(lambda a: a.user_id == user and a.summary == summary)
        if not already:
            self.activity_schedule("mail.mail_activity_data_todo", user_id=user.id, summary=summary)

    def _payouts(self):
        """{member: (reward, penalty)} for the current outcome."""
        self.ensure_one()
        members = self.member_ids
        rewards = penalties = {}
        if self.outcome == "achieved":
            rewards = split_by_share(self.reward_amount, {m: m.reward_share for m in members})
        if self.outcome == "under_floor":
            penalties = split_by_share(self.penalty_amount, {m: m.penalty_share for m in members})
        return {m: (rewards.get(m, 0.0), penalties.get(m, 0.0)) for m in members}
