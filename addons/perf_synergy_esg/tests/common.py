import base64
from contextlib import contextmanager
from datetime import date

from odoo.tests import TransactionCase, new_test_user

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class EsgCase(TransactionCase):
    """Two suppliers with a portal user each, a procurement manager and user, a year of
    periods far from the demo data and a small indicator set with known scoring."""

    YEAR = 2033

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.write(
            {
                "synergy_esg_band_a": 80,
                "synergy_esg_band_b": 65,
                "synergy_esg_band_c": 50,
                "synergy_esg_theme_min_a": 60,
                "synergy_esg_theme_min_b": 40,
                "synergy_esg_green_threshold": 70,
                "synergy_esg_max_upload_mb": 1,
            }
        )
        cls.manager = new_test_user(
            cls.env, login="esg_t_manager", groups="perf_synergy_esg.group_esg_manager"
        )
        cls.buyer = new_test_user(
            cls.env, login="esg_t_buyer", groups="perf_synergy_esg.group_esg_user"
        )
        Partner = cls.env["res.partner"]
        cls.country_cn = cls.env.ref("base.cn")
        cls.supplier = Partner.create(
            {
                "name": "Test Green Supplier",
                "is_company": True,
                "ref": "TGS",
                "country_id": cls.country_cn.id,
                "buyer_id": cls.buyer.id,
            }
        )
        cls.other_supplier = Partner.create({"name": "Test Other Supplier", "is_company": True})
        cls.contact = Partner.create(
            {"name": "Green Contact", "parent_id": cls.supplier.id, "email": "g@example.com"}
        )
        cls.other_contact = Partner.create(
            {"name": "Other Contact", "parent_id": cls.other_supplier.id, "email": "o@example.com"}
        )
        cls.portal_user = new_test_user(
            cls.env, login="esg_t_portal", groups="base.group_portal", partner_id=cls.contact.id
        )
        cls.other_portal_user = new_test_user(
            cls.env,
            login="esg_t_portal_other",
            groups="base.group_portal",
            partner_id=cls.other_contact.id,
        )
        cls.env["synergy.period.generate"].create({"year": cls.YEAR}).action_generate()
        Period = cls.env["synergy.period"]
        cls.year = Period.search(
            [("period_type", "=", "year"), ("date_start", "=", date(cls.YEAR, 1, 1))]
        )
        cls.prev_year = Period.create(
            {
                "name": f"T{cls.YEAR - 1}",
                "period_type": "year",
                "date_start": date(cls.YEAR - 1, 1, 1),
                "date_end": date(cls.YEAR - 1, 12, 31),
            }
        )
        Indicator = cls.env["synergy.esg.indicator"]
        cls.ind_renew = Indicator.create(
            {
                "code": "T-RENEW",
                "name": "Renewable share",
                "theme": "environment",
                "unit": "%",
                "has_min_value": True,
                "min_value": 0,
                "has_max_value": True,
                "max_value": 100,
                "score_zero_at": 0,
                "score_full_at": 50,
                "weight": 1,
            }
        )
        cls.ind_s2 = Indicator.create(
            {
                "code": "T-S2",
                "name": "Scope 2 location",
                "theme": "environment",
                "unit": "tCO2e",
                "direction": "lower_better",
                "has_min_value": True,
                "min_value": 0,
                "scored": False,
                "score_zero_at": 100,
                "score_full_at": 0,
                "factor_based": True,
                "activity": "t_electricity",
                "activity_unit": "kWh",
                "emission_scope": "2",
                "counts_in_emissions": True,
            }
        )
        cls.ind_s2m = Indicator.create(
            {
                "code": "T-S2M",
                "name": "Scope 2 market",
                "theme": "environment",
                "unit": "tCO2e",
                "direction": "lower_better",
                "scored": False,
                "score_zero_at": 100,
                "score_full_at": 0,
                "factor_based": True,
                "activity": "t_electricity",
                "activity_unit": "kWh",
                "market_based": True,
                "emission_scope": "2",
                "mandatory": False,
            }
        )
        cls.ind_iso = Indicator.create(
            {
                "code": "T-ISO",
                "name": "ISO 14001",
                "theme": "environment",
                "value_type": "boolean",
                "evidence_required": True,
            }
        )
        cls.ind_audit = Indicator.create(
            {
                "code": "T-AUDIT",
                "name": "Audit",
                "theme": "labor_human_rights",
                "value_type": "selection",
                "selection_options": "pass,conditional,fail",
                "selection_scores": "100,50,0",
                "audit_indicator": True,
            }
        )
        cls.ind_incidents = Indicator.create(
            {
                "code": "T-INC",
                "name": "Incidents",
                "theme": "labor_human_rights",
                "direction": "lower_better",
                "has_min_value": True,
                "min_value": 0,
                "score_zero_at": 5,
                "score_full_at": 0,
            }
        )
        cls.ind_policy = Indicator.create(
            {
                "code": "T-POL",
                "name": "Ethics policy",
                "theme": "ethics",
                "value_type": "document",
            }
        )
        cls.indicators = (
            cls.ind_renew
            | cls.ind_s2
            | cls.ind_s2m
            | cls.ind_iso
            | cls.ind_audit
            | cls.ind_incidents
            | cls.ind_policy
        )
        Factor = cls.env["synergy.esg.factor"]
        cls.factor_cn = Factor.create(
            {
                "name": "T grid CN",
                "activity": "t_electricity",
                "unit": "kWh",
                "kg_co2e_per_unit": 0.5,
                "region": "CN",
                "date_from": date(2020, 1, 1),
            }
        )
        cls.factor_any = Factor.create(
            {
                "name": "T grid any",
                "activity": "t_electricity",
                "unit": "kWh",
                "kg_co2e_per_unit": 0.4,
            }
        )
        cls.factor_market = Factor.create(
            {
                "name": "T market",
                "activity": "t_electricity",
                "unit": "kWh",
                "kg_co2e_per_unit": 0.1,
                "market_based": True,
            }
        )
        cls.campaign = cls.env["synergy.esg.campaign"].create(
            {
                "name": "T campaign",
                "period_id": cls.year.id,
                "partner_ids": [(6, 0, (cls.supplier | cls.other_supplier).ids)],
                "indicator_ids": [(6, 0, cls.indicators.ids)],
                "user_id": cls.manager.id,
            }
        )
        cls.campaign.action_invite()
        cls.report = cls.campaign.report_ids.filtered(lambda r: r.partner_id == cls.supplier)
        cls.other_report = cls.campaign.report_ids - cls.report

    FULL_ROWS = [
        {"indicator": "T-RENEW", "value": "40", "unit": "%"},
        {"indicator": "T-S2", "value": None, "activity": "10000"},
        {"indicator": "T-ISO", "value": "yes"},
        {"indicator": "T-AUDIT", "value": "pass"},
        {"indicator": "T-INC", "value": 1},
        {"indicator": "T-POL", "value": "Code of ethics v3"},
    ]

    @classmethod
    def add_buyer_review_tier(cls):
        """The supplier's buyer reviews the campaign's submitted reports (tier validation)."""
        return cls.env["tier.definition"].create(
            {
                "name": "Buyer review",
                "model_id": cls.env["ir.model"]._get_id("synergy.esg.report"),
                "review_type": "field",
                "reviewer_field_id": cls.env["ir.model.fields"]
                ._get("synergy.esg.report", "buyer_id")
                .id,
                "definition_domain": str([("campaign_id", "=", cls.campaign.id)]),
            }
        )

    @classmethod
    def fill(cls, report, rows=None, evidence=True):
        results = report._esg_apply_line_values(rows or cls.FULL_ROWS)
        assert all(r["status"] == "ok" for r in results), results
        if evidence:
            report._esg_add_evidence("T-ISO", "iso.pdf", PDF, "application/pdf")
        return results

    @contextmanager
    def assertRefused(self, exception, pattern):
        """assertRaises (which rolls back to a savepoint) plus a check of the message."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), pattern)

    @staticmethod
    def b64(content):
        return base64.b64encode(content)
