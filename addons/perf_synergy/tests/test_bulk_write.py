"""The bulk writers of ``tools/bulk_write.py`` keep what ``write()`` guarantees: access
rights and record rules, the stored value as the ORM would store it, the cache, the
protection of the computed fields written and the recomputation of what depends on them."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import SQL

from ..tools.bulk_write import check_write_access, sql_write_per_record
from ..tools.write_policy import trusted_writes
from .common import SynergyCase


@tagged("post_install", "-at_install")
class TestBulkWrite(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.card = cls.scorecard(department_id=cls.dep_sales.id, period=cls.months[0])
        cls.line_a = cls.line(cls.card, cls.kpi_sales, weight=60, target=100)
        cls.line_b = cls.line(cls.card, cls.kpi_revenue, weight=40, target=100)
        cls.ops_card = cls.scorecard(department_id=cls.dep_ops.id, period=cls.months[0])
        cls.ops_line = cls.line(cls.ops_card, cls.kpi_sales, weight=100, target=100)

    def _stored(self, line, column):
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                "SELECT %s, write_uid FROM synergy_scorecard_line WHERE id = %s",
                SQL.identifier(column),
                line.id,
            )
        )
        return rows[0]

    def test_sql_write_stores_what_the_orm_stores(self):
        lines = (self.line_a | self.line_b).with_user(self.user_head)
        sql_write_per_record(
            lines,
            {
                self.line_a.id: {
                    "actual": 1.23456,
                    "has_actual": True,
                    "score": 90.0,
                    "achievement": 1.2,
                },
                self.line_b.id: {
                    "actual": 0.0,
                    "has_actual": False,
                    "score": 0.0,
                    "achievement": 0,
                },
            },
        )
        # Rounded to the field's digits, in the database and in the cache, as write() does.
        self.assertEqual(self._stored(self.line_a, "actual"), (1.2346, self.user_head.id))
        self.assertEqual(self.line_a.actual, 1.2346)
        # The computed score given is kept (protected), not recomputed from the actual...
        self.assertEqual(self.line_a.score, 90.0)
        self.assertEqual(self._stored(self.line_a, "score")[0], 90.0)
        # ... and what depends on it is recomputed: the scorecard's KPI score.
        self.assertAlmostEqual(self.card.kpi_score, 90.0 * 60 / 100)
        self.assertFalse(self.line_b.has_actual)

    def test_a_new_value_is_scored_like_the_orm_scores_it(self):
        """The refresh scores through the engine what _compute_score computes."""
        value = self.value(
            self.kpi_sales, self.months[0], 87.65432, department_id=self.dep_sales.id
        )
        self.assertEqual(self.line_a.actual, 87.6543)
        refreshed = self.line_a.score
        self.line_a._compute_score()  # the ORM's compute, on the same stored actual
        self.assertEqual(self.line_a.score, refreshed)
        self.assertAlmostEqual(self.line_a.score, 87.6543 * 100 / 100)
        value.value = 120  # the default stretch: 1.2 x target scores the cap
        cap = self.card._score_cap()
        self.assertEqual(self.line_a.score, cap)
        self.assertAlmostEqual(self.card.kpi_score, cap * 60 / 100)

    def test_record_rules_are_checked_before_anything_is_written(self):
        lines = (self.line_a | self.ops_line).with_user(self.user_head)
        vals = {"actual": 5.0, "has_actual": True, "score": 5.0, "achievement": 5.0}
        with self.assertRaises(AccessError):
            sql_write_per_record(lines, {line.id: dict(vals) for line in lines})
        with self.assertRaises(AccessError):
            check_write_access(self.ops_line.with_user(self.user_head))
        check_write_access(self.line_a.with_user(self.user_head))  # in the head's department
        self.env.invalidate_all()
        self.assertFalse(self.line_a.has_actual)
        self.assertFalse(self.ops_line.has_actual)

    def test_sql_write_refuses_what_it_cannot_write(self):
        for vals in (
            {"weight": 5.0},  # tracked: the chatter would not see it
            {"kpi_id": self.kpi_revenue.id},  # relational
            {"name": "x"},  # not stored
        ):
            with self.subTest(vals=vals), self.assertRaises(ValueError):
                sql_write_per_record(self.line_a, {self.line_a.id: vals})
        with self.assertRaises(ValueError):  # not the same fields for every record
            sql_write_per_record(
                self.line_a | self.line_b,
                {self.line_a.id: {"actual": 1.0}, self.line_b.id: {"score": 1.0}},
            )

    def test_values_are_locked_by_their_period(self):
        value = self.value(self.kpi_sales, self.months[0], 10, department_id=self.dep_sales.id)
        Value = self.env["synergy.kpi.value"]
        self.assertFalse(value.locked)
        self.assertIn(value, Value.search([("locked", "=", False)]))
        with self.assertRefused(UserError, "locked by its period"):
            value.write({"locked": True})
        self.months[0].with_user(self.user_officer).action_close()
        self.assertTrue(value.locked)
        self.assertIn(value, Value.search([("locked", "=", True)]))
        self.assertNotIn(value, Value.search([("locked", "=", False)]))
        self.assertRegex(self.months[0].message_ids[0].body, r"\d+ values locked")
        self.months[0].with_user(self.user_officer).action_reopen()
        self.assertFalse(value.locked)
        value.value = 11  # open again

    def test_locked_records_are_refused_as_write_refuses_them(self):
        """The bulk writer keeps the lock of write(): a closed scorecard's lines are written
        only inside the transitions that unlock (the close), not by a refresh."""
        self.months[0].with_user(self.user_officer).action_close()
        vals = {"actual": 5.0, "has_actual": True, "score": 5.0, "achievement": 5.0}
        with self.assertRefused(UserError, "locked"):
            sql_write_per_record(self.line_a, {self.line_a.id: dict(vals)})
        with self.assertRefused(UserError, "locked"):
            sql_write_per_record(self.card, {self.card.id: {"final_score": 1.0}})
        with trusted_writes(unlock=True):
            sql_write_per_record(self.line_a, {self.line_a.id: dict(vals)})
        self.assertEqual(self.line_a.actual, 5.0)
