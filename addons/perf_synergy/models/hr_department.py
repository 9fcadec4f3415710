from odoo import fields, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    synergy_tier = fields.Selection(
        selection=[
            ("front", "Front Office"),
            ("middle", "Middle Office"),
            ("back", "Back Office"),
        ],
        help="Front offices face the customer; middle and back offices serve them "
        "and are scored by them in tier evaluations.",
    )

    synergy_served_line_ids = fields.Many2many(
        comodel_name="synergy.scorecard.line",
        string="Company KPIs Served",
        compute="_compute_synergy_served_line_ids",
        help="Company scorecard lines that this department's lines drive, directly or "
        "through other lines.",
    )
    synergy_served_count = fields.Integer(compute="_compute_synergy_served_line_ids")

    def _compute_synergy_served_line_ids(self):
        Line = self.env["synergy.scorecard.line"]
        own_lines = Line.search([("department_id", "in", self.ids)])
        ancestors = own_lines._ancestors().filtered(lambda line: line.owner_level == "company")
        for department in self:
            paths = own_lines.filtered(lambda line, d=department: line.department_id == d).mapped(
                "parent_path"
            )
            ancestor_ids = {int(i) for path in paths for i in (path or "").split("/") if i}
            served = ancestors.filtered(lambda line, ids=ancestor_ids: line.id in ids)
            department.synergy_served_line_ids = served
            department.synergy_served_count = len(served)

    def action_view_synergy_served_kpis(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Company KPIs served by %s", self.name),
            "res_model": "synergy.scorecard.line",
            "view_mode": "list,form",
            "domain": [("id", "in", self.synergy_served_line_ids.ids)],
        }
