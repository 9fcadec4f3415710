from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.perf_synergy.tools.write_policy import COMMITTEE, OFFICER, user_action


class SynergyMeeting(models.Model):
    """Each committee meeting has its calendar event, kept in step with the meeting."""

    _inherit = "synergy.meeting"

    calendar_event_id = fields.Many2one(
        "calendar.event", readonly=True, copy=False, ondelete="set null"
    )

    def _calendar_event_values(self):
        self.ensure_one()
        return {
            "name": self.name,
            "start": self.date,
            "stop": self.date + timedelta(hours=1),
            "partner_ids": [(6, 0, self.attendee_ids.partner_id.ids)],
            "description": self.env._("Performance committee: %s", self.committee_id.name),
        }

    @api.model_create_multi
    def create(self, vals_list):
        meetings = super().create(vals_list)
        events = self.env["calendar.event"].create(
            [meeting._calendar_event_values() for meeting in meetings]
        )
        for meeting, event in zip(meetings, events, strict=True):
            meeting.calendar_event_id = event
        return meetings

    def write(self, vals):
        result = super().write(vals)
        if {"name", "date", "attendee_ids"} & set(vals):
            for meeting in self.filtered("calendar_event_id"):
                meeting.calendar_event_id.write(meeting._calendar_event_values())
        if vals.get("state") == "cancelled":
            self.calendar_event_id.unlink()
        return result

    @user_action(COMMITTEE, OFFICER)
    def action_open_calendar_event(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.calendar_event_id.id,
            "view_mode": "form",
        }
