from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SynergyCase


@tagged("post_install", "-at_install")
class TestImprovement(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        jan, feb, mar = cls.months[:3]
        sales = {"department_id": cls.dep_sales.id}
        # Sales: baseline in January, monthly values only in Q1 (summed for the check).
        cls.value(cls.kpi_sales, jan, 100, **sales)
        cls.value(cls.kpi_sales, feb, 120, **sales)
        cls.value(cls.kpi_sales, mar, 130, **sales)
        # Retention: averaged over the months of Q1.
        cls.value(cls.kpi_retention, jan, 80, **sales)
        cls.value(cls.kpi_retention, feb, 90, **sales)
        cls.value(cls.kpi_retention, mar, 94, **sales)
        # Complaints (lower is better): Q1 has its own value, which wins over its months.
        cls.value(cls.kpi_complaints, cls.q1, 7, owner_level="company")
        cls.value(cls.kpi_complaints, jan, 1, owner_level="company")
        cls.value(cls.kpi_complaints, cls.year, 20, owner_level="company")
        # Another department's values must not be read.
        cls.value(cls.kpi_sales, jan, 9999, department_id=cls.dep_ops.id)
        cls.improvement = cls.env["synergy.improvement"].create(
            {
                "name": "Sales to delivery hand-over",
                "scenario": "Orders wait for delivery planning",
                "department_ids": [(6, 0, [cls.dep_sales.id, cls.dep_ops.id])],
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "kpi_id": cls.kpi_sales.id,
                            "department_id": cls.dep_sales.id,
                            "baseline_period_id": jan.id,
                            "check_period_id": cls.q1.id,
                            "target": 300,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "kpi_id": cls.kpi_retention.id,
                            "department_id": cls.dep_sales.id,
                            "check_period_id": cls.q1.id,
                            "baseline": 85,
                            "target": 90,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "kpi_id": cls.kpi_complaints.id,
                            "baseline_period_id": cls.year.id,
                            "check_period_id": cls.q1.id,
                            "target": 5,
                        },
                    ),
                ],
            }
        )
        cls.sales_line, cls.retention_line, cls.complaints_line = cls.improvement.line_ids

    def test_check_pulls_values_with_sub_period_aggregation(self):
        self.assertEqual(
            self.improvement.kpi_ids, self.kpi_sales | self.kpi_retention | self.kpi_complaints
        )
        self.improvement.action_do()
        self.improvement.action_check()
        self.assertEqual(self.improvement.stage, "check")
        self.assertTrue(self.improvement.checked_on)
        sales, retention, complaints = self.sales_line, self.retention_line, self.complaints_line
        # Q1 sales = 100 + 120 + 130, summed by the KPI's time aggregation, own department only.
        self.assertEqual((sales.actual, sales.has_actual), (350, True))
        self.assertEqual(sales.baseline, 100)
        self.assertTrue(sales.achieved)
        self.assertEqual(sales.gain, 250)
        # Retention averages its months: 88 < 90; the typed baseline stays.
        self.assertAlmostEqual(retention.actual, 88)
        self.assertEqual(retention.baseline, 85)
        self.assertFalse(retention.achieved)
        # Complaints: Q1's own value (7), not its months; lower is better, 7 > 5.
        self.assertEqual((complaints.actual, complaints.baseline), (7, 20))
        self.assertFalse(complaints.achieved)
        self.assertEqual(complaints.gain, 13, "fewer complaints is a gain")
        self.assertEqual((self.improvement.achieved_count, self.improvement.line_count), (1, 3))
        # Lower is better: at the target it is reached.
        self.complaints_line.target = 7
        self.assertTrue(self.complaints_line.achieved)

    def test_no_value_is_not_achieved(self):
        self.sales_line.check_period_id = self.months[5]
        self.improvement.action_do()
        self.improvement.action_check()
        self.assertFalse(self.sales_line.has_actual)
        self.assertFalse(self.sales_line.achieved)

    def test_band_direction(self):
        band_kpi = self.env["synergy.kpi"].create(
            {
                "code": "T-BAND",
                "name": "Stock days",
                "direction": "band",
                "time_aggregation": "last",
            }
        )
        self.value(band_kpi, self.months[0], 40, department_id=self.dep_ops.id)
        self.value(band_kpi, self.months[2], 33, department_id=self.dep_ops.id)
        line = self.env["synergy.improvement.line"].create(
            {
                "improvement_id": self.improvement.id,
                "kpi_id": band_kpi.id,
                "department_id": self.dep_ops.id,
                "check_period_id": self.q1.id,
                "target": 30,
                "band_low": 25,
                "band_high": 35,
            }
        )
        self.improvement.action_do()
        self.improvement.action_check()
        self.assertEqual(line.actual, 33, "last value of the quarter")
        self.assertTrue(line.achieved)

    def _flush_tracking(self):
        """Each button is its own transaction in the client: track every stage change."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def test_stages_and_closing_requires_changes(self):
        with self.assertRefused(UserError, "at stage Plan"):
            self.improvement.action_check()
        empty = self.env["synergy.improvement"].create({"name": "Empty"})
        with self.assertRefused(UserError, "at least one KPI target"):
            empty.action_do()
        improvement = self.improvement.with_context(tracking_disable=False)
        improvement.action_do()
        self._flush_tracking()
        improvement.action_check()
        self._flush_tracking()
        improvement.action_act()
        self._flush_tracking()
        with self.assertRefused(UserError, "changes adopted"):
            improvement.action_done()
        self._flush_tracking()
        improvement.act_changes = "<p></p>"
        with self.assertRefused(UserError, "changes adopted"):
            improvement.action_done()
        self._flush_tracking()
        improvement.act_changes = "<p>Delivery planning joins the weekly sales meeting.</p>"
        improvement.action_done()
        self._flush_tracking()
        self.assertEqual(improvement.stage, "done")
        tracked = improvement.message_ids.tracking_value_ids.filtered(
            lambda v: v.field_id.name == "stage"
        )
        self.assertEqual(sorted(tracked.mapped("new_value_char")), ["Act", "Check", "Do", "Done"])
        follow_up = self.env["synergy.improvement"].browse(
            improvement.action_next_cycle()["res_id"]
        )
        self.assertEqual(follow_up.stage, "plan")
        self.assertEqual(follow_up.previous_id, improvement)
        self.assertEqual(follow_up.line_ids[0].baseline_period_id, self.q1)
        self.assertFalse(follow_up.line_ids[0].check_period_id)
