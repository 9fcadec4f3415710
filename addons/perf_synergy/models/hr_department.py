from odoo import api, fields, models

from ..tools.write_policy import MANAGER, OFFICER, USER, Allow, user_action


class HrDepartment(models.Model):
    _name = "hr.department"
    _inherit = ["hr.department", "synergy.policy.mixin"]
    _write_policy = {
        "synergy_tier": Allow(OFFICER, "hr.group_hr_manager"),
    }

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
        # Only the company lines the reader may read: a head of a department under the company
        # reads his own lines, not the company scorecard above them.
        ancestors = (
            own_lines._ancestors()
            ._filtered_access("read")
            .filtered(lambda line: line.owner_level == "company")
        )
        for department in self:
            paths = own_lines.filtered(lambda line, d=department: line.department_id == d).mapped(
                "parent_path"
            )
            ancestor_ids = {int(i) for path in paths for i in (path or "").split("/") if i}
            served = ancestors.filtered(lambda line, ids=ancestor_ids: line.id in ids)
            department.synergy_served_line_ids = served
            department.synergy_served_count = len(served)

    @user_action(USER)
    def action_view_synergy_served_kpis(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Company KPIs served by %s", self.name),
            "res_model": "synergy.scorecard.line",
            "view_mode": "list,form",
            "domain": [("id", "in", self.synergy_served_line_ids.ids)],
        }

    @api.model
    @user_action(MANAGER)
    def action_synergy_my_department(self):
        """The My Department dashboard, on the current user's department."""
        return self.env["synergy.dashboard.department"]._dashboard_client_action(
            self.env._("My Department")
        )

    @api.model
    @user_action(USER)
    def action_synergy_my_results(self):
        """The My Results dashboard of the current user."""
        return self.env["synergy.dashboard.employee"]._dashboard_client_action(
            self.env._("My Results")
        )

    @api.model
    def action_synergy_landing(self):
        """What the app opens first: company health for the performance office, the My
        Department dashboard for a department head, the committee for a committee member,
        the My Results dashboard for everyone else. Other addons override it for their roles
        (group controllers, buyers) and call super() for the others."""
        user = self.env.user
        if user.has_group("perf_synergy.group_synergy_officer"):
            return self.env["res.company"].action_synergy_company_health()
        if user.has_group("perf_synergy.group_synergy_manager") and user.employee_ids.department_id:
            return self.action_synergy_my_department()
        if user.has_group("perf_synergy.group_synergy_committee"):
            return self.env["ir.actions.act_window"]._for_xml_id(
                "perf_synergy.action_synergy_committee"
            )
        return self.action_synergy_my_results()
