from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.write_policy import OFFICER, USER, Allow, user_action


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

    # "My Department" dashboard: what a department head opens first. Computed in the reader's
    # environment, so record rules decide what each section shows.
    synergy_dashboard_scorecard_id = fields.Many2one(
        comodel_name="synergy.scorecard",
        string="Current Scorecard",
        compute="_compute_synergy_dashboard",
        help="The department's scorecard of the latest period that has started.",
    )
    synergy_dashboard_line_ids = fields.Many2many(
        comodel_name="synergy.scorecard.line",
        string="Scorecard Lines",
        compute="_compute_synergy_dashboard",
    )
    synergy_dashboard_history_ids = fields.Many2many(
        comodel_name="synergy.scorecard",
        string="Score Trend",
        compute="_compute_synergy_dashboard",
        help="The department's scorecards over the periods, newest first.",
    )
    synergy_dashboard_alert_ids = fields.Many2many(
        comodel_name="synergy.alert",
        string="Open Alerts",
        compute="_compute_synergy_dashboard",
    )
    synergy_dashboard_request_in_ids = fields.Many2many(
        comodel_name="synergy.request",
        string="Requests to the Department",
        compute="_compute_synergy_dashboard",
    )
    synergy_dashboard_request_out_ids = fields.Many2many(
        comodel_name="synergy.request",
        string="Requests from the Department",
        compute="_compute_synergy_dashboard",
    )
    synergy_dashboard_evaluated_ids = fields.Many2many(
        comodel_name="synergy.evaluation.target",
        string="Evaluations of the Department",
        compute="_compute_synergy_dashboard",
    )
    synergy_dashboard_evaluator_ids = fields.Many2many(
        comodel_name="synergy.evaluation.campaign",
        string="Evaluations by the Department",
        compute="_compute_synergy_dashboard",
    )
    synergy_dashboard_alert_count = fields.Integer(compute="_compute_synergy_dashboard")
    synergy_dashboard_request_count = fields.Integer(compute="_compute_synergy_dashboard")

    def _compute_synergy_dashboard(self):
        today = fields.Date.context_today(self)
        cards = self.env["synergy.scorecard"].search(
            [("owner_level", "=", "department"), ("department_id", "in", self.ids)],
            order="period_date_start desc, id desc",
        )
        alerts = self.env["synergy.alert"].search(
            [
                ("state", "in", ("open", "acknowledged")),
                "|",
                ("department_id", "in", self.ids),
                ("acting_department_ids", "in", self.ids),
            ]
        )
        requests = self.env["synergy.request"].search(
            [
                ("state", "!=", "accepted"),
                "|",
                ("requesting_department_id", "in", self.ids),
                ("responding_department_id", "in", self.ids),
            ]
        )
        targets = self.env["synergy.evaluation.target"].search(
            [("department_id", "in", self.ids)], order="id desc"
        )
        campaigns = self.env["synergy.evaluation.campaign"].search(
            [("evaluator_department_ids", "in", self.ids)], order="id desc"
        )
        for department in self:
            own_cards = cards.filtered(lambda c, d=department: c.department_id == d)
            started = own_cards.filtered(
                lambda c: not c.period_date_start or c.period_date_start <= today
            )
            current = (started or own_cards)[:1]
            own_alerts = alerts.filtered(
                lambda a, d=department: a.department_id == d or d in a.acting_department_ids
            )
            requests_in = requests.filtered(lambda r, d=department: r.responding_department_id == d)
            requests_out = requests.filtered(
                lambda r, d=department: r.requesting_department_id == d
            )
            department.synergy_dashboard_scorecard_id = current
            department.synergy_dashboard_line_ids = current.line_ids
            department.synergy_dashboard_history_ids = own_cards
            department.synergy_dashboard_alert_ids = own_alerts
            department.synergy_dashboard_request_in_ids = requests_in
            department.synergy_dashboard_request_out_ids = requests_out
            department.synergy_dashboard_evaluated_ids = targets.filtered(
                lambda t, d=department: t.department_id == d
            )
            department.synergy_dashboard_evaluator_ids = campaigns.filtered(
                lambda c, d=department: d in c.evaluator_department_ids
            )
            department.synergy_dashboard_alert_count = len(own_alerts)
            department.synergy_dashboard_request_count = len(requests_in | requests_out)

    def _synergy_dashboard_action(self, xmlid, domain, context=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = domain
        action["context"] = dict(context or {})
        return action

    @user_action(USER)
    def action_synergy_dashboard_trend(self):
        """The department's score over the periods, as a line chart."""
        self.ensure_one()
        action = self._synergy_dashboard_action(
            "perf_synergy.action_synergy_scorecard_trend",
            [("owner_level", "=", "department"), ("department_id", "=", self.id)],
        )
        action["name"] = self.env._("Score trend of %s", self.name)
        return action

    @user_action(USER)
    def action_synergy_dashboard_alerts(self):
        self.ensure_one()
        return self._synergy_dashboard_action(
            "perf_synergy.action_synergy_alert",
            [("id", "in", self.synergy_dashboard_alert_ids.ids)],
        )

    @user_action(USER)
    def action_synergy_dashboard_requests(self):
        self.ensure_one()
        return self._synergy_dashboard_action(
            "perf_synergy.action_synergy_request",
            [
                (
                    "id",
                    "in",
                    (
                        self.synergy_dashboard_request_in_ids
                        | self.synergy_dashboard_request_out_ids
                    ).ids,
                )
            ],
        )

    @user_action(USER)
    def action_synergy_open_dashboard(self):
        """This department's dashboard (from the department form or the landing action)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_synergy.action_synergy_department_dashboard"
        )
        action["res_id"] = self.id
        action["name"] = self.env._("My Department: %s", self.name)
        return action

    @api.model
    @user_action(USER)
    def action_synergy_my_department(self):
        """The dashboard of the department of the current user's employee."""
        department = (
            self.env.user.employee_ids.filtered(
                lambda e: e.company_id == self.env.company
            ).department_id[:1]
            or self.env.user.employee_ids.department_id[:1]
        )
        if not department:
            raise UserError(
                self.env._(
                    "Your user is not linked to an employee with a department, so there is no "
                    "department to show. Ask HR to set your user on your employee record and "
                    "the employee's department."
                )
            )
        return department.action_synergy_open_dashboard()

    @api.model
    def action_synergy_landing(self):
        """What the app opens first: company health for the performance office, the own
        department for a department head, the committee for a committee member, the own
        scorecards for everyone else."""
        user = self.env.user
        if user.has_group("perf_synergy.group_synergy_officer"):
            return self.env["res.company"].action_synergy_company_health()
        if user.has_group("perf_synergy.group_synergy_manager") and user.employee_ids.department_id:
            return self.action_synergy_my_department()
        if user.has_group("perf_synergy.group_synergy_committee"):
            return self.env["ir.actions.act_window"]._for_xml_id(
                "perf_synergy.action_synergy_committee"
            )
        return self.env["ir.actions.act_window"]._for_xml_id(
            "perf_synergy.action_synergy_scorecard"
        )
