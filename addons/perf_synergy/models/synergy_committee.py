from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..tools.write_policy import COMMITTEE, OFFICER, Allow, user_action


class SynergyCommittee(models.Model):
    """The cross-department performance committee: it meets on the numbers."""

    _name = "synergy.committee"
    _description = "Performance Committee"
    _inherit = ["synergy.policy.mixin", "mail.thread"]
    _write_policy = {
        "name": Allow(OFFICER),
        "company_id": Allow(OFFICER),
        "chair_id": Allow(OFFICER),
        "member_ids": Allow(OFFICER),
        "cadence": Allow(OFFICER),
        "off_track_threshold": Allow(OFFICER),
        "meeting_ids": Allow(OFFICER),
        "action_ids": Allow(OFFICER),
        "active": Allow(OFFICER),
    }
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    chair_id = fields.Many2one("res.users", tracking=True)
    member_ids = fields.Many2many("res.users", string="Members")
    cadence = fields.Selection(
        selection=[("monthly", "Monthly"), ("quarterly", "Quarterly")],
        required=True,
        default="monthly",
    )
    off_track_threshold = fields.Float(
        default=80.0,
        help="KPI lines scoring under this are put on the agenda as off track.",
        aggregator=None,
    )
    meeting_ids = fields.One2many("synergy.meeting", "committee_id", string="Meetings")
    action_ids = fields.One2many("synergy.action", "committee_id", string="Action Items")
    open_action_count = fields.Integer(compute="_compute_counts")
    meeting_count = fields.Integer(compute="_compute_counts")
    next_meeting_date = fields.Date(compute="_compute_counts")
    active = fields.Boolean(default=True)

    @api.depends("meeting_ids.date", "action_ids.state")
    def _compute_counts(self):
        step = {"monthly": relativedelta(months=1), "quarterly": relativedelta(months=3)}
        for committee in self:
            committee.meeting_count = len(committee.meeting_ids)
            committee.open_action_count = len(
                committee.action_ids.filtered(lambda a: a.state in ("open", "in_progress"))
            )
            last = max(committee.meeting_ids.mapped("date"), default=False)
            committee.next_meeting_date = (
                (last.date() + step[committee.cadence]) if last else fields.Date.context_today(self)
            )

    @user_action(COMMITTEE, OFFICER)
    def action_new_meeting(self):
        self.ensure_one()
        # A cadence date already past (no meeting for months) is not kept: the meeting is
        # prepared for today, and says so.
        today = fields.Date.context_today(self)
        due = self.next_meeting_date
        date = max(due, today)
        meeting = self.env["synergy.meeting"].create(
            {
                "committee_id": self.id,
                "name": self.env._("%(committee)s - %(date)s", committee=self.name, date=date),
                "date": fields.Datetime.to_datetime(date).replace(hour=9),
                "attendee_ids": [(6, 0, (self.member_ids | self.chair_id).ids)],
            }
        )
        if due < today:
            meeting.message_post(
                body=self.env._(
                    "By the committee's cadence the next meeting was due on %(due)s, which is "
                    "past: this meeting is prepared for today, %(today)s. Change its date if "
                    "it takes place another day.",
                    due=due,
                    today=today,
                )
            )
        meeting.action_generate_agenda()
        return {
            "type": "ir.actions.act_window",
            "res_model": "synergy.meeting",
            "res_id": meeting.id,
            "view_mode": "form",
        }
