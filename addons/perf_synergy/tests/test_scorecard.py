from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import SynergyCase


@tagged("post_install", "-at_install")
class TestScorecard(SynergyCase):
    def test_scores_follow_the_curve(self):
        card = self.scorecard(department_id=self.dep_ops.id)
        sales = self.line(card, self.kpi_sales, weight=60, target=1000)
        complaints = self.line(card, self.kpi_complaints, weight=40, target=10)
        self.value(self.kpi_sales, self.year, 900, department_id=self.dep_ops.id)
        self.value(self.kpi_complaints, self.year, 15, department_id=self.dep_ops.id)
        self.assertAlmostEqual(sales.score, 90)
        self.assertAlmostEqual(sales.achievement, 90)
        self.assertAlmostEqual(complaints.score, 50)
        self.assertAlmostEqual(complaints.achievement, 100 * 10 / 15)
        self.assertAlmostEqual(card.kpi_score, (60 * 90 + 40 * 50) / 100)

    def test_line_without_value_scores_zero(self):
        card = self.scorecard(department_id=self.dep_ops.id)
        line = self.line(card, self.kpi_sales, weight=100, target=10)
        self.assertFalse(line.has_actual)
        self.assertEqual(line.score, 0)

    def test_time_aggregation_of_months(self):
        card = self.scorecard(department_id=self.dep_ops.id, period=self.q1)
        line = self.line(card, self.kpi_retention, weight=100, target=90)
        for month, amount in zip(self.months[:3], (80, 90, 100), strict=True):
            self.value(self.kpi_retention, month, amount, department_id=self.dep_ops.id)
        self.assertAlmostEqual(line.actual, 90, msg="retention averages over months")
        self.assertAlmostEqual(line.score, 100)

    def test_confirm_needs_weights_summing_to_100(self):
        card = self.scorecard(department_id=self.dep_ops.id)
        self.line(card, self.kpi_sales, weight=50, is_synergy=True)
        self.line(card, self.kpi_retention, weight=30)
        with self.assertRefused(ValidationError, "sum to 80"):
            card.action_confirm()
        self.assertEqual(card.state, "draft")

    def test_department_needs_minimum_synergy_weight(self):
        card = self.scorecard(department_id=self.dep_ops.id)
        self.line(card, self.kpi_sales, weight=90)
        self.line(card, self.kpi_retention, weight=10, is_synergy=True)
        with self.assertRefused(ValidationError, "10%.*at least 20%"):
            card.action_confirm()
        card.line_ids[1].weight = 20
        card.line_ids[0].weight = 80
        card.action_confirm()
        self.assertEqual(card.state, "confirmed")

    def test_employee_scorecard_needs_no_synergy_weight(self):
        card = self.scorecard("employee", employee_id=self.emp_ops.id)
        self.assertEqual(card.department_id, self.dep_ops)
        self.line(card, self.kpi_sales, weight=100)
        card.action_confirm()
        self.assertEqual(card.state, "confirmed")

    def test_bad_input_is_refused_with_a_clear_error(self):
        card = self.scorecard(department_id=self.dep_ops.id)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.line(card, self.kpi_sales, weight=-5)
        with self.assertRefused(ValidationError, "Floor.*explicit floor"):
            self.line(card, self.kpi_complaints, weight=10, target=0)
        with self.assertRefused(ValidationError, "Stretch.*must not be below"):
            self.line(card, self.kpi_sales, weight=10, target=100, stretch=80)
        with self.assertRefused(ValidationError, "choose the Department"):
            self.scorecard(period=self.q1)
        self.assertFalse(card.line_ids, "nothing half-saved")

    def test_zero_incident_target_with_floor(self):
        card = self.scorecard(department_id=self.dep_ops.id)
        line = self.line(card, self.kpi_complaints, weight=100, target=0, floor=4)
        self.value(self.kpi_complaints, self.year, 1, department_id=self.dep_ops.id)
        self.assertAlmostEqual(line.score, 75)

    def test_form_entry(self):
        with Form(self.env["synergy.scorecard"]) as form:
            form.owner_level = "department"
            form.department_id = self.dep_ops
            form.period_id = self.year
            with form.line_ids.new() as line:
                line.kpi_id = self.kpi_sales
                line.weight = 100
                line.target = 50
        card = form.save()
        self.assertEqual(card.scheme_id, self.scheme)
        self.assertEqual(card.name, f"Syn Operations - {self.YEAR}")
        self.assertEqual(card.total_weight, 100)
