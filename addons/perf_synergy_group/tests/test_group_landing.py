from odoo.addons.perf_synergy.tests.test_process_companies import health_steps
from odoo.tests import new_test_user, tagged

from .common import GroupCase


@tagged("post_install", "-at_install")
class TestGroupLanding(GroupCase):
    """Where the group's users land (issue 18): the controller in the holding on the group
    dashboard, a subsidiary's officer on his own company's page."""

    def test_controller_in_the_holding_lands_on_the_group_dashboard(self):
        controller = new_test_user(
            self.env,
            login="grp_t_controller",
            groups="perf_synergy_group.group_synergy_group_controller",
            company_id=self.holding.id,
            company_ids=[(6, 0, self.companies.ids)],
        )
        Department = self.env["hr.department"].with_user(controller)
        action = Department.with_company(self.holding).action_synergy_landing()
        self.assertEqual(action["tag"], "perf_synergy.dashboard")
        self.assertEqual(action["params"], {"model": "synergy.dashboard.group"})
        # In a company outside any group he lands on that company's page, as an officer.
        controller.company_ids = [(4, self.company.id)]
        action = Department.with_company(self.company).action_synergy_landing()
        self.assertEqual(
            action["params"], {"model": "synergy.dashboard.company", "scope_id": self.company.id}
        )

    def test_subsidiary_officer_lands_on_his_company(self):
        officer = new_test_user(
            self.env,
            login="grp_t_us_officer",
            groups="perf_synergy.group_synergy_officer",
            company_id=self.sub_us.id,
            company_ids=[(6, 0, self.sub_us.ids)],
        )
        action = self.env["hr.department"].with_user(officer).action_synergy_landing()
        self.assertEqual(
            action["params"], {"model": "synergy.dashboard.company", "scope_id": self.sub_us.id}
        )
        # the Company Synergy Health of his company opens as him
        data = (
            self.env["synergy.dashboard.company"]
            .with_user(officer)
            .get_dashboard_data(scope_id=self.sub_us.id)
        )
        self.assertEqual(data["scope"]["id"], self.sub_us.id)


@tagged("post_install", "-at_install")
class TestGroupAggregates(GroupCase):
    """Consolidation lines grouped by KPI (list, pivot, graph) never sum percentages, rates,
    ratios' parts, local-currency amounts or group totals (issue 18: 360,137.20 "total"
    across revenue, capital and profit)."""

    NOT_SUMMED = (
        "ownership",
        "local_value",
        "rate",
        "elimination_local",
        "share",
        "effective_share",
        "consolidated_value",
        "numerator",
        "denominator",
        "basis",
    )

    def test_shares_rates_and_local_values_are_not_summed(self):
        controller = new_test_user(
            self.env,
            login="grp_t_agg_controller",
            groups="perf_synergy_group.group_synergy_group_controller",
            company_id=self.holding.id,
            company_ids=[(6, 0, self.companies.ids)],
        )
        Line = self.env["synergy.consolidation.line"].with_user(controller)
        described = Line.fields_get(list(self.NOT_SUMMED), ["aggregator"])
        summed = [name for name, attrs in described.items() if attrs.get("aggregator") == "sum"]
        self.assertFalse(summed, f"summed in lists, pivots and graphs: {summed}")
        self.assertEqual(
            Line.fields_get(["contribution"], ["aggregator"])["contribution"]["aggregator"], "sum"
        )
        arch = Line.get_view(view_type="list")["arch"]
        self.assertNotIn('sum="', arch, "no grand total across KPIs in the list")

    def test_demo_subsidiary_user_reads_only_its_own_process_steps(self):
        """The demo's subsidiary officer read the parent's shared process steps on his Company
        Health, with the names of the parent's departments (issue 18): his company has its
        own copy of the shipped processes, naming none of another company's departments."""
        officer = self.env["res.users"].search([("login", "=", "synergy.demo.us.officer")])
        if not officer:
            self.skipTest("the demo's subsidiary user comes with the demo data")
        company = officer.company_id
        # What the Company Health dashboard shows and opens, as the client reads it.
        shown = health_steps(self.env, officer, company)
        self.assertTrue(shown)
        shown.with_user(officer).read(["process_id", "name", "department_id", "collaborator_ids"])
        steps = self.env["synergy.process.node"].with_user(officer).search([])
        self.assertEqual(sorted(steps.ids), sorted(shown.ids))
        self.assertEqual(steps.sudo().company_id, company)
        self.assertEqual(steps.sudo().process_id.company_id, company)
        departments = steps.sudo().department_id | steps.sudo().collaborator_ids
        self.assertFalse(departments.filtered(lambda d: d.company_id != company))
        self.assertFalse(
            self.env["synergy.process"].with_user(officer).search([]).company_id - company
        )
