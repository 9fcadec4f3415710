from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SynergyCase, make_synergy_user


@tagged("post_install", "-at_install")
class TestCalibration(SynergyCase):
    # Ten employees' results: S S A A B B B B B C (S is 20 % against a 10 % guideline).
    GRADES = ("S", "S", "A", "A", "B", "B", "B", "B", "B", "C")
    SCORES = {"S": 108.0, "A": 97.0, "B": 85.0, "C": 70.0, "D": 40.0}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        cls.cards = cls.env["synergy.scorecard"]
        for index, grade in enumerate(cls.GRADES):
            department = cls.dep_sales_north if index % 2 else cls.dep_ops
            employee = Employee.create(
                {"name": f"Calibrated {index}", "department_id": department.id}
            )
            card = cls.scorecard("employee", employee_id=employee.id)
            card.write({"final_score": cls.SCORES[grade] - index / 10, "grade": grade})
            cls.cards |= card
        # Outside the population: another level, no result yet, a published result.
        cls.card_department = cls.scorecard(department_id=cls.dep_ops.id)
        cls.card_department.write({"final_score": 90, "grade": "B"})
        cls.card_ungraded = cls.scorecard("employee", employee_id=cls.emp_ops.id)
        cls.card_published = cls.scorecard("employee", employee_id=cls.emp_seller.id)
        cls.card_published.write({"final_score": 110, "grade": "S", "result_published": True})
        cls.user_committee = make_synergy_user(
            cls.env, "syn_committee", "perf_synergy.group_synergy_committee"
        )

    def _session(self, **values):
        return self.env["synergy.calibration"].create(
            {"name": "Year-end", "period_id": self.year.id, **values}
        )

    def _loaded(self, **values):
        session = self._session(**values)
        session.action_load()
        return session

    def _line(self, session, index):
        return session.line_ids.filtered(lambda line: line.scorecard_id == self.cards[index])

    def test_guideline_defaults_and_total(self):
        session = self._session()
        self.assertEqual(
            [session.guide_s, session.guide_a, session.guide_b, session.guide_c, session.guide_d],
            [10, 20, 50, 15, 5],
        )
        with self.assertRefused(ValidationError, "guideline of calibration Year-end sums to 95%"):
            session.guide_d = 0
        with self.assertRefused(ValidationError, "between 0 and 100"):
            session.write({"guide_s": -10, "guide_b": 70})

    def test_load_the_population(self):
        session = self._session()
        with self.assertRaises(AccessError):
            session.with_user(self.user_head).action_load()
        session.with_user(self.user_officer).action_load()
        self.assertEqual(session.state, "in_progress")
        self.assertEqual(session.line_ids.scorecard_id, self.cards)
        line = self._line(session, 0)
        self.assertEqual((line.original_grade, line.calibrated_grade), ("S", "S"))
        self.assertAlmostEqual(line.final_score, 108)
        self.assertFalse(session.line_ids.filtered("changed"))
        self.assertIn("10 results loaded", session.message_ids[0].body)
        # Loading again adds nobody twice.
        session.action_load()
        self.assertEqual(len(session.line_ids), 10)
        # A department filter reaches sub-departments; the department level is its own population.
        sales = self._loaded(department_ids=[(6, 0, self.dep_sales.ids)])
        self.assertEqual(
            sales.line_ids.scorecard_id,
            self.cards.filtered(lambda c: c.department_id == self.dep_sales_north),
        )
        departments = self._loaded(owner_level="department")
        self.assertEqual(departments.line_ids.scorecard_id, self.card_department)
        with self.assertRefused(UserError, "No unpublished result to calibrate"):
            self._loaded(period_id=self.q1.id)

    def test_distribution_and_warning(self):
        session = self._loaded()
        self.assertEqual(
            [session.count_s, session.count_a, session.count_b, session.count_c, session.count_d],
            [2, 2, 5, 1, 0],
        )
        self.assertEqual(
            [session.share_s, session.share_a, session.share_b, session.share_c, session.share_d],
            [20, 20, 50, 10, 0],
        )
        self.assertEqual(
            session.distribution_warning,
            "Grade S: 20.0% (2 of 10) exceeds its guideline of 10%.",
        )
        grades = {row["grade"]: row for row in session.distribution["grades"]}
        self.assertEqual(session.distribution["population"], 10)
        self.assertTrue(grades["S"]["warned"])
        self.assertFalse(grades["B"]["warned"])
        self.assertEqual((grades["S"]["after"], grades["S"]["share"]), (2, session.share_s))
        self.assertEqual(grades["S"]["guideline"], session.guide_s)
        # Moving one S down to A puts A at 30 % > 20 %: the warning moves to A.
        self._line(session, 1).write({"calibrated_grade": "A", "reason": "Shared credit"})
        self.assertEqual((session.count_s, session.count_a), (1, 3))
        self.assertEqual(
            session.distribution_warning,
            "Grade A: 30.0% (3 of 10) exceeds its guideline of 20%.",
        )
        # Ten people cannot follow 10/20/50/15/5 exactly: some grade is always above.
        self._line(session, 3).write({"calibrated_grade": "C", "reason": "Late delivery"})
        self.assertEqual(
            session.distribution_warning,
            "Grade C: 20.0% (2 of 10) exceeds its guideline of 15%.",
        )
        self.assertEqual(session.adjustment_count, 2)

    def test_adjustment_needs_a_reason_and_is_logged(self):
        session = self._loaded()
        line = self._line(session, 4)
        with self.assertRefused(ValidationError, "Calibrated 4 moves from grade B to A: give"):
            line.calibrated_grade = "A"
        with self.assertRefused(ValidationError, "give the reason"):
            line.write({"calibrated_grade": "A", "reason": "   "})
        line.write({"calibrated_grade": "A", "reason": "Saved the key account"})
        self.assertTrue(line.changed)
        log = session.message_ids[0].body
        self.assertIn("Grade of Calibrated 4 changed from B to A", log)
        self.assertIn("Saved the key account", log)
        # Back to the original grade: no reason needed any more, and logged too.
        line.write({"calibrated_grade": "B", "reason": False})
        self.assertFalse(line.changed)
        self.assertIn("changed from A to B", session.message_ids[0].body)

    def test_enforce_refuses_more_than_one_person_above_the_guideline(self):
        session = self._loaded(mode="enforce")
        # S is 20 % against 10 %: one person above, tolerated in a population of ten.
        self._line(session, 2).write({"calibrated_grade": "S", "reason": "Exceptional launch"})
        with self.assertRefused(
            UserError,
            r"grade S holds 30\.0% of the population \(3 of 10\), more than its guideline of "
            r"10% plus one person's share \(10\.0%\)",
        ):
            session.action_done()
        self.assertEqual(session.state, "in_progress")
        self.assertFalse(self.cards[2].calibrated_grade)
        session.mode = "warn"
        session.action_done()
        self.assertEqual(session.state, "done")

    def test_done_writes_the_calibrated_grades(self):
        session = self._loaded(mode="enforce")
        self._line(session, 1).write({"calibrated_grade": "A", "reason": "Shared credit"})
        self._line(session, 9).write({"calibrated_grade": "B", "reason": "Covered a vacancy"})
        with self.assertRefused(UserError, "Load the results"):
            self._session().action_done()
        session.action_done()
        self.assertEqual(session.state, "done")
        self.assertEqual(self.cards[1].calibrated_grade, "A")
        self.assertEqual(self.cards[1].final_grade, "A")
        self.assertEqual(self.cards[1].grade, "S", "the score's grade stays visible")
        self.assertEqual(self.cards[9].final_grade, "B")
        self.assertFalse(self.cards[0].calibrated_grade)
        self.assertEqual(self.cards[0].final_grade, "S")
        message = session.message_ids[0].body
        self.assertIn("2 of 10 grades adjusted", message)
        self.assertIn("Calibrated 1: S → A (score 107.9). Reason: Shared credit", message)
        self.assertIn("Calibrated 9: C → B (score 69.1). Reason: Covered a vacancy", message)
        # A done session is frozen.
        with self.assertRefused(UserError, "is done"):
            self._line(session, 0).write({"calibrated_grade": "A", "reason": "Late"})
        with self.assertRefused(UserError, "done and locked"):
            session.guide_s = 20
        with self.assertRefused(UserError, "done and locked"):
            session.unlink()
        with self.assertRefused(UserError, "is done"):
            session.action_load()

    def test_a_later_session_decides(self):
        first = self._loaded()
        self._line(first, 1).write({"calibrated_grade": "A", "reason": "Shared credit"})
        first.action_done()
        self.assertEqual(self.cards[1].final_grade, "A")
        second = self._loaded()
        self.assertEqual(self._line(second, 1).original_grade, "S")
        second.action_done()
        self.assertFalse(self.cards[1].calibrated_grade)
        self.assertEqual(self.cards[1].final_grade, "S")

    def test_published_results_are_not_calibrated(self):
        session = self._loaded()
        self.assertNotIn(self.card_published, session.line_ids.scorecard_id)
        self._line(session, 4).write({"calibrated_grade": "A", "reason": "Key account"})
        self.cards[4].result_published = True
        with self.assertRefused(UserError, "Calibrated 4.*published during the calibration"):
            session.action_done()

    def test_population_is_fixed_once_loaded(self):
        session = self._loaded()
        with self.assertRefused(UserError, "only be changed while the record is Draft"):
            session.period_id = self.q1
        session.mode = "enforce"  # the mode and guideline may still change

    def test_access(self):
        session = self._loaded()
        self.assertEqual(
            self.env["synergy.calibration"]
            .with_user(self.user_committee)
            .search([("period_id", "=", session.period_id.id)]),
            session,
        )
        lines = session.line_ids.with_user(self.user_committee)
        self.assertEqual(len(lines.read(["final_score", "calibrated_grade"])), 10)
        with self.assertRaises(AccessError):
            lines[0].write({"calibrated_grade": "A", "reason": "Mine"})
        with self.assertRaises(AccessError):
            self.env["synergy.calibration"].with_user(self.user_head).search([])
        other = self.env["res.company"].create({"name": "Calibration Elsewhere"})
        period = self.env["synergy.period"].create(
            {
                "name": "Elsewhere 2031",
                "date_start": "2031-01-01",
                "date_end": "2031-12-31",
                "company_id": other.id,
            }
        )
        elsewhere = self._session(company_id=other.id, period_id=period.id)
        visible = self.env["synergy.calibration"].with_user(self.user_officer).search([])
        self.assertIn(session, visible)
        self.assertNotIn(elsewhere, visible)

    def test_form_view(self):
        with Form(self.env["synergy.calibration"].with_user(self.user_officer)) as form:
            form.name = "From the form"
            form.period_id = self.year
        session = form.record
        session.action_load()
        with Form(session.with_user(self.user_officer)) as form, form.line_ids.edit(0) as line:
            line.calibrated_grade = "D"
            line.reason = "Repeated blockades"
        self.assertEqual(session.adjustment_count, 1)
