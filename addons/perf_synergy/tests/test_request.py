from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SynergyCase


@tagged("post_install", "-at_install")
class TestRequest(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A 40-hour week, 8:00-12:00 and 13:00-17:00 UTC, Monday to Friday.
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Ops calendar", "tz": "UTC", "company_id": cls.company.id}
        )
        cls.env["resource.calendar.attendance"].search(
            [("calendar_id", "=", cls.calendar.id)]
        ).unlink()
        cls.env["resource.calendar.attendance"].create(
            [
                {
                    "name": f"{day} {period}",
                    "calendar_id": cls.calendar.id,
                    "dayofweek": str(day),
                    "hour_from": start,
                    "hour_to": end,
                    "day_period": period,
                }
                for day in range(5)
                for period, start, end in (("morning", 8, 12), ("afternoon", 13, 17))
            ]
        )
        cls.calendar.hours_per_day = 8
        cls.emp_ops.resource_calendar_id = cls.calendar
        cls.dep_ops.manager_id = cls.emp_ops

    def _request(self, **values):
        return (
            self.env["synergy.request"]
            .with_user(self.user_seller)
            .create(
                {
                    "name": "Price list",
                    "requesting_department_id": self.dep_sales_north.id,
                    "responding_department_id": self.dep_ops.id,
                    **values,
                }
            )
        )

    def test_sla_skips_the_weekend_and_holidays(self):
        # Thursday 2031-03-06 10:00: two working days end on Monday 10:00.
        with freeze_time("2031-03-06 10:00:00"):
            request = self._request()
        self.assertEqual(request.response_deadline, datetime(2031, 3, 10, 10, 0))
        # A company holiday on that Monday pushes it to Tuesday.
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "calendar_id": self.calendar.id,
                "date_from": "2031-03-10 00:00:00",
                "date_to": "2031-03-10 23:59:59",
            }
        )
        self.env.add_to_compute(request._fields["response_deadline"], request)
        self.assertEqual(request.response_deadline, datetime(2031, 3, 11, 10, 0))

    def test_emergency_sla(self):
        # Friday 16:45: 30 working minutes end Monday 8:15, the 2-hour solution Monday 9:45.
        with freeze_time("2031-03-07 16:45:00"):
            request = self._request(priority="emergency")
        self.assertEqual(request.response_deadline, datetime(2031, 3, 10, 8, 15))
        self.assertEqual(request.solution_deadline, datetime(2031, 3, 10, 9, 45))

    def test_flow_events_and_escalation(self):
        with freeze_time("2031-03-03 09:00:00"):
            request = self._request()
        self.assertEqual(request.activity_ids.user_id, self.user_ops, "the responding manager")
        with freeze_time("2031-03-06 09:00:00"):
            self.assertTrue(request.response_overdue)
            self.env["synergy.request"]._cron_escalate()
            self.assertTrue(request.escalated)
            self.env["synergy.request"]._cron_escalate()
            self.assertEqual(
                len(request.activity_ids.filtered(lambda a: "Overdue" in (a.summary or ""))),
                1,
                "escalated once",
            )
            request.with_user(self.user_ops).action_acknowledge()
        with freeze_time("2031-03-07 11:00:00"):
            request.with_user(self.user_ops).action_deliver()
        with self.assertRefused(ValidationError, "Rate the delivery"):
            request.with_user(self.user_seller).action_accept()
        request.with_user(self.user_seller).rating = "4"
        request.with_user(self.user_seller).action_accept()
        self.assertEqual(request.state, "accepted")
        request.with_user(self.user_seller).action_reopen()
        self.assertEqual((request.state, request.reopen_count), ("in_progress", 1))
        events = self.env["synergy.event"].search(
            [("res_model", "=", "synergy.request"), ("res_id", "=", request.id)], order="id"
        )
        self.assertEqual(
            events.mapped("event_type"),
            [
                "request_raised",
                "request_answered",
                "request_delivered",
                "request_accepted",
                "request_reopened",
            ],
        )
        answered = events[1]
        self.assertEqual(answered.department_id, self.dep_ops)
        self.assertFalse(answered.on_time)
        self.assertEqual(answered.hours, 24, "Monday 9:00 to Thursday 9:00 = 3 working days")
        self.assertEqual(events[3].rating, 4)
        with self.assertRefused(UserError, "cannot become Accepted"):
            request.action_accept()

    def test_measures_read_the_log(self):
        with freeze_time("2031-03-03 09:00:00"):
            fast = self._request(name="Fast")
            slow = self._request(name="Slow")
        with freeze_time("2031-03-03 13:00:00"):
            fast.with_user(self.user_ops).action_acknowledge()  # 3 working hours
        with freeze_time("2031-03-04 09:00:00"):
            slow.with_user(self.user_ops).action_acknowledge()  # 8 working hours
        march = self.months[2]
        hours = self.env.ref("perf_synergy.measure_request_response_hours")._evaluate(march)
        self.assertAlmostEqual(hours[self.dep_ops], 5.5)
        with freeze_time("2031-03-05 09:00:00"):
            (fast | slow).with_user(self.user_ops).action_deliver()
        on_time = self.env.ref("perf_synergy.measure_request_on_time_delivery")._evaluate(march)
        self.assertEqual(on_time[self.dep_ops], 100.0, "no deadline asked: delivered on time")

    def test_bad_input(self):
        with self.assertRefused(ValidationError, "cannot request from itself"):
            self._request(responding_department_id=self.dep_sales_north.id)
        with self.assertRefused(ValidationError, "already past"):
            self._request(date_due="2001-01-01 10:00:00")

    def test_calendar_fallback(self):
        self.dep_ops.manager_id = False
        request = self._request()
        self.assertTrue(request.calendar_fallback)
        self.assertEqual(request.calendar_id, self.company.resource_calendar_id)
