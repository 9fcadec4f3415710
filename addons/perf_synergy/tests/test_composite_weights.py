"""Where an insufficient evaluation's weight goes (DESIGN.md sections 6-7, issue 19): to the
other components of the composite result in proportion to their weights, the KPI part
included (docs/formulas.md section 7), not all to the KPI part."""

from odoo.tests import tagged

from .common import SynergyCase


@tagged("post_install", "-at_install")
class TestCompositeWeights(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.card = cls.scorecard(department_id=cls.dep_ops.id, period=cls.q1)
        cls.line(cls.card, cls.kpi_sales, weight=100, target=100)
        cls.value(cls.kpi_sales, cls.q1, 88, department_id=cls.dep_ops.id)

    def _components(self, internal, tier):
        """Store the evaluation results as a closed campaign does (None: insufficient)."""
        self.card.write(
            {
                "internal_customer_available": internal is not None,
                "internal_customer_score": internal or 0.0,
                "tier_available": tier is not None,
                "tier_score": tier or 0.0,
            }
        )
        self.card._compute_composite()

    def test_tier_insufficient_shares_its_weight_in_proportion(self):
        self.assertEqual(self.card.linked_score, 88)
        self._components(internal=75, tier=None)
        # Weights 80 / 10 / 10 without the tier: 80/90 and 10/90.
        self.assertAlmostEqual(self.card.internal_customer_weight, 100 / 9)
        self.assertEqual(self.card.tier_weight, 0)
        self.assertAlmostEqual(self.card.final_score, 88 * 8 / 9 + 75 / 9)
        self.assertAlmostEqual(round(self.card.final_score, 2), 86.56)

    def test_internal_customers_insufficient_and_both(self):
        self._components(internal=None, tier=62.5)
        self.assertAlmostEqual(self.card.tier_weight, 100 / 9)
        self.assertAlmostEqual(self.card.final_score, 88 * 8 / 9 + 62.5 / 9)
        self._components(internal=None, tier=None)
        self.assertEqual((self.card.internal_customer_weight, self.card.tier_weight), (0, 0))
        self.assertAlmostEqual(self.card.final_score, 88)

    def test_both_available_keep_the_scheme_weights(self):
        self._components(internal=75, tier=62.5)
        self.assertEqual((self.card.internal_customer_weight, self.card.tier_weight), (10, 10))
        self.assertAlmostEqual(self.card.final_score, 0.8 * 88 + 0.1 * 75 + 0.1 * 62.5)
