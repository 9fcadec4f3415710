import io
from datetime import date

import openpyxl

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import EsgCase


@tagged("post_install", "-at_install")
class TestEsgScoring(EsgCase):
    def _validate(self, report, rows=None):
        self.fill(report, rows)
        report.action_submit()
        report.with_user(self.manager).action_validate()
        return report

    def test_scores_rating_and_history(self):
        self._validate(self.report)
        # Renewable 40 % -> 80 (0 at 0, 100 at 50); ISO yes -> 100: environment 90.
        self.assertAlmostEqual(self.report.score_environment, 90.0)
        # Audit pass -> 100; 1 incident -> 80 (0 at 5, 100 at 0): labour 90.
        self.assertAlmostEqual(self.report.score_labor_human_rights, 90.0)
        self.assertAlmostEqual(self.report.score_ethics, 100.0)
        self.assertAlmostEqual(self.report.score_sustainable_procurement, 0.0)
        # No answer in sustainable procurement: the theme does not count.
        self.assertAlmostEqual(self.report.score_overall, (90 + 90 + 100) / 3, places=1)
        self.assertEqual(self.report.rating, "A")
        self.assertTrue(self.report.compliant)
        self.assertTrue(self.report.audit_passed)
        rating = self.report.rating_id
        self.assertEqual(rating.partner_id, self.supplier)
        self.assertEqual(rating.rating, "A")
        self.assertAlmostEqual(rating.score_ethics, 100.0)
        self.assertEqual(self.supplier.synergy_esg_rating, "A")
        self.assertAlmostEqual(self.supplier.synergy_esg_score, rating.score)
        months = self.company.synergy_esg_rating_validity_months
        self.assertEqual(self.supplier.synergy_esg_valid_until, rating.valid_until)
        self.assertEqual(
            (rating.valid_until.year - rating.date.year) * 12
            + rating.valid_until.month
            - rating.date.month,
            months,
        )
        self.assertEqual(self.supplier.synergy_esg_rating_ids, rating)

    def test_theme_minimum_keeps_top_rating_out_of_reach(self):
        rows = [dict(row) for row in self.FULL_ROWS]
        rows[4] = {"indicator": "T-INC", "value": 5}  # 5 incidents -> 0
        self._validate(self.report, rows)
        # Environment 90, labour (100 + 0) / 2 = 50, ethics 100: overall 80, the A threshold...
        self.assertAlmostEqual(self.report.score_overall, 80.0)
        # ... but labour is below the A theme minimum of 60: B.
        self.assertEqual(self.report.rating, "B")
        self.company.synergy_esg_theme_min_a = 50
        self.assertEqual(self.report._esg_scores()[1], 80.0, "scores do not depend on the bands")

    def test_bands_in_settings(self):
        self.company.write({"synergy_esg_band_a": 95, "synergy_esg_band_b": 90})
        self._validate(self.report)
        self.assertEqual(self.report.rating, "B")
        with mute_logger("odoo.sql_db"), self.assertRefused(Exception, "bands_check"):
            with self.env.cr.savepoint():
                self.company.write({"synergy_esg_band_b": 99})
                self.company.flush_recordset()

    def test_indicator_definition_errors(self):
        Indicator = self.env["synergy.esg.indicator"]
        with self.assertRefused(ValidationError, "at least two options"):
            Indicator.create(
                {"code": "T-X1", "name": "x", "value_type": "selection", "selection_options": "a"}
            )
        with self.assertRefused(ValidationError, "minimum is above the maximum"):
            Indicator.create(
                {
                    "code": "T-X2",
                    "name": "x",
                    "has_min_value": True,
                    "min_value": 5,
                    "has_max_value": True,
                    "max_value": 1,
                }
            )
        with self.assertRefused(ValidationError, "value scoring 100 is above"):
            Indicator.create(
                {
                    "code": "T-X3",
                    "name": "x",
                    "direction": "lower_better",
                    "score_zero_at": 0,
                    "score_full_at": 10,
                }
            )
        with mute_logger("odoo.sql_db"), self.assertRefused(Exception, "code_company_unique"):
            with self.env.cr.savepoint():
                Indicator.create({"code": "t-renew", "name": "dup"})
                Indicator.flush_model()

    def test_scorecard_xlsx(self):
        self._validate(self.report)
        content, _format = self.env["ir.actions.report"]._render_xlsx(
            "perf_synergy_esg.action_report_esg_scorecard_xlsx", self.report.ids, None
        )
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet["A1"].value, self.report.name)
        labels = {sheet.cell(row, 1).value: sheet.cell(row, 2).value for row in range(3, 16)}
        self.assertEqual(labels["Supplier"], "Test Green Supplier")
        self.assertEqual(labels["Rating"], "A")
        self.assertAlmostEqual(labels["Overall score"], self.report.score_overall)
        self.assertAlmostEqual(labels["Scope 2 location-based (tCO2e)"], 5.0)
        rows = {
            sheet.cell(row, 2).value: [sheet.cell(row, col).value for col in range(1, 12)]
            for row in range(17, sheet.max_row + 1)
        }
        self.assertEqual(rows["T-RENEW"][3], 40)
        self.assertEqual(rows["T-RENEW"][5], 80)
        self.assertEqual(rows["T-S2"][6], 10000)
        self.assertEqual(rows["T-S2"][7], 0.5)
        self.assertEqual(rows["T-S2"][8], 5000)
        self.assertEqual(rows["T-ISO"][9], "iso.pdf")


@tagged("post_install", "-at_install")
class TestEsgFactors(EsgCase):
    def _line(self, report, indicator):
        return report.line_ids.filtered(lambda ln: ln.indicator_id == indicator)

    def test_emissions_from_activity_keep_the_factor(self):
        self.report._esg_apply_line_values(
            [
                {"indicator": "T-S2", "activity": "10,000"},
                {"indicator": "T-S2M", "activity": 10000},
            ]
        )
        location = self._line(self.report, self.ind_s2)
        market = self._line(self.report, self.ind_s2m)
        # The supplier is in China: the CN factor before the factor without region.
        self.assertEqual(location.factor_id, self.factor_cn)
        self.assertAlmostEqual(location.emissions_kg, 10000 * 0.5)
        self.assertAlmostEqual(location.value_number, 5.0, msg="stored in the unit, tCO2e")
        self.assertEqual(market.factor_id, self.factor_market)
        self.assertAlmostEqual(market.emissions_kg, 1000.0)
        # Side by side on the report; only location-based counts in the total.
        self.assertAlmostEqual(self.report.scope2_location_t, 5.0)
        self.assertAlmostEqual(self.report.scope2_market_t, 1.0)
        self.assertAlmostEqual(self.report.emissions_total_t, 5.0)
        # Editing the factor later does not rewrite the answer: the applied value is kept.
        self.factor_cn.kg_co2e_per_unit = 0.9
        self.assertEqual(location.factor_id, self.factor_cn)
        self.assertAlmostEqual(location.factor_value, 0.5)
        self.assertAlmostEqual(location.emissions_kg, 5000.0)
        # Applying again uses the factor in force now.
        self.report._esg_apply_line_values([{"indicator": "T-S2", "activity": 10000}])
        self.assertAlmostEqual(location.emissions_kg, 9000.0)

    def test_region_validity_and_missing_factor(self):
        self.other_report._esg_apply_line_values([{"indicator": "T-S2", "activity": 1000}])
        line = self._line(self.other_report, self.ind_s2)
        self.assertEqual(line.factor_id, self.factor_any, "no country: the factor without region")
        self.assertAlmostEqual(line.emissions_kg, 400.0)
        # A factor expired before the period is never used.
        (self.factor_any | self.factor_cn).write({"date_to": date(self.YEAR - 1, 12, 31)})
        results = self.report._esg_apply_line_values([{"indicator": "T-S2", "activity": 1000}])
        self.assertEqual(results[0]["status"], "error")
        self.assertRegex(results[0]["message"], "no emission factor for activity t_electricity")
        self.assertFalse(self._line(self.report, self.ind_s2).has_value, "nothing half-written")
        results = self.report._esg_apply_line_values([{"indicator": "T-S2", "activity": "-5"}])
        self.assertRegex(results[0]["message"], "below the minimum 0")

    def test_factor_checks(self):
        with self.assertRefused(ValidationError, "cannot be negative"):
            self.factor_any.kg_co2e_per_unit = -1
        with self.assertRefused(ValidationError, "starts after it ends"):
            self.factor_any.write({"date_from": date(2030, 1, 1), "date_to": date(2029, 1, 1)})
        examples = self.env["synergy.esg.factor"].search([("is_example", "=", True)])
        self.assertTrue(examples, "the shipped factors are marked as examples to replace")
