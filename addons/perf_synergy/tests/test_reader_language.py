"""What the product generates or ships reads in the reader's language (issue 18, item 5),
found by the role journeys: scorecard names stored in their creator's language, alert
reasons shown as the engine's keys, process steps without ids (so never translated)."""

from odoo.tests import tagged

from .common import SynergyCase, load_chinese

PROCESSES = {
    "process_order_to_cash": 5,
    "process_lead_to_revenue": 4,
    "process_procure_to_pay": 4,
    "process_plan_to_produce": 4,
}


@tagged("post_install", "-at_install")
class TestReaderLanguage(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env, "perf_synergy")
        cls.zh = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def test_shipped_process_steps_have_ids_and_chinese_names(self):
        for xmlid, count in PROCESSES.items():
            process = self.env.ref(f"perf_synergy.{xmlid}")
            self.assertEqual(len(process.node_ids), count, xmlid)
            self.assertEqual(len(process.node_ids.get_external_id()), count)
            self.assertTrue(all(process.node_ids.get_external_id().values()), xmlid)
        intake = self.zh.ref("perf_synergy.process_node_o2c_10")
        self.assertEqual(intake.name, "订单接收")
        self.assertEqual(intake.with_context(lang="en_US").name, "Order intake")

    def test_alert_reasons_read_in_the_reader_language(self):
        rule = self.env["synergy.alert.rule"].create(
            {"name": "Language rule", "kpi_id": self.kpi_sales.id}
        )
        alert = self.env["synergy.alert"].create(
            {
                "rule_id": rule.id,
                "kpi_id": self.kpi_sales.id,
                "period_id": self.q1.id,
                "owner_level": "department",
                "department_id": self.dep_sales.id,
                "reasons": "deviation, floor",
            }
        )
        self.assertEqual(alert.reason_labels, "unusual deviation, below the floor")
        self.assertEqual(alert.with_env(self.zh).reason_labels, "异常偏离, 低于底线")

    def test_generated_scorecard_name_reads_in_the_reader_language(self):
        self.dep_sales.with_env(self.zh).name = "协同销售"
        card = self.scorecard(department_id=self.dep_sales.id)
        # Stored once, in the creator's language (here English)...
        self.assertEqual(card.name, f"Syn Sales - {self.year.name}")
        # ...shown to a Chinese reader from its parts in Chinese (a request of his own: hr's
        # complete_name is cached in one language per transaction).
        self.env.invalidate_all()
        self.assertEqual(
            card.with_env(self.zh).display_name, f"协同销售 - {self.year.with_env(self.zh).name}"
        )
        card.name = "Sales pilot card"
        self.assertEqual(card.with_env(self.zh).display_name, "Sales pilot card")

    def test_published_result_message_in_the_employee_language(self):
        self.user_seller.lang = "zh_CN"
        card = self.scorecard(owner_level="employee", employee_id=self.emp_seller.id)
        card.with_user(self.user_officer).with_context(lang="en_US").action_publish()
        message = card.message_ids.filtered(lambda m: self.user_seller.partner_id in m.partner_ids)
        self.assertEqual(len(message), 1)
        # Posted by an English-speaking officer, written for the employee in Chinese.
        self.assertIn("已发布", str(message.body))
        self.assertNotIn("Your result", str(message.body))
