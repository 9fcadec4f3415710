"""Group analysis views (issue 18): the consolidation lines' graph stacked every KPI into one
bar and mixed quarters with years; group totals showed six decimals and no unit."""

from lxml import etree

from odoo.addons.perf_synergy.tests.role_tour import RoleTourCase
from odoo.tests import new_test_user, tagged

from .common import GroupCase


@tagged("post_install", "-at_install")
class TestGroupAnalysisViews(GroupCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.controller = new_test_user(
            cls.env,
            login="grp_t_views_controller",
            groups="perf_synergy_group.group_synergy_group_controller",
            company_id=cls.holding.id,
            company_ids=[(6, 0, cls.companies.ids)],
        )

    def _arch(self, view_type, xmlid=None):
        Line = self.env["synergy.consolidation.line"].with_user(self.controller)
        view_id = self.env.ref(xmlid).id if xmlid else None
        return etree.fromstring(Line.get_view(view_id=view_id, view_type=view_type)["arch"])

    def test_run_graph_has_one_bar_per_kpi(self):
        graph = self._arch("graph", "perf_synergy_group.synergy_consolidation_line_view_graph")
        groupbys = [f.get("name") for f in graph.iter("field") if f.get("type") != "measure"]
        self.assertEqual(groupbys[0], "kpi_id", "the bars are the KPIs, never one bar of all")
        pivot = self._arch("pivot", "perf_synergy_group.synergy_consolidation_line_view_pivot")
        rows = [f.get("name") for f in pivot.iter("field") if f.get("type") == "row"]
        self.assertEqual(rows, ["kpi_id"])

    def test_trends_per_kpi_over_periods_of_one_kind(self):
        year_run = self.new_run().with_user(self.controller)
        year_run.action_compute()
        year_run.action_approve()
        quarter = self.env["synergy.period"].search(
            [
                ("company_id", "=", self.holding.id),
                ("period_type", "=", "quarter"),
                ("date_start", ">=", self.g_year.date_start),
            ],
            order="date_start",
            limit=1,
        )
        self.assertTrue(quarter)
        quarter_run = self.new_run(name="Quarter run", period_id=quarter.id)
        quarter_run.with_user(self.controller).action_compute()
        quarter_run.with_user(self.controller).action_approve()

        action = year_run.action_view_trends()
        self.assertEqual(action["res_model"], "synergy.consolidation.line")
        Line = self.env["synergy.consolidation.line"].with_user(self.controller)
        lines = Line.search(action["domain"])
        self.assertTrue(lines)
        self.assertEqual(set(lines.period_id.mapped("period_type")), {"year"})
        self.assertEqual(lines.run_id, year_run)
        self.assertTrue(all(lines.mapped("is_group_total")))

        graph = self._arch(
            "graph", "perf_synergy_group.synergy_consolidation_line_view_graph_trend"
        )
        self.assertEqual(graph.get("type"), "line")
        self.assertEqual(graph.get("stacked"), "0")
        groupbys = [f.get("name") for f in graph.iter("field") if f.get("type") != "measure"]
        self.assertEqual(groupbys, ["period_id", "kpi_id"], "one line per KPI over the periods")
        measure = next(f.get("name") for f in graph.iter("field") if f.get("type") == "measure")
        # What the graph asks the server: each point is one KPI's group value, not a sum.
        aggregator = Line.fields_get([measure], ["aggregator"])[measure]["aggregator"]
        self.assertNotEqual(aggregator, "sum")
        points = Line._read_group(
            action["domain"], ["period_id", "kpi_id"], [f"{measure}:{aggregator}"]
        )
        self.assertEqual(len(points), len(lines))
        for _period, kpi, value in points:
            total = lines.filtered(lambda line, k=kpi: line.kpi_id == k)
            self.assertAlmostEqual(value, total.consolidated_value, places=4)

        # From the quarter's run: quarters only.
        quarter_lines = Line.search(quarter_run.action_view_trends()["domain"])
        self.assertEqual(set(quarter_lines.period_id.mapped("period_type")), {"quarter"})

    def test_totals_show_their_unit_and_two_decimals(self):
        Run = self.env["synergy.consolidation.run"].with_user(self.controller)
        form = etree.fromstring(Run.get_view(view_type="form")["arch"])
        totals = form.xpath("//field[@name='total_line_ids']/list")[0]
        names = [f.get("name") for f in totals.iter("field")]
        self.assertIn("kpi_unit", names)
        value = totals.xpath("field[@name='consolidated_value']")[0]
        self.assertEqual(value.get("digits"), "[16, 2]")
        trend_list = self._arch(
            "list", "perf_synergy_group.synergy_consolidation_line_view_list_trend"
        )
        self.assertEqual(
            trend_list.xpath("//field[@name='consolidated_value']")[0].get("digits"), "[16, 2]"
        )
        self.assertTrue(trend_list.xpath("//field[@name='kpi_unit']"))
        lines = self._arch("list", "perf_synergy_group.synergy_consolidation_line_view_list")
        for name in ("local_value", "translated_value", "contribution", "consolidated_value"):
            with self.subTest(field=name):
                self.assertEqual(
                    lines.xpath(f"//field[@name='{name}']")[0].get("digits"), "[16, 2]"
                )
        run = self.new_run()
        run.with_user(self.controller).action_compute()
        total = run.total_line_ids.filtered(lambda line: line.kpi_id == self.k_rev)
        self.assertEqual(total.kpi_unit, self.k_rev.unit)


@tagged("post_install", "-at_install")
class TestGroupListHeaders(RoleTourCase):
    """Long Chinese column headers were cut (issue 18): the consolidation lines of the demo's
    approved run, and its group totals, show every header whole in zh_CN."""

    def test_consolidation_headers_are_whole_in_chinese(self):
        controller = self.demo_user("synergy.demo.group.controller")
        self.speak_chinese(controller)
        run = self.env["synergy.consolidation.run"].search([("state", "=", "approved")], limit=1)
        self.assertTrue(run.line_ids)
        for url in (
            "/odoo/action-perf_synergy_group.action_synergy_consolidation_line?view_type=list",
            f"/odoo/action-perf_synergy_group.action_synergy_consolidation_run/{run.id}",
            "/odoo/action-perf_synergy_group.action_synergy_consolidation_elimination",
        ):
            with self.subTest(url=url):
                self.start_role_tour(url, "synergy_list_headers", controller.login)
