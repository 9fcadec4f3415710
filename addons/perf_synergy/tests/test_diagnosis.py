import importlib.util
from pathlib import Path

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..engine.diagnosis import DIMENSIONS
from .common import SynergyCase

MIGRATION = Path(__file__).parents[1] / "migrations" / "19.0.1.4.0" / "post-migrate.py"


@tagged("post_install", "-at_install")
class TestDiagnosis(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.diagnosis = cls.env["synergy.diagnosis"].create(
            {
                "name": "Sales diagnosis",
                "department_id": cls.dep_sales.id,
                "respondent_ids": [(6, 0, [cls.user_head.id, cls.user_seller.id])],
                # two respondents: scored from two ratings (the default minimum is 3)
                "min_ratings": 2,
            }
        )

    def _rate(self, user, ratings):
        answers = self.diagnosis.answer_ids.filtered(lambda a: a.respondent_id == user)
        for answer in answers.with_user(user):
            answer.rating = str(ratings[answer.dimension])

    def test_scores_radar_and_recommendations(self):
        self.assertEqual(len(self.diagnosis.score_ids), 7, "one score per dimension")
        self.assertEqual(self.diagnosis.recommendation, "No answer yet.")
        self.diagnosis.action_open()
        self.assertEqual(len(self.diagnosis.answer_ids), 14)
        base = dict.fromkeys(
            [
                "goals",
                "responsibilities",
                "interests",
                "process",
                "information",
                "people",
                "culture",
            ],
            5,
        )
        self._rate(self.user_head, {**base, "goals": 2, "information": 3, "people": 4})
        self._rate(self.user_seller, {**base, "goals": 1, "information": 4, "people": 3})
        self.assertEqual(self.diagnosis.answered_count, 2)
        scores = {s.dimension: s for s in self.diagnosis.score_ids}
        self.assertAlmostEqual(scores["goals"].score, 12.5)  # mean 1.5
        self.assertAlmostEqual(scores["information"].score, 62.5)  # mean 3.5
        self.assertAlmostEqual(scores["people"].score, 62.5)
        self.assertEqual(scores["culture"].score, 100)
        self.assertEqual(scores["goals"].answer_count, 2)
        self.assertTrue(scores["goals"].is_weak)
        self.assertFalse(scores["information"].is_weak)
        self.assertAlmostEqual(self.diagnosis.overall_score, (12.5 + 62.5 * 2 + 400) / 7)
        radar = self.diagnosis.radar
        self.assertEqual(radar["threshold"], 60)
        self.assertEqual(radar["overall_score"], self.diagnosis.overall_score)
        by_key = {dim["key"]: dim for dim in radar["dimensions"]}
        self.assertEqual(by_key["goals"]["score"], scores["goals"].score)
        self.assertEqual(by_key["goals"]["answer_count"], 2)
        self.assertTrue(by_key["goals"]["weak"])
        self.assertIn("Strategy map", by_key["goals"]["mechanisms"])
        self.assertFalse(by_key["information"]["weak"])
        recommendation = self.diagnosis.recommendation
        self.assertIn("Strategy map", recommendation)
        self.assertNotIn("Collaboration log", recommendation)
        # Raising the threshold makes information and people weak too, weakest first.
        self.diagnosis.weak_threshold = 70
        lines = self.diagnosis.recommendation.splitlines()
        self.assertEqual(len(lines), 3)
        self.assertIn("Strategy map", lines[0])
        self.assertIn("Collaboration log", lines[1])
        self.assertIn("Multi-role evaluations", lines[2])
        self.assertTrue(scores["people"].is_weak)
        # Closed: answers are frozen.
        self.diagnosis.action_close()
        with self.assertRefused(UserError, "is closed"):
            self.diagnosis.answer_ids[0].rating = "5"

    def test_respondents_see_and_rate_only_their_answers(self):
        self.diagnosis.action_open()
        Answer = self.env["synergy.diagnosis.answer"]
        own = Answer.with_user(self.user_seller).search([("diagnosis_id", "=", self.diagnosis.id)])
        self.assertEqual(len(own), 7)
        self.assertEqual(own.respondent_id, self.user_seller)
        head_answer = self.diagnosis.answer_ids.filtered(
            lambda a: a.respondent_id == self.user_head
        )[:1]
        with self.assertRaises(AccessError):
            head_answer.with_user(self.user_seller).rating = "1"
        with self.assertRaises(AccessError):
            self.diagnosis.with_user(self.user_seller).name = "Renamed"
        # Scores stay readable by every user.
        self.assertEqual(len(self.diagnosis.with_user(self.user_seller).score_ids), 7)

    def test_a_dimension_rated_by_too_few_shows_no_score_to_anyone(self):
        """Anonymity: with the default minimum of 3 ratings, the means of two respondents are
        not readable, by a colleague over RPC nor by the officer; the third respondent's
        ratings show every score."""
        diagnosis = self.env["synergy.diagnosis"].create(
            {
                "name": "Small team",
                "department_id": self.dep_sales.id,
                "respondent_ids": [
                    (6, 0, [self.user_head.id, self.user_seller.id, self.user_ops.id])
                ],
            }
        )
        self.assertEqual(diagnosis.min_ratings, 3)
        diagnosis.action_open()

        def rate(user, rating):
            mine = diagnosis.answer_ids.filtered(lambda a: a.respondent_id == user)
            mine.with_user(user).write({"rating": str(rating)})

        rate(self.user_head, 1)
        rate(self.user_seller, 2)
        fields_read = ["score", "mean_rating", "is_weak", "scored", "answer_count"]
        for reader in (self.user_ops, self.user_officer):
            rows = (
                self.env["synergy.diagnosis.score"]
                .with_user(reader)
                .search_read([("diagnosis_id", "=", diagnosis.id)], fields_read)
            )
            self.assertEqual(len(rows), 7)
            for row in rows:
                self.assertEqual(
                    (row["score"], row["mean_rating"], row["is_weak"], row["scored"]),
                    (0.0, 0.0, False, False),
                )
                self.assertEqual(row["answer_count"], 2)
            mine = diagnosis.with_user(reader)
            self.assertEqual(mine.overall_score, 0.0)
            self.assertTrue(all(dim["insufficient"] for dim in mine.radar["dimensions"]))
            self.assertFalse(any(dim["score"] for dim in mine.radar["dimensions"]))
            self.assertIn("Not enough ratings", mine.recommendation)
        rate(self.user_ops, 3)
        self.env.invalidate_all()
        scores = diagnosis.with_user(self.user_ops).score_ids
        self.assertTrue(all(scores.mapped("scored")))
        self.assertEqual(set(scores.mapped("score")), {25.0})  # mean 2 -> (2 - 1) / 4 * 100
        self.assertEqual(diagnosis.with_user(self.user_ops).overall_score, 25.0)
        with self.assertRefused(AccessError, "You may not set Minimum Ratings"):
            diagnosis.with_user(self.user_officer).min_ratings = 1  # collecting: fixed

    def test_migration_empties_the_scores_rated_by_too_few(self):
        """A database from before 19.0.1.4.0: a closed diagnosis whose dimensions were scored
        from two ratings, and the new column ``scored`` empty (the lock keeps closed records'
        stored figures)."""
        self.diagnosis.action_open()
        self._rate(self.user_head, dict.fromkeys(self._keys(), 2))
        self._rate(self.user_seller, dict.fromkeys(self._keys(), 4))
        self.diagnosis.action_close()
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE synergy_diagnosis SET min_ratings = 3 WHERE id = %s", [self.diagnosis.id]
        )
        self.env.cr.execute(
            "UPDATE synergy_diagnosis_score SET scored = NULL WHERE diagnosis_id = %s",
            [self.diagnosis.id],
        )
        spec = importlib.util.spec_from_file_location("perf_synergy_post_19_0_1_4_0", MIGRATION)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, "19.0.1.3.0")
        self.env.invalidate_all()
        scores = self.diagnosis.with_user(self.user_ops).score_ids
        self.assertEqual(set(scores.mapped("scored")), {False})
        self.assertEqual(set(scores.mapped("score")), {0.0})
        self.assertEqual(set(scores.mapped("mean_rating")), {0.0})
        self.assertEqual(self.diagnosis.overall_score, 0.0)
        self.assertIn("Not enough ratings", self.diagnosis.recommendation)

    def _keys(self):
        return [key for key, _label in DIMENSIONS]

    def test_the_minimum_of_ratings_is_at_least_one(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["synergy.diagnosis"].create(
                {"name": "Zero", "department_id": self.dep_ops.id, "min_ratings": 0}
            )

    def test_subject_and_opening_checks(self):
        with self.assertRefused(ValidationError, "choose the project"):
            self.env["synergy.diagnosis"].create({"name": "P", "subject": "project"})
        lonely = self.env["synergy.diagnosis"].create(
            {"name": "Nobody", "department_id": self.dep_ops.id}
        )
        with self.assertRefused(UserError, "at least one respondent"):
            lonely.action_open()
