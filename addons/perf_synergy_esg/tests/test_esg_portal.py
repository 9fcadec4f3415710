import re

from lxml import html as lxml_html

from odoo import http
from odoo.tests import HttpCase, tagged

from .common import PDF, EsgCase


@tagged("post_install", "-at_install")
class TestEsgPortal(HttpCase, EsgCase):
    """The supplier portal as a real portal user over HTTP: own reports only, drafts never lost,
    uploads bounded, CSRF required."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.portal_user, cls.other_portal_user):
            user.password = user.login

    def setUp(self):
        super().setUp()
        self.authenticate(self.portal_user.login, self.portal_user.login)

    def post(self, url, data=None, files=None):
        data = dict(data or {}, csrf_token=http.Request.csrf_token(self))
        return self.url_open(url, data=data, files=files)

    def line(self, report, code):
        return report.line_ids.filtered(lambda ln: ln.indicator_id.code == code)

    def field_name(self, report, code, prefix="value"):
        return f"{prefix}_{self.line(report, code).id}"

    def test_list_shows_own_reports_only(self):
        response = self.url_open("/my/esg")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.report.name, response.text)
        self.assertNotIn(self.other_report.name, response.text)
        home = self.url_open("/my/home")
        self.assertIn("/my/esg", home.text)

    def test_other_supplier_report_is_forbidden(self):
        other_line = self.line(self.other_report, "T-RENEW")
        for url in (f"/my/esg/{self.other_report.id}",):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 403)
            self.assertNotIn(self.other_report.name, response.text)
        response = self.post(
            f"/my/esg/{self.other_report.id}/save", {f"value_{other_line.id}": "12"}
        )
        self.assertEqual(response.status_code, 403)
        response = self.post(
            f"/my/esg/{self.other_report.id}/evidence",
            {"indicator": "T-ISO"},
            files={"evidence": ("iso.pdf", PDF, "application/pdf")},
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(other_line.has_value)
        self.assertFalse(self.line(self.other_report, "T-ISO").attachment_ids)
        missing = self.url_open("/my/esg/999999999")
        self.assertEqual(missing.status_code, 404)

    def test_other_supplier_evidence_not_downloadable(self):
        self.fill(self.other_report)
        attachment = self.line(self.other_report, "T-ISO").attachment_ids
        self.assertTrue(attachment)
        response = self.url_open(f"/web/content/{attachment.id}?download=true")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotEqual(response.content, PDF)

    def test_save_keeps_valid_answers_and_shows_errors(self):
        report = self.report
        response = self.post(
            f"/my/esg/{report.id}/save",
            {
                self.field_name(report, "T-RENEW"): "35,5",
                self.field_name(report, "T-INC"): "minus three",
                self.field_name(report, "T-AUDIT"): "pass",
                self.field_name(report, "T-RENEW", "comment"): "<script>alert(1)</script>",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("is not a number", response.text)
        # The refused value is shown back as typed: nothing the supplier typed is lost.
        self.assertRegex(response.text, r'value="minus three"')
        self.assertNotIn("<script>alert(1)</script>", response.text)
        self.assertAlmostEqual(self.line(report, "T-RENEW").value_number, 35.5)
        self.assertEqual(self.line(report, "T-RENEW").comment, "<script>alert(1)</script>")
        self.assertEqual(self.line(report, "T-AUDIT").value_text, "pass")
        self.assertFalse(self.line(report, "T-INC").has_value)
        self.assertEqual(report.state, "draft")

    def test_out_of_range_and_unit_errors(self):
        report = self.report
        response = self.post(
            f"/my/esg/{report.id}/save", {self.field_name(report, "T-RENEW"): "150"}
        )
        self.assertIn("above the maximum", response.text)
        self.assertFalse(self.line(report, "T-RENEW").has_value)

    def test_post_without_csrf_token_is_refused(self):
        report = self.report
        response = self.url_open(
            f"/my/esg/{report.id}/save", data={self.field_name(report, "T-RENEW"): "20"}
        )
        self.assertIn(response.status_code, (400, 403))
        self.assertFalse(self.line(report, "T-RENEW").has_value)

    def test_upload_limits(self):
        report = self.report
        too_big = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10)
        response = self.post(
            f"/my/esg/{report.id}/evidence",
            {"indicator": "T-ISO"},
            files={"evidence": ("big.pdf", too_big, "application/pdf")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("too large", response.text)
        response = self.post(
            f"/my/esg/{report.id}/evidence",
            {"indicator": "T-ISO"},
            files={"evidence": ("run.exe", b"MZ\x90\x00binary", "application/octet-stream")},
        )
        self.assertIn("cannot be used as evidence", response.text)
        self.assertFalse(self.line(report, "T-ISO").attachment_ids)
        response = self.post(
            f"/my/esg/{report.id}/evidence",
            {"indicator": "T-ISO"},
            files={"evidence": ("iso.pdf", PDF, "application/pdf")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.line(report, "T-ISO").attachment_ids.name, "iso.pdf")

    def test_each_theme_once_and_every_typed_value_stored(self):
        """Issue 18: each theme's table appears once, and a value typed in any table is saved."""
        report = self.report
        page = self.url_open(f"/my/esg/{report.id}")
        form = lxml_html.fromstring(page.text).xpath("//form[contains(@class, 'o_esg_form')]")[0]
        headings = [h.text_content().strip() for h in form.xpath(".//h5")]
        self.assertEqual(len(headings), 3, headings)  # environment, labour, ethics
        self.assertEqual(len(set(headings)), 3, headings)
        names = [field.get("name") for field in form.xpath(".//input[@name]|.//select[@name]")]
        duplicates = {name for name in names if names.count(name) > 1}
        self.assertFalse(duplicates, "every answer has one input")
        # Post the form as a browser does: every field in document order, the answer typed in
        # the last table that shows the indicator.
        typed = {
            self.field_name(report, "T-RENEW"): "30",
            self.field_name(report, "T-ISO"): "yes",
            self.field_name(report, "T-AUDIT"): "conditional",
            self.field_name(report, "T-INC"): "2",
            self.field_name(report, "T-POL"): "Policy v4",
        }
        fields = form.xpath(".//input[@name]|.//select[@name]")
        last = {field.get("name"): index for index, field in enumerate(fields)}
        data = []
        for index, field in enumerate(fields):
            name = field.get("name")
            if field.tag == "select":
                selected = field.xpath("./option[@selected]/@value")
                value = selected[0] if selected else ""
            else:
                value = field.get("value") or ""
            if name in typed and last[name] == index:
                value = typed[name]
            data.append((name, value))
        response = self.url_open(f"/my/esg/{report.id}/save", data=data)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("o_esg_error", response.text)
        self.assertAlmostEqual(self.line(report, "T-RENEW").value_number, 30)
        self.assertTrue(self.line(report, "T-ISO").value_boolean)
        self.assertEqual(self.line(report, "T-AUDIT").value_text, "conditional")
        self.assertAlmostEqual(self.line(report, "T-INC").value_number, 2)
        self.assertEqual(self.line(report, "T-POL").value_text, "Policy v4")
        self.assertEqual(
            set(report.line_ids.filtered("has_value").mapped("theme")),
            {"environment", "labor_human_rights", "ethics"},
        )

    def test_submit_and_read_feedback(self):
        report = self.report
        # Missing answers: the submission is refused with the list, the typed answers stay.
        response = self.post(
            f"/my/esg/{report.id}/save",
            {self.field_name(report, "T-RENEW"): "40", "submit": "1"},
        )
        self.assertIn("cannot be submitted yet", response.text)
        self.assertEqual(report.state, "draft")
        self.assertAlmostEqual(self.line(report, "T-RENEW").value_number, 40)
        self.fill(report)
        response = self.post(f"/my/esg/{report.id}/save", {"submit": "1"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(report.state, "submitted")
        # Procurement returns it; the supplier reads the reason and can edit again.
        report.with_user(self.manager).action_reject("Scope 2 evidence is from 2019")
        page = self.url_open(f"/my/esg/{report.id}")
        self.assertIn("Scope 2 evidence is from 2019", page.text)
        self.assertTrue(re.search(r'name="value_\d+"(?![^>]*disabled)', page.text))


@tagged("post_install", "-at_install")
class TestEsgPortalTour(HttpCase, EsgCase):
    def test_supplier_fills_and_submits_in_the_browser(self):
        self.portal_user.password = self.portal_user.login
        self.report._esg_add_evidence("T-ISO", "iso.pdf", PDF, "application/pdf")
        self.start_tour("/my/esg", "synergy_esg_portal_submit", login=self.portal_user.login)
        report = self.report
        self.assertEqual(report.state, "submitted")
        by_code = {line.indicator_id.code: line for line in report.line_ids}
        self.assertAlmostEqual(by_code["T-RENEW"].value_number, 40)
        # 10,000 kWh x 0.5 kg CO2e/kWh (grid factor of China) = 5 t, factor kept on the line.
        self.assertAlmostEqual(by_code["T-S2"].value_number, 5.0)
        self.assertEqual(by_code["T-S2"].factor_id, self.factor_cn)
        self.assertTrue(by_code["T-ISO"].value_boolean)
        self.assertEqual(by_code["T-AUDIT"].value_text, "pass")


@tagged("post_install", "-at_install")
class TestEsgPortalNoBuyer(HttpCase, EsgCase):
    def test_supplier_without_buyer_submits(self):
        """The reviewer falls back to the campaign's owner, which suppliers cannot read."""
        self.assertFalse(self.other_supplier.buyer_id)
        self.other_portal_user.password = self.other_portal_user.login
        self.authenticate(self.other_portal_user.login, self.other_portal_user.login)
        self.fill(self.other_report)
        response = self.url_open(
            f"/my/esg/{self.other_report.id}/save",
            data={"submit": "1", "csrf_token": http.Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 200, response.text[:300])
        self.assertEqual(self.other_report.state, "submitted")
        self.assertEqual(self.other_report.activity_ids.user_id, self.manager)
