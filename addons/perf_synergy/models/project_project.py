from odoo import fields, models

from ..tools.write_policy import MANAGER, USER, Allow, user_action


class ProjectProject(models.Model):
    _name = "project.project"
    _inherit = ["project.project", "synergy.policy.mixin"]
    _write_policy = {
        "synergy_retrospective_ids": Allow(MANAGER),
        "synergy_lesson_ids": Allow(MANAGER, "project.group_project_manager"),
    }

    synergy_retrospective_ids = fields.One2many(
        "synergy.retrospective",
        "project_id",
        string="Retrospectives",
        groups="perf_synergy.group_synergy_user",
    )
    synergy_lesson_ids = fields.Many2many(
        "synergy.retrospective",
        "synergy_project_lesson_rel",
        "project_id",
        "retrospective_id",
        string="Lessons from Past Projects",
        groups="perf_synergy.group_synergy_user",
        help="Retrospectives of earlier projects whose lessons this project applies.",
    )
    synergy_retrospective_count = fields.Integer(
        string="Retrospective Count",
        compute="_compute_synergy_retrospective_count",
        groups="perf_synergy.group_synergy_user",
    )

    def _compute_synergy_retrospective_count(self):
        counts = dict(
            self.env["synergy.retrospective"]._read_group(
                [("project_id", "in", self.ids)], ["project_id"], ["__count"]
            )
        )
        for project in self:
            project.synergy_retrospective_count = counts.get(project, 0)

    @user_action(USER)
    def action_view_synergy_retrospectives(self):
        """The retrospectives of this project and their lessons."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Retrospectives of %s", self.name),
            "res_model": "synergy.retrospective",
            "view_mode": "list,form",
            "domain": [("project_id", "=", self.id)],
            "context": {"default_project_id": self.id},
        }
