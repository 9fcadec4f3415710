from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import SynergyCase


@tagged("post_install", "-at_install")
class TestCascade(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_card = cls.scorecard("company")
        cls.company_line = cls.line(cls.company_card, cls.kpi_revenue, weight=100, target=1000)

    def _push(self, line, level, owners, **values):
        wizard = Form(self.env["synergy.cascade.wizard"].with_context(default_line_id=line.id))
        wizard.owner_level = level
        field = {"department": wizard.department_ids, "employee": wizard.employee_ids}[level]
        for owner in owners:
            field.add(owner)
        for name, value in values.items():
            setattr(wizard, name, value)
        action = wizard.save().action_apply()
        return self.env["synergy.scorecard.line"].search(action["domain"])

    def test_three_level_cascade_rolls_up(self):
        dep_lines = self._push(
            self.company_line,
            "department",
            self.dep_sales | self.dep_ops,
            kpi_id=self.kpi_sales,
            target=500,
            weight=40,
            is_synergy=True,
        )
        self.assertEqual(len(dep_lines), 2)
        self.assertEqual(set(dep_lines.mapped("parent_line_id")), {self.company_line})
        self.assertEqual(
            set(dep_lines.scorecard_id.mapped("department_id")), {self.dep_sales, self.dep_ops}
        )
        sales_line = dep_lines.filtered(lambda line: line.department_id == self.dep_sales)
        emp_lines = self._push(sales_line, "employee", self.emp_seller, target=200, weight=50)
        self.assertEqual(emp_lines.scorecard_id.employee_id, self.emp_seller)
        self.assertEqual(emp_lines.kpi_id, self.kpi_sales)

        self.value(self.kpi_sales, self.year, 450, department_id=self.dep_sales.id)
        self.value(self.kpi_sales, self.year, 350, department_id=self.dep_ops.id)
        self.assertEqual(self.company_line.actual, 800)
        self.assertAlmostEqual(self.company_line.score, 80)
        # The head refreshes his department's scorecard, under the company line he may not
        # read (red team: an access error on the company scorecard); not another department's.
        sales_line.scorecard_id.with_user(self.user_head).action_refresh()
        self.assertEqual(self.company_line.actual, 800)
        ops_card = dep_lines.filtered(lambda line: line.department_id == self.dep_ops).scorecard_id
        with self.assertRaises(AccessError):
            ops_card.with_user(self.user_head).action_refresh()

        for rule, expected in (("average", 400), ("min", 350), ("max", 450)):
            self.kpi_revenue.rollup_rule = rule
            self.company_line._refresh_actuals()
            self.assertEqual(self.company_line.actual, expected, rule)
        self.kpi_revenue.rollup_rule = "weighted_average"
        dep_lines.filtered(lambda line: line.department_id == self.dep_ops).weight = 60
        self.company_line._refresh_actuals()
        self.assertAlmostEqual(self.company_line.actual, (450 * 40 + 350 * 60) / 100)

        # Who contributes: every department and employee of the subtree.
        self.assertEqual(self.company_line.contributor_count, 3)
        action = self.company_line.action_view_contributors()
        contributors = self.env["synergy.scorecard.line"].search(action["domain"])
        self.assertEqual(
            set(contributors.mapped("owner_name")),
            {"Syn Sales", "Syn Operations", "Seller North"},
        )
        # Which company KPIs a department serves, even through an employee's line.
        self.assertEqual(self.dep_sales.synergy_served_line_ids, self.company_line)
        self.assertEqual(self.dep_sales_north.synergy_served_line_ids, self.company_line)
        outsider = self.env["hr.department"].create({"name": "Serves nothing"})
        self.assertFalse(outsider.synergy_served_line_ids)

    def test_pull_links_existing_lines(self):
        card = self.scorecard(department_id=self.dep_ops.id)
        existing = self.line(card, self.kpi_sales, weight=50, target=300)
        wizard = self.env["synergy.cascade.wizard"].create(
            {
                "line_id": self.company_line.id,
                "mode": "pull",
                "driver_line_ids": [(6, 0, existing.ids)],
            }
        )
        wizard.action_apply()
        self.assertEqual(existing.parent_line_id, self.company_line)
        with self.assertRaises(UserError):
            self.company_line.parent_line_id = existing

    def test_push_needs_owners(self):
        wizard = self.env["synergy.cascade.wizard"].create({"line_id": self.company_line.id})
        with self.assertRefused(UserError, "at least one owner"):
            wizard.action_apply()

    def test_lines_of_another_company_are_refused(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        Period = self.env["synergy.period"].with_company(other)
        period = Period.create(
            {
                "name": "Other year",
                "company_id": other.id,
                "date_start": f"{self.YEAR}-01-01",
                "date_end": f"{self.YEAR}-12-31",
            }
        )
        kpi = self.env["synergy.kpi"].create(
            {"code": "O-REV", "name": "Other revenue", "company_id": other.id}
        )
        card = self.env["synergy.scorecard"].create(
            {"owner_level": "company", "company_id": other.id, "period_id": period.id}
        )
        with self.assertRaises(UserError):
            self.env["synergy.scorecard.line"].create(
                {
                    "scorecard_id": card.id,
                    "kpi_id": kpi.id,
                    "target": 1,
                    "parent_line_id": self.company_line.id,
                }
            )
