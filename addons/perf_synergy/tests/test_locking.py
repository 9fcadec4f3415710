"""Locked data: a closed period, its values and its scorecards cannot be changed by any user
(officer, administrator, superuser) through any path - write, unlink, create, import through
``load`` - until an officer reopens the period, which the chatter records."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SynergyCase


@tagged("post_install", "-at_install")
class TestLockedPeriod(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.card = cls.scorecard(department_id=cls.dep_sales.id, period=cls.q1)
        cls.card_line = cls.line(cls.card, cls.kpi_sales, weight=100, target=300)
        cls.values = cls.env["synergy.kpi.value"]
        for month, amount in zip(cls.months[:3], (100, 110, 120), strict=True):
            cls.values |= cls.value(cls.kpi_sales, month, amount, department_id=cls.dep_sales.id)
        cls.q1.with_user(cls.user_officer).action_close()
        cls.january = cls.months[0]

    def _as_everyone(self):
        """The officer, the administrator and the superuser: nobody bypasses the lock."""
        return {
            "officer": self.env(user=self.user_officer),
            "admin": self.env(user=self.env.ref("base.user_admin")),
            "superuser": self.env(su=True),
        }

    def test_values_of_a_closed_period_are_final(self):
        for index, (who, env) in enumerate(self._as_everyone().items()):
            with self.subTest(who=who):
                value = self.values[0].with_env(env)
                with self.assertRefused(UserError, "locked"):
                    value.write({"value": 1})
                with self.assertRefused(UserError, "locked"):
                    value.unlink()
                with self.assertRefused(UserError, "locked"):
                    value.write({"locked": False})
                for locked in (False, True):
                    with self.assertRefused(UserError, "closed and locked"):
                        env["synergy.kpi.value"].create(
                            {
                                "kpi_id": self.kpi_sales.id,
                                "period_id": self.january.id,
                                "owner_level": "department",
                                "department_id": self.dep_ops.id,
                                "value": 5,
                                "locked": locked,
                            }
                        )
                # Moving an open value into the closed period is refused too.
                open_value = env["synergy.kpi.value"].create(
                    {
                        "kpi_id": self.kpi_sales.id,
                        "period_id": self.months[6 + index].id,
                        "owner_level": "department",
                        "department_id": self.dep_ops.id,
                        "value": 5,
                    }
                )
                with self.assertRefused(UserError, "closed and locked"):
                    open_value.write({"period_id": self.january.id})
        self.assertEqual(self.values.mapped("value"), [100, 110, 120])

    def test_import_cannot_touch_a_closed_period(self):
        Value = self.env["synergy.kpi.value"].with_user(self.user_officer)
        result = Value.load([".id", "value"], [[str(self.values[0].id), "999"]])
        self.assertFalse(result["ids"])
        self.assertIn("locked", " ".join(m["message"] for m in result["messages"]))
        result = Value.load(
            ["kpi_id/.id", "period_id/.id", "owner_level", "department_id/.id", "value"],
            [
                [
                    str(self.kpi_sales.id),
                    str(self.january.id),
                    "department",
                    str(self.dep_ops.id),
                    "5",
                ]
            ],
        )
        self.assertFalse(result["ids"])
        self.assertIn("closed", " ".join(m["message"] for m in result["messages"]))
        self.assertEqual(self.values[0].value, 100)
        self.assertFalse(
            self.env["synergy.kpi.value"].search(
                [("period_id", "=", self.january.id), ("department_id", "=", self.dep_ops.id)]
            )
        )

    def test_closed_period_itself_is_final(self):
        for who, env in self._as_everyone().items():
            with self.subTest(who=who):
                period = self.q1.with_env(env)
                with self.assertRefused(UserError, "closed and locked"):
                    period.write({"date_end": f"{self.YEAR}-04-30"})
                with self.assertRefused(UserError, "closed and locked"):
                    period.write({"state": "open"})
                with self.assertRefused(UserError, "closed and locked"):
                    self.january.with_env(env).unlink()
                with self.assertRefused(UserError, "already closed"):
                    period.action_close()
        self.assertEqual(self.q1.state, "closed")

    def test_closed_scorecard_is_final(self):
        for who, env in self._as_everyone().items():
            with self.subTest(who=who):
                card = self.card.with_env(env)
                line = self.card_line.with_env(env)
                self.assertEqual(card.state, "closed")
                for vals in ({"weight": 50}, {"target": 1}, {"floor": 1}, {"stretch": 999}):
                    with self.assertRefused(UserError, "closed and locked"):
                        line.write(vals)
                with self.assertRefused(UserError, "closed and locked"):
                    env["synergy.scorecard.line"].create(
                        {"scorecard_id": card.id, "kpi_id": self.kpi_retention.id, "weight": 0}
                    )
                with self.assertRefused(UserError, "closed and locked"):
                    line.unlink()
                with self.assertRefused(UserError, "closed and locked"):
                    card.write({"department_id": self.dep_ops.id})
                with self.assertRefused(UserError, "closed and locked"):
                    card.write({"line_ids": [(5, 0, 0)]})
                with self.assertRefused(UserError, "closed and locked"):
                    card.unlink()
                result = env["synergy.scorecard.line"].load(
                    [".id", "weight"], [[str(line.id), "10"]]
                )
                self.assertFalse(result["ids"])
        self.assertEqual((self.card_line.weight, self.card_line.target), (100, 300))

    def test_reopening_is_officer_only_and_tracked(self):
        with self.assertRefused(UserError, "Officer"):
            self.q1.with_user(self.user_head).action_reopen()
        self.q1.with_user(self.user_officer).with_context(tracking_disable=False).action_reopen()
        self.assertEqual(self.q1.state, "open")
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written at commit time
        message = self.q1.message_ids.filtered(lambda m: "reopened" in (m.body or ""))
        self.assertTrue(message)
        self.assertIn(self.user_officer.name, message[0].body)
        tracking = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "synergy.period"),
                ("mail_message_id.res_id", "=", self.q1.id),
                ("field_id.name", "=", "state"),
            ]
        )
        changes = {(t.old_value_char, t.new_value_char) for t in tracking}
        self.assertIn(("Closed", "Open"), changes)
        author = tracking.filtered(lambda t: t.new_value_char == "Open").mail_message_id.author_id
        self.assertEqual(author, self.user_officer.partner_id)
        # Once reopened, a correction goes through and is itself tracked.
        self.values[0].with_user(self.user_officer).write({"value": 105})
        self.assertEqual(self.card_line.actual, 335)
