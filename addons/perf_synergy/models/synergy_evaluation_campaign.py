from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine.evaluation import aggregate, blend
from ..tools.write_policy import OFFICER, USER, Allow, user_action

CAMPAIGN_TYPES = [
    ("internal_customer", "Internal Customers"),
    ("tier", "Front Scores Middle/Back Office"),
    ("peer", "Peer Departments"),
    ("project_360", "Project 360°"),
    ("multi_role", "Multi-role (Individual)"),
]
MAX_INTERNAL_CUSTOMER_DIMENSIONS = 4


class SynergyEvaluationCampaign(models.Model):
    """One evaluation engine for five kinds of campaigns (DESIGN.md section 6)."""

    _name = "synergy.evaluation.campaign"
    _description = "Evaluation Campaign"
    _inherit = ["synergy.policy.mixin", "mail.thread", "mail.activity.mixin"]
    _policy_state = "state"
    _lock_states = ("closed",)
    _write_policy = {
        "name": Allow(OFFICER, states=("draft",)),
        "company_id": Allow(OFFICER, states=("draft",)),
        "campaign_type": Allow(OFFICER, states=("draft",)),
        "period_id": Allow(OFFICER, states=("draft",)),
        "date_deadline": Allow(OFFICER, states=("draft",)),
        "dimension_ids": Allow(OFFICER, states=("draft",)),
        "target_department_ids": Allow(OFFICER, states=("draft",)),
        "evaluator_department_ids": Allow(OFFICER, states=("draft",)),
        "project_id": Allow(OFFICER, states=("draft",)),
        "target_employee_ids": Allow(OFFICER, states=("draft",)),
        "weight_line_manager": Allow(OFFICER, states=("draft",)),
        "weight_project_manager": Allow(OFFICER, states=("draft",)),
        "weight_customer": Allow(OFFICER, states=("draft",)),
        "min_responses": Allow(OFFICER, states=("draft",)),
        "alpha": Allow(OFFICER, states=("draft",)),
        "objective_kpi_id": Allow(OFFICER, states=("draft",)),
        "target_ids": Allow(OFFICER, states=("draft",)),
    }
    _order = "date_deadline desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    campaign_type = fields.Selection(
        selection=CAMPAIGN_TYPES,
        string="Type",
        required=True,
        default="internal_customer",
        tracking=True,
    )
    period_id = fields.Many2one("synergy.period", required=True, check_company=True, index=True)
    date_deadline = fields.Date(string="Deadline", required=True, tracking=True)
    state = fields.Selection(
        selection=[("draft", "Draft"), ("open", "Open"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
    )
    dimension_ids = fields.One2many(
        "synergy.evaluation.dimension", "campaign_id", string="Questions", copy=True
    )
    target_department_ids = fields.Many2many(
        "hr.department",
        "synergy_campaign_target_department_rel",
        string="Evaluated Departments",
        check_company=True,
    )
    evaluator_department_ids = fields.Many2many(
        "hr.department",
        "synergy_campaign_evaluator_department_rel",
        string="Evaluating Departments",
        check_company=True,
        help="Internal customers, front offices, or the internal customers of a multi-role "
        "evaluation.",
    )
    project_id = fields.Many2one("project.project", check_company=True)
    target_employee_ids = fields.Many2many(
        "hr.employee", string="Evaluated People", check_company=True
    )
    weight_line_manager = fields.Float(
        string="Line Manager (%)", default=50.0, tracking=True, aggregator=None
    )
    weight_project_manager = fields.Float(
        string="Project Manager (%)", default=30.0, tracking=True, aggregator=None
    )
    weight_customer = fields.Float(
        string="Internal Customers (%)", default=20.0, tracking=True, aggregator=None
    )
    min_responses = fields.Integer(
        tracking=True,
        default=lambda self: self.env.company.synergy_evaluation_min_responses,
        help="Below this number of responses the result is 'insufficient': nothing is shown "
        "and its weight goes to the scorecard's other components in proportion to their "
        "weights.",
        aggregator=None,
    )
    alpha = fields.Float(
        tracking=True,
        string="Subjective Share α",
        default=0.7,
        help="Campaign score = α × subjective + (1 − α) × objective.",
        aggregator=None,
    )
    objective_kpi_id = fields.Many2one(
        "synergy.kpi",
        string="Objective KPI",
        check_company=True,
        help="KPI whose value (0-100, e.g. request SLA compliance %) for each evaluated owner "
        "in the period is the objective part of the score.",
    )
    target_ids = fields.One2many("synergy.evaluation.target", "campaign_id", string="Results")
    response_ids = fields.One2many("synergy.evaluation.response", "campaign_id", string="Responses")
    response_count = fields.Integer(compute="_compute_counts")
    submitted_count = fields.Integer(compute="_compute_counts")
    outlier_count = fields.Integer(compute="_compute_counts")

    @api.depends("response_ids.state", "response_ids.review")
    @api.depends_context("uid")
    def _compute_counts(self):
        # Counted over the responses the reader may read: an evaluated officer would see a
        # response about him flagged as all-minimum the moment a known colleague submits.
        readable = self.sudo().response_ids.with_env(self.env)._filtered_access("read")
        by_campaign = readable.sudo().grouped("campaign_id")
        for campaign in self:
            responses = by_campaign.get(campaign, readable.browse())
            campaign.response_count = len(responses)
            campaign.submitted_count = len(responses.filtered(lambda r: r.state == "submitted"))
            campaign.outlier_count = len(responses.filtered(lambda r: r.review == "pending"))

    @api.constrains(
        "alpha", "min_responses", "weight_line_manager", "weight_project_manager", "weight_customer"
    )
    def _check_parameters(self):
        for campaign in self:
            if not 0 <= campaign.alpha <= 1:
                raise ValidationError(self.env._("α is a share between 0 and 1 (default 0.7)."))
            if campaign.min_responses < 1:
                raise ValidationError(self.env._("At least one response must be required."))
            weights = [
                campaign.weight_line_manager,
                campaign.weight_project_manager,
                campaign.weight_customer,
            ]
            if campaign.campaign_type == "multi_role" and round(sum(weights), 2) != 100:
                raise ValidationError(
                    self.env._(
                        "The role weights of a multi-role evaluation sum to %s%%; they must sum "
                        "to 100%% (e.g. 50 / 30 / 20).",
                        f"{sum(weights):g}",
                    )
                )

    @api.constrains("campaign_type", "dimension_ids")
    def _check_dimensions(self):
        for campaign in self:
            if (
                campaign.campaign_type == "internal_customer"
                and len(campaign.dimension_ids) > MAX_INTERNAL_CUSTOMER_DIMENSIONS
            ):
                raise ValidationError(
                    self.env._(
                        "An internal-customer evaluation asks at most %(max)s questions, so that "
                        "customers answer it; %(name)s has %(count)s.",
                        max=MAX_INTERNAL_CUSTOMER_DIMENSIONS,
                        name=campaign.name,
                        count=len(campaign.dimension_ids),
                    )
                )

    @api.constrains("campaign_type", "target_department_ids", "evaluator_department_ids")
    def _check_tier_direction(self):
        for campaign in self.filtered(lambda c: c.campaign_type == "tier"):
            wrong_evaluators = campaign.evaluator_department_ids.filtered(
                lambda d: d.synergy_tier != "front"
            )
            if wrong_evaluators:
                raise ValidationError(
                    self.env._(
                        "In a tier evaluation front offices score middle and back offices, never "
                        "the reverse: %s is not a front office.",
                        ", ".join(wrong_evaluators.mapped("name")),
                    )
                )
            wrong_targets = campaign.target_department_ids.filtered(
                lambda d: d.synergy_tier not in ("middle", "back")
            )
            if wrong_targets:
                raise ValidationError(
                    self.env._(
                        "In a tier evaluation only middle and back offices are scored: %s is "
                        "not one (set its synergy tier).",
                        ", ".join(wrong_targets.mapped("name")),
                    )
                )

    # ------------------------------------------------------------------ opening
    def _department_users(self, departments, exclude=None):
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search([("department_id", "child_of", departments.ids), ("user_id", "!=", False)])
        )
        users = employees.user_id
        return users - exclude if exclude else users

    def _plan(self):
        """[(target values, [(evaluator user, role)])] for this campaign's type."""
        self.ensure_one()
        plan = []
        kind = self.campaign_type
        if kind in ("internal_customer", "tier"):
            role = "customer" if kind == "internal_customer" else "front"
            for department in self.target_department_ids:
                own = self._department_users(department)
                evaluators = self._department_users(self.evaluator_department_ids, exclude=own)
                plan.append(({"department_id": department.id}, [(u, role) for u in evaluators]))
        elif kind == "peer":
            for department in self.target_department_ids:
                own = self._department_users(department)
                others = self._department_users(self.target_department_ids - department, own)
                plan.append(({"department_id": department.id}, [(u, "peer") for u in others]))
        elif kind == "project_360":
            tasks = (
                self.env["project.task"].sudo().search([("project_id", "=", self.project_id.id)])
            )
            users = tasks.user_ids | self.project_id.user_id
            employees = self.env["hr.employee"].sudo().search([("user_id", "in", users.ids)])
            for employee in employees:
                evaluators = employees.user_id - employee.user_id
                plan.append(
                    ({"employee_id": employee.id}, [(u, "participant") for u in evaluators])
                )
        else:  # multi_role
            customers = self._department_users(self.evaluator_department_ids)
            for employee in self.target_employee_ids:
                evaluators = []
                if employee.parent_id.user_id:
                    evaluators.append((employee.parent_id.user_id, "line_manager"))
                tasks = (
                    self.env["project.task"]
                    .sudo()
                    .search([("user_ids", "in", employee.user_id.ids)])
                    if employee.user_id
                    else self.env["project.task"]
                )
                for manager in tasks.project_id.user_id - employee.user_id:
                    evaluators.append((manager, "project_manager"))
                evaluators += [(u, "customer") for u in customers - employee.user_id]
                plan.append(({"employee_id": employee.id}, evaluators))
        return plan

    def _check_period_open(self):
        """A campaign's results enter its period's scorecards and values: a closed (or
        closing) period's results are final, which the close's unlock must not get around."""
        for campaign in self:
            if campaign.period_id.state in ("closing", "closed"):
                raise UserError(
                    self.env._(
                        "The period %(period)s of campaign %(campaign)s is closed: its results "
                        "are final. Evaluate an open period, or an officer reopens %(period)s "
                        "first.",
                        period=campaign.period_id.display_name,
                        campaign=campaign.name,
                    )
                )

    @user_action(OFFICER)
    def action_open(self):
        self._check_period_open()
        for campaign in self:
            if campaign.state != "draft":
                raise UserError(self.env._("Campaign %s is already open.", campaign.name))
            if not campaign.dimension_ids:
                raise ValidationError(
                    self.env._("Campaign %s has no question: add its dimensions.", campaign.name)
                )
            plan = campaign._plan()
            if not any(evaluators for _target, evaluators in plan):
                raise UserError(
                    self.env._(
                        "Campaign %s finds nobody to evaluate or no evaluator with a user: check "
                        "its departments, project or people.",
                        campaign.name,
                    )
                )
            targets = self.env["synergy.evaluation.target"].create(
                [{**values, "campaign_id": campaign.id} for values, _evaluators in plan]
            )
            response_vals = []
            for target, (_values, evaluators) in zip(targets, plan, strict=True):
                for user, role in evaluators:
                    response_vals.append(
                        {
                            "campaign_id": campaign.id,
                            "target_id": target.id,
                            "evaluator_id": user.id,
                            "evaluator_role": role,
                            "line_ids": [
                                (0, 0, {"dimension_id": dimension.id})
                                for dimension in campaign.dimension_ids
                            ],
                        }
                    )
            responses = (
                self.env["synergy.evaluation.response"]
                .sudo()
                .with_context(mail_create_nosubscribe=True)
                .create(response_vals)
            )
            campaign.state = "open"
            campaign._invite(responses)
        return True

    def _invite(self, responses):
        """One to-do per evaluator and response, due at the deadline, and a message."""
        for response in responses:
            response.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=self.date_deadline,
                user_id=response.evaluator_id.id,
                summary=self.env._("Evaluate %s", response.target_name),
            )
        # Each evaluator is notified by his own to-do; the campaign's chatter, which everyone
        # in the company reads, names no evaluator.
        evaluators = responses.evaluator_id
        if evaluators:
            self.message_post(
                body=self.env._(
                    "%(count)s evaluators are invited to answer the evaluation %(name)s by "
                    "%(deadline)s (Performance Synergy > Evaluations > My Evaluations).",
                    count=len(evaluators),
                    name=self.name,
                    deadline=self.date_deadline,
                ),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )

    # ------------------------------------------------------------------ closing
    @user_action(OFFICER, unlocks=True)
    def action_close(self):
        self._check_period_open()
        for campaign in self:
            if campaign.state != "open":
                raise UserError(self.env._("Only an open campaign can be closed."))
            pending = campaign.sudo().response_ids.filtered(lambda r: r.review == "pending")
            if pending:
                # Name only the responses the closing officer may read: the others are about
                # him, and another officer reviews them.
                readable = pending.with_env(self.env)._filtered_access("read")
                hidden = len(pending - readable)
                responses = ", ".join(
                    f"{r.target_name} / {r.evaluator_id.name}" for r in readable.sudo()
                )
                if hidden:
                    responses = ", ".join(
                        filter(
                            None,
                            [
                                responses,
                                self.env._("%s about you (another officer reviews them)", hidden),
                            ],
                        )
                    )
                raise UserError(
                    self.env._(
                        "Review the flagged responses before closing %(name)s (keep or exclude "
                        "each with a reason): %(responses)s",
                        name=campaign.name,
                        responses=responses,
                    )
                )
            campaign._compute_results()
            campaign.state = "closed"
            campaign.sudo().response_ids.activity_ids.unlink()
            campaign._push_to_scorecards()
        return True

    def _objective_scores(self):
        """{target: objective score} from the objective KPI's values of the period."""
        if not self.objective_kpi_id:
            return {}
        values = (
            self.env["synergy.kpi.value"]
            .sudo()
            .search(
                [("kpi_id", "=", self.objective_kpi_id.id), ("period_id", "=", self.period_id.id)]
            )
        )
        result = {}
        for target in self.target_ids:
            match = values.filtered(
                lambda v, t=target: (
                    (
                        t.employee_id
                        and v.owner_level == "employee"
                        and v.employee_id == t.employee_id
                    )
                    or (
                        t.department_id
                        and v.owner_level == "department"
                        and v.department_id == t.department_id
                    )
                )
            )
            if match:
                result[target] = max(0.0, min(100.0, match[0].value))
        return result

    def _compute_results(self):
        self.ensure_one()
        role_weights = None
        if self.campaign_type == "multi_role":
            role_weights = {
                "line_manager": self.weight_line_manager,
                "project_manager": self.weight_project_manager,
                "customer": self.weight_customer,
            }
        objective = self._objective_scores()
        for target in self.target_ids:
            counted = target.sudo().response_ids.filtered(
                lambda r: r.state == "submitted" and r.review != "excluded"
            )
            subjective = aggregate(
                counted.mapped("mean"),
                self.min_responses,
                role_weights,
                counted.mapped("evaluator_role"),
            )
            if subjective is None:
                target.write(
                    {
                        "status": "insufficient",
                        "response_count": len(counted),
                        "subjective_score": 0,
                        "objective_score": 0,
                        "score": 0,
                    }
                )
                continue
            objective_score = objective.get(target)
            target.write(
                {
                    "status": "done",
                    "response_count": len(counted),
                    "subjective_score": subjective,
                    "objective_score": objective_score or 0.0,
                    "score": blend(subjective, objective_score, self.alpha),
                }
            )

    def _scorecard_score_field(self):
        """Prefix of the scorecard fields (``<prefix>_score``, ``<prefix>_available``) that
        receive this campaign type's results; None when they go to no scorecard."""
        return {
            "internal_customer": "internal_customer",
            "peer": "internal_customer",
            "tier": "tier",
        }.get(self.campaign_type)

    def _push_to_scorecards(self):
        """Internal-customer (and peer) and tier results enter the evaluated department's
        scorecard of the period; the composite result is recomputed."""
        self.ensure_one()
        field = self._scorecard_score_field()
        if not field:
            return
        cards = self.env["synergy.scorecard"].search(
            [
                ("period_id", "=", self.period_id.id),
                ("owner_level", "=", "department"),
                ("department_id", "in", self.target_ids.department_id.ids),
            ]
        )
        for card in cards:
            target = self.target_ids.filtered(lambda t, c=card: t.department_id == c.department_id)
            done = target.status == "done"
            card.write(
                {f"{field}_score": target.score if done else 0.0, f"{field}_available": done}
            )
        cards._compute_composite()

    @user_action(USER)
    def action_view_my_responses(self):
        return self.env["ir.actions.act_window"]._for_xml_id(
            "perf_synergy.action_synergy_my_evaluations"
        )
