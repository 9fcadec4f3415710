from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import EsgCase

# The report's answers with the Scope 2 emissions given directly (10 tCO2e).
ROWS = [
    *[row for row in EsgCase.FULL_ROWS if row["indicator"] != "T-S2"],
    {"indicator": "T-S2", "value": 10, "unit": "tCO2e"},
]


@tagged("post_install", "-at_install")
class TestEsgValidatedReportFrozen(EsgCase):
    """DESIGN 10: a validated report keeps the figures it was validated with; catalogue and
    settings edits apply to reports not yet validated."""

    def figures(self, report):
        return {
            "lines": {line.indicator_id.code: line.score for line in report.line_ids},
            "themes": [
                report.score_environment,
                report.score_labor_human_rights,
                report.score_ethics,
                report.score_sustainable_procurement,
            ],
            "overall": report.score_overall,
            "emissions": report.emissions_total_t,
            "scope2": report.scope2_location_t,
            "audit": (report.audit_result, report.audit_passed),
        }

    def test_catalogue_edits_leave_validated_reports_unchanged(self):
        validated, draft = self.report, self.other_report
        self.fill(validated, ROWS)
        self.fill(draft, ROWS)
        validated.action_submit()
        validated.with_user(self.manager).action_validate()
        before = self.figures(validated)
        # Renewables 40 % of 50 = 80; environment (80 + 100) / 2; labour (100 + 80) / 2;
        # ethics 100; overall the mean of the three themes with a score.
        self.assertAlmostEqual(before["lines"]["T-RENEW"], 80)
        self.assertAlmostEqual(before["overall"], (90 + 90 + 100) / 3, places=1)
        self.assertAlmostEqual(before["emissions"], 10)
        self.assertEqual(self.figures(draft), before)
        rating = validated.rating_id
        self.assertEqual(
            [validated.weight_environment, validated.weight_ethics], [1.0, 1.0], "kept"
        )

        manager_env = self.env(user=self.manager)
        manager_env["synergy.esg.indicator"].browse(self.ind_renew.id).write({"score_full_at": 100})
        manager_env["synergy.esg.indicator"].browse(self.ind_s2.id).write({"unit": "kgCO2e"})
        manager_env["synergy.esg.indicator"].browse(self.ind_audit.id).write(
            {"selection_options": "fail,conditional,pass", "selection_scores": "0,50,100"}
        )
        manager_env["synergy.esg.indicator"].browse(self.ind_incidents.id).write({"weight": 3})
        self.company.synergy_esg_weight_environment = 2.0
        self.env.flush_all()
        self.env.invalidate_all()

        self.assertEqual(self.figures(validated), before)
        self.assertEqual(validated.rating_id, rating)
        self.assertAlmostEqual(rating.score, before["overall"], places=1)
        line = validated.line_ids.filtered(lambda ln: ln.indicator_id == self.ind_renew)
        self.assertEqual((line.score_full_at, line.unit), (50.0, "%"), "the scoring used")
        s2 = validated.line_ids.filtered(lambda ln: ln.indicator_id == self.ind_s2)
        self.assertEqual(s2.unit, "tCO2e")
        self.assertEqual(validated.weight_environment, 1.0)

        # The draft follows: renewables 40 of 100 = 40, environment (40 + 100) / 2 = 70,
        # labour (100 + 80 x 3) / 4 = 85, environment weighing 2.
        after = self.figures(draft)
        self.assertAlmostEqual(after["lines"]["T-RENEW"], 40)
        self.assertAlmostEqual(after["themes"][0], 70)
        self.assertAlmostEqual(after["themes"][1], 85)
        self.assertAlmostEqual(after["overall"], (70 * 2 + 85 + 100) / 4, places=1)
        self.assertAlmostEqual(after["emissions"], 0.01)
        self.assertEqual(after["audit"], ("pass", False), "the first option is the pass")
        # Validated later, the draft keeps the weights of its own validation.
        draft.action_submit()
        draft.with_user(self.manager).action_validate()
        self.assertEqual(draft.weight_environment, 2.0)
        self.assertAlmostEqual(draft.rating_id.score, (70 * 2 + 85 + 100) / 4, places=1)


@tagged("post_install", "-at_install")
class TestEsgThemeWeights(EsgCase):
    def test_settings_weights_score_the_overall(self):
        self.assertEqual(
            list(self.company._synergy_esg_theme_weights().values()), [1.0, 1.0, 1.0, 1.0]
        )
        settings = self.env["res.config.settings"].create({})
        settings.synergy_esg_weight_ethics = 4.0
        settings.execute()
        self.assertEqual(self.company.synergy_esg_weight_ethics, 4.0)
        self.fill(self.report, ROWS)
        # environment 90, labour 90, ethics 100 x 4
        self.assertAlmostEqual(self.report.score_overall, (90 + 90 + 400) / 6, places=1)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.company.synergy_esg_weight_environment = -1
                self.env.flush_all()


@tagged("post_install", "-at_install")
class TestEsgAnswerValidator(EsgCase):
    """Every write path of an answer goes through the one validator (DESIGN 10)."""

    def line(self, code):
        return self.report.line_ids.filtered(lambda ln: ln.indicator_id.code == code)

    def test_manager_plain_write_is_validated(self):
        renew = self.line("T-RENEW").with_user(self.manager)
        with self.assertRefused(ValidationError, r"T-RENEW: 150 % is above the maximum 100 %"):
            renew.write({"value_number": 150})
        with self.assertRefused(ValidationError, "above the maximum"):
            renew.write({"value_number": 150, "has_value": True})
        with self.assertRefused(ValidationError, "not one of the allowed answers"):
            self.line("T-AUDIT").with_user(self.manager).write({"value_text": "excellent"})
        # the unit follows the indicator: nobody writes it
        with self.assertRefused(UserError, "Unit"):
            renew.write({"value_number": 50, "unit": "kWh"})
        self.assertFalse(self.line("T-RENEW").has_value)
        renew.write({"value_number": 50})
        self.assertTrue(self.line("T-RENEW").has_value, "a value written is an answer")
        self.assertAlmostEqual(self.line("T-RENEW").score, 100)

    def test_create_and_load_are_validated(self):
        report = self.env["synergy.esg.report"].create(
            {"partner_id": self.supplier.id, "period_id": self.prev_year.id, "line_ids": []}
        )
        Line = self.env["synergy.esg.report.line"].with_user(self.manager)
        existing = report.line_ids.filtered(lambda ln: ln.indicator_id == self.ind_renew)
        existing.unlink()
        with self.assertRefused(ValidationError, "above the maximum"):
            Line.create(
                {"report_id": report.id, "indicator_id": self.ind_renew.id, "value_number": 120}
            )
        line = self.line("T-RENEW")
        result = Line.load(["id", "value_number"], [[line.get_external_id()[line.id] or "", "170"]])
        self.assertTrue(result["messages"] or not result["ids"], result)
        self.assertFalse(self.line("T-RENEW").has_value)


@tagged("post_install", "-at_install")
class TestEsgRatingHistory(EsgCase):
    def setUp(self):
        super().setUp()
        self.fill(self.report)
        self.report.action_submit()
        self.report.with_user(self.manager).action_validate()
        self.rating = self.report.rating_id

    def test_history_is_append_only(self):
        as_manager = self.rating.with_user(self.manager)
        original = (self.rating.rating, self.rating.score)
        with self.assertRefused(UserError, "never changed|cannot be changed or deleted"):
            as_manager.write({"rating": "A", "score": 95})
        with self.assertRefused(UserError, "never changed|cannot be changed or deleted"):
            as_manager.unlink()
        with self.assertRefused(UserError, "record a correction"):
            self.env["synergy.esg.rating"].with_user(self.manager).create(
                {
                    "partner_id": self.supplier.id,
                    "valid_until": self.rating.valid_until,
                    "rating": "A",
                }
            )
        self.assertEqual((self.rating.rating, self.rating.score), original)

    def test_correction_is_a_new_entry_naming_what_it_corrects(self):
        action = self.rating.with_user(self.manager).action_record_correction()
        context = action["context"]
        correction = (
            self.env["synergy.esg.rating"]
            .with_user(self.manager)
            .with_context(**context)
            .create({"score": 60.0, "rating": "C", "note": "Audit result was conditional"})
        )
        self.assertEqual(correction.corrects_id, self.rating)
        self.assertEqual(correction.partner_id, self.supplier)
        self.assertEqual(correction.report_id, self.report)
        self.assertTrue(self.rating.is_corrected)
        self.assertNotEqual(self.rating.rating, "C", "the corrected entry stays as it was")
        history = self.env["synergy.esg.rating"].search([("partner_id", "=", self.supplier.id)])
        self.assertEqual(len(history), 2)
        self.assertEqual(self.supplier.synergy_esg_rating, "C", "the current rating follows")
        self.assertAlmostEqual(self.supplier.synergy_esg_score, 60.0)


@tagged("post_install", "-at_install")
class TestEsgNewCompany(EsgCase):
    def test_new_company_gets_catalogue_and_measures(self):
        shipped = self.env.ref("perf_synergy_esg.indicator_env_s1").company_id
        codes = set(
            self.env["synergy.esg.indicator"]
            .search([("company_id", "=", shipped.id)])
            .filtered(lambda i: i.get_external_id()[i.id].startswith("perf_synergy_esg."))
            .mapped("code")
        )
        self.assertIn("ENV-S1", codes)
        company = self.env["res.company"].create({"name": "T Subsidiary"})
        indicators = self.env["synergy.esg.indicator"].search([("company_id", "=", company.id)])
        self.assertEqual(set(indicators.mapped("code")), codes)
        kpis = self.env["synergy.kpi"].search(
            [("company_id", "=", company.id), ("code", "like", "ESG-")]
        )
        self.assertEqual(
            sorted(kpis.mapped("code")),
            ["ESG-AUDIT", "ESG-COMPLIANT", "ESG-GREEN", "ESG-INTENSITY"],
        )
        self.assertEqual(kpis.measure_id.company_id, company)
        self.assertEqual(len(kpis.measure_id), 4)
        green = kpis.filtered(lambda k: k.code == "ESG-GREEN").measure_id
        self.assertEqual(green.model_id.model, "purchase.order.line")
        # A user of the new company only reads its own catalogue, which a report there uses.
        self.env["synergy.period.generate"].with_company(company).create(
            {"year": self.YEAR}
        ).action_generate()
        period = self.env["synergy.period"].search(
            [("company_id", "=", company.id), ("period_type", "=", "year")], limit=1
        )
        report = (
            self.env["synergy.esg.report"]
            .with_company(company)
            .create(
                {"partner_id": self.supplier.id, "period_id": period.id, "company_id": company.id}
            )
        )
        self.assertEqual(report.line_ids.indicator_id, indicators)
        # Idempotent: installing again adds nothing.
        company._synergy_esg_install_catalogue()
        self.assertEqual(
            self.env["synergy.esg.indicator"].search_count([("company_id", "=", company.id)]),
            len(indicators),
        )

    def test_a_language_loaded_later_reaches_the_companys_copies(self):
        """A company's indicators, KPIs and measures copied while only English was loaded get
        the shipped records' Chinese when Chinese is loaded (tools/shipped_copies.py); a name
        the company changed keeps its own."""
        self.env["res.lang"]._activate_lang("zh_CN")
        Module = self.env["ir.module.module"]
        Module._load_module_terms(["perf_synergy_esg"], ["zh_CN"])
        company = self.env["res.company"].create({"name": "T Subsidiary Language"})
        Indicator, Kpi = self.env["synergy.esg.indicator"], self.env["synergy.kpi"]
        scope1 = Indicator.search([("company_id", "=", company.id), ("code", "=", "ENV-S1")])
        renamed = Indicator.search([("company_id", "=", company.id), ("code", "=", "ENV-S2-LOC")])
        renamed.with_context(lang="en_US").name = "Our grid emissions"
        green = Kpi.search([("company_id", "=", company.id), ("code", "=", "ESG-GREEN")])
        copies = {
            "synergy_esg_indicator": (scope1 | renamed).ids,
            "synergy_kpi": green.ids,
            "synergy_measure": green.measure_id.ids,
        }
        # As copies made while only English was loaded.
        for table, ids in copies.items():
            self.env.cr.execute(
                SQL(
                    "UPDATE %s SET name = jsonb_build_object('en_US', name->>'en_US') "
                    "WHERE id IN %s",
                    SQL.identifier(table),
                    tuple(ids),
                )
            )
        self.env.invalidate_all()
        self.assertEqual(scope1.with_context(lang="zh_CN").name, "Scope 1 emissions")
        Module._load_module_terms(["perf_synergy_esg"], ["zh_CN"])
        shipped_scope1 = self.env.ref("perf_synergy_esg.indicator_env_s1")
        self.assertEqual(scope1.with_context(lang="zh_CN").name, "范围一排放")
        self.assertEqual(
            shipped_scope1.with_context(lang="zh_CN").name, "范围一排放", "the shipped one too"
        )
        self.assertEqual(renamed.with_context(lang="zh_CN").name, "Our grid emissions")
        shipped_green = Kpi.search(
            [("company_id", "=", shipped_scope1.company_id.id), ("code", "=", "ESG-GREEN")]
        )
        for copy, shipped in ((green, shipped_green), (green.measure_id, shipped_green.measure_id)):
            self.assertNotEqual(copy.with_context(lang="zh_CN").name, copy.name)
            self.assertEqual(
                copy.with_context(lang="zh_CN").name, shipped.with_context(lang="zh_CN").name
            )
