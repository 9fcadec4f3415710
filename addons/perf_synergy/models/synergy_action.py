from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import LazyTranslate

from ..tools.write_policy import COMMITTEE, OFFICER, USER, Allow, user_action

_lt = LazyTranslate(__name__)


OPEN = ("open", "in_progress")


class SynergyAction(models.Model):
    """A committee decision as an action item, followed to closure."""

    _name = "synergy.action"
    _description = "Committee Action Item"
    _inherit = ["synergy.policy.mixin", "mail.thread", "mail.activity.mixin"]
    _policy_state = "state"
    _unlink_states = ("open", "cancelled")
    _write_policy = {
        "name": Allow(COMMITTEE, OFFICER, states=OPEN),
        "meeting_id": Allow(COMMITTEE, OFFICER, states=OPEN),
        "committee_id": Allow(COMMITTEE, OFFICER, states=OPEN),
        "owner_id": Allow(COMMITTEE, OFFICER, states=OPEN),
        "department_id": Allow(COMMITTEE, OFFICER, states=OPEN),
        "deadline": Allow(COMMITTEE, OFFICER, states=OPEN),
        "description": Allow(COMMITTEE, OFFICER, states=OPEN),
        "alert_id": Allow(COMMITTEE, OFFICER, states=OPEN),
        "kpi_id": Allow(COMMITTEE, OFFICER, states=OPEN),
        "interlock_id": Allow(COMMITTEE, OFFICER, states=OPEN),
        "scheme_id": Allow(COMMITTEE, OFFICER, states=OPEN),
        "linkage_matrix_id": Allow(COMMITTEE, OFFICER, states=OPEN),
        "outcome": (
            Allow(COMMITTEE, OFFICER, states=OPEN),
            Allow(USER, states=OPEN, when="_policy_owned", who=_lt("the owner of the action item")),
        ),
    }
    _order = "deadline, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    meeting_id = fields.Many2one("synergy.meeting", index=True, ondelete="set null")
    committee_id = fields.Many2one(
        "synergy.committee",
        required=True,
        index=True,
        compute="_compute_committee_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    company_id = fields.Many2one(related="committee_id.company_id", store=True, index=True)
    owner_id = fields.Many2one("res.users", required=True, tracking=True)
    department_id = fields.Many2one("hr.department", check_company=True)
    deadline = fields.Date(required=True, tracking=True)
    state = fields.Selection(
        selection=[
            ("open", "Open"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="open",
        tracking=True,
    )
    description = fields.Html()
    alert_id = fields.Many2one("synergy.alert", string="Addresses Alert")
    kpi_id = fields.Many2one("synergy.kpi", string="Addresses KPI")
    interlock_id = fields.Many2one("synergy.interlock", string="Addresses Interlock")
    scheme_id = fields.Many2one("synergy.scheme", string="Changes Scheme")
    linkage_matrix_id = fields.Many2one("synergy.linkage.matrix", string="Changes Linkage Matrix")
    new_version_ref = fields.Reference(
        selection=[
            ("synergy.scheme", "Policy Scheme"),
            ("synergy.linkage.matrix", "Linkage Matrix"),
            ("synergy.interlock", "Interlocked KPI"),
        ],
        string="New Version",
        readonly=True,
        copy=False,
        help="The draft version of the policy this decision changes, to be approved.",
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")
    reminded = fields.Boolean(readonly=True, copy=False)
    outcome = fields.Text(help="What was done; required to close the item.")

    @api.depends("meeting_id")
    def _compute_committee_id(self):
        for action in self:
            if action.meeting_id:
                action.committee_id = action.meeting_id.committee_id

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.is_overdue = action.state in ("open", "in_progress") and action.deadline < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue."))
        domain = [
            ("state", "in", ["open", "in_progress"]),
            ("deadline", "<", fields.Date.context_today(self)),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.model_create_multi
    def create(self, vals_list):
        actions = super().create(vals_list)
        for action in actions:
            action.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=action.owner_id.id,
                date_deadline=action.deadline,
                summary=self.env._("Committee action: %s", action.name),
            )
        return actions

    @user_action(OFFICER)
    def action_new_policy_version(self):
        """The decision changes a policy: start its next version (a draft, approved through the
        approval tiers) and keep the link."""
        self.ensure_one()
        policy = self.scheme_id or self.linkage_matrix_id or self.interlock_id
        if not policy:
            raise UserError(
                self.env._(
                    "Choose the scheme, linkage matrix or interlock that '%s' changes.", self.name
                )
            )
        if self.new_version_ref:
            raise UserError(self.env._("'%s' already created its new version.", self.name))
        action = policy.action_new_version()
        self.new_version_ref = f"{action['res_model']},{action['res_id']}"
        self.message_post(
            body=self.env._("New version started: %s", self.new_version_ref.display_name)
        )
        return action

    def _policy_owned(self):
        """The action items the current user owns (committee members and officers act on
        every item)."""
        user = self.env.user
        if user.has_group("perf_synergy.group_synergy_committee") or user.has_group(
            "perf_synergy.group_synergy_officer"
        ):
            return self
        return self.filtered(lambda a: a.owner_id == user)

    def _check_owner(self):
        wrong = self - self._policy_owned()
        if wrong and not self.env.su:
            raise AccessError(
                self.env._(
                    "Only the owner of '%(name)s' or a committee member may move it.",
                    name=wrong[0].name,
                )
            )

    @user_action(USER)
    def action_start(self):
        self._check_owner()
        self.filtered(lambda a: a.state == "open").write({"state": "in_progress"})
        return True

    @user_action(USER)
    def action_done(self):
        self._check_owner()
        for action in self:
            if not (action.outcome or "").strip():
                raise UserError(
                    self.env._("Write the outcome of '%s' before closing it.", action.name)
                )
        self.write({"state": "done"})
        self.activity_ids.action_done()
        return True

    @user_action(COMMITTEE, OFFICER)
    def action_cancel(self):
        self.write({"state": "cancelled"})
        self.activity_ids.unlink()
        return True

    @api.model
    def _cron_remind_overdue(self):
        """One reminder activity per overdue action item."""
        overdue = self.search([("is_overdue", "=", True), ("reminded", "=", False)])
        for action in overdue:
            action.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=action.owner_id.id,
                summary=self.env._("Overdue committee action: %s", action.name),
            )
        overdue.write({"reminded": True})
        return True
