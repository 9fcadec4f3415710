from datetime import date, datetime

from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSaleMeasures(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.department = cls.env["hr.department"].create({"name": "Bridge Sales"})
        cls.leader = new_test_user(
            cls.env, login="bridge_leader", groups="sales_team.group_sale_salesman"
        )
        cls.seller = new_test_user(
            cls.env, login="bridge_seller", groups="sales_team.group_sale_salesman"
        )
        Employee = cls.env["hr.employee"]
        Employee.create(
            {"name": "Leader", "user_id": cls.leader.id, "department_id": cls.department.id}
        )
        cls.seller_employee = Employee.create(
            {"name": "Seller", "user_id": cls.seller.id, "department_id": cls.department.id}
        )
        cls.team = cls.env["crm.team"].create({"name": "Bridge team", "user_id": cls.leader.id})
        cls.partner = cls.env["res.partner"].create({"name": "Bridge customer"})
        cls.product = cls.env["product.product"].create({"name": "Widget", "list_price": 100})
        cls.env["synergy.period.generate"].create({"year": 2032}).action_generate()
        cls.june = cls.env["synergy.period"].search(
            [("period_type", "=", "month"), ("date_start", "=", date(2032, 6, 1))]
        )

    def _order(self, quantity, when, confirm=True):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner.id,
                "team_id": self.team.id,
                "user_id": self.seller.id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.product.id,
                            "product_uom_qty": quantity,
                            "price_unit": 100,
                        },
                    )
                ],
            }
        )
        if confirm:
            order.action_confirm()
            order.date_order = when
        return order

    def test_revenue_per_team_and_salesperson(self):
        self._order(3, datetime(2032, 6, 10))
        self._order(2, datetime(2032, 6, 20))
        self._order(7, datetime(2032, 7, 1))
        self._order(5, datetime(2032, 6, 5), confirm=False)
        by_team = self.env.ref("perf_synergy_sale.measure_confirmed_revenue_by_team")
        by_seller = self.env.ref("perf_synergy_sale.measure_confirmed_revenue_by_salesperson")
        self.assertEqual(by_team._evaluate(self.june), {self.department: 500.0})
        self.assertEqual(by_seller._evaluate(self.june), {self.seller_employee: 500.0})
