from odoo import api, fields, models

from ..tools.write_policy import SETTINGS, USER, Allow, user_action


class ResCompany(models.Model):
    _name = "res.company"
    _inherit = ["res.company", "synergy.policy.mixin"]
    _write_policy = {
        "synergy_score_cap": Allow(SETTINGS),
        "synergy_min_synergy_weight": Allow(SETTINGS),
        "synergy_evaluation_min_responses": Allow(SETTINGS),
        "synergy_alert_sensitivity": Allow(SETTINGS),
        "synergy_sla_response_days": Allow(SETTINGS),
        "synergy_sla_urgent_response_days": Allow(SETTINGS),
        "synergy_sla_emergency_response_minutes": Allow(SETTINGS),
        "synergy_sla_emergency_solution_hours": Allow(SETTINGS),
    }

    # Company-wide defaults; a new policy scheme starts from these values.
    synergy_score_cap = fields.Float(
        string="Score Cap",
        default=120.0,
        help="Score given at or above the stretch value of a KPI line.",
        aggregator=None,
    )
    synergy_min_synergy_weight = fields.Float(
        string="Minimum Synergy Weight (%)",
        default=20.0,
        help="Share of a department scorecard's weight that must sit on shared "
        "(synergy) KPI lines.",
        aggregator=None,
    )
    synergy_evaluation_min_responses = fields.Integer(
        string="Minimum Evaluation Responses",
        default=3,
        help="Below this number of responses an evaluation result is reported as "
        "insufficient, so that no evaluator can be identified.",
        aggregator=None,
    )
    synergy_alert_sensitivity = fields.Float(
        string="Alert Sensitivity (z)",
        default=3.0,
        help="Robust z-score beyond which a KPI value raises a deviation alert.",
        aggregator=None,
    )

    # Service levels of cross-department requests, in working time of the responding side.
    synergy_sla_response_days = fields.Float(
        string="First Response (working days)", default=2.0, aggregator=None
    )
    synergy_sla_urgent_response_days = fields.Float(
        string="Urgent First Response (working days)", default=1.0, aggregator=None
    )
    synergy_sla_emergency_response_minutes = fields.Float(
        string="Emergency First Response (minutes)", default=30.0, aggregator=None
    )
    synergy_sla_emergency_solution_hours = fields.Float(
        string="Emergency Solution (hours)", default=2.0, aggregator=None
    )

    _synergy_sla_positive = models.Constraint(
        "CHECK(synergy_sla_response_days > 0 AND synergy_sla_urgent_response_days > 0 "
        "AND synergy_sla_emergency_response_minutes > 0 "
        "AND synergy_sla_emergency_solution_hours > 0)",
        "Service levels must be positive durations.",
    )
    _synergy_score_cap_check = models.Constraint(
        "CHECK(synergy_score_cap >= 100)",
        "The score cap must be at least 100 (the score at target).",
    )
    _synergy_min_synergy_weight_check = models.Constraint(
        "CHECK(synergy_min_synergy_weight >= 0 AND synergy_min_synergy_weight <= 100)",
        "The minimum synergy weight is a percentage between 0 and 100.",
    )
    _synergy_evaluation_min_responses_check = models.Constraint(
        "CHECK(synergy_evaluation_min_responses >= 1)",
        "At least one evaluation response must be required.",
    )
    _synergy_alert_sensitivity_check = models.Constraint(
        "CHECK(synergy_alert_sensitivity > 0)",
        "The alert sensitivity must be a positive number of deviations.",
    )

    # "Company Synergy Health" dashboard of the performance office. Computed in the reader's
    # environment: record rules decide what each section shows.
    synergy_health_node_ids = fields.Many2many(
        comodel_name="synergy.process.node",
        string="Process Steps",
        compute="_compute_synergy_health",
    )
    synergy_health_red_count = fields.Integer(string="Red Steps", compute="_compute_synergy_health")
    synergy_health_amber_count = fields.Integer(
        string="Amber Steps", compute="_compute_synergy_health"
    )
    synergy_health_green_count = fields.Integer(
        string="Green Steps", compute="_compute_synergy_health"
    )
    synergy_health_interlock_ids = fields.Many2many(
        comodel_name="synergy.interlock",
        string="Interlocks Under Floor",
        compute="_compute_synergy_health",
    )
    synergy_health_linkage_line_ids = fields.Many2many(
        comodel_name="synergy.linkage.line",
        string="Linkage Ratios",
        compute="_compute_synergy_health",
        help="Links of the approved linkage matrix of the latest year.",
    )
    synergy_health_alert_ids = fields.Many2many(
        comodel_name="synergy.alert",
        string="Open Alerts",
        compute="_compute_synergy_health",
    )
    synergy_health_alert_high = fields.Integer(
        string="High Alerts", compute="_compute_synergy_health"
    )
    synergy_health_alert_medium = fields.Integer(
        string="Medium Alerts", compute="_compute_synergy_health"
    )
    synergy_health_alert_low = fields.Integer(
        string="Low Alerts", compute="_compute_synergy_health"
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        # A new company gets its own copy of the shipped processes, as at install.
        self.env["synergy.process"]._synergy_install_for_companies(companies)
        return companies

    def _compute_synergy_health(self):
        nodes = self.env["synergy.process.node"].search(
            [
                ("process_id.active", "=", True),
                "|",
                ("company_id", "=", False),
                ("company_id", "in", self.ids),
            ]
        )
        interlocks = self.env["synergy.interlock"].search(
            [("company_id", "in", self.ids), ("state", "=", "active")]
        )
        matrices = self.env["synergy.linkage.matrix"].search(
            [("company_id", "in", self.ids), ("state", "=", "approved")],
            order="year desc, version desc",
        )
        alerts = self.env["synergy.alert"].search(
            [("company_id", "in", self.ids), ("state", "in", ("open", "acknowledged"))],
            order="id desc",
        )
        severity_counts = {
            (company.id, severity): count
            for company, severity, count in self.env["synergy.alert"]._read_group(
                [("company_id", "in", self.ids), ("state", "in", ("open", "acknowledged"))],
                ["company_id", "severity"],
                ["__count"],
            )
        }
        for company in self:
            own_nodes = nodes.filtered(lambda n, c=company: not n.company_id or n.company_id == c)
            company.synergy_health_node_ids = own_nodes
            company.synergy_health_red_count = len(own_nodes.filtered(lambda n: n.health == "red"))
            company.synergy_health_amber_count = len(
                own_nodes.filtered(lambda n: n.health == "amber")
            )
            company.synergy_health_green_count = len(
                own_nodes.filtered(lambda n: n.health == "green")
            )
            company.synergy_health_interlock_ids = interlocks.filtered(
                lambda i, c=company: i.company_id == c and i.outcome == "under_floor"
            )
            matrix = matrices.filtered(lambda m, c=company: m.company_id == c)[:1]
            company.synergy_health_linkage_line_ids = matrix.line_ids
            company.synergy_health_alert_ids = alerts.filtered(
                lambda a, c=company: a.company_id == c
            )
            company.synergy_health_alert_high = severity_counts.get((company.id, "high"), 0)
            company.synergy_health_alert_medium = severity_counts.get((company.id, "medium"), 0)
            company.synergy_health_alert_low = severity_counts.get((company.id, "low"), 0)

    @user_action(USER)
    def action_synergy_company_health(self):
        """The health dashboard of the current company."""
        company = self[:1] or self.env.company
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_synergy.action_synergy_company_health"
        )
        action["res_id"] = company.id
        return action
