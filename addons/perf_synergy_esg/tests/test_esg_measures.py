from datetime import date

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import EsgCase


@tagged("post_install", "-at_install")
class TestEsgDemoMeasures(EsgCase):
    """The procurement KPIs on the demo data: numbers hand-computed from the demo records."""

    def test_green_procurement_ratio_of_the_demo(self):
        ref = self.env.ref
        year = ref("perf_synergy.synergy_period_year")
        procurement = ref("perf_synergy_esg.dep_esg_procurement")
        orders = {
            key: ref(f"perf_synergy_esg.purchase_esg_{key}")
            for key in ("s1", "s2", "s3", "s4", "s5")
        }
        # The demo rates Green Source (A) and Huadong (B) at or above the green threshold (70);
        # the three others are below it or unrated.
        threshold = ref("base.main_company").synergy_esg_green_threshold
        for key in ("s1", "s2"):
            self.assertGreaterEqual(orders[key].partner_id.synergy_esg_score, threshold)
        for key in ("s3", "s4", "s5"):
            self.assertLess(orders[key].partner_id.synergy_esg_score, threshold)
        amounts = {
            key: sum(line.product_qty * line.price_unit for line in order.order_line)
            for key, order in orders.items()
        }
        self.assertEqual(amounts, {"s1": 12000, "s2": 8000, "s3": 10000, "s4": 6000, "s5": 4000})
        expected = (amounts["s1"] + amounts["s2"]) / sum(amounts.values()) * 100  # 50 %
        self.assertAlmostEqual(expected, 50.0)
        for key, order in orders.items():
            self.assertEqual(order.state, "purchase")
            self.assertEqual(
                set(order.order_line.mapped("synergy_esg_green")), {key in ("s1", "s2")}
            )
            self.assertAlmostEqual(sum(order.order_line.mapped("synergy_esg_spend")), amounts[key])
        measure = ref("perf_synergy_esg.measure_esg_green_procurement")
        self.assertAlmostEqual(measure._evaluate(year)[procurement], expected)
        # The Procurement scorecard of the year shows it.
        line = ref("perf_synergy_esg.scorecard_line_esg_green")
        self.assertTrue(line.has_actual)
        self.assertAlmostEqual(line.actual, expected)

    def test_compliance_and_audit_of_the_demo(self):
        ref = self.env.ref
        year = ref("perf_synergy.synergy_period_year")
        procurement = ref("perf_synergy_esg.dep_esg_procurement")
        validated = self.env["synergy.esg.report"].search(
            [("state", "=", "validated"), ("campaign_id.period_id.parent_id", "=", year.id)]
        )
        names = sorted(f"{r.period_id.name[-2:]} {r.partner_id.ref}" for r in validated)
        self.assertEqual(names, ["Q2 ESG-S1", "Q2 ESG-S2", "Q2 ESG-S3", "Q2 ESG-S4", "Q3 ESG-S1"])
        # Audits: Green Source passes twice, Huadong conditional, Castings pass, Coastal fail.
        audits = sorted(validated.mapped("audit_result"))
        self.assertEqual(audits, ["conditional", "fail", "pass", "pass", "pass"])
        audit = ref("perf_synergy_esg.measure_esg_audit_pass_rate")
        self.assertAlmostEqual(audit._evaluate(year)[procurement], 3 / 5 * 100)
        # Compliant (overall >= 50, no theme below 30): Green Source twice and Huadong;
        # Castings' environment theme (renewables 10 %, no ISO 14001) is below 30.
        compliant = validated.filtered("compliant")
        self.assertEqual(sorted(compliant.partner_id.mapped("ref")), ["ESG-S1", "ESG-S2"])
        self.assertEqual(len(compliant), 3)
        measure = ref("perf_synergy_esg.measure_esg_compliant_suppliers")
        self.assertAlmostEqual(measure._evaluate(year)[procurement], 3 / 5 * 100)
        self.assertAlmostEqual(ref("perf_synergy_esg.scorecard_line_esg_compliant").actual, 60.0)
        # Every state is in the demo, and the rejected reports carry their reason.
        states = set(self.env["synergy.esg.report"].search([]).mapped("state"))
        self.assertEqual(states, {"draft", "submitted", "validated", "rejected"})
        rejected = ref("perf_synergy_esg.report_esg_q2_s5")
        self.assertEqual(rejected.state, "rejected")
        self.assertTrue(rejected.rejection_ids)


@tagged("post_install", "-at_install")
class TestEsgPurchaseMeasures(EsgCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create({"name": "T material", "type": "consu"})
        cls.department = cls.env["hr.department"].create({"name": "T Procurement"})
        cls.env["hr.employee"].create(
            {"name": "T buyer", "user_id": cls.buyer.id, "department_id": cls.department.id}
        )
        today = fields.Date.context_today(cls.env["res.partner"])
        Period = cls.env["synergy.period"]
        start = today.replace(day=1)
        cls.today_period = Period.search(
            [("period_type", "=", "month"), ("date_start", "=", start)]
        ) or Period.create(
            {
                "name": "T today",
                "period_type": "month",
                "date_start": start,
                "date_end": fields.Date.end_of(today, "month"),
            }
        )

    def _order(self, partner, amount, confirm=True):
        order = self.env["purchase.order"].create(
            {
                "partner_id": partner.id,
                "user_id": self.buyer.id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.product.id,
                            "product_qty": 1,
                            "price_unit": amount,
                            "tax_ids": [(5, 0, 0)],
                        },
                    )
                ],
            }
        )
        if confirm:
            order.button_confirm()
        return order

    def test_spend_of_every_path_into_the_confirmed_state(self):
        """Two-step approval, a plain write of the state (API, import) and a creation in the
        confirmed state record the spend as the direct confirmation does (DESIGN 10)."""
        self.fill(self.report)
        self.report.action_submit()
        self.report.with_user(self.manager).action_validate()
        self.company.write(
            {"po_double_validation": "two_step", "po_double_validation_amount": 5000}
        )
        approver = new_test_user(
            self.env, login="esg_t_po_manager", groups="purchase.group_purchase_manager"
        )
        # Above the approval amount: the buyer's confirmation waits for a manager's approval.
        green = self._order(self.supplier, 6000, confirm=False).with_user(self.buyer)
        green.button_confirm()
        self.assertEqual(green.state, "to approve")
        self.assertFalse(green.order_line.synergy_esg_spend, "not confirmed yet")
        green.with_user(approver).button_approve()
        self.assertEqual(green.state, "purchase")
        self.assertAlmostEqual(green.order_line.synergy_esg_spend, 6000)
        self.assertTrue(green.order_line.synergy_esg_green)
        self._order(self.other_supplier, 4000)
        written = self._order(self.other_supplier, 1000, confirm=False)
        written.write({"state": "purchase", "date_approve": fields.Datetime.now()})
        created = self.env["purchase.order"].create(
            {
                "partner_id": self.other_supplier.id,
                "user_id": self.buyer.id,
                "state": "purchase",
                "date_approve": fields.Datetime.now(),
                "order_line": [
                    (0, 0, {"product_id": self.product.id, "price_unit": 1000, "tax_ids": []})
                ],
            }
        )
        for order in written | created:
            self.assertAlmostEqual(order.order_line.synergy_esg_spend, 1000)
            self.assertFalse(order.order_line.synergy_esg_green)
        measure = self.env.ref("perf_synergy_esg.measure_esg_green_procurement")
        values = measure._evaluate(self.today_period)
        self.assertAlmostEqual(values[self.department], 6000 / 12000 * 100)  # 50 %

    def test_purchase_user_cannot_set_the_esg_snapshot(self):
        """The green flag, spend and date of a line are the confirmation's: a purchase user
        writing them (form, RPC, import) is refused, the snapshot stays."""
        order = self._order(self.other_supplier, 8000)
        line = order.order_line
        before = (line.synergy_esg_green, line.synergy_esg_spend, line.synergy_esg_date)
        purchaser = new_test_user(
            self.env, "esg_t_purchaser", groups="base.group_user,purchase.group_purchase_user"
        )
        for vals in (
            {"synergy_esg_green": True},
            {"synergy_esg_spend": 1.0},
            {"synergy_esg_date": "2000-01-01"},
        ):
            with self.assertRaisesRegex(AccessError, "product's own actions"):
                line.with_user(purchaser).write(vals)
        self.assertEqual(
            (line.synergy_esg_green, line.synergy_esg_spend, line.synergy_esg_date), before
        )

    def test_green_flag_is_frozen_at_confirmation(self):
        before = self._order(self.supplier, 1000)
        self.assertFalse(before.order_line.synergy_esg_green, "not rated yet")
        self.fill(self.report)
        self.report.action_submit()
        self.report.with_user(self.manager).action_validate()
        self.assertGreaterEqual(self.supplier.synergy_esg_score, 70)
        green = self._order(self.contact, 3000)  # a contact's order counts for its company
        other = self._order(self.other_supplier, 4000)
        self.assertTrue(green.order_line.synergy_esg_green)
        self.assertFalse(other.order_line.synergy_esg_green)
        self.assertFalse(before.order_line.synergy_esg_green, "the past is not rewritten")
        measure = self.env.ref("perf_synergy_esg.measure_esg_green_procurement")
        values = measure._evaluate(self.today_period)
        self.assertAlmostEqual(values[self.department], 3000 / 8000 * 100)
        # An expired rating is not green.
        self.supplier.synergy_esg_valid_until = date(2000, 1, 1)
        self.assertFalse(self._order(self.supplier, 10).order_line.synergy_esg_green)

    def test_emissions_intensity_and_deviation_alert(self):
        """Emissions per thousand of spend; a jump in a supplier's series alerts the buyer."""
        self._order(self.supplier, 20000)
        history = self.env["synergy.period"].create(
            [
                {
                    "name": f"T{year}",
                    "period_type": "year",
                    "date_start": date(year, 1, 1),
                    "date_end": date(year, 12, 31),
                }
                for year in range(2001, 2006)
            ]
        )
        periods = [*history, self.today_period]
        emissions = [5.0, 5.1, 4.9, 5.0, 5.05, 50.0]
        reports = self.env["synergy.esg.report"]
        for period, tonnes in zip(periods, emissions, strict=True):
            report = self.env["synergy.esg.report"].create(
                {
                    "partner_id": self.supplier.id,
                    "period_id": period.id,
                    "line_ids": [(0, 0, {"indicator_id": i.id}) for i in self.indicators],
                }
            )
            rows = [r for r in self.FULL_ROWS if r["indicator"] != "T-S2"]
            self.fill(report, [*rows, {"indicator": "T-S2", "value": tonnes}])
            report.action_submit()
            report.with_user(self.manager).action_validate()
            reports |= report
        last = reports[-1]
        self.assertAlmostEqual(last.spend_thousands, 20.0)
        self.assertAlmostEqual(last.emissions_total_t, 50.0)
        self.assertFalse(reports[:-1].filtered("has_deviation"))
        self.assertTrue(last.has_deviation)
        self.assertRegex(last.deviation_summary, "Emissions")
        alert = last.activity_ids.filtered(lambda a: a.user_id == self.buyer)
        self.assertTrue(alert, "the buyer of the supplier is alerted")
        intensity = self.env.ref("perf_synergy_esg.measure_esg_emissions_intensity")
        self.assertAlmostEqual(intensity._evaluate(self.today_period)[self.department], 50.0 / 20.0)

    def test_compute_kpis_is_for_managers(self):
        with self.assertRefused(AccessError, "Only ESG managers|You may not run"):
            self.campaign.with_user(self.buyer).action_compute_kpis()
        kpi = self.env.ref("perf_synergy_esg.kpi_esg_audit_pass_rate")
        self.fill(self.report)
        self.report.action_submit()
        self.report.with_user(self.manager).action_validate()
        self.campaign.with_user(self.manager).action_compute_kpis()
        value = self.env["synergy.kpi.value"].search(
            [
                ("kpi_id", "=", kpi.id),
                ("period_id", "=", self.year.id),
                ("department_id", "=", self.department.id),
            ]
        )
        self.assertEqual(value.value, 100.0, "one validated report, its audit passed")
