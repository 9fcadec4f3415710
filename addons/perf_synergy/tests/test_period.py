from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SynergyCase


@tagged("post_install", "-at_install")
class TestPeriod(SynergyCase):
    def test_generate_nests_year_quarters_months(self):
        self.assertEqual(len(self.year.child_ids), 4)
        self.assertEqual(len(self.months), 12)
        self.assertEqual(self.months[1].parent_id, self.q1)
        self.assertEqual(str(self.months[1].date_end), f"{self.YEAR}-02-28")
        self.assertEqual(set((self.year | self.months).mapped("state")), {"open"})
        with self.assertRaises(UserError):
            self.env["synergy.period.generate"].create({"year": self.YEAR}).action_generate()

    def test_period_inside_parent(self):
        with self.assertRaises(ValidationError):
            self.env["synergy.period"].create(
                {
                    "name": "Outside",
                    "period_type": "month",
                    "parent_id": self.q1.id,
                    "date_start": f"{self.YEAR}-06-02",
                    "date_end": f"{self.YEAR}-06-30",
                }
            )

    def test_close_locks_values_and_reopen_is_tracked(self):
        card = self.scorecard(department_id=self.dep_sales.id, period=self.q1)
        line = self.line(card, self.kpi_sales, weight=100, target=300)
        for month, amount in zip(self.months[:3], (100, 110, 120), strict=True):
            self.value(self.kpi_sales, month, amount, department_id=self.dep_sales.id)
        self.assertEqual(line.actual, 330)
        self.assertAlmostEqual(line.score, 110)

        self.q1.with_user(self.user_officer).action_close()
        self.assertEqual(self.q1.state, "closed")
        self.assertEqual(self.months[0].state, "closed")
        self.assertEqual(card.state, "closed")
        values = self.env["synergy.kpi.value"].search([("period_id", "in", self.months[:3].ids)])
        self.assertTrue(all(values.mapped("locked")))
        with self.assertRefused(UserError, "locked"):
            values[0].write({"value": 1})
        with self.assertRefused(UserError, "locked"):
            values[0].unlink()
        with self.assertRaises(UserError):
            values[0].with_context(synergy_unlock=True).with_user(self.user_head).write(
                {"locked": False}
            )
        # New values cannot be added to a closed period either.
        with self.assertRefused(UserError, "closed and locked"):
            self.value(self.kpi_sales, self.months[0], 5, department_id=self.dep_ops.id)

        with self.assertRefused(UserError, "Officer"):
            self.q1.with_user(self.user_head).action_reopen()
        self.q1.with_user(self.user_officer).action_reopen()
        self.assertEqual(self.q1.state, "open")
        self.assertFalse(any(values.mapped("locked")))
        self.assertIn("reopened", self.q1.message_ids[0].body)
        january = values.filtered(lambda v: v.period_id == self.months[0])
        january.value = 200
        self.assertEqual(line.actual, 430)

    def test_a_reopened_month_leaves_its_closed_quarter_as_closed(self):
        """A month reopened alone (its quarter stays closed): a value corrected in the month
        refreshes the month's lines, not the closed quarter's figures; they change when the
        quarter is reopened and closed again."""
        quarter_card = self.scorecard(department_id=self.dep_sales.id, period=self.q1)
        quarter_line = self.line(quarter_card, self.kpi_sales, weight=100, target=300)
        month_card = self.scorecard(department_id=self.dep_sales.id, period=self.months[0])
        month_line = self.line(month_card, self.kpi_sales, weight=100, target=100)
        value = self.value(self.kpi_sales, self.months[0], 100, department_id=self.dep_sales.id)
        officer = self.user_officer
        self.q1.with_user(officer).action_close()
        closed = quarter_card.read(["kpi_score", "final_score", "write_date"])[0]
        self.assertEqual(quarter_line.actual, 100)

        self.months[0].with_user(officer).action_reopen()
        self.assertEqual(self.q1.state, "closed")
        value.with_user(self.user_head).write({"value": 150})
        self.assertEqual(month_line.actual, 150)  # the reopened month follows
        self.assertEqual(quarter_line.actual, 100)  # the closed quarter does not
        self.assertEqual(quarter_card.read(["kpi_score", "final_score", "write_date"])[0], closed)
        with self.assertRefused(UserError, "locked"):
            quarter_card.with_user(officer).action_refresh()

        self.q1.with_user(officer).action_reopen()
        self.q1.with_user(officer).action_close()
        self.assertEqual(quarter_line.actual, 150)
