from datetime import datetime, timedelta

from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestMeetingCalendar(TransactionCase):
    def test_meeting_follows_its_calendar_event(self):
        member = new_test_user(
            self.env, login="calendar_member", groups="perf_synergy.group_synergy_committee"
        )
        committee = self.env["synergy.committee"].create({"name": "Calendar committee"})
        meeting = self.env["synergy.meeting"].create(
            {
                "name": "March review",
                "committee_id": committee.id,
                "date": datetime(2031, 3, 5, 9),
                "attendee_ids": [(6, 0, member.ids)],
            }
        )
        event = meeting.calendar_event_id
        self.assertEqual(event.name, "March review")
        self.assertEqual(event.start, datetime(2031, 3, 5, 9))
        self.assertEqual(event.stop - event.start, timedelta(hours=1))
        self.assertIn(member.partner_id, event.partner_ids)
        meeting.date = datetime(2031, 3, 6, 14)
        self.assertEqual(event.start, datetime(2031, 3, 6, 14))
        meeting.action_cancel()
        self.assertFalse(event.exists())
