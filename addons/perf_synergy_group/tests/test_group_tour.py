from odoo.tests import HttpCase, tagged

from .common import GroupCase


@tagged("post_install", "-at_install")
class TestGroupTour(HttpCase, GroupCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        admin = cls.env.ref("base.user_admin")
        admin.write(
            {
                "company_ids": [(4, company.id) for company in cls.companies],
                "company_id": cls.holding.id,
            }
        )
        cls.tour_run = cls.env["synergy.consolidation.run"].create(
            {"name": "Tour run", "company_id": cls.holding.id, "period_id": cls.g_year.id}
        )

    def test_compute_and_approve_a_run(self):
        self.start_tour(
            f"/odoo/action-perf_synergy_group.action_synergy_consolidation_run"
            f"?cids={self.holding.id}",
            "perf_synergy_group_consolidation",
            login="admin",
        )
        self.assertEqual(self.tour_run.state, "approved")
        self.assertTrue(self.tour_run.total_line_ids)

    def test_group_structure_hierarchy(self):
        self.start_tour(
            f"/odoo/action-perf_synergy_group.action_synergy_group_entity?cids={self.holding.id}",
            "perf_synergy_group_structure",
            login="admin",
        )
