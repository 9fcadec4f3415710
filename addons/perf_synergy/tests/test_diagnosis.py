from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SynergyCase


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

    def test_subject_and_opening_checks(self):
        with self.assertRefused(ValidationError, "choose the project"):
            self.env["synergy.diagnosis"].create({"name": "P", "subject": "project"})
        lonely = self.env["synergy.diagnosis"].create(
            {"name": "Nobody", "department_id": self.dep_ops.id}
        )
        with self.assertRefused(UserError, "at least one respondent"):
            lonely.action_open()
