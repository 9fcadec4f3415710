"""Hostile input, driven by hypothesis: huge numbers, NaN and infinities (as floats and as
strings), garbage strings, unicode and HTML/script thrown at what users type - KPI values,
scorecard lines, behaviour points, requests, evaluation answers. Each example runs in a
savepoint and must end in a clear ValidationError/UserError or in a stored safe value: never an
unhandled error, never a non-finite number stored, and HTML never rendered as HTML."""

import math
from contextlib import closing

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SynergyCase

EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

NASTY_NUMBERS = [
    math.nan,
    math.inf,
    -math.inf,
    1e308,
    -1e308,
    1e16,
    2**63,
    -(2**70),
    "nan",
    "NaN",
    "inf",
    "-Infinity",
    "1e999",
    "12abc",
    "<script>alert(1)</script>",
    "１２",  # full-width digits
    "0x10",
]
numbers = st.one_of(
    st.sampled_from(NASTY_NUMBERS),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(2**80), max_value=2**80),
)
NASTY_TEXTS = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "Robert'); DROP TABLE synergy_kpi_value;--",
    "\u202eevil\u202c",
    "零件交付延迟 🚚",
    "\x00null byte",
    "a" * 5000,
]
texts = st.one_of(st.sampled_from(NASTY_TEXTS), st.text(max_size=200))


def finite(value):
    return isinstance(value, (int, float)) and math.isfinite(value) and abs(value) <= 1e15


@tagged("post_install", "-at_install")
class TestHostileInput(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.card = cls.scorecard(department_id=cls.dep_sales.id, period=cls.q1)
        cls.card_line = cls.line(cls.card, cls.kpi_sales, weight=100, target=300)
        cls.kpi_value = cls.value(cls.kpi_sales, cls.q1, 100, department_id=cls.dep_sales.id)
        cls.behavior_type = cls.env["synergy.behavior.type"].search([], limit=1)

    def _attempt(self, operation, check=None):
        """Run ``operation`` (then ``check``) and roll everything back, so that each example
        starts from the same data: True if it went through, False if it was refused with a
        clear message. Any other error fails the test."""
        with closing(self.env.cr.savepoint()), mute_logger("odoo.sql_db"):
            try:
                with self.env.cr.savepoint():
                    operation()
                    self.env.flush_all()
                    self._check_stored()
                    if check:
                        check()
                accepted = True
            except (ValidationError, UserError) as error:
                self.assertTrue(str(error).strip(), "a refusal must explain itself")
                accepted = False
            except IntegrityError as error:
                # A database constraint: the server answers with the constraint's message
                # (odoo.service.model.retrying); it must be a sentence, not SQL.
                message = self.env["base"]._sql_error_to_message(error)
                for model in self.env.registry.values():
                    if model._table == error.diag.table_name:
                        message = self.env[model._name]._sql_error_to_message(error)
                self.assertNotIn("violates", message)
                accepted = False
            self.env.flush_all()
        self.env.invalidate_all()
        return accepted

    def _check_stored(self):
        """Whatever went through left only finite numbers behind, scores included."""
        self.env.invalidate_all()
        for record, names in (
            (self.kpi_value, ["value"]),
            (self.card_line, ["weight", "target", "floor", "stretch", "actual", "score"]),
            (self.card_line, ["achievement"]),
            (self.card, ["kpi_score", "total_weight"]),
        ):
            for name in names:
                self.assertTrue(finite(record[name]), f"{record._name}.{name} = {record[name]}")

    @EXAMPLES
    @given(amount=numbers)
    def test_kpi_value(self, amount):
        Value = self.env["synergy.kpi.value"].with_user(self.user_head)
        value = self.kpi_value.with_user(self.user_head)
        self._attempt(
            lambda: value.write({"value": amount}),
            lambda: self.assertTrue(
                math.isclose(self.kpi_value.value, float(amount), rel_tol=1e-9, abs_tol=1e-4)
            ),
        )
        self._attempt(
            lambda: Value.create(
                {
                    "kpi_id": self.kpi_sales.id,
                    "period_id": self.months[4].id,
                    "owner_level": "department",
                    "department_id": self.dep_sales.id,
                    "value": amount,
                }
            )
        )

    @EXAMPLES
    @given(field=st.sampled_from(["weight", "target", "floor", "stretch"]), amount=numbers)
    def test_scorecard_line(self, field, amount):
        line = self.card_line.with_user(self.user_head)
        self._attempt(lambda: line.write({field: amount}))

    @EXAMPLES
    @given(amount=numbers, text=texts)
    def test_behavior_record(self, amount, text):
        Record = self.env["synergy.behavior.record"].with_user(self.user_head)
        created = []

        def propose():
            created.append(
                Record.create(
                    {
                        "employee_id": self.emp_seller.id,
                        "type_id": self.behavior_type.id,
                        "points": amount,
                        "evidence": text,
                        "date": f"{self.YEAR}-02-03",
                    }
                )
            )

        self._attempt(propose, lambda: self.assertTrue(finite(created[0].points)))

    @EXAMPLES
    @given(name=texts, description=texts)
    def test_request_text_is_stored_safely(self, name, description):
        Request = self.env["synergy.request"].with_user(self.user_seller)
        created = []

        def raise_request():
            created.append(
                Request.create(
                    {
                        "name": name,
                        "description": description,
                        "requesting_department_id": self.dep_sales_north.id,
                        "responding_department_id": self.dep_ops.id,
                    }
                )
            )

        def check():
            request = created[0]
            # HTML is sanitized: no script, no event handler survives; NUL bytes are dropped.
            stored = str(request.description or "")
            self.assertNotIn("<script", stored.lower())
            self.assertNotIn("onerror=", stored.lower())
            self.assertNotIn("\x00", request.name)

        self._attempt(raise_request, check)

    @EXAMPLES
    @given(
        rating=st.sampled_from(["6", "-1", "nan", "", "<b>5</b>", 5, 3.5, "4"]),
        comment=texts,
    )
    def test_evaluation_answer(self, rating, comment):
        campaign = self._campaign()
        response = campaign.response_ids[:1]
        evaluator = response.evaluator_id
        line = response.line_ids[:1].with_user(evaluator)
        self._attempt(
            lambda: line.write({"rating": rating}),
            lambda: self.assertIn(line.rating, {"0", "1", "2", "3", "4", "5"}),
        )
        self._attempt(
            lambda: response.with_user(evaluator).write({"comment": comment}),
            lambda: self.assertEqual(response.comment or "", (comment or "").replace("\x00", "")),
        )

    def _campaign(self):
        if not hasattr(type(self), "_open_campaign"):
            campaign = self.env["synergy.evaluation.campaign"].create(
                {
                    "name": "Hostile answers",
                    "campaign_type": "internal_customer",
                    "period_id": self.q1.id,
                    "date_deadline": f"{self.YEAR}-04-10",
                    "target_department_ids": [(6, 0, self.dep_ops.ids)],
                    "evaluator_department_ids": [(6, 0, self.dep_sales.ids)],
                    "dimension_ids": [(0, 0, {"name": "Quality"})],
                }
            )
            campaign.action_open()
            self.assertTrue(campaign.response_ids)
            type(self)._open_campaign = campaign
        return type(self)._open_campaign

    def test_html_in_names_is_escaped_in_chatter(self):
        """Texts typed by users reach the chatter as text: tracked values, activity summaries
        and the messages the product writes escape them."""
        evil = "<img src=x onerror=alert(1)>"
        request = (
            self.env["synergy.request"]
            .with_user(self.user_seller)
            .with_context(tracking_disable=False)
            .create(
                {
                    "name": evil,
                    "requesting_department_id": self.dep_sales_north.id,
                    "responding_department_id": self.dep_ops.id,
                }
            )
        )
        self.env.flush_all()
        self.env.cr.precommit.run()  # the creation is logged; what follows is tracked
        request.with_context(tracking_disable=False).write({"name": f"{evil} 2"})
        self.env.flush_all()
        self.env.cr.precommit.run()
        bodies = " ".join(str(message.body) for message in request.message_ids)
        self.assertNotIn("<img", bodies)
        for activity in request.activity_ids:
            self.assertNotIn("<img", str(activity.note or ""))
        # Tracking keeps the raw text; the chatter renders it as text, never as markup.
        tracking = request.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "name" and t.new_value_char == f"{evil} 2"
        )
        self.assertEqual(tracking.old_value_char, evil)
        formatted = tracking._tracking_value_format()
        self.assertFalse(isinstance(formatted[0]["oldValue"], Markup))

    def test_html_in_a_grade_stays_text_in_the_explanation(self):
        """The result explanation is JSON drawn by an OWL widget (which escapes every value,
        test_explanation.py checks its templates): a grade carrying HTML is plain text in it,
        never markup."""
        evil = "<img src=x onerror=alert(1)>"
        # As the calibration writes it (users cannot set a grade directly).
        self.card.sudo().write({"calibrated_grade": evil})
        explanation = self.card.with_user(self.user_officer).explanation
        self.assertEqual(explanation["composite"]["final_grade"], evil)
        self.assertNotIsInstance(explanation["composite"]["final_grade"], Markup)
