from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    synergy_score_cap = fields.Float(related="company_id.synergy_score_cap", readonly=False)
    synergy_min_synergy_weight = fields.Float(
        related="company_id.synergy_min_synergy_weight", readonly=False
    )
    synergy_evaluation_min_responses = fields.Integer(
        related="company_id.synergy_evaluation_min_responses", readonly=False
    )
    synergy_alert_sensitivity = fields.Float(
        related="company_id.synergy_alert_sensitivity", readonly=False
    )
    synergy_sla_response_days = fields.Float(
        related="company_id.synergy_sla_response_days", readonly=False
    )
    synergy_sla_urgent_response_days = fields.Float(
        related="company_id.synergy_sla_urgent_response_days", readonly=False
    )
    synergy_sla_emergency_response_minutes = fields.Float(
        related="company_id.synergy_sla_emergency_response_minutes", readonly=False
    )
    synergy_sla_emergency_solution_hours = fields.Float(
        related="company_id.synergy_sla_emergency_solution_hours", readonly=False
    )
