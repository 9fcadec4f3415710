from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.write_policy import COMMITTEE, OFFICER, Allow, user_action

SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}


class SynergyMeeting(models.Model):
    """A committee meeting whose agenda is built from the data at a click."""

    _name = "synergy.meeting"
    _description = "Committee Meeting"
    _inherit = ["synergy.policy.mixin", "mail.thread", "mail.activity.mixin"]
    _policy_state = "state"
    _unlink_states = ("planned", "cancelled")
    _write_policy = {
        "name": Allow(COMMITTEE, OFFICER, states=("planned",)),
        "committee_id": Allow(COMMITTEE, OFFICER, states=("planned",)),
        "date": Allow(COMMITTEE, OFFICER, states=("planned",)),
        "period_id": Allow(COMMITTEE, OFFICER, states=("planned",)),
        "attendee_ids": Allow(COMMITTEE, OFFICER, states=("planned",)),
        "agenda_ids": Allow(COMMITTEE, OFFICER, states=("planned",)),
        "minutes": Allow(COMMITTEE, OFFICER, states=("planned", "done")),
        "action_ids": Allow(COMMITTEE, OFFICER, states=("planned", "done")),
    }
    _order = "date desc"
    _check_company_auto = True

    name = fields.Char(required=True)
    committee_id = fields.Many2one(
        "synergy.committee", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="committee_id.company_id", store=True, index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    period_id = fields.Many2one(
        "synergy.period",
        check_company=True,
        compute="_compute_period_id",
        store=True,
        readonly=False,
        help="Period whose results are reviewed (default: the latest period started before the "
        "meeting).",
    )
    state = fields.Selection(
        selection=[("planned", "Planned"), ("done", "Held"), ("cancelled", "Cancelled")],
        required=True,
        default="planned",
        tracking=True,
    )
    attendee_ids = fields.Many2many("res.users", string="Attendees")
    agenda_ids = fields.One2many("synergy.meeting.agenda", "meeting_id")
    minutes = fields.Html()
    action_ids = fields.One2many("synergy.action", "meeting_id", string="Decisions")

    @api.depends("date", "company_id")
    def _compute_period_id(self):
        for meeting in self:
            if meeting.period_id or not meeting.date:
                continue
            meeting.period_id = self.env["synergy.period"].search(
                [
                    ("company_id", "=", meeting.company_id.id),
                    ("period_type", "=", "month"),
                    ("date_start", "<=", meeting.date.date()),
                ],
                order="date_start desc",
                limit=1,
            )

    @user_action(COMMITTEE, OFFICER)
    def action_generate_agenda(self):
        """Agenda from the data: KPIs off track, open alerts by severity, interlocks under floor,
        campaigns with unresolved outliers, projects due for retrospective and the action items
        still open. Regenerating replaces the generated items."""
        for meeting in self:
            meeting.agenda_ids.filtered("generated").unlink()
            items = (
                meeting._agenda_kpis()
                + meeting._agenda_alerts()
                + meeting._agenda_interlocks()
                + meeting._agenda_campaigns()
                + meeting._agenda_retrospectives()
                + meeting._agenda_actions()
            )
            self.env["synergy.meeting.agenda"].create(
                [
                    {**item, "meeting_id": meeting.id, "sequence": index, "generated": True}
                    for index, item in enumerate(items, start=1)
                ]
            )
        return True

    def _agenda_kpis(self):
        if not self.period_id:
            return []
        periods = self.env["synergy.period"].search([("id", "parent_of", self.period_id.ids)])
        lines = self.env["synergy.scorecard.line"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("period_id", "in", periods.ids),
                ("owner_level", "in", ["company", "department"]),
                ("has_actual", "=", True),
                ("score", "<", self.committee_id.off_track_threshold),
            ],
            order="score",
        )
        return [
            {
                "category": "kpi",
                "name": self.env._(
                    "%(kpi)s of %(owner)s (%(period)s): score %(score)s",
                    kpi=line.kpi_id.display_name,
                    owner=line.owner_name,
                    period=line.period_id.name,
                    score=f"{line.score:.0f}",
                ),
                "res_model": line._name,
                "res_id": line.id,
            }
            for line in lines
        ]

    def _agenda_alerts(self):
        alerts = (
            self.env["synergy.alert"]
            .search([("company_id", "=", self.company_id.id), ("state", "!=", "resolved")])
            .sorted(lambda a: (SEVERITY_RANK.get(a.severity, 3), a.id))
        )
        return [
            {
                "category": "alert",
                "severity": alert.severity,
                "name": alert.summary,
                "res_model": alert._name,
                "res_id": alert.id,
            }
            for alert in alerts
        ]

    def _agenda_interlocks(self):
        interlocks = (
            self.env["synergy.interlock"]
            .search([("company_id", "=", self.company_id.id), ("state", "=", "active")])
            .filtered(lambda i: i.outcome == "under_floor")
        )
        return [
            {
                "category": "interlock",
                "name": self.env._(
                    "Interlock %(name)s under its floor (%(actual)s)",
                    name=interlock.name,
                    actual=f"{interlock.actual:g}",
                ),
                "res_model": interlock._name,
                "res_id": interlock.id,
            }
            for interlock in interlocks
        ]

    def _agenda_campaigns(self):
        responses = (
            self.env["synergy.evaluation.response"]
            .sudo()
            .search([("company_id", "=", self.company_id.id), ("review", "=", "pending")])
        )
        return [
            {
                "category": "campaign",
                "name": self.env._(
                    "Campaign %(name)s: %(count)s flagged responses to review",
                    name=campaign.name,
                    count=len(responses.filtered(lambda r, c=campaign: r.campaign_id == c)),
                ),
                "res_model": campaign._name,
                "res_id": campaign.id,
            }
            for campaign in responses.campaign_id
        ]

    def _agenda_retrospectives(self):
        """Projects ended before the meeting without a retrospective."""
        if "synergy.retrospective" not in self.env:
            return []
        projects = self.env["project.project"].search(
            [
                ("company_id", "in", [self.company_id.id, False]),
                ("date", "!=", False),
                ("date", "<=", self.date.date()),
            ]
        )
        reviewed = (
            self.env["synergy.retrospective"]
            .search([("project_id", "in", projects.ids)])
            .project_id
        )
        return [
            {
                "category": "retrospective",
                "name": self.env._("Project %s ended: hold its retrospective", project.name),
                "res_model": project._name,
                "res_id": project.id,
            }
            for project in projects - reviewed
        ]

    def _agenda_actions(self):
        actions = self.env["synergy.action"].search(
            [
                ("committee_id", "=", self.committee_id.id),
                ("state", "in", ["open", "in_progress"]),
                ("meeting_id", "!=", self.id),
            ],
            order="deadline",
        )
        return [
            {
                "category": "action",
                "name": self.env._(
                    "Open action: %(name)s (%(owner)s, due %(deadline)s)",
                    name=action.name,
                    owner=action.owner_id.name or "-",
                    deadline=action.deadline or "-",
                ),
                "res_model": action._name,
                "res_id": action.id,
            }
            for action in actions
        ]

    @user_action(COMMITTEE, OFFICER)
    def action_done(self):
        """Hold the meeting: attendance goes to the collaboration log."""
        for meeting in self:
            if meeting.state != "planned":
                raise UserError(self.env._("Meeting %s is not planned.", meeting.name))
            self.env["synergy.event"]._log(
                meeting.attendee_ids,
                "meeting_attended",
                user_id=lambda user: user.id,
                department_id=lambda user: user.sudo().employee_id.department_id.id,
                res_model=meeting._name,
                res_id=meeting.id,
                company_id=meeting.company_id.id,
                description=meeting.name,
            )
        self.write({"state": "done"})
        return True

    @user_action(COMMITTEE, OFFICER)
    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True
