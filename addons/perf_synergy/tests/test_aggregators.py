"""Aggregates that make sense (issue 18, item 6): a rate, share, percentage, ratio, score,
weight or threshold is never summed, neither in a grouped list, a pivot nor a graph (Odoo sums
a float by default: the field's ``aggregator``). Found by the group controller, whose
consolidation lines grouped by KPI summed shares, rates and local values into a "total".

Every numeric field of the five addons whose name or label says what it is (the words below)
carries no ``sum`` unless listed in ALLOWED_SUMS with its reason; list columns totalled with
``sum=`` follow the same rule (VIEW_TOTALS); every measure of a pivot or graph is aggregable."""

import re

from lxml import etree

from odoo.tests import TransactionCase, tagged

from ..models.synergy_policy_mixin import PRODUCT_MODULES

# Words of a field's name or English label that say "not a quantity that adds up".
NOT_ADDITIVE = frozenset(
    """rate rates ratio ratios share shares percent percentage achievement score scores
    weight weights weighted threshold sensitivity band guide guideline cap floor stretch
    target baseline mean average factor alpha min max minimum maximum year version level z
    rating""".split()
)

# (model, field): why a sum is right.
ALLOWED_SUMS = {
    ("synergy.consolidation.line", "contribution"): "the KPI's value in the group currency "
    "brought by one entity: the group value is their sum (one KPI per group: the graph and "
    "the list group by KPI)",
    ("synergy.diagnosis.score", "answer_count"): "a number of answers ('Ratings'): they add up",
}

# (model, field) totalled by a list column's sum="..." (the client adds the rows shown).
VIEW_TOTALS = {
    ("synergy.scorecard.line", "weight"): "the lines of one scorecard (its form): weights "
    "add up to 100",
    ("synergy.bonus.allocation", "share"): "the allocations of one pool (its form): shares "
    "add up to 100",
    ("synergy.bonus.allocation", "weighted"): "the allocations of one pool: the sum is the "
    "pool's divisor",
    ("synergy.interlock.member", "share"): "the members of one interlock: shares add up to 100",
    ("synergy.kpi.share", "share"): "the departments' shares of one KPI (its form): 100",
    ("synergy.interlock.member", "reward_share"): "the members of one interlock: 100",
    ("synergy.interlock.member", "penalty_share"): "the members of one interlock: 100",
}


def says_not_additive(field, string):
    words = set(field.name.lower().split("_")) | set(re.findall(r"[a-z]+", string.lower()))
    return bool(words & NOT_ADDITIVE) or "%" in string


@tagged("post_install", "-at_install")
class TestAggregators(TransactionCase):
    def _product_numeric_fields(self):
        for name in sorted(self.env.registry):
            model = self.env[name]
            for field in model._fields.values():
                if field.type in ("float", "integer", "monetary") and (
                    field._module in PRODUCT_MODULES
                ):
                    yield model, field

    def test_no_rate_share_score_or_weight_is_summed(self):
        summed = []
        for model, field in self._product_numeric_fields():
            if field._description_aggregator(self.env) != "sum":
                continue
            string = field.string or ""
            if says_not_additive(field, string) and (model._name, field.name) not in ALLOWED_SUMS:
                summed.append(f"{model._name}.{field.name} ({string})")
        self.assertEqual(summed, [], "summed although not additive: set aggregator")

    def test_allow_list_is_current(self):
        """Each exception names a field that exists and is still summed (no stale entries)."""
        for model_name, field_name in ALLOWED_SUMS:
            with self.subTest(field=f"{model_name}.{field_name}"):
                field = self.env[model_name]._fields[field_name]
                self.assertEqual(field._description_aggregator(self.env), "sum")

    def test_scores_and_achievements_average(self):
        expectations = {
            ("synergy.scorecard.line", "score"): "avg",
            ("synergy.scorecard.line", "achievement"): "avg",
            ("synergy.scorecard.line", "weight"): None,
            ("synergy.scorecard.line", "target"): None,
            ("synergy.kpi.value", "value"): "avg",
            ("synergy.bonus.allocation", "achievement"): "avg",
            ("synergy.bonus.allocation", "share"): None,
            ("synergy.esg.report", "score_overall"): "avg",
            ("synergy.esg.rating", "score"): "avg",
            ("res.partner", "synergy_esg_score"): "avg",
            ("synergy.linkage.line", "ratio"): "avg",
            ("synergy.interlock.member", "share"): None,
        }
        for (model_name, field_name), aggregator in expectations.items():
            described = self.env[model_name].fields_get([field_name], ["aggregator"])
            with self.subTest(field=f"{model_name}.{field_name}"):
                self.assertEqual(described[field_name].get("aggregator"), aggregator)

    def _product_views(self, view_type):
        modules = tuple(PRODUCT_MODULES)
        data = self.env["ir.model.data"].search(
            [("module", "in", modules), ("model", "=", "ir.ui.view")]
        )
        views = self.env["ir.ui.view"].browse(data.mapped("res_id")).exists()
        for view in views.filtered(lambda v: view_type in (v.type, "*")):
            arch = etree.fromstring(view.with_context(lang="en_US").get_combined_arch())
            yield view, arch

    def test_list_totals_only_where_they_add_up(self):
        wrong = []
        for view, arch in self._product_views("*"):
            for node in arch.iter("list"):
                model = self._list_model(view, node)
                for field_node in node.findall("field"):
                    if not (field_node.get("sum") or field_node.get("avg") is not None):
                        continue
                    if field_node.get("avg") is not None:
                        continue
                    field = model._fields.get(field_node.get("name"))
                    string = field.string or ""
                    key = (model._name, field.name)
                    if says_not_additive(field, string) and key not in VIEW_TOTALS:
                        wrong.append(f"{view.xml_id or view.name}: {key}")
        self.assertEqual(wrong, [])

    def _list_model(self, view, list_node):
        """The model a <list> shows: the view's, or an x2many field's comodel."""
        model = self.env[view.model]
        path = []
        parent = list_node.getparent()
        while parent is not None:
            if parent.tag == "field":
                path.append(parent.get("name"))
            parent = parent.getparent()
        for name in reversed(path):
            model = self.env[model._fields[name].comodel_name]
        return model

    def test_every_pivot_and_graph_measure_is_aggregable(self):
        for view_type in ("pivot", "graph"):
            for view, arch in self._product_views(view_type):
                model = self.env[view.model]
                for node in arch.iter("field"):
                    if node.get("type") != "measure":
                        continue
                    name = node.get("name")
                    with self.subTest(view=view.xml_id, measure=name):
                        described = model.fields_get([name], ["aggregator", "type"])[name]
                        self.assertTrue(
                            described.get("aggregator") or described["type"] == "many2one"
                        )
                        self.assertNotEqual(
                            (
                                described.get("aggregator"),
                                says_not_additive(
                                    model._fields[name],
                                    model._fields[name].string or "",
                                ),
                            ),
                            ("sum", True),
                        )
