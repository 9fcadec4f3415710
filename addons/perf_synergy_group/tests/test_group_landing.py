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
        summed = [name for name, attrs in described.items() if attrs.get("aggregator")]
        self.assertFalse(summed, f"summed in lists, pivots and graphs: {summed}")
        self.assertEqual(
            Line.fields_get(["contribution"], ["aggregator"])["contribution"]["aggregator"], "sum"
        )
        arch = Line.get_view(view_type="list")["arch"]
        self.assertNotIn('sum="', arch, "no grand total across KPIs in the list")
