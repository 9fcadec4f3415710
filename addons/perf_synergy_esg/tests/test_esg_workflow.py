from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PDF, EsgCase


@tagged("post_install", "-at_install")
class TestEsgWorkflow(EsgCase):
    def test_invitation_creates_reports_and_mails_portal_users(self):
        self.assertEqual(len(self.campaign.report_ids), 2)
        self.assertEqual(self.campaign.state, "open")
        self.assertEqual(set(self.report.line_ids.indicator_id.ids), set(self.indicators.ids))
        self.assertEqual(self.report.buyer_id, self.buyer, "the supplier's buyer reviews")
        self.assertEqual(self.report.access_url, f"/my/esg/{self.report.id}")
        self.assertIn(self.contact, self.report.message_partner_ids)
        invitation = self.report.message_ids.filtered(lambda m: self.contact in m.partner_ids)
        self.assertTrue(invitation, "the portal contact is mailed")
        self.assertIn(f"/my/esg/{self.report.id}", invitation[0].body)
        # Inviting again creates nothing new.
        self.campaign.action_invite()
        self.assertEqual(len(self.campaign.report_ids), 2)

    def test_apply_validates_each_row_and_is_idempotent(self):
        rows = [
            {"indicator": "T-RENEW", "value": "35,5", "comment": "site A"},
            {"indicator": "T-INC", "value": "-1"},
            {"indicator": "T-AUDIT", "value": "excellent"},
            {"indicator": "T-ISO", "value": "maybe"},
            {"indicator": "T-S2", "value": "12", "unit": "MWh"},
            {"indicator": "NOPE", "value": "1"},
            {"indicator": "T-RENEW", "value": "150"},
        ]
        line_renew = self.report.line_ids.filtered(lambda ln: ln.indicator_id == self.ind_renew)
        results = self.report.with_user(self.portal_user)._esg_apply_line_values(rows[:1])
        self.assertEqual(results, [{"indicator": "T-RENEW", "status": "ok", "message": ""}])
        results = self.report.with_user(self.portal_user)._esg_apply_line_values(rows)
        self.assertEqual(
            [r["status"] for r in results],
            ["ok", "error", "error", "error", "error", "error", "error"],
        )
        self.assertRegex(results[1]["message"], "below the minimum 0")
        self.assertRegex(results[2]["message"], "pass, conditional, fail")
        self.assertRegex(results[3]["message"], "yes/no")
        self.assertRegex(results[4]["message"], "unit MWh .* tCO2e")
        self.assertRegex(results[5]["message"], "not an indicator of this report")
        self.assertRegex(results[6]["message"], "above the maximum 100")
        # The bad 150 never touched the stored 35.5, and the same payload twice is the same.
        self.assertEqual(line_renew.value_number, 35.5)
        self.assertEqual(line_renew.comment, "site A")
        again = self.report.with_user(self.portal_user)._esg_apply_line_values(rows)
        self.assertEqual(again, results)
        self.assertEqual(line_renew.value_number, 35.5)
        self.assertEqual(len(self.report.line_ids), len(self.indicators))

    def test_unit_conversion_and_clearing(self):
        self.report._esg_apply_line_values(
            [{"indicator": "T-S2", "value": "1500", "unit": "kgCO2e"}]
        )
        line = self.report.line_ids.filtered(lambda ln: ln.indicator_id == self.ind_s2)
        self.assertAlmostEqual(line.value_number, 1.5)
        self.assertAlmostEqual(line.emissions_kg, 1500.0)
        self.report._esg_apply_line_values([{"indicator": "T-S2", "value": ""}])
        self.assertFalse(line.has_value)
        self.assertEqual(line.emissions_kg, 0.0)

    def test_submit_lists_what_is_missing(self):
        self.report._esg_apply_line_values([{"indicator": "T-RENEW", "value": 10}])
        with self.assertRefused(UserError, r"(?s)T-ISO.*answer missing.*T-ISO.*evidence"):
            self.report.with_user(self.portal_user).action_submit()
        self.assertEqual(self.report.state, "draft")
        line = self.report.line_ids.filtered(lambda ln: ln.indicator_id == self.ind_renew)
        self.assertEqual(line.value_number, 10, "the draft is never lost")

    def test_evidence_limits(self):
        with self.assertRefused(UserError, "too large .* limit is 1 MB"):
            self.report._esg_add_evidence("T-ISO", "big.pdf", PDF + b"0" * 1024 * 1024, None)
        with self.assertRefused(UserError, "PDF, PNG, JPEG, XLSX, CSV or DOCX"):
            self.report._esg_add_evidence("T-ISO", "run.exe", b"MZ\x90\x00binary", None)
        with self.assertRefused(UserError, "PDF, PNG"):
            self.report._esg_add_evidence("T-ISO", "fake.pdf", b"<html>hello</html>", None)
        attachment = self.report.with_user(self.portal_user)._esg_add_evidence(
            "T-ISO", "iso.pdf", PDF, "application/pdf"
        )
        line = self.report.line_ids.filtered(lambda ln: ln.indicator_id == self.ind_iso)
        self.assertEqual(line.attachment_ids, attachment)
        self.assertEqual(attachment.res_model, "synergy.esg.report.line")
        self.assertEqual(
            line.with_user(self.portal_user).attachment_ids.name, "iso.pdf", "supplier reads it"
        )

    def test_submit_reject_resubmit_validate(self):
        self.fill(self.report.with_user(self.portal_user))
        self.report.with_user(self.portal_user).action_submit()
        self.assertEqual(self.report.state, "submitted")
        self.assertTrue(self.report.submitted_date)
        self.assertTrue(self.report.activity_ids.filtered(lambda a: a.user_id == self.buyer))
        with self.assertRefused(UserError, "only a draft or a report returned"):
            self.report.with_user(self.portal_user)._esg_apply_line_values(
                [{"indicator": "T-RENEW", "value": 1}]
            )
        with self.assertRefused(AccessError, "Only ESG managers|You may not run"):
            self.report.with_user(self.portal_user).action_validate()
        with self.assertRefused(AccessError, "Only ESG managers|You may not run"):
            self.report.with_user(self.buyer).action_reject("no")
        wizard = (
            self.env["synergy.esg.reject.wizard"]
            .with_user(self.manager)
            .create({"report_ids": [(6, 0, self.report.ids)], "reason": "Certificate expired"})
        )
        wizard.action_reject()
        self.assertEqual(self.report.state, "rejected")
        self.assertEqual(
            self.report.with_user(self.portal_user).rejection_reason, "Certificate expired"
        )
        # The supplier corrects: the report is a draft again, the rejection stays in history.
        self.report.with_user(self.portal_user)._esg_apply_line_values(
            [{"indicator": "T-RENEW", "value": 45}]
        )
        self.assertEqual(self.report.state, "draft")
        self.report.with_user(self.portal_user).action_submit()
        self.assertFalse(self.report.rejection_reason)
        self.assertEqual(self.report.rejection_ids.reason, "Certificate expired")
        self.assertEqual(
            self.report.with_user(self.portal_user).rejection_ids.reason, "Certificate expired"
        )
        self.assertTrue(
            self.report.message_ids.filtered(lambda m: "Certificate expired" in (m.body or ""))
        )
        self.report.with_user(self.manager).action_validate()
        self.assertEqual(self.report.state, "validated")
        self.assertTrue(self.supplier.synergy_esg_rating)
        # Locked for everyone, superuser included.
        with self.assertRefused(UserError, "validated and locked"):
            self.report.write({"name": "changed"})
        with self.assertRefused(UserError, "validated and locked"):
            self.report.sudo().unlink()
        line = self.report.line_ids[:1]
        with self.assertRefused(UserError, "submitted or validated"):
            line.sudo().write({"comment": "late"})
        with self.assertRefused(UserError, "submitted or validated"):
            line.sudo().unlink()

    def test_tier_validation(self):
        self.env["tier.definition"].create(
            {
                "model_id": self.env["ir.model"]._get_id("synergy.esg.report"),
                "review_type": "individual",
                "reviewer_id": self.buyer.id,
            }
        )
        self.fill(self.report)
        self.report.with_user(self.portal_user).action_submit()
        self.assertTrue(self.report.review_ids, "submission requests the reviews")
        with self.assertRefused(ValidationError, "validation process is still open"):
            self.report.with_user(self.manager).action_validate()
        self.assertEqual(self.report.state, "submitted")
        self.report.with_user(self.buyer).validate_tier()
        self.assertEqual(self.report.validation_status, "validated")
        self.report.with_user(self.manager).action_validate()
        self.assertEqual(self.report.state, "validated")

    def test_rejection_clears_reviews(self):
        self.env["tier.definition"].create(
            {
                "model_id": self.env["ir.model"]._get_id("synergy.esg.report"),
                "review_type": "individual",
                "reviewer_id": self.buyer.id,
            }
        )
        self.fill(self.report)
        self.report.action_submit()
        self.assertTrue(self.report.review_ids)
        self.report.with_user(self.manager).action_reject("Wrong year")
        self.assertFalse(self.report.review_ids, "a resubmission is reviewed again")

    def test_supplier_cannot_write_fields_directly(self):
        report = self.report.with_user(self.portal_user)
        with self.assertRefused(AccessError, "through the portal or the API"):
            report.write({"state": "validated"})
        with self.assertRefused(AccessError, "_esg_apply_line_values"):
            report.line_ids[:1].write({"value_number": 1e9})
        with self.assertRefused(AccessError, "not allowed to create"):
            self.env["synergy.esg.report"].with_user(self.portal_user).create(
                {"partner_id": self.supplier.id, "period_id": self.year.id}
            )

    def test_supplier_without_buyer_submits_to_the_campaign_responsible(self):
        self.assertFalse(self.other_report.buyer_id)
        self.fill(self.other_report.with_user(self.other_portal_user))
        self.other_report.with_user(self.other_portal_user).action_submit()
        self.assertEqual(self.other_report.state, "submitted")
        self.assertEqual(self.other_report.activity_ids.user_id, self.manager)

    def test_invitation_without_portal_user_explains_how_to_grant_access(self):
        lonely = self.env["res.partner"].create({"name": "No Portal Ltd", "is_company": True})
        self.campaign.partner_ids = [(4, lonely.id)]
        self.campaign.action_invite()
        report = self.campaign.report_ids.filtered(lambda r: r.partner_id == lonely)
        self.assertTrue(report)
        self.assertTrue(
            report.message_ids.filtered(lambda m: "Grant portal access" in (m.body or ""))
        )

    def test_back_office_views_load_with_tier_buttons(self):
        for model in (
            "synergy.esg.indicator",
            "synergy.esg.factor",
            "synergy.esg.campaign",
            "synergy.esg.report",
            "synergy.esg.rating",
        ):
            views = (
                self.env[model]
                .with_user(self.manager)
                .get_views([(False, "list"), (False, "form")])
            )
            self.assertIn("form", views["views"])
        arch = self.env["synergy.esg.report"].get_view(view_type="form")["arch"]
        arch = arch.decode() if isinstance(arch, bytes) else arch
        self.assertIn("request_validation", arch, "tier validation buttons on the report form")
        self.assertIn("scope2_market_t", arch)
