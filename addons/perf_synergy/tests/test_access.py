from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SynergyCase


@tagged("post_install", "-at_install")
class TestAccess(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.card_company = cls.scorecard("company")
        cls.card_sales = cls.scorecard(department_id=cls.dep_sales.id)
        cls.card_north = cls.scorecard(department_id=cls.dep_sales_north.id)
        cls.card_ops = cls.scorecard(department_id=cls.dep_ops.id)
        cls.card_seller = cls.scorecard("employee", employee_id=cls.emp_seller.id)
        cls.card_operator = cls.scorecard("employee", employee_id=cls.emp_ops.id)
        for card in (cls.card_sales, cls.card_seller, cls.card_ops):
            cls.line(card, cls.kpi_sales, weight=100)
        cls.all_cards = (
            cls.card_company
            | cls.card_sales
            | cls.card_north
            | cls.card_ops
            | cls.card_seller
            | cls.card_operator
        )

    def _visible(self, user, model="synergy.scorecard"):
        return self.env[model].with_user(user).search([("period_id", "=", self.year.id)])

    def test_employee_sees_own_scorecard_only(self):
        self.assertEqual(self._visible(self.user_seller), self.card_seller)
        self.assertEqual(
            self._visible(self.user_seller, "synergy.scorecard.line"), self.card_seller.line_ids
        )
        with self.assertRaises(AccessError):
            self.card_ops.with_user(self.user_seller).read(["kpi_score"])
        with self.assertRaises(AccessError):
            self.card_seller.with_user(self.user_seller).write({"name": "Mine"})

    def test_manager_sees_department_tree(self):
        self.assertEqual(
            self._visible(self.user_head), self.card_sales | self.card_north | self.card_seller
        )
        self.card_north.with_user(self.user_head).write({"name": "North"})
        with self.assertRaises(AccessError):
            self.card_ops.with_user(self.user_head).write({"name": "Ops"})

    def test_officer_sees_everything_of_the_company(self):
        self.assertEqual(self._visible(self.user_officer), self.all_cards)

    def test_other_company_is_invisible(self):
        other = self.env["res.company"].create({"name": "Elsewhere"})
        outsider = self.env["res.users"].create(
            {
                "name": "Outsider officer",
                "login": "syn_outsider",
                "company_id": other.id,
                "company_ids": [(6, 0, other.ids)],
                "group_ids": [(6, 0, self.env.ref("perf_synergy.group_synergy_officer").ids)],
            }
        )
        self.assertFalse(self._visible(outsider))
        self.assertFalse(
            self.env["synergy.kpi"].with_user(outsider).search([("code", "=like", "T-%")])
        )
        self.assertFalse(self.env["synergy.period"].with_user(outsider).search([]) & self.year)

    def test_a_bulk_create_crossing_companies_is_refused_whatever_it_shares(self):
        """The company check of a bulk create is made once per distinct company and linked
        records (the policy mixin's ``_check_company``): a record linking another company's
        department among records that share everything else is still refused, and nothing
        of the create is kept."""
        other = self.env["res.company"].create({"name": "Elsewhere"})
        foreign = self.env["hr.department"].create({"name": "Foreign", "company_id": other.id})
        Value = self.env["synergy.kpi.value"].with_user(self.user_officer)
        base = {"kpi_id": self.kpi_sales.id, "period_id": self.year.id, "value": 1.0}
        valid = [
            {**base, "owner_level": "department", "department_id": department.id}
            for department in (self.dep_sales, self.dep_ops, self.dep_sales_north)
        ]
        before = Value.search_count([])
        for position in (0, 1, 3):  # first, among, last
            vals_list = list(valid)
            vals_list.insert(
                position, {**base, "owner_level": "department", "department_id": foreign.id}
            )
            with self.subTest(position=position), self.assertRefused(UserError, "crossover"):
                Value.create(vals_list)
        self.assertEqual(Value.search_count([]), before)
        self.assertEqual(len(Value.create(valid)), 3)  # the same records alone pass
