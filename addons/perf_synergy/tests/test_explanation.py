"""'Why this score' (issue 20, item 3): the JSON drawn by the synergy_score_explanation widget is
built from the stored fields, so each of its numbers equals the field beside it to the cent,
for every scorecard of the demo and for constructed edge cases; it holds only what the reader
may read (an employee nothing of an unpublished result, a head no calibration); no HTML is
built in Python any more."""

import copy
import json
import pathlib
import re

from odoo.tests import tagged

from ..engine.scoring import resolve_curve, score
from .common import SynergyCase

ADDONS = (
    "perf_synergy",
    "perf_synergy_esg",
    "perf_synergy_group",
    "perf_synergy_sale",
    "perf_synergy_calendar",
)
HOSTILE = "<img src=x onerror=alert(1)>"


def cents(value):
    return round(value + 0.0, 2)


def without_bands(data):
    """The explanation as text, without the scheme's grade bands (which name every grade)."""
    data = copy.deepcopy(data)
    if data.get("composite"):
        data["composite"]["bands"] = []
    return json.dumps(data)


class ExplanationAsserts:
    def assertCent(self, json_value, stored, what):
        """The JSON's number is the stored field's to the cent."""
        self.assertIsNot(json_value, False, f"{what} is missing")
        self.assertLess(abs(json_value - stored), 0.005, f"{what}: {json_value} != {stored}")
        self.assertEqual(cents(json_value), cents(stored), what)

    def assertConsistent(self, card, data, reader="officer"):
        """Every number of ``data`` (the explanation of ``card`` for ``reader``) against the
        stored fields of ``card`` (read as superuser) and the engine."""
        card = card.sudo()
        label = card.display_name
        self._assertLines(card, data, label)
        self._assertTotals(card, data, label)
        if data["composite"]:
            self._assertComposite(card, data["composite"], label, reader)
        if card.result_published:
            published = data["published"]
            self.assertCent(
                published["published_final_score"], card.published_final_score, f"{label} pub"
            )
            self.assertEqual(published["published_grade"], card.published_grade or False)
        else:
            self.assertFalse(data["published"])

    def _assertLines(self, card, data, label):
        self.assertEqual(len(data["lines"]), len(card.line_ids), label)
        for row, line in zip(data["lines"], card.line_ids, strict=True):
            what = f"{label} / {line.kpi_id.code}"
            self.assertEqual(row["id"], line.id)
            self.assertCent(row["weight"], line.weight, f"{what} weight")
            self.assertCent(row["score"], line.score, f"{what} score")
            if line.kpi_id.direction != "band":
                self.assertCent(row["target"], line.target, f"{what} target")
            if line.has_actual:
                self.assertEqual(row["actual"], line.actual, f"{what} actual")
                if row["achievement"] is not False:
                    self.assertCent(row["achievement"], line.achievement, f"{what} achievement")
                # The curve shown (floor and stretch, given or default) and the cap are the
                # ones that gave the stored score.
                curve = resolve_curve(
                    line.kpi_id.direction,
                    line.target,
                    floor=row["floor"],
                    stretch=row["stretch"],
                    band_low=line.band_low,
                    band_high=line.band_high,
                    cap=row["cap"],
                )
                self.assertCent(score(curve, line.actual), line.score, f"{what} curve")
            else:
                self.assertIs(row["actual"], False)
                self.assertEqual(row["rule"], "no_actual")
            self.assertEqual(row["cap_applied"], row["rule"] == "at_stretch")
            if row["cap_applied"]:
                self.assertCent(row["score"], row["cap"], f"{what} capped")

    def _assertTotals(self, card, data, label):
        self.assertCent(data["total_weight"], card.total_weight, f"{label} total weight")
        self.assertCent(data["kpi_score"], card.kpi_score, f"{label} KPI score")
        if card.total_weight:
            self.assertCent(
                sum(row["contribution"] for row in data["lines"]),
                card.kpi_score,
                f"{label} contributions",
            )
        if card.owner_level == "department":
            linkage = data["linkage"]
            self.assertCent(linkage["linked_score"], card.linked_score, f"{label} linked")
            self.assertCent(
                linkage["own_share"] / 100 * data["kpi_score"] + linkage["company_part"],
                card.linked_score,
                f"{label} linked from its parts",
            )
        else:
            self.assertFalse(data["linkage"])

    def _assertComposite(self, card, composite, label, reader):
        self.assertCent(composite["linked_score"], card.linked_score, f"{label} linked")
        for name in (
            "internal_customer_score",
            "internal_customer_weight",
            "tier_score",
            "tier_weight",
            "behavior_points",
            "behavior_points_capped",
        ):
            self.assertCent(composite[name], card[name], f"{label} {name}")
        self.assertCent(
            composite["kpi_part_weight"],
            100 - card.internal_customer_weight - card.tier_weight,
            f"{label} KPI part weight",
        )
        rebuilt = (
            composite["kpi_part_weight"] / 100 * composite["linked_score"]
            + composite["internal_customer_weight"] / 100 * composite["internal_customer_score"]
            + composite["tier_weight"] / 100 * composite["tier_score"]
            + composite["behavior_points_capped"]
        )
        if reader in ("officer", "head"):
            self.assertCent(composite["final_score"], card.final_score, f"{label} final")
            self.assertCent(rebuilt, card.final_score, f"{label} final from its parts")
            self.assertEqual(composite["grade"], card.grade or False, f"{label} grade")
        else:
            self.assertIs(composite["final_score"], False)
            self.assertIs(composite["grade"], False)
        if reader == "officer":
            self.assertEqual(composite["final_grade"], card.final_grade or False)
        else:
            self.assertIs(composite["final_grade"], False)


@tagged("post_install", "-at_install")
class TestExplanation(ExplanationAsserts, SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Kpi = cls.env["synergy.kpi"]
        cls.kpi_band = Kpi.create({"code": "T-BAND", "name": "Stock days", "direction": "band"})
        cls.kpi_quality = Kpi.create({"code": "T-QUAL", "name": "Quality"})
        cls.kpi_hostile = Kpi.create({"code": "T-EVIL", "name": HOSTILE})
        cls.card = cls.scorecard("employee", employee_id=cls.emp_seller.id)
        owner = {"owner_level": "employee", "employee_id": cls.emp_seller.id}
        # above target, stretch empty (default 1.2 x target): capped at 120
        cls.line_capped = cls.line(cls.card, cls.kpi_sales, weight=30, target=100)
        cls.value(cls.kpi_sales, cls.year, 130, **owner)
        # stretch given: between target and stretch, a score above 100
        cls.line_stretch = cls.line(
            cls.card, cls.kpi_retention, weight=20, target=90, stretch=100, stretch_set=True
        )
        cls.value(cls.kpi_retention, cls.year, 95, **owner)
        # lower is better, floor given
        cls.line_lower = cls.line(
            cls.card, cls.kpi_complaints, weight=20, target=5, floor=10, floor_set=True
        )
        cls.value(cls.kpi_complaints, cls.year, 8, **owner)
        # a band, inside it
        cls.line_band = cls.line(
            cls.card, cls.kpi_band, weight=10, target=0, band_low=40, band_high=60
        )
        cls.value(cls.kpi_band, cls.year, 50, **owner)
        # floor given as 0 (a value, not "empty"), below target
        cls.line_floor = cls.line(
            cls.card, cls.kpi_quality, weight=10, target=80, floor=0, floor_set=True
        )
        cls.value(cls.kpi_quality, cls.year, 60, **owner)
        # no actual yet; a hostile KPI name
        cls.line_empty = cls.line(cls.card, cls.kpi_hostile, weight=10, target=10)
        cls.card._refresh_actuals()

    def _explanation(self, user, card=None):
        card = (card or self.card).with_user(user)
        return card.read(["explanation"])[0]["explanation"]

    def test_edge_cases_to_the_cent(self):
        data = self._explanation(self.user_officer)
        self.assertConsistent(self.card, data)
        rows = {row["id"]: row for row in data["lines"]}
        capped = rows[self.line_capped.id]
        self.assertEqual((capped["rule"], capped["score"]), ("at_stretch", 120))
        self.assertTrue(capped["cap_applied"])
        self.assertEqual(capped["stretch"], 120, "the default stretch, 1.2 x target")
        self.assertFalse(capped["stretch_given"])
        stretch = rows[self.line_stretch.id]
        self.assertEqual(stretch["rule"], "target_to_stretch")
        self.assertAlmostEqual(stretch["score"], 110)
        self.assertTrue(stretch["stretch_given"])
        lower = rows[self.line_lower.id]
        self.assertEqual((lower["rule"], lower["floor"]), ("floor_to_target", 10))
        self.assertAlmostEqual(lower["score"], 40)
        band = rows[self.line_band.id]
        self.assertEqual((band["rule"], band["score"]), ("in_band", 100))
        self.assertIs(band["achievement"], False, "no achievement for a band")
        self.assertEqual((band["band_low"], band["band_high"]), (40, 60))
        floor = rows[self.line_floor.id]
        self.assertEqual((floor["floor"], floor["floor_given"]), (0, True))
        self.assertAlmostEqual(floor["score"], 75)
        empty = rows[self.line_empty.id]
        self.assertEqual((empty["rule"], empty["score"]), ("no_actual", 0))
        self.assertEqual(empty["kpi"], f"[T-EVIL] {HOSTILE}", "the name as text, unescaped")
        self.assertGreater(self.card.kpi_score, 0)

    def test_calibrated_grade_who_and_why(self):
        card = self.card.sudo()
        grade = card.grade
        calibrated = "S" if grade != "S" else "A"
        session = (
            self.env["synergy.calibration"]
            .with_user(self.user_officer)
            .create({"name": "Why session", "period_id": self.year.id})
        )
        session.action_load()
        line = session.line_ids.filtered(lambda row: row.scorecard_id == card)
        line.write({"calibrated_grade": calibrated, "reason": "Carried the launch"})
        session.action_done()
        self.assertEqual(card.final_grade, calibrated)
        officer = self._explanation(self.user_officer)
        self.assertConsistent(self.card, officer)
        self.assertEqual(officer["composite"]["grade"], grade)
        self.assertEqual(officer["composite"]["final_grade"], calibrated)
        calibration = officer["calibration"]
        self.assertEqual(
            (calibration["grade_before"], calibration["grade_after"]), (grade, calibrated)
        )
        self.assertEqual(calibration["session"], "Why session")
        self.assertEqual(calibration["by"], self.user_officer.name)
        self.assertEqual(calibration["reason"], "Carried the launch")
        self.assertTrue(any("calibrated" in note for note in officer["notes"]))
        # The head reads the computed grade and nothing of the calibration.
        head = self._explanation(self.user_head)
        self.assertConsistent(self.card, head, reader="head")
        self.assertEqual(head["composite"]["grade"], grade)
        self.assertFalse(head["calibration"])
        self.assertNotIn(f'"{calibrated}"', without_bands(head))
        self.assertFalse(any("calibrat" in note for note in head["notes"]))
        # The employee reads nothing of his result before publication.
        employee = self._explanation(self.user_seller)
        self.assertConsistent(self.card, employee, reader="employee")
        self.assertFalse(employee["composite"])
        self.assertFalse(employee["calibration"])
        self.assertFalse(employee["published"])
        self.assertNotIn(f'"{calibrated}"', without_bands(employee))
        self.assertNotIn(f'"{grade}"', without_bands(employee))
        # Published: the owner reads the published score and grade, and that a calibration
        # set the grade (the band of the score gives another) - not who, not why.
        self.card.with_user(self.user_officer).action_publish()
        employee = self._explanation(self.user_seller)
        self.assertConsistent(self.card, employee, reader="employee")
        self.assertEqual(employee["published"]["published_grade"], calibrated)
        self.assertEqual(employee["published"]["band_grade"], grade)
        self.assertCent(
            employee["published"]["published_final_score"], card.final_score, "published"
        )
        self.assertFalse(employee["calibration"])
        self.assertTrue(any(calibrated in note and grade in note for note in employee["notes"]))
        self.assertNotIn("Carried the launch", json.dumps(employee))

    def test_unpublished_result_of_an_employee(self):
        employee = self._explanation(self.user_seller)
        self.assertEqual(len(employee["lines"]), 6, "his own lines")
        self.assertFalse(employee["composite"])
        self.assertTrue(employee["notes"], "says the result comes with the publication")
        head = self._explanation(self.user_head)
        self.assertConsistent(self.card, head, reader="head")

    def test_department_card_with_linkage(self):
        card = self.scorecard("department", department_id=self.dep_sales.id)
        self.line(card, self.kpi_sales, weight=100, target=100)
        self.value(self.kpi_sales, self.year, 90, department_id=self.dep_sales.id)
        card._refresh_actuals()
        data = self._explanation(self.user_officer, card)
        self.assertConsistent(card, data)
        self.assertEqual(data["linkage"]["own_share"], 100, "no approved linkage matrix")

    def test_several_cards_in_one_read(self):
        other = self.scorecard("employee", employee_id=self.emp_ops.id)
        self.line(other, self.kpi_sales, weight=100, target=100)
        cards = (self.card | other).with_user(self.user_officer)
        by_id = {row["id"]: row["explanation"] for row in cards.read(["explanation"])}
        for card in cards:
            self.assertEqual(by_id[card.id]["id"], card.id)
            self.assertConsistent(card, by_id[card.id])

    def test_queries_do_not_grow_with_the_cards(self):
        """Explaining many scorecards costs the queries of explaining a few (bulk reads)."""
        employees = self.env["hr.employee"].create(
            [{"name": f"Bulk {index}", "department_id": self.dep_ops.id} for index in range(6)]
        )
        cards = self.env["synergy.scorecard"]
        for employee in employees:
            card = self.scorecard("employee", employee_id=employee.id)
            self.line(card, self.kpi_sales, weight=60, target=100)
            self.line(card, self.kpi_complaints, weight=40, target=5)
            cards |= card
        cards._refresh_actuals()

        def queries(records):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            records.with_user(self.user_officer).read(["explanation"])
            return self.env.cr.sql_log_count - before

        queries(cards[:1])  # warms the registry's caches (rights, groups, translations)
        self.assertEqual(queries(cards[:2]), queries(cards))

    def test_no_unsanitized_html_field_in_the_product(self):
        """No Html field with sanitize=False in any model of the five addons: screens are
        views and OWL widgets fed by data (the four of issue 20 became Json)."""
        offenders = [
            f"{model_name}.{name}"
            for model_name in self.env.registry
            for name, field in self.env[model_name]._fields.items()
            if field.type == "html" and field._module in ADDONS and not field.sanitize
        ]
        self.assertEqual(offenders, [])
        for model_name, name in (
            ("synergy.scorecard", "explanation"),
            ("synergy.diagnosis", "radar"),
            ("synergy.calibration", "distribution"),
            ("synergy.version.diff", "changes"),
        ):
            self.assertEqual(self.env[model_name]._fields[name].type, "json")

    def test_widget_templates_escape_everything(self):
        """The widgets print data with t-esc only: no t-out, t-raw or markup()."""
        folder = pathlib.Path(__file__).parents[1] / "static" / "src" / "widgets"
        sources = sorted(folder.glob("*.xml")) + sorted(folder.glob("*.js"))
        self.assertTrue(sources)
        for path in sources:
            text = path.read_text()
            with self.subTest(path=path.name):
                self.assertIsNone(re.search(r"t-out|t-raw|markup\(|innerHTML", text))


@tagged("post_install", "-at_install")
class TestExplanationOfTheDemo(ExplanationAsserts, SynergyCase):
    def test_every_demo_scorecard_to_the_cent(self):
        """Every scorecard of the demo, as the officer, the heads and the employees who read
        it."""
        officer = self.env.ref("perf_synergy.user_synergy_officer", raise_if_not_found=False)
        if not officer:
            self.skipTest("needs the demo data")
        cards = self.env["synergy.scorecard"].search([("company_id", "=", officer.company_id.id)])
        self.assertTrue(cards)
        for card in cards:
            with self.subTest(card=card.display_name, reader="officer"):
                self.assertConsistent(card, card.with_user(officer).explanation)
        readers = self.env["res.users"].search(
            [("login", "in", ("synergy.demo.sales.head", "synergy.demo.sales1"))]
        )
        self.assertEqual(len(readers), 2)
        for user in readers:
            reader = "head" if user.has_group("perf_synergy.group_synergy_manager") else "employee"
            own = self.env["synergy.scorecard"].with_user(user).search([])
            self.assertTrue(own, user.login)
            for card in own:
                with self.subTest(card=card.display_name, reader=user.login):
                    self.assertConsistent(card, card.explanation, reader=reader)
