"""Security and reliability of supplier ESG reports (issue #12): a validated report is locked
through every path (ORM write/unlink, ``load``, the import wizard, the JSON-2 method and generic
JSON-2 calls over HTTP, the portal form); hostile input, driven by hypothesis, never stores an
invalid value, never loses a valid one and never ends in a server error; the changes that
matter are tracked in the chatter; two suppliers (or two sessions of one supplier) saving and
submitting at once, on separate database connections, lose nothing and mix nothing."""

import base64
import csv
import io
import json
import math
import threading
from contextlib import closing
from datetime import datetime, timedelta
from functools import partial

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo import api, http
from odoo.addons.perf_synergy.tests.common import CommittedDataCase
from odoo.exceptions import UserError, ValidationError
from odoo.service.model import retrying
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import PDF, EsgCase

API_URL = "/json/2/synergy.esg.api/upsert_report_lines"
# AccessError and ValidationError are UserErrors: any clear refusal.
REFUSED = UserError
# What an HTTP client may get for a refused call: never a 500.
CLIENT_ERRORS = {400, 403, 404, 405, 415, 422}

EXAMPLES = settings(
    max_examples=20,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
FEW_EXAMPLES = settings(EXAMPLES, max_examples=6)

NASTY_VALUES = [
    math.nan,
    math.inf,
    -math.inf,
    1e308,
    -1e308,
    1e16,
    10**400,
    -(10**30),
    "NaN",
    "nan",
    "inf",
    "-Infinity",
    "1e999",
    "1e308",
    "-5",
    "-1e-300",
    "１２",  # full-width digits
    "12\x0034",
    "\x00",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "Robert'); DROP TABLE synergy_esg_report_line;--",
    "\u202eevil\u202c",
    "零件交付 🚚",
    "a" * 3000,
    {"$gt": 1},
    {"nested": {"deeper": [1, {"x": None}]}},
    [1, 2],
    True,
    False,
    None,
    "",
    "yes",
    "pass",
    40,
    "40",
]
values = st.one_of(
    st.sampled_from(NASTY_VALUES),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.text(max_size=40),
)
units = st.one_of(
    st.none(),
    st.sampled_from(["%", "tCO2e", "kgCO2e", "ktCO2e", "MWh", "kWh", "<b>t</b>", "\x00", 5]),
    st.text(max_size=8),
)
codes = st.sampled_from(
    ["T-RENEW", "T-S2", "T-S2M", "T-ISO", "T-AUDIT", "T-INC", "t-renew", "NOPE", "", None, 5]
)
rows = st.lists(
    st.one_of(
        st.fixed_dictionaries(
            {"indicator": codes, "value": values},
            optional={"unit": units, "comment": values, "activity": values, "activity_unit": units},
        ),
        st.sampled_from([None, 42, "row", [], {"value": 1}]),
    ),
    max_size=6,
)
# Always sent after the random rows: it must be stored whatever the other rows do.
VALID_ROW = {"indicator": "T-POL", "value": "Code of conduct v9", "comment": "ok"}


def finite(value, bound=1e18):
    return isinstance(value, (int, float)) and math.isfinite(value) and abs(value) <= bound


class EsgSecurityMixin:
    """Invariants of what is stored, shared by the ORM and the HTTP tests."""

    LINE_FIELDS = [
        "has_value",
        "value_number",
        "value_boolean",
        "value_text",
        "comment",
        "activity_amount",
        "factor_id",
        "factor_value",
        "attachment_ids",
    ]

    def snapshot(self, report):
        self.env.invalidate_all()
        lines = report.sudo().line_ids
        return {line.indicator_id.code: line.read(self.LINE_FIELDS)[0] for line in lines}

    def check_stored(self, report):
        """Only finite numbers within each indicator's range, texts without NUL, scores within
        0-100, whatever went through."""
        self.env.invalidate_all()
        report = report.sudo()
        for line in report.line_ids:
            indicator = line.indicator_id
            for name in ("value_number", "activity_amount", "factor_value", "emissions_kg"):
                self.assertTrue(finite(line[name]), f"{indicator.code}.{name} = {line[name]}")
            self.assertTrue(0 <= line.score <= 100, f"{indicator.code} score {line.score}")
            if line.has_value and indicator.value_type == "number":
                self.assertLessEqual(abs(line.value_number), 1e15, indicator.code)
                if indicator.has_min_value:
                    self.assertGreaterEqual(line.value_number, indicator.min_value, indicator.code)
                if indicator.has_max_value:
                    self.assertLessEqual(line.value_number, indicator.max_value, indicator.code)
            if line.has_value and indicator.value_type == "selection":
                self.assertIn(line.value_text, indicator._esg_selection_options())
            for name in ("value_text", "comment"):
                self.assertNotIn("\x00", line[name] or "", f"{indicator.code}.{name}")
        for name in (
            "score_overall",
            "score_environment",
            "score_labor_human_rights",
            "score_ethics",
        ):
            self.assertTrue(0 <= report[name] <= 100, f"{name} = {report[name]}")
        for name in ("emissions_total_t", "scope2_location_t", "scope2_market_t"):
            self.assertTrue(finite(report[name]), f"{name} = {report[name]}")


@tagged("post_install", "-at_install")
class TestEsgValidatedReportLocked(EsgSecurityMixin, EsgCase):
    """A validated report and its answers are locked for every user and every ORM path."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fill(cls.report)
        cls.report.action_submit()
        cls.report.with_user(cls.manager).action_validate()
        cls.admin = cls.env.ref("base.user_admin")
        cls.extra_indicator = cls.env["synergy.esg.indicator"].create(
            {"code": "T-EXTRA", "name": "Extra", "theme": "ethics", "value_type": "document"}
        )

    def setUp(self):
        super().setUp()
        self.assertEqual(self.report.state, "validated")
        self.before = self.snapshot(self.report)
        self.report_before = self.report.read(["name", "state", "partner_id", "score_overall"])

    def assertUnchanged(self):
        self.assertEqual(self.snapshot(self.report), self.before)
        self.env.invalidate_all()
        self.assertEqual(
            self.report.read(["name", "state", "partner_id", "score_overall"]),
            self.report_before,
        )

    def envs(self):
        """(label, report as that user) for every kind of user, superuser included."""
        return [
            ("ESG manager", self.report.with_user(self.manager)),
            ("procurement user", self.report.with_user(self.buyer)),
            ("supplier", self.report.with_user(self.portal_user)),
            ("administrator", self.report.with_user(self.admin)),
            ("superuser", self.report.sudo()),
        ]

    def test_write_and_unlink_refused_to_everyone(self):
        report_changes = [
            {"name": "Changed"},
            {"state": "draft"},
            {"state": "rejected", "rejection_reason": "late"},
            {"partner_id": self.other_supplier.id},
            {"line_ids": [(5, 0, 0)]},
        ]
        line_changes = [
            {"value_number": 1.0},
            {"has_value": False},
            {"comment": "late"},
            {"value_text": "other"},
            {"attachment_ids": [(5, 0, 0)]},
        ]
        for label, report in self.envs():
            line = report.line_ids.filtered(lambda ln: ln.indicator_id == self.ind_renew)
            for vals in report_changes:
                with self.subTest(user=label, report=vals), self.assertRaises(REFUSED):
                    report.write(vals)
                    report.env.flush_all()
            for vals in line_changes:
                with self.subTest(user=label, line=vals), self.assertRaises(REFUSED):
                    line.write(vals)
                    line.env.flush_all()
            with self.subTest(user=label, op="unlink line"), self.assertRaises(REFUSED):
                line.unlink()
            with self.subTest(user=label, op="create line"), self.assertRaises(REFUSED):
                report.env["synergy.esg.report.line"].create(
                    {"report_id": report.id, "indicator_id": self.extra_indicator.id}
                )
            with self.subTest(user=label, op="unlink report"), self.assertRaises(REFUSED):
                report.unlink()
        self.assertUnchanged()

    def test_methods_refused(self):
        for label, report in self.envs():
            with self.subTest(user=label), self.assertRaises(REFUSED):
                report._esg_apply_line_values([{"indicator": "T-RENEW", "value": 1}])
            with self.subTest(user=label), self.assertRaises(REFUSED):
                report.env["synergy.esg.api"].upsert_report_lines(
                    [{"indicator": "T-RENEW", "value": 1}], report_id=report.id
                )
            with self.subTest(user=label), self.assertRaises(REFUSED):
                report._esg_add_evidence("T-ISO", "new.pdf", PDF)
            with self.subTest(user=label), self.assertRaises(REFUSED):
                report.action_submit()
            with self.subTest(user=label), self.assertRaises(REFUSED):
                report.action_reject("late")
            with self.subTest(user=label), self.assertRaises(REFUSED):
                report.action_validate()
        self.assertUnchanged()
        # The chatter stays usable: a locked report can still be discussed.
        self.report.with_user(self.manager).message_post(body="Still readable")
        self.assertUnchanged()

    def test_load_refused(self):
        line = self.report.line_ids.filtered(lambda ln: ln.indicator_id == self.ind_renew)
        Line = self.env["synergy.esg.report.line"]
        imports = [
            (Line, [".id", "value_number"], [[str(line.id), "5"]]),
            (Line, [".id", "comment"], [[str(line.id), "imported"]]),
            (
                Line,
                ["report_id/.id", "indicator_id/.id", "value_text"],
                [[str(self.report.id), str(self.extra_indicator.id), "new"]],
            ),
            (self.env["synergy.esg.report"], [".id", "name"], [[str(self.report.id), "X"]]),
            (self.env["synergy.esg.report"], [".id", "state"], [[str(self.report.id), "draft"]]),
        ]
        for user in (self.manager, self.admin):
            for model, fields_, data in imports:
                with self.subTest(user=user.login, model=model._name, fields=fields_):
                    with mute_logger("odoo.sql_db", "odoo.models"):
                        result = model.with_user(user).load(fields_, data)
                    self.assertFalse(result["ids"], result)
                    errors = [m for m in result["messages"] if m["type"] == "error"]
                    self.assertTrue(errors, result)
                    self.assertRegex(
                        errors[0]["message"],
                        "validated|submitted|locked|cannot change|access|may not set",
                    )
        with mute_logger("odoo.sql_db", "odoo.models"):
            result = Line.sudo().load([".id", "value_number"], [[str(line.id), "5"]])
        self.assertFalse(result["ids"], result)
        self.assertUnchanged()

    def test_import_wizard_refuses_rows_of_the_validated_report(self):
        content = b"supplier,indicator,value\nTGS,T-RENEW,10\nTGS,T-INC,3\n"
        wizard = (
            self.env["synergy.esg.import.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "campaign_id": self.campaign.id,
                    "file": base64.b64encode(content),
                    "filename": "late.csv",
                }
            )
        )
        wizard.action_import()
        self.assertEqual(wizard.imported_count, 0)
        self.assertIn("Row 2", wizard.result)
        self.assertIn("Row 3", wizard.result)
        self.assertIn("already submitted or validated", wizard.result)
        self.assertUnchanged()

    def test_evidence_stays_attached(self):
        line = self.report.line_ids.filtered(lambda ln: ln.indicator_id == self.ind_iso)
        attachment = line.attachment_ids
        self.assertTrue(attachment)
        other = self.env["ir.attachment"].create(
            {
                "name": "other.pdf",
                "raw": PDF,
                "res_model": "res.partner",
                "res_id": self.supplier.id,
            }
        )
        for user in (self.portal_user, self.buyer, self.manager, self.admin):
            evidence = attachment.with_user(user)
            for name, operation in (
                ("unlink", evidence.unlink),
                ("replace", partial(evidence.write, {"raw": b"%PDF-1.4 forged"})),
                ("rename", partial(evidence.write, {"name": "forged.pdf"})),
                ("move", partial(evidence.write, {"res_model": "res.partner", "res_id": 1})),
                (
                    "move in",
                    partial(
                        other.with_user(user).write, {"res_model": line._name, "res_id": line.id}
                    ),
                ),
            ):
                with self.subTest(user=user.login, operation=name), self.assertRaises(REFUSED):
                    operation()
                    self.env.flush_all()
        self.assertEqual(attachment.raw, PDF)
        self.assertUnchanged()


@tagged("post_install", "-at_install")
class TestEsgLockedOverHttp(EsgSecurityMixin, HttpCase, EsgCase):
    """The same lock through the JSON-2 API (the ESG method and generic ORM calls, with the API
    key of an ESG manager and of the supplier) and through the portal form."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        expiry = datetime.now() + timedelta(hours=6)
        Keys = cls.env["res.users.apikeys"]
        cls.supplier_key = Keys.with_user(cls.portal_user)._generate(
            scope="rpc", name="Supplier ERP", expiration_date=expiry
        )
        cls.manager_key = Keys.with_user(cls.manager)._generate(
            scope="rpc", name="Procurement", expiration_date=expiry
        )
        cls.portal_user.password = cls.portal_user.login
        cls.fill(cls.report)
        cls.report.action_submit()
        cls.report.with_user(cls.manager).action_validate()

    def setUp(self):
        super().setUp()
        self.before = self.snapshot(self.report)

    def json2(self, path, payload, key):
        return self.url_open(
            path,
            data=json.dumps(payload),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"},
        )

    def assertRefusedCall(self, response):
        self.assertIn(response.status_code, CLIENT_ERRORS, response.text)
        self.assertTrue(response.json().get("message"), response.text)

    def test_json2_method_refused_for_supplier_and_manager(self):
        for key in (self.supplier_key, self.manager_key):
            payload = {
                "report_id": self.report.id,
                "lines": [{"indicator": "T-RENEW", "value": 1}],
                "submit": True,
            }
            response = self.json2(API_URL, payload, key)
            self.assertRefusedCall(response)
            self.assertIn("only a draft", response.json()["message"])
        response = self.json2(
            API_URL,
            {"period": self.year.name, "supplier": "TGS", "lines": [{"indicator": "T-INC"}]},
            self.manager_key,
        )
        self.assertRefusedCall(response)
        self.assertEqual(self.snapshot(self.report), self.before)

    def test_generic_json2_calls_refused(self):
        line = self.report.line_ids.filtered(lambda ln: ln.indicator_id == self.ind_renew)
        calls = [
            ("synergy.esg.report.line/write", {"ids": line.ids, "vals": {"value_number": 2}}),
            ("synergy.esg.report.line/unlink", {"ids": line.ids}),
            ("synergy.esg.report/write", {"ids": self.report.ids, "vals": {"state": "draft"}}),
            ("synergy.esg.report/unlink", {"ids": self.report.ids}),
            ("synergy.esg.report/action_reject", {"ids": self.report.ids, "reason": "x"}),
            # a forged context does not reopen the lock (it needs the superuser)
            (
                "synergy.esg.report/write",
                {
                    "ids": self.report.ids,
                    "vals": {"state": "draft"},
                    "context": {"esg_system_write": True},
                },
            ),
        ]
        for key in (self.supplier_key, self.manager_key):
            for path, payload in calls:
                with self.subTest(path=path, key=key == self.manager_key):
                    self.assertRefusedCall(self.json2(f"/json/2/{path}", payload, key))
        response = self.json2(
            "/json/2/synergy.esg.report.line/load",
            {"fields": [".id", "value_number"], "data": [[str(line.id), "3"]]},
            self.manager_key,
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertFalse(response.json()["ids"])
        self.assertEqual(self.snapshot(self.report), self.before)
        self.assertEqual(self.report.state, "validated")

    def test_portal_form_refused(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        line = self.report.line_ids.filtered(lambda ln: ln.indicator_id == self.ind_renew)
        token = http.Request.csrf_token(self)
        response = self.url_open(
            f"/my/esg/{self.report.id}/save",
            data={f"value_{line.id}": "3", f"comment_{line.id}": "late", "csrf_token": token},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("only a draft", response.text)
        response = self.url_open(
            f"/my/esg/{self.report.id}/save",
            data={"submit": "1", "csrf_token": token},
        )
        self.assertEqual(response.status_code, 200)
        response = self.url_open(
            f"/my/esg/{self.report.id}/evidence",
            data={"indicator": "T-ISO", "csrf_token": token},
            files={"evidence": ("late.pdf", PDF, "application/pdf")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("only a draft", response.text)
        self.assertEqual(self.snapshot(self.report), self.before)


@tagged("post_install", "-at_install")
class TestEsgHostileInput(EsgSecurityMixin, EsgCase):
    """Random and malicious rows at the shared entry point and at the import wizard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Start from a complete set of answers: nothing valid may be lost.
        cls.fill(cls.report)

    def _attempt(self, operation):
        """Run ``operation`` in a savepoint rolled back afterwards; a refusal must be a clear
        UserError/ValidationError. Returns what the operation returned (None when refused)."""
        outcome = None
        with closing(self.env.cr.savepoint()), mute_logger("odoo.sql_db"):
            try:
                outcome = operation()
                self.env.flush_all()
                self.check_stored(self.report)
            except (UserError, ValidationError) as error:
                self.assertTrue(str(error).strip(), "a refusal must explain itself")
            self.env.flush_all()
        self.env.invalidate_all()
        return outcome

    @EXAMPLES
    @given(rows=rows)
    def test_apply_line_values(self, rows):
        report = self.report.with_user(self.portal_user)
        before = self.snapshot(self.report)

        def operation():
            results = report._esg_apply_line_values([*rows, VALID_ROW])
            self.assertEqual(len(results), len(rows) + 1, "one result per row")
            for result in results:
                self.assertIn(result["status"], ("ok", "error"))
                if result["status"] == "error":
                    self.assertTrue(result["message"], result)
            self.assertEqual(results[-1]["status"], "ok")
            after = self.snapshot(self.report)
            self.assertEqual(after["T-POL"]["value_text"], VALID_ROW["value"])
            accepted = {r["indicator"].lower() for r in results if r["status"] == "ok"}
            for code, line in before.items():
                if code.lower() not in accepted:
                    self.assertEqual(after[code], line, f"{code} changed by a refused row")
            return results

        self.assertIsNotNone(self._attempt(operation), "a list of rows is never refused")

    def test_known_bad_values_are_refused_per_row(self):
        cases = [
            ({"indicator": "T-INC", "value": 10**400}, "not a number"),
            ({"indicator": "T-INC", "value": 1e16}, "too large"),
            ({"indicator": "T-INC", "value": "1e308"}, "too large"),
            ({"indicator": "T-INC", "value": "NaN"}, "not a number"),
            ({"indicator": "T-INC", "value": "-inf"}, "not a number"),
            ({"indicator": "T-INC", "value": -3}, "below the minimum"),
            ({"indicator": "T-RENEW", "value": 101}, "above the maximum"),
            ({"indicator": "T-RENEW", "value": 1, "unit": "MWh"}, "cannot be converted"),
            ({"indicator": "T-S2", "activity": -100}, "below the minimum"),
            ({"indicator": "T-S2", "activity": 10**20}, "too large"),
            ({"indicator": "T-S2", "value": -5}, "below the minimum"),
            ({"indicator": "T-AUDIT", "value": "<script>alert(1)</script>"}, "allowed answers"),
            ({"indicator": "T-ISO", "value": {"yes": True}}, "yes/no"),
            ({"indicator": "T-POL", "value": {"nested": [1]}}, "must be a text"),
            ({"indicator": {"$ne": ""}, "value": 1}, "not an indicator"),
        ]
        before = self.snapshot(self.report)
        results = self.report.with_user(self.portal_user)._esg_apply_line_values(
            [row for row, _message in cases]
        )
        for (row, message), result in zip(cases, results, strict=True):
            with self.subTest(row=row):
                self.assertEqual(result["status"], "error")
                self.assertIn(message, result["message"])
        self.assertEqual(self.snapshot(self.report), before)
        self.check_stored(self.report)

    def test_nul_and_markup_in_texts(self):
        results = self.report.with_user(self.portal_user)._esg_apply_line_values(
            [
                {"indicator": "T-POL", "value": "Policy\x00 <b>v2</b>", "comment": "a\x00b"},
                {"indicator": "T-AUDIT", "value": "pa\x00ss"},
            ]
        )
        self.assertEqual([r["status"] for r in results], ["ok", "ok"], results)
        self.env.flush_all()
        line = self.report.line_ids.filtered(lambda ln: ln.indicator_id == self.ind_policy)
        self.assertEqual((line.value_text, line.comment), ("Policy <b>v2</b>", "ab"))
        self.check_stored(self.report)
        # Direct writes by procurement are cleaned too (shared input mixin).
        line.with_user(self.manager).write({"comment": "x\x00y", "value_number": 2.0})
        self.env.flush_all()
        self.assertEqual(line.comment, "xy")
        with self.assertRefused(ValidationError, "finite number"):
            line.with_user(self.manager).write({"value_number": math.inf})

    def _wizard(self, content, filename="hostile.csv"):
        return (
            self.env["synergy.esg.import.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "campaign_id": self.campaign.id,
                    "file": base64.b64encode(content),
                    "filename": filename,
                }
            )
        )

    @EXAMPLES
    @given(
        table=st.lists(
            st.tuples(
                st.sampled_from(["TGS", "Test Other Supplier", "tgs", "", "<script>", "\x00"]),
                codes.map(lambda code: "" if code is None else str(code)),
                values.map(str),
                units.map(lambda unit: "" if unit is None else str(unit)),
                values.map(str),
            ),
            min_size=1,
            max_size=5,
        )
    )
    def test_import_wizard_csv(self, table):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["supplier", "indicator", "value", "unit", "comment"])
        writer.writerows(table)
        content = buffer.getvalue().encode("utf-8", errors="replace")
        before = {report.id: self.snapshot(report) for report in (self.report, self.other_report)}

        def operation():
            wizard = self._wizard(content)
            wizard.action_import()
            self.assertTrue(wizard.result, "the wizard always says what happened")
            if not wizard.imported_count:
                for report in (self.report, self.other_report):
                    self.assertEqual(self.snapshot(report), before[report.id], "all or nothing")
            self.check_stored(self.other_report)
            return wizard

        self._attempt(operation)

    @FEW_EXAMPLES
    @given(content=st.binary(max_size=300))
    def test_import_wizard_garbage_bytes(self, content):
        before = self.snapshot(self.report)
        for filename in ("garbage.csv", "garbage.xlsx"):
            self._attempt(lambda name=filename: self._wizard(content, name).action_import())
            self.assertEqual(self.snapshot(self.report), before, filename)


@tagged("post_install", "-at_install")
class TestEsgHostileHttp(EsgSecurityMixin, HttpCase, EsgCase):
    """Malformed JSON, wrong types and malicious values over HTTP: a 4xx with a message or a
    200 with an error per row, never a 500, nothing invalid stored."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        expiry = datetime.now() + timedelta(hours=6)
        cls.supplier_key = (
            cls.env["res.users.apikeys"]
            .with_user(cls.portal_user)
            ._generate(scope="rpc", name="Supplier ERP", expiration_date=expiry)
        )
        cls.portal_user.password = cls.portal_user.login
        cls.fill(cls.report)

    def post_json(self, body):
        return self.url_open(
            API_URL,
            data=body,
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.supplier_key}",
            },
        )

    def assertClean(self, response):
        self.assertNotEqual(response.status_code, 500, response.text[:500])
        self.assertIn(response.status_code, CLIENT_ERRORS | {200}, response.text[:500])
        self.assertTrue(response.text.strip(), "an answer always says something")
        if response.status_code == 200 and "json" in response.headers.get("Content-Type", ""):
            body = response.json()
            for line in body["lines"]:
                self.assertIn(line["status"], ("ok", "error"))
                if line["status"] == "error":
                    self.assertTrue(line["message"])
        self.check_stored(self.report)

    def test_malformed_bodies(self):
        rid = self.report.id
        bodies = [
            "{not json",
            "",
            "null",
            "[]",
            '"a string"',
            "1e999",
            "[" * 200 + "]" * 200,
            '{"report_id": 1e400, "lines": []}',
            '{"report_id": 99999999999999999999999, "lines": []}',
            '{"report_id": -1, "lines": []}',
            '{"report_id": true, "lines": []}',
            '{"report_id": [1], "lines": []}',
            '{"report_id": {"$ne": 0}, "lines": []}',
            '{"report_id": "1 OR 1=1", "lines": []}',
            '{"period": {"a": 1}, "lines": []}',
            '{"period": "2033", "supplier": 99999999999999999999, "lines": []}',
            f'{{"report_id": {rid}}}',
            f'{{"report_id": {rid}, "lines": null}}',
            f'{{"report_id": {rid}, "lines": 5}}',
            f'{{"report_id": {rid}, "lines": {{"indicator": "T-INC"}}}}',
            f'{{"report_id": {rid}, "lines": [[1, 2], null, "x"]}}',
            f'{{"report_id": {rid}, "lines": [], "unknown": 1}}',
            f'{{"report_id": {rid}, "lines": [], "submit": {{"a": [1]}}}}',
            f'{{"report_id": {rid}, "lines": [], "submit": "yes"}}',
            f'{{"report_id": {rid}, "lines": [{{"indicator": "T-INC", "value": NaN}}]}}',
            f'{{"report_id": {rid}, "lines": [{{"indicator": "T-INC", "value": Infinity}}]}}',
            f'{{"report_id": {rid}, "lines": [{{"indicator": "T-INC", "value": 1{"0" * 400}}}]}}',
            f'{{"report_id": {rid}, "lines": [{{"indicator": "T-POL", "value": "a\\u0000b"}}]}}',
        ]
        before = self.snapshot(self.report)
        for body in bodies:
            with self.subTest(body=body[:80]), mute_logger("odoo.http", "odoo.sql_db"):
                self.assertClean(self.post_json(body))
        after = self.snapshot(self.report)
        # only the policy text may have changed (its NUL dropped); the rest is as it was
        self.assertEqual(after["T-POL"]["value_text"], "ab")
        after["T-POL"] = before["T-POL"]
        self.assertEqual(after, before)

    @FEW_EXAMPLES
    @given(rows=rows, submit=st.sampled_from([False, True, 0, None]))
    def test_random_rows(self, rows, submit):
        payload = {"report_id": self.report.id, "lines": [*rows, VALID_ROW], "submit": submit}
        body = json.dumps(payload, allow_nan=True)
        with mute_logger("odoo.http", "odoo.sql_db"):
            response = self.post_json(body)
        self.assertClean(response)
        if response.status_code == 200:
            self.assertEqual(response.json()["lines"][-1]["status"], "ok")
            self.env.invalidate_all()
            line = self.report.line_ids.filtered(lambda ln: ln.indicator_id == self.ind_policy)
            self.assertEqual(line.value_text, VALID_ROW["value"])
        if self.report.state == "submitted":  # a valid submission: back to draft for the next
            self.report.sudo().write({"state": "draft"})

    def test_portal_form(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        token = http.Request.csrf_token(self)
        lines = {line.indicator_id.code: line for line in self.report.line_ids}
        nasty = [
            "NaN",
            "inf",
            "-1e400",
            "1" + "0" * 400,
            "-5",
            "12\x0034",
            "<script>alert(1)</script>",
            "零件 🚚",
            "a" * 20000,
        ]
        before = self.snapshot(self.report)
        for value in nasty:
            form = {"csrf_token": token}
            for code, line in lines.items():
                form[f"value_{line.id}"] = value
                form[f"comment_{line.id}"] = value
                if code in ("T-S2", "T-S2M"):
                    form[f"activity_{line.id}"] = value
            form["value_999999999999"] = value  # not a line of the report: ignored
            with self.subTest(value=value[:30]), mute_logger("odoo.http", "odoo.sql_db"):
                response = self.url_open(f"/my/esg/{self.report.id}/save", data=form)
                self.assertClean(response)
                self.assertNotIn("<script>alert(1)</script>", response.text)
        after = self.snapshot(self.report)
        # "12\x0034" and the texts are valid for text answers; numbers stayed valid or unchanged
        for code in ("T-RENEW", "T-INC"):
            self.assertEqual(after[code]["value_number"], before[code]["value_number"], code)
        for url in ("/my/esg/99999999999", "/my/esg/99999999999/save"):
            with self.subTest(url=url), mute_logger("odoo.http", "odoo.sql_db"):
                response = self.url_open(url, data={"csrf_token": token})
                self.assertIn(response.status_code, CLIENT_ERRORS, response.text[:300])


@tagged("post_install", "-at_install")
class TestEsgAuditTrail(EsgCase):
    """Who changed what, old and new value, in the chatter: indicator scoring and ranges,
    factor values, report state and rejection, the supplier's rating."""

    TRACKED = {
        "synergy.esg.indicator": {
            "score_zero_at": 10.0,
            "score_full_at": 1.0,
            "weight": 2.5,
            "min_value": 0.5,
            "max_value": 50.0,
        },
        "synergy.esg.factor": {"kg_co2e_per_unit": 0.55},
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        # The records of EsgCase were built with tracking disabled: the same, tracked.
        for name in ("ind_incidents", "ind_audit", "factor_cn", "report", "supplier"):
            setattr(cls, name, getattr(cls, name).with_env(cls.env))

    def _commit_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _tracking(self, record, name):
        """The tracking values of ``name`` on ``record``, latest last."""
        return record.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == name and t.field_id.model == record._name
        ).sorted("id")

    def test_fields_are_declared_tracked(self):
        declared = {
            "synergy.esg.indicator": [
                "value_type",
                "selection_options",
                "selection_scores",
                "direction",
                "has_min_value",
                "min_value",
                "has_max_value",
                "max_value",
                "score_zero_at",
                "score_full_at",
                "scored",
                "weight",
                "mandatory",
                "evidence_required",
            ],
            "synergy.esg.factor": ["kg_co2e_per_unit", "region", "date_from", "date_to"],
            "synergy.esg.report": ["state", "rejection_reason", "rating", "compliant", "buyer_id"],
            "res.partner": ["synergy_esg_score", "synergy_esg_rating", "synergy_esg_valid_until"],
            "synergy.esg.campaign": ["deadline"],
        }
        for model, names in declared.items():
            for name in names:
                with self.subTest(model=model, field=name):
                    self.assertTrue(self.env[model]._fields[name].tracking, f"{model}.{name}")

    def test_catalogue_changes_show_who_old_and_new(self):
        self.ind_incidents.has_max_value = True
        self.ind_incidents.max_value = 20.0
        records = {
            "synergy.esg.indicator": self.ind_incidents,
            "synergy.esg.factor": self.factor_cn,
        }
        self._commit_tracking()
        for model, changes in self.TRACKED.items():
            record = records[model]
            old = {name: record[name] for name in changes}
            record.with_user(self.manager).write(changes)
            self._commit_tracking()
            for name, new in changes.items():
                with self.subTest(model=model, field=name):
                    tracking = self._tracking(record, name)[-1:]
                    self.assertTrue(tracking, f"no tracking of {model}.{name}")
                    self.assertEqual(tracking.old_value_float, old[name])
                    self.assertEqual(tracking.new_value_float, new)
                    self.assertEqual(tracking.mail_message_id.author_id, self.manager.partner_id)
                    self.assertTrue(tracking.mail_message_id.date)
        self.factor_cn.with_user(self.manager).region = "CN-East"
        self.ind_audit.with_user(self.manager).selection_scores = "100,40,0"
        self._commit_tracking()
        region = self._tracking(self.factor_cn, "region")[-1:]
        self.assertEqual((region.old_value_char, region.new_value_char), ("CN", "CN-East"))
        scores = self._tracking(self.ind_audit, "selection_scores")[-1:]
        self.assertEqual((scores.old_value_char, scores.new_value_char), ("100,50,0", "100,40,0"))

    def test_report_state_rejection_and_rating(self):
        self.fill(self.report)
        self._commit_tracking()
        self.report.with_user(self.portal_user).action_submit()
        self._commit_tracking()
        self.report.with_user(self.manager).action_reject("Certificate expired")
        self._commit_tracking()
        state = self._tracking(self.report, "state").sorted("id")
        self.assertEqual(
            [(t.old_value_char, t.new_value_char) for t in state],
            [("Draft", "Submitted"), ("Submitted", "Rejected")],
        )
        self.assertEqual(state[-1].mail_message_id.author_id, self.manager.partner_id)
        reason = self._tracking(self.report, "rejection_reason")
        self.assertEqual(reason[-1:].new_value_text, "Certificate expired")
        self.report.with_user(self.portal_user)._esg_apply_line_values(
            [{"indicator": "T-RENEW", "value": 45}]
        )
        self.report.with_user(self.portal_user).action_submit()
        self.report.with_user(self.manager).action_validate()
        self._commit_tracking()
        self.assertTrue(self.supplier.synergy_esg_rating)
        rating = self._tracking(self.supplier, "synergy_esg_rating")[-1:]
        self.assertEqual(rating.new_value_char, self.supplier.synergy_esg_rating)
        self.assertTrue(rating.mail_message_id.author_id)
        self.assertTrue(rating.mail_message_id.date)
        score = self._tracking(self.supplier, "synergy_esg_score")[-1:]
        self.assertAlmostEqual(score.new_value_float, self.report.score_overall, places=1)


# These tests need real commits on separate connections: committing is their point.
# pylint: disable=invalid-commit
CONC_YEAR = 2045
PAYLOAD_1 = {"C-NUM1": 10.0, "C-NUM2": 20.0, "C-TXT": "first"}
PAYLOAD_2 = {"C-NUM1": 30.0, "C-NUM2": 40.0, "C-TXT": "second"}


def as_rows(payload):
    return [{"indicator": code, "value": value} for code, value in payload.items()]


@tagged("post_install", "-at_install")
class TestEsgConcurrency(CommittedDataCase):
    """Separate database connections (the pattern of perf_synergy's test_concurrency.py): the
    class commits its own data and removes it afterwards."""

    @classmethod
    def _create_data(cls, env):
        period = env["synergy.period"].create(
            {
                "name": f"ConcESG {CONC_YEAR}",
                "period_type": "year",
                "date_start": f"{CONC_YEAR}-01-01",
                "date_end": f"{CONC_YEAR}-12-31",
            }
        )
        Indicator = env["synergy.esg.indicator"]
        common = {"theme": "environment", "has_min_value": True, "min_value": 0}
        indicators = Indicator.create(
            [
                {**common, "code": "C-NUM1", "name": "Conc one", "unit": "%"},
                {**common, "code": "C-NUM2", "name": "Conc two", "unit": "%"},
                {"code": "C-TXT", "name": "Conc text", "theme": "ethics", "value_type": "document"},
            ]
        )
        partners, users = env["res.partner"], env["res.users"]
        for index in range(2):
            supplier = env["res.partner"].create(
                {"name": f"Conc supplier {index}", "is_company": True}
            )
            contact = env["res.partner"].create(
                {"name": f"Conc contact {index}", "parent_id": supplier.id}
            )
            users |= new_test_user(
                env, login=f"conc_esg_{index}", groups="base.group_portal", partner_id=contact.id
            )
            partners |= supplier | contact
        campaign = env["synergy.esg.campaign"].create(
            {
                "name": "Conc campaign",
                "period_id": period.id,
                "partner_ids": [(6, 0, partners.filtered("is_company").ids)],
                "indicator_ids": [(6, 0, indicators.ids)],
            }
        )
        reports = env["synergy.esg.report"].create(
            [
                {"campaign_id": campaign.id, "partner_id": supplier.id, "period_id": period.id}
                for supplier in partners.filtered("is_company")
            ]
        )
        cls.ids = {
            "period": period.id,
            "indicators": indicators.ids,
            "partners": partners.ids,
            "users": users.ids,
            "campaign": campaign.id,
            "reports": reports.ids,
        }

    @classmethod
    def _delete_data(cls, env):
        ids = cls.ids
        reports = env["synergy.esg.report"].browse(ids["reports"])
        reports.write({"state": "draft"})
        reports.unlink()
        env["synergy.esg.campaign"].browse(ids["campaign"]).unlink()
        env["synergy.esg.indicator"].browse(ids["indicators"]).unlink()
        env["synergy.period"].browse(ids["period"]).unlink()
        env["res.users"].browse(ids["users"]).unlink()
        env["res.partner"].browse(ids["partners"]).unlink()

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:  # every test starts from empty drafts
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            reports = env["synergy.esg.report"].browse(self.ids["reports"])
            reports.write({"state": "draft"})
            reports.line_ids.write({"has_value": False, "value_number": 0, "value_text": False})
            cr.commit()

    def _answers(self, report_id):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            report = env["synergy.esg.report"].browse(report_id)
            answers = {}
            for line in report.line_ids:
                value = line._esg_typed_value()
                answers[line.indicator_id.code] = value
            return report.state, answers

    @staticmethod
    def _save(env, report_id, payload, submit=False):
        """What the portal's save (and save & submit) does as the supplier."""
        report = env["synergy.esg.report"].browse(report_id)
        results = report._esg_apply_line_values(as_rows(payload))
        assert all(r["status"] == "ok" for r in results), results
        if submit:
            report.action_submit()

    def test_two_suppliers_submit_at_once(self):
        (user_a, user_b), (report_a, report_b) = self.ids["users"], self.ids["reports"]
        env_a, env_b = self._envs(user_a, user_b)
        env_b["synergy.esg.report"].search_count([])  # B's snapshot starts
        self._save(env_a, report_a, PAYLOAD_1, submit=True)
        env_a.cr.commit()
        retrying(partial(self._save, env_b, report_b, PAYLOAD_2, submit=True), env_b)
        env_b.cr.commit()
        self.assertEqual(self._answers(report_a), ("submitted", PAYLOAD_1))
        self.assertEqual(self._answers(report_b), ("submitted", PAYLOAD_2))

    def test_two_suppliers_submit_in_parallel_threads(self):
        errors = []
        barrier = threading.Barrier(2)

        def work(uid, report_id, payload):
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, uid, {})
                    barrier.wait(timeout=10)
                    retrying(partial(self._save, env, report_id, payload, submit=True), env)
                    cr.commit()
            except Exception as error:
                errors.append(repr(error))

        threads = [
            threading.Thread(target=work, args=(uid, report_id, payload))
            for uid, report_id, payload in zip(
                self.ids["users"], self.ids["reports"], (PAYLOAD_1, PAYLOAD_2), strict=True
            )
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        self.assertEqual(errors, [])
        self.assertEqual(self._answers(self.ids["reports"][0]), ("submitted", PAYLOAD_1))
        self.assertEqual(self._answers(self.ids["reports"][1]), ("submitted", PAYLOAD_2))

    def test_same_supplier_two_sessions_save_at_once(self):
        """Sequential interleaving: B's snapshot predates A's commit; B's write loses the race,
        is retried on fresh data and wins as a whole: never a mix of the two payloads."""
        user, report_id = self.ids["users"][0], self.ids["reports"][0]
        env_a, env_b = self._envs(user, user)
        env_b["synergy.esg.report"].search_count([])
        self._save(env_a, report_id, PAYLOAD_1)
        env_a.cr.commit()
        with mute_logger("odoo.service.model"):
            retrying(partial(self._save, env_b, report_id, PAYLOAD_2), env_b)
        env_b.cr.commit()
        self.assertEqual(self._answers(report_id), ("draft", PAYLOAD_2))

    def test_same_supplier_two_sessions_in_parallel_threads(self):
        user, report_id = self.ids["users"][0], self.ids["reports"][0]
        errors = []
        barrier = threading.Barrier(2)

        def work(payload):
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, user, {})
                    barrier.wait(timeout=10)
                    retrying(partial(self._save, env, report_id, payload), env)
                    cr.commit()
            except Exception as error:
                errors.append(repr(error))

        threads = [threading.Thread(target=work, args=(p,)) for p in (PAYLOAD_1, PAYLOAD_2)]
        with mute_logger("odoo.service.model"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        self.assertEqual(errors, [])
        state, answers = self._answers(report_id)
        self.assertEqual(state, "draft")
        self.assertIn(answers, (PAYLOAD_1, PAYLOAD_2), "one complete payload, never a mix")
