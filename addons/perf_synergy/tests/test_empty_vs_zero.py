"""A floor or stretch of 0 is a value, never "use the default" (DESIGN.md section 4; issue 19).

Lower is better, target 2, floor 6, stretch 0 (zero incidents): an actual of 1 scores
100 + (2 - 1) / (2 - 0) x 20 = 110 (docs/formulas.md section 1). Read as "no stretch", the
default 0.8 x 2 = 1.6 would put 1 beyond the stretch, at the cap 120.
"""

import importlib.util
from pathlib import Path

from odoo.tests import Form, tagged
from odoo.tools import SQL

from .common import SynergyCase

MIGRATION = Path(__file__).parents[1] / "migrations" / "19.0.1.1.0" / "post-migrate.py"


@tagged("post_install", "-at_install")
class TestEmptyVersusZero(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kpi_incidents = cls.env["synergy.kpi"].create(
            {"code": "T-INC", "name": "Incidents", "direction": "lower_better"}
        )

    def _incident_line(self, period=None, **values):
        card = self.scorecard(department_id=self.dep_ops.id, period=period)
        return self.line(card, self.kpi_incidents, weight=100, target=2, floor=6, **values)

    def test_zero_stretch_scores_by_the_formula(self):
        line = self._incident_line(stretch=0.0)
        self.assertTrue(line.floor_set)
        self.assertTrue(line.stretch_set)
        self.value(self.kpi_incidents, self.year, 1, department_id=self.dep_ops.id)
        self.assertAlmostEqual(line.score, 110)
        self.assertAlmostEqual(line.achievement, 200)

    def test_empty_stretch_takes_the_default(self):
        line = self._incident_line()
        self.assertFalse(line.stretch_set)
        self.value(self.kpi_incidents, self.year, 1, department_id=self.dep_ops.id)
        self.assertEqual(line.score, 120, "default stretch 1.6: 1 is beyond it")
        # Writing 0 gives the value; writing False (an emptied field) takes it back.
        line.stretch = 0.0
        self.assertTrue(line.stretch_set)
        self.assertAlmostEqual(line.score, 110)
        line.write({"stretch": False})
        self.assertFalse(line.stretch_set)
        self.assertEqual(line.score, 120)
        # Unticking the flag empties the number too.
        line.write({"stretch": 0.5})
        line.write({"stretch_set": False})
        self.assertEqual((line.stretch, line.stretch_set), (0.0, False))
        self.assertEqual(line.score, 120)

    def test_zero_stretch_survives_the_period_close(self):
        """The close refreshes the lines from plain SQL rows (``_refresh_actuals``)."""
        given_zero = self._incident_line(period=self.q1, stretch=0.0)
        card = self.scorecard(department_id=self.dep_sales.id, period=self.q1)
        empty = self.line(card, self.kpi_incidents, weight=100, target=2, floor=6)
        for month, amount in zip(self.months[:3], (0, 1, 0), strict=True):
            self.value(self.kpi_incidents, month, amount, department_id=self.dep_ops.id)
            self.value(self.kpi_incidents, month, amount, department_id=self.dep_sales.id)
        self.q1.with_user(self.user_officer).action_close()
        self.assertEqual(self.q1.state, "closed")
        self.assertEqual(given_zero.actual, 1)
        self.assertAlmostEqual(given_zero.score, 110)
        self.assertEqual(empty.score, 120)

    def test_form_gives_a_zero_by_ticking(self):
        card = self.scorecard(department_id=self.dep_ops.id)
        with Form(card) as form, form.line_ids.new() as line:
            line.kpi_id = self.kpi_incidents
            line.weight = 100
            line.target = 2
            line.floor = 6
            self.assertTrue(line.floor_set, "a floor other than 0 ticks its flag")
            self.assertFalse(line.stretch_set, "a new line leaves the stretch empty")
            line.stretch_set = True
        line = card.line_ids
        self.assertEqual((line.floor, line.floor_set), (6, True))
        self.assertEqual((line.stretch, line.stretch_set), (0, True))
        self.value(self.kpi_incidents, self.year, 1, department_id=self.dep_ops.id)
        self.assertAlmostEqual(line.score, 110)

    def test_import_tells_an_empty_cell_from_zero(self):
        card = self.scorecard(department_id=self.dep_ops.id)
        csv = (
            "scorecard_id/.id,kpi_id/.id,weight,target,floor,stretch\n"
            f"{card.id},{self.kpi_incidents.id},50,2,6,0\n"
            f"{card.id},{self.kpi_incidents.id},50,2,6,\n"
        )
        importer = self.env["base_import.import"].create(
            {
                "res_model": "synergy.scorecard.line",
                "file": csv.encode(),
                "file_type": "text/csv",
            }
        )
        result = importer.execute_import(
            ["scorecard_id/.id", "kpi_id/.id", "weight", "target", "floor", "stretch"],
            ["scorecard_id/.id", "kpi_id/.id", "weight", "target", "floor", "stretch"],
            {"quoting": '"', "separator": ",", "has_headers": True},
        )
        self.assertFalse(result["messages"], result["messages"])
        zero, empty = card.line_ids.sorted("id")
        self.assertEqual((zero.stretch, zero.stretch_set), (0, True))
        self.assertEqual((empty.stretch, empty.stretch_set), (0, False))
        self.value(self.kpi_incidents, self.year, 1, department_id=self.dep_ops.id)
        self.assertAlmostEqual(zero.score, 110)
        self.assertEqual(empty.score, 120)

    def test_cascade_and_interlock_pass_the_flags_on(self):
        line = self._incident_line(stretch=0.0)
        wizard = self.env["synergy.cascade.wizard"].create(
            {
                "line_id": line.id,
                "owner_level": "employee",
                "employee_ids": [(6, 0, self.emp_ops.ids)],
            }
        )
        action = wizard.action_apply()
        driver = self.env["synergy.scorecard.line"].search(action["domain"]) - line
        self.assertEqual((driver.stretch, driver.stretch_set), (0, True))
        shares = {"share": 50, "reward_share": 50, "penalty_share": 50}
        interlock = self.env["synergy.interlock"].create(
            {
                "name": "Zero incidents together",
                "kpi_id": self.kpi_incidents.id,
                "period_id": self.q1.id,
                "target": 2,
                "floor": 6,
                "stretch": 0,
                "member_ids": [
                    (0, 0, {**shares, "department_id": department.id, "weight": 10})
                    for department in (self.dep_sales, self.dep_ops)
                ],
            }
        )
        self.assertTrue(interlock.stretch_set)
        interlock.action_activate()
        self.assertEqual(len(interlock.line_ids), 2)
        self.assertEqual(set(interlock.line_ids.mapped("stretch_set")), {True})
        self.value(self.kpi_incidents, self.q1, 1, owner_level="company")
        interlock.line_ids._refresh_actuals()
        self.assertAlmostEqual(interlock.score, 110)

    def test_alert_rule_static_floor_of_zero(self):
        rule = self.env["synergy.alert.rule"].create(
            {"name": "Sales at zero", "kpi_id": self.kpi_sales.id, "floor": 0}
        )
        self.assertTrue(rule.floor_set)
        self.value(self.kpi_sales, self.months[0], 0, department_id=self.dep_ops.id)
        alerts = rule._evaluate()
        self.assertEqual(alerts.mapped("reasons"), ["floor"])
        rule.write({"floor": False})
        self.assertFalse(rule.floor_set)

    def test_migration_reads_an_old_zero_as_empty(self):
        """Before 19.0.1.1.0 a stored 0 (or NULL) meant "the default": it becomes empty,
        any other number a given value, so every score stays what it was."""
        card = self.scorecard(department_id=self.dep_ops.id)
        zero = self.line(card, self.kpi_incidents, weight=50, target=2, floor=6, stretch=0)
        null = self.line(card, self.kpi_incidents, weight=50, target=2, floor=6, stretch=1)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE synergy_scorecard_line SET floor_set = NULL, stretch_set = NULL, "
                "stretch = CASE WHEN id = %s THEN NULL ELSE 0 END WHERE id IN %s",
                null.id,
                (zero.id, null.id),
            )
        )
        spec = importlib.util.spec_from_file_location("perf_synergy_post_19_0_1_1_0", MIGRATION)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, "19.0.1.0.0")
        self.env.invalidate_all()
        for line in zero | null:
            self.assertEqual((line.floor, line.floor_set), (6, True))
            self.assertEqual((line.stretch, line.stretch_set), (0, False))
