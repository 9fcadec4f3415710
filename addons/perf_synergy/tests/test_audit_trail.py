"""Audit trail: every field whose changes move a result (weights, targets, scores, points,
ratios, policy bands) is tracked, and a change shows in the chatter who made it, the old and
the new value. Data-driven: ``TRACKED`` lists model -> {field: new value}; a factory builds a
record of each model. Add a row when a model gains such a field."""

from odoo.tests import tagged

from .common import SynergyCase

TRACKED = {
    "synergy.kpi.value": {"value": 321.5},
    "synergy.scorecard.line": {
        "weight": 60.0,
        "target": 150.0,
        "floor": 20.0,
        "stretch": 200.0,
        "band_low": 1.0,
        "band_high": 2.0,
    },
    "synergy.scheme": {
        "min_synergy_weight": 25.0,
        "score_cap": 125.0,
        "behavior_cap": 6.0,
        "grade_s_min": 106.0,
        "grade_a_min": 96.0,
        "grade_b_min": 81.0,
        "grade_c_min": 61.0,
        "linkage_strong_min": 21.0,
        "linkage_strong_max": 29.0,
        "linkage_medium_min": 11.0,
        "linkage_medium_max": 14.0,
        "linkage_weak_min": 1.0,
        "linkage_weak_max": 4.0,
        "front_internal_weight": 1.0,
        "front_tier_weight": 2.0,
        "middle_internal_weight": 11.0,
        "middle_tier_weight": 12.0,
        "back_internal_weight": 13.0,
        "back_tier_weight": 14.0,
    },
    "synergy.evaluation.campaign": {
        "weight_line_manager": 35.0,
        "weight_project_manager": 35.0,
        "weight_customer": 30.0,
        "min_responses": 4,
        "alpha": 0.8,
    },
    "synergy.interlock": {
        "target": 95.0,
        "floor": 60.0,
        "stretch": 110.0,
        "reward_amount": 5000.0,
        "penalty_amount": 700.0,
    },
    "synergy.calibration": {
        "guide_s": 12.0,
        "guide_a": 22.0,
        "guide_b": 46.0,
        "guide_c": 13.0,
        "guide_d": 7.0,
    },
    "synergy.behavior.record": {"points": 2.5},
    "synergy.bonus.pool": {"amount": 12345.0, "gate_threshold": 85.0},
}

# Where the change is shown: a line's changes go to its scorecard's chatter.
THREAD_OF = {"synergy.scorecard.line": "scorecard_id"}


@tagged("post_install", "-at_install")
class TestAuditTrail(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.card = cls.scorecard(department_id=cls.dep_sales.id, period=cls.q1)

    def _record(self, model):
        env = self.env
        if model == "synergy.kpi.value":
            return self.value(self.kpi_sales, self.q1, 10, department_id=self.dep_sales.id)
        if model == "synergy.scorecard.line":
            return self.line(self.card, self.kpi_sales, weight=100, target=100)
        if model == "synergy.scheme":
            action = self.scheme.action_new_version()
            return env["synergy.scheme"].browse(action["res_id"])
        if model == "synergy.evaluation.campaign":
            return env[model].create(
                {
                    "name": "Audit",
                    "campaign_type": "multi_role",
                    "period_id": self.q1.id,
                    "date_deadline": f"{self.YEAR}-04-10",
                    "dimension_ids": [(0, 0, {"name": "Q"})],
                }
            )
        if model == "synergy.interlock":
            return env[model].create(
                {
                    "name": "Audit",
                    "kpi_id": self.kpi_retention.id,
                    "period_id": self.year.id,
                    "target": 90,
                    "floor": 70,
                }
            )
        if model == "synergy.calibration":
            return env[model].create({"name": "Audit", "period_id": self.year.id})
        if model == "synergy.behavior.record":
            return env[model].create(
                {
                    "employee_id": self.emp_seller.id,
                    "type_id": env["synergy.behavior.type"].search([], limit=1).id,
                    "date": f"{self.YEAR}-02-03",
                    "evidence": "Facts",
                }
            )
        if model == "synergy.bonus.pool":
            return env[model].create({"name": "Audit", "period_id": self.year.id, "amount": 1})
        raise AssertionError(f"No factory for {model}: add one to test_audit_trail.py")

    def _commit_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()

    def test_fields_are_declared_tracked(self):
        for model, changes in TRACKED.items():
            for name in changes:
                with self.subTest(model=model, field=name):
                    self.assertTrue(
                        getattr(self.env[model]._fields[name], "tracking", None),
                        f"{model}.{name} must be tracked",
                    )

    def test_every_change_shows_who_old_and_new(self):
        for model, changes in TRACKED.items():
            with self.subTest(model=model):
                record = self._record(model)
                self._commit_tracking()  # creation logged; what follows is a change
                old = {name: record[name] for name in changes}
                record.with_user(self.user_officer).write(changes)
                self._commit_tracking()
                thread = record[THREAD_OF[model]] if model in THREAD_OF else record
                messages = self.env["mail.message"].search(
                    [("model", "=", thread._name), ("res_id", "=", thread.id)]
                )
                for name, new in changes.items():
                    with self.subTest(model=model, field=name):
                        values = messages.tracking_value_ids.filtered(
                            lambda t, name=name, model=model: (
                                t.field_id.name == name and t.field_id.model == model
                            )
                        )
                        self.assertTrue(values, f"no tracking of {model}.{name}")
                        value = values[0]
                        kind = "integer" if isinstance(new, int) else "float"
                        self.assertEqual(value[f"new_value_{kind}"], new)
                        self.assertEqual(value[f"old_value_{kind}"], old[name])
                        self.assertTrue(value.mail_message_id.author_id)
                        self.assertTrue(value.mail_message_id.date)

    def test_author_is_the_user_who_changed(self):
        value = self.value(self.kpi_sales, self.q1, 10, department_id=self.dep_sales.id)
        self._commit_tracking()
        value.with_user(self.user_officer).write({"value": 11})
        self._commit_tracking()
        tracking = value.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "value"
        )
        self.assertEqual(tracking.mail_message_id.author_id, self.user_officer.partner_id)
        self.assertEqual((tracking.old_value_float, tracking.new_value_float), (10, 11))

    def test_line_change_shows_in_the_scorecard_chatter(self):
        line = self.line(self.card, self.kpi_sales, weight=100, target=100)
        self._commit_tracking()
        line.with_user(self.user_head).write({"target": 120})
        self._commit_tracking()
        message = self.card.message_ids.filtered(lambda m: m.tracking_value_ids)[:1]
        self.assertIn("Sales", str(message.body))
        self.assertEqual(message.author_id, self.user_head.partner_id)
        self.assertEqual(message.tracking_value_ids.new_value_float, 120)
        formatted = message.tracking_value_ids._tracking_value_format()
        self.assertEqual(formatted[0]["fieldInfo"]["changedField"], "Target")
