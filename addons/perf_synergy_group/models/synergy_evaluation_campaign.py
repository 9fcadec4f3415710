from odoo import api, fields, models
from odoo.addons.perf_synergy.tools.write_policy import OFFICER, Allow
from odoo.exceptions import ValidationError


class SynergyEvaluationCampaign(models.Model):
    """Reverse evaluation across companies: the subsidiaries' people score the parent
    company's shared-service departments (finance, HR, IT shared services...)."""

    _inherit = "synergy.evaluation.campaign"
    _write_policy = {
        "evaluator_entity_ids": Allow(OFFICER, states=("draft",)),
        "evaluator_scope": Allow(OFFICER, states=("draft",)),
    }

    campaign_type = fields.Selection(
        selection_add=[("group_shared_service", "Subsidiaries Score Group Shared Services")],
        ondelete={"group_shared_service": "set default"},
    )
    evaluator_entity_ids = fields.Many2many(
        "synergy.group.entity",
        string="Evaluating Subsidiaries",
        help="Reverse evaluation: the subsidiaries whose people score the parent's shared "
        "services.",
    )
    evaluator_scope = fields.Selection(
        selection=[("managers", "Department Heads"), ("all", "Every Employee with a User")],
        default="managers",
        help="Who answers for each evaluating subsidiary.",
    )

    @api.constrains("campaign_type", "evaluator_entity_ids", "company_id")
    def _check_group_campaign(self):
        for campaign in self.filtered(lambda c: c.campaign_type == "group_shared_service"):
            root = self.env["synergy.group.entity"]._root()
            if campaign.company_id != root.company_id:
                raise ValidationError(
                    self.env._(
                        "A reverse evaluation of shared services belongs to the group's parent "
                        "company %s.",
                        root.company_id.name or "",
                    )
                )
            if campaign.evaluator_entity_ids.filtered(lambda e: not e.parent_id):
                raise ValidationError(
                    self.env._(
                        "The parent company does not evaluate its own shared services here: "
                        "choose subsidiaries."
                    )
                )

    def _group_evaluators(self):
        companies = self.evaluator_entity_ids.sudo().company_id
        domain = [("company_id", "in", companies.ids), ("user_id", "!=", False)]
        if self.evaluator_scope == "managers":
            domain.append(("child_ids", "!=", False))
        employees = self.env["hr.employee"].sudo().search(domain)
        if self.evaluator_scope == "managers":
            heads = (
                self.env["hr.department"]
                .sudo()
                .search([("company_id", "in", companies.ids)])
                .manager_id
            )
            employees |= heads.filtered("user_id")
        return employees.user_id

    def _plan(self):
        if self.campaign_type != "group_shared_service":
            return super()._plan()
        evaluators = self._group_evaluators()
        return [
            ({"department_id": department.id}, [(user, "subsidiary") for user in evaluators])
            for department in self.target_department_ids
        ]

    def _scorecard_score_field(self):
        """Shared services are scored by their internal customers, the subsidiaries: the
        result enters the departments' internal-customer score."""
        if self.campaign_type == "group_shared_service":
            return "internal_customer"
        return super()._scorecard_score_field()
