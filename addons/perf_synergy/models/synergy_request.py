from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import LazyTranslate

from ..tools.write_policy import USER, Allow, user_action

_lt = LazyTranslate(__name__)


PRIORITIES = [("normal", "Normal"), ("urgent", "Urgent"), ("emergency", "Emergency")]
STATES = [
    ("new", "New"),
    ("acknowledged", "Acknowledged"),
    ("in_progress", "In Progress"),
    ("delivered", "Delivered"),
    ("accepted", "Accepted"),
]


class SynergyRequest(models.Model):
    """A cross-department request with SLAs on the responding department's working calendar."""

    _name = "synergy.request"
    _description = "Cross-department Request"
    _inherit = ["synergy.policy.mixin", "mail.thread", "mail.activity.mixin"]
    _policy_state = "state"
    _unlink_states = ("new",)
    _write_policy = {
        "name": Allow(
            USER, states=("new",), when="_policy_requesting_side", who=_lt("the requesting side")
        ),
        "description": Allow(
            USER, states=("new",), when="_policy_requesting_side", who=_lt("the requesting side")
        ),
        "company_id": Allow(USER, create_only=True),
        "requesting_department_id": Allow(
            USER,
            create_only=True,
            when="_policy_requesting_department_member",
            who=_lt("a member of the requesting department"),
        ),
        "responding_department_id": Allow(USER, create_only=True),
        "priority": Allow(
            USER, states=("new",), when="_policy_requesting_side", who=_lt("the requesting side")
        ),
        "date_due": Allow(
            USER, states=("new",), when="_policy_requesting_side", who=_lt("the requesting side")
        ),
        "responder_id": Allow(
            USER,
            states=("new", "acknowledged", "in_progress"),
            when="_policy_responding_side",
            who=_lt("the responding side"),
        ),
        "rating": Allow(
            USER,
            states=("delivered",),
            when="_policy_requesting_side",
            who=_lt("the requesting side"),
        ),
    }
    _order = "priority desc, request_date desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    description = fields.Html()
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    requester_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user, tracking=True
    )
    requesting_department_id = fields.Many2one(
        "hr.department",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        default=lambda self: self.env.user.employee_id.department_id,
    )
    responding_department_id = fields.Many2one(
        "hr.department", required=True, index=True, check_company=True, tracking=True
    )
    responder_id = fields.Many2one(
        "res.users",
        tracking=True,
        help="Who handles it; empty: the responding department's manager.",
    )
    priority = fields.Selection(
        selection=PRIORITIES, required=True, default="normal", tracking=True
    )
    # Every workflow column in the kanban, in workflow order, even empty ones.
    state = fields.Selection(
        selection=STATES, required=True, default="new", tracking=True, group_expand=True
    )
    request_date = fields.Datetime(
        string="Requested On", required=True, readonly=True, default=fields.Datetime.now, copy=False
    )
    date_due = fields.Datetime(string="Needed By", tracking=True)
    calendar_id = fields.Many2one(
        "resource.calendar",
        compute="_compute_calendar_id",
        help="Working calendar of the responding department (its manager's, else the company's).",
    )
    calendar_fallback = fields.Boolean(compute="_compute_calendar_id")
    response_deadline = fields.Datetime(compute="_compute_deadlines", store=True)
    solution_deadline = fields.Datetime(compute="_compute_deadlines", store=True)
    date_acknowledged = fields.Datetime(readonly=True, copy=False)
    date_delivered = fields.Datetime(readonly=True, copy=False)
    date_accepted = fields.Datetime(readonly=True, copy=False)
    response_overdue = fields.Boolean(compute="_compute_overdue", search="_search_response_overdue")
    solution_overdue = fields.Boolean(compute="_compute_overdue", search="_search_solution_overdue")
    escalated = fields.Boolean(readonly=True, copy=False)
    rating = fields.Selection(
        selection=[("0", "Not Rated"), ("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")],
        default="0",
        copy=False,
        tracking=True,
    )
    reopen_count = fields.Integer(readonly=True, copy=False)

    @api.depends("responding_department_id", "company_id")
    def _compute_calendar_id(self):
        for request in self:
            calendar = request.responding_department_id.manager_id.resource_calendar_id
            request.calendar_fallback = not calendar
            request.calendar_id = calendar or request.company_id.resource_calendar_id

    def _sla_hours(self):
        """(hours to first response, hours to solution or None) of the request's priority."""
        self.ensure_one()
        company = self.company_id
        day = self.calendar_id.hours_per_day or 8.0
        if self.priority == "emergency":
            return (
                company.synergy_sla_emergency_response_minutes / 60.0,
                company.synergy_sla_emergency_solution_hours,
            )
        if self.priority == "urgent":
            return company.synergy_sla_urgent_response_days * day, None
        return company.synergy_sla_response_days * day, None

    @api.depends("priority", "responding_department_id", "request_date", "date_due")
    def _compute_deadlines(self):
        for request in self:
            start = request.request_date or fields.Datetime.now()
            response_hours, solution_hours = request._sla_hours()
            calendar = request.calendar_id
            request.response_deadline = (
                calendar.plan_hours(response_hours, start, compute_leaves=True)
                if calendar
                else start + timedelta(hours=response_hours)
            )
            if solution_hours is not None:
                request.solution_deadline = (
                    calendar.plan_hours(solution_hours, start, compute_leaves=True)
                    if calendar
                    else start + timedelta(hours=solution_hours)
                )
            else:
                request.solution_deadline = request.date_due

    @api.depends("state", "response_deadline", "solution_deadline")
    def _compute_overdue(self):
        now = fields.Datetime.now()
        for request in self:
            request.response_overdue = bool(
                request.state == "new"
                and request.response_deadline
                and request.response_deadline < now
            )
            request.solution_overdue = bool(
                request.state in ("new", "acknowledged", "in_progress")
                and request.solution_deadline
                and request.solution_deadline < now
            )

    def _search_response_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on response overdue."))
        domain = [("state", "=", "new"), ("response_deadline", "<", fields.Datetime.now())]
        return domain if (operator == "=") == value else ["!", *domain]

    def _search_solution_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on solution overdue."))
        domain = [
            ("state", "in", ["new", "acknowledged", "in_progress"]),
            ("solution_deadline", "<", fields.Datetime.now()),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.constrains("requesting_department_id", "responding_department_id")
    def _check_departments(self):
        for request in self:
            if request.requesting_department_id == request.responding_department_id:
                raise ValidationError(
                    self.env._(
                        "A cross-department request goes to another department: %s cannot "
                        "request from itself.",
                        request.requesting_department_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        for vals in vals_list:
            due = vals.get("date_due")
            if due and fields.Datetime.to_datetime(due) < now:
                raise ValidationError(
                    self.env._("The requested date %s is already past: choose a future date.", due)
                )
        requests = super().create(vals_list)
        self.env["synergy.event"]._log(
            requests,
            "request_raised",
            department_id=lambda r: r.requesting_department_id.id,
            partner_department_id=lambda r: r.responding_department_id.id,
        )
        for request in requests:
            handler = request._handler()
            if handler:
                request.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=handler.id,
                    date_deadline=request.response_deadline.date(),
                    summary=self.env._("Answer request: %s", request.name),
                )
        return requests

    def _handler(self):
        self.ensure_one()
        return self.responder_id or self.responding_department_id.manager_id.user_id

    # ------------------------------------------------------------------ sides
    def _spoken_for(self, department_field, person_field=None):
        """The requests on which the current user speaks for the department in
        ``department_field``: he is the person in ``person_field``, a member of that
        department or its head (officers act for anyone)."""
        user = self.env.user
        if user.has_group("perf_synergy.group_synergy_officer"):
            return self
        departments = user.employee_ids.department_id
        return self.filtered(
            lambda r: (
                (person_field and r[person_field] == user)
                or r[department_field] in departments
                or r[department_field].manager_id.user_id == user
            )
        )

    def _policy_requesting_side(self):
        return self._spoken_for("requesting_department_id", "requester_id")

    def _policy_requesting_department_member(self):
        """Nobody raises a request for a department he is not part of."""
        return self._spoken_for("requesting_department_id")

    def _policy_responding_side(self):
        return self._spoken_for("responding_department_id", "responder_id")

    def _check_side(self, side):
        """Refuses a step to users who do not speak for ``side`` ("requesting" or
        "responding") of every request of ``self``."""
        if self.env.su:
            return
        if side == "requesting":
            allowed, who = self._policy_requesting_side(), self.env._("the requesting side")
        else:
            allowed, who = self._policy_responding_side(), self.env._("the responding side")
        wrong = self - allowed
        if wrong:
            raise AccessError(
                self.env._(
                    "Only %(who)s of request %(name)s may take this step.",
                    who=who,
                    name=wrong[0].name,
                )
            )

    def _working_hours_since_creation(self, end):
        self.ensure_one()
        if not self.calendar_id:
            return (end - self.request_date).total_seconds() / 3600
        return self.calendar_id.get_work_hours_count(self.request_date, end, compute_leaves=True)

    def _move(self, allowed_from, new_state, **values):
        for request in self:
            if request.state not in allowed_from:
                raise UserError(
                    self.env._(
                        "Request %(name)s is %(state)s: it cannot become %(new)s.",
                        name=request.name,
                        state=dict(STATES)[request.state],
                        new=dict(STATES)[new_state],
                    )
                )
        self.write({"state": new_state, **values})

    @user_action(USER)
    def action_acknowledge(self):
        self._check_side("responding")
        now = fields.Datetime.now()
        self._move(["new"], "acknowledged", date_acknowledged=now)
        self.env["synergy.event"]._log(
            self,
            "request_answered",
            department_id=lambda r: r.responding_department_id.id,
            partner_department_id=lambda r: r.requesting_department_id.id,
            hours=lambda r: r._working_hours_since_creation(now),
            on_time=lambda r: now <= r.response_deadline,
        )
        self.activity_ids.action_done()
        return True

    @user_action(USER)
    def action_start(self):
        self._check_side("responding")
        self._move(["acknowledged"], "in_progress")
        return True

    @user_action(USER)
    def action_deliver(self):
        self._check_side("responding")
        now = fields.Datetime.now()
        self._move(["acknowledged", "in_progress"], "delivered", date_delivered=now)
        self.env["synergy.event"]._log(
            self,
            "request_delivered",
            department_id=lambda r: r.responding_department_id.id,
            partner_department_id=lambda r: r.requesting_department_id.id,
            hours=lambda r: r._working_hours_since_creation(now),
            on_time=lambda r: not r.solution_deadline or now <= r.solution_deadline,
        )
        for request in self:
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=request.requester_id.id,
                summary=self.env._("Accept or reopen: %s", request.name),
            )
        return True

    @user_action(USER)
    def action_accept(self):
        self._check_side("requesting")
        for request in self:
            if request.rating in (False, "0"):
                raise ValidationError(
                    self.env._(
                        "Rate the delivery of %s from 1 to 5 before accepting.", request.name
                    )
                )
        self._move(["delivered"], "accepted", date_accepted=fields.Datetime.now())
        self.env["synergy.event"]._log(
            self,
            "request_accepted",
            department_id=lambda r: r.requesting_department_id.id,
            partner_department_id=lambda r: r.responding_department_id.id,
            rating=lambda r: int(r.rating),
        )
        self.activity_ids.action_done()
        return True

    @user_action(USER)
    def action_accept_dialog(self):
        """The form's *Accept*: asks for the rating first when the delivery is not rated."""
        self.ensure_one()
        if self.rating in (False, "0"):
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Rate and Accept"),
                "res_model": "synergy.request.accept.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {"default_request_id": self.id},
            }
        return self.action_accept()

    @user_action(USER)
    def action_reopen(self):
        self._check_side("requesting")
        self._move(["delivered", "accepted"], "in_progress")
        for request in self:
            request.reopen_count += 1
        self.env["synergy.event"]._log(
            self,
            "request_reopened",
            department_id=lambda r: r.requesting_department_id.id,
            partner_department_id=lambda r: r.responding_department_id.id,
        )
        return True

    @api.model
    def _cron_escalate(self):
        """Overdue requests get one escalation activity for the responding manager."""
        overdue = self.search(
            [
                "|",
                ("response_overdue", "=", True),
                ("solution_overdue", "=", True),
                ("escalated", "=", False),
            ]
        )
        for request in overdue:
            manager = request.responding_department_id.manager_id.user_id
            if manager:
                request.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=manager.id,
                    summary=self.env._("Overdue request: %s", request.name),
                    note=self.env._(
                        "The request from %(department)s is past its SLA.",
                        department=request.requesting_department_id.name,
                    ),
                )
        overdue.write({"escalated": True})
        return True
