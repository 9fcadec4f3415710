from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SynergyCase


@tagged("post_install", "-at_install")
class TestRetrospective(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.env["project.project"].create({"name": "Syn ERP roll-out"})
        cls.env["synergy.raci.matrix"].create(
            {
                "name": "Roll-out RACI",
                "project_id": cls.project.id,
                "department_ids": [(6, 0, [cls.dep_sales.id, cls.dep_ops.id])],
            }
        )
        sales_card = cls.scorecard(department_id=cls.dep_sales.id, period=cls.q1)
        ops_card = cls.scorecard(department_id=cls.dep_ops.id, period=cls.q1)
        north_card = cls.scorecard(department_id=cls.dep_sales_north.id, period=cls.q1)
        cls.missed = cls.line(sales_card, cls.kpi_retention, weight=10, target=90, is_synergy=True)
        cls.reached = cls.line(sales_card, cls.kpi_sales, weight=10, target=100, is_synergy=True)
        cls.own_kpi = cls.line(sales_card, cls.kpi_complaints, weight=10, target=5)
        cls.no_value = cls.line(ops_card, cls.kpi_complaints, weight=10, target=5, is_synergy=True)
        cls.outside = cls.line(north_card, cls.kpi_retention, weight=10, target=90, is_synergy=True)
        sales = {"department_id": cls.dep_sales.id}
        cls.value(cls.kpi_retention, cls.q1, 72, **sales)
        cls.value(cls.kpi_sales, cls.q1, 130, **sales)
        cls.value(cls.kpi_complaints, cls.q1, 9, **sales)
        cls.value(cls.kpi_retention, cls.q1, 50, department_id=cls.dep_sales_north.id)

    def _retrospective(self, **values):
        return self.env["synergy.retrospective"].create(
            {"name": "ERP review", "project_id": self.project.id, "period_id": self.q1.id, **values}
        )

    def test_fill_deviations(self):
        retro = self._retrospective()
        self.assertEqual(retro.department_ids, self.dep_sales | self.dep_ops, "from the RACI")
        retro.action_fill()
        deviations = retro.deviation_ids
        self.assertEqual(
            set(deviations.line_id), {self.missed, self.no_value}, "synergy lines under 100 only"
        )
        missed = deviations.filtered(lambda d: d.line_id == self.missed)
        self.assertEqual(
            (missed.kpi_id, missed.department_id, missed.target, missed.actual),
            (self.kpi_retention, self.dep_sales, 90, 72),
        )
        self.assertEqual(missed.score, self.missed.score)
        self.assertLess(missed.score, 100)
        self.assertEqual(missed.gap, -18)
        no_value = deviations - missed
        self.assertFalse(no_value.has_actual)
        self.assertEqual(no_value.score, 0)
        # Filling again replaces, never duplicates; a root cause typed in is the user's.
        retro.action_fill()
        self.assertEqual(len(retro.deviation_ids), 2)
        retro.action_done()
        with self.assertRefused(UserError, "is done"):
            retro.action_fill()

    def test_fill_needs_period_and_departments(self):
        project = self.env["project.project"].create({"name": "Syn no RACI"})
        retro = self.env["synergy.retrospective"].create({"name": "Bare", "project_id": project.id})
        self.assertFalse(retro.department_ids)
        with self.assertRefused(UserError, "choose the period"):
            retro.action_fill()

    def test_lessons_searchable_from_project(self):
        retro = self._retrospective(
            goal_clarity="4",
            raci_fit="2",
            information_transparency="3",
            lessons="<p>Involve operations in the <b>cut-over</b> planning.</p>",
        )
        self.assertEqual(retro.average_rating, 3)
        self._retrospective(name="Second review", lessons="<p>Nothing special</p>")
        Retro = self.env["synergy.retrospective"]
        self.assertEqual(Retro.search([("lessons", "ilike", "cut-over")]), retro)
        self.assertEqual(self.project.synergy_retrospective_count, 2)
        self.assertEqual(len(self.project.synergy_retrospective_ids), 2)
        action = self.project.action_view_synergy_retrospectives()
        self.assertEqual(action["domain"], [("project_id", "=", self.project.id)])
        self.assertEqual(Retro.search(action["domain"] + [("lessons", "ilike", "cut-over")]), retro)

    def test_access(self):
        retro = self._retrospective()
        retro.with_user(self.user_head).action_fill()
        self.assertEqual(len(retro.deviation_ids), 2)
        self.assertEqual(retro.with_user(self.user_seller).name, "ERP review")
        with self.assertRaises(AccessError):
            retro.with_user(self.user_seller).lessons = "<p>Mine</p>"

    def test_other_company_is_invisible(self):
        retro = self._retrospective(lessons="<p>Shared lesson</p>")
        retro.action_fill()
        diagnosis = self.env["synergy.diagnosis"].create(
            {"name": "Diag", "department_id": self.dep_sales.id}
        )
        improvement = self.env["synergy.improvement"].create({"name": "PDCA"})
        other = self.env["res.company"].create({"name": "Elsewhere"})
        outsider = self.env["res.users"].create(
            {
                "name": "Outsider officer",
                "login": "syn_gov_outsider",
                "company_id": other.id,
                "company_ids": [(6, 0, other.ids)],
                "group_ids": [(6, 0, self.env.ref("perf_synergy.group_synergy_officer").ids)],
            }
        )
        for records in (retro, retro.deviation_ids, diagnosis, diagnosis.score_ids, improvement):
            self.assertFalse(
                self.env[records._name].with_user(outsider).search([("id", "in", records.ids)]),
                records._name,
            )
