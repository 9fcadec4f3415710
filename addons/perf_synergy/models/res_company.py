from odoo import api, fields, models

from ..tools.write_policy import OFFICER, SETTINGS, Allow, user_action


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

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        # A new company gets its own copy of the shipped processes, as at install.
        self.env["synergy.process"]._synergy_install_for_companies(companies)
        return companies

    @user_action(OFFICER)
    def action_synergy_company_health(self):
        """The Company Synergy Health dashboard (a client action) of this company, else of the
        current one."""
        company = self[:1] or self.env.company
        return self.env["synergy.dashboard.company"]._dashboard_client_action(
            name=self.env._("Company Synergy Health"), scope_id=company.id
        )
