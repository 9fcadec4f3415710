from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import GroupCase


@tagged("post_install", "-at_install")
class TestGroupPrivacy(GroupCase):
    """Group-level figures of the subsidiaries are for group controllers only (issue 17,
    item 5): an officer of the parent company is not one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        card = cls.env["synergy.scorecard"].create(
            {"owner_level": "company", "company_id": cls.holding.id, "period_id": cls.g_year.id}
        )
        line = cls.env["synergy.scorecard.line"].create(
            {"scorecard_id": card.id, "kpi_id": cls.k_roi.id, "weight": 30, "target": 5,
             "is_penetrative": True}
        )  # fmt: skip
        cls.target = cls.env["synergy.group.target"].create(
            {"group_line_id": line.id, "entity_id": cls.e_us.id, "target": 5}
        )
        cls.parent_officer = new_test_user(
            cls.env,
            login="grp_priv_officer",
            groups="perf_synergy.group_synergy_officer",
            company_id=cls.holding.id,
            company_ids=[(6, 0, cls.holding.ids)],
        )
        cls.controller = new_test_user(
            cls.env,
            login="grp_priv_controller",
            groups="perf_synergy_group.group_synergy_group_controller",
            company_id=cls.holding.id,
            company_ids=[(6, 0, cls.companies.ids)],
        )

    def test_parent_officer_reads_no_subsidiary_result(self):
        """Hole: officers of the parent company had read access to the penetrative targets,
        which carry each subsidiary's actual, achievement, score and rank."""
        Target = self.env["synergy.group.target"].with_user(self.parent_officer)
        with self.assertRaises(AccessError):
            Target.search([])
        with self.assertRaises(AccessError):
            self.target.with_user(self.parent_officer).read(["actual", "score", "rank"])
        with self.assertRaises(AccessError):
            Target.formatted_read_group([], ["entity_id"], ["score:avg"])
        controller = self.target.with_user(self.controller)
        self.assertEqual(controller.read(["target"])[0]["target"], 5)
