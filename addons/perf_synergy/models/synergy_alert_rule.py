import logging
from collections import defaultdict

from psycopg2.errors import UniqueViolation

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine.deviation import detect
from ..tools.given import given, sync_given_flags
from ..tools.write_policy import OFFICER, Allow, user_action

_logger = logging.getLogger(__name__)


class SynergyAlertRule(models.Model):
    """Early warning on a KPI (智能预警): a static floor and statistical deviation of each owner's
    series, routed to the departments that must act."""

    _name = "synergy.alert.rule"
    _description = "Alert Rule"
    _inherit = ["synergy.policy.mixin"]
    _write_policy = {
        "name": Allow(OFFICER),
        "company_id": Allow(OFFICER),
        "kpi_id": Allow(OFFICER),
        "owner_level": Allow(OFFICER),
        "department_ids": Allow(OFFICER),
        "period_type": Allow(OFFICER),
        "sensitivity": Allow(OFFICER),
        "window": Allow(OFFICER),
        "seasonal": Allow(OFFICER),
        "trend": Allow(OFFICER),
        "trend_k": Allow(OFFICER),
        "floor": Allow(OFFICER),
        "floor_set": Allow(OFFICER),
        "active": Allow(OFFICER),
    }
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    kpi_id = fields.Many2one("synergy.kpi", string="KPI", required=True, check_company=True)
    direction = fields.Selection(related="kpi_id.direction")
    owner_level = fields.Selection(
        selection=[("company", "Company"), ("department", "Department"), ("employee", "Employee")],
        required=True,
        default="department",
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Only Departments",
        check_company=True,
        help="Empty: every owner with values.",
    )
    period_type = fields.Selection(
        selection=[("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
        required=True,
        default="month",
        help="Granularity of the series watched.",
    )
    sensitivity = fields.Float(
        default=lambda self: self.env.company.synergy_alert_sensitivity,
        help="Robust z-score beyond which a value is a deviation (default 3).",
        aggregator=None,
    )
    window = fields.Integer(
        default=6, help="Number of past points of the baseline.", aggregator=None
    )
    seasonal = fields.Boolean(help="Compare with the same period of the previous year(s).")
    trend = fields.Boolean(help="Also alert after consecutive unfavourable moves.")
    trend_k = fields.Integer(string="Trend Moves", default=4, aggregator=None)
    floor = fields.Float(
        string="Static Floor",
        help="Alert when a value crosses it (at or below for higher-is-better, at or above "
        "for lower-is-better); 0 is a value. Applies when Static Floor Given is ticked.",
        aggregator=None,
    )
    floor_set = fields.Boolean(
        string="Static Floor Given",
        help="Ticked: the static floor applies, 0 included. Unticked: no static floor.",
    )
    active = fields.Boolean(default=True)
    alert_ids = fields.One2many("synergy.alert", "rule_id", string="Alerts")
    open_alert_count = fields.Integer(compute="_compute_open_alert_count")

    def _compute_open_alert_count(self):
        counts = dict(
            self.env["synergy.alert"]._read_group(
                [("rule_id", "in", self.ids), ("state", "!=", "resolved")], ["rule_id"], ["__count"]
            )
        )
        for rule in self:
            rule.open_alert_count = counts.get(rule, 0)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            sync_given_flags(vals, ("floor",))
        return super().create(vals_list)

    def write(self, vals):
        return super().write(sync_given_flags(dict(vals), ("floor",)))

    # A floor other than 0 ticks its flag on screen; a floor of 0 is given by ticking it.
    @api.onchange("floor")
    def _onchange_floor_given(self):
        if self.floor:
            self.floor_set = True

    @api.constrains("sensitivity", "window", "trend_k")
    def _check_parameters(self):
        for rule in self:
            if rule.sensitivity <= 0:
                raise ValidationError(self.env._("The sensitivity must be a positive z-score."))
            if rule.window < 2:
                raise ValidationError(self.env._("The baseline needs a window of at least 2."))
            if rule.trend and rule.trend_k < 2:
                raise ValidationError(self.env._("A trend needs at least 2 moves."))

    def _series_by_owner(self):
        """{owner key: [(period, value)] ordered by date} of the rule's KPI: one query."""
        self.ensure_one()
        domain = [
            ("kpi_id", "=", self.kpi_id.id),
            ("owner_level", "=", self.owner_level),
            ("period_id.period_type", "=", self.period_type),
        ]
        if self.department_ids:
            domain.append(("department_id", "in", self.department_ids.ids))
        values = self.env["synergy.kpi.value"].sudo().search(domain, order="period_date_start")
        series = defaultdict(list)
        owners = {}
        for value in values:
            key = value._owner_key()
            series[key].append((value.period_id, value.value))
            owners[key] = value
        return series, owners

    def _evaluate(self):
        """Create the alerts this rule finds; existing alerts (any state) are not repeated."""
        self.ensure_one()
        Alert = self.env["synergy.alert"]
        series, owners = self._series_by_owner()
        existing = Alert.with_context(active_test=False).search([("rule_id", "=", self.id)])
        seen = {(alert.period_id.id, alert._owner_key()) for alert in existing}
        vals_list = []
        for key, points in series.items():
            values = [value for _period, value in points]
            for index, (period, value) in enumerate(points):
                if (period.id, key) in seen:
                    continue
                verdict = detect(
                    values[:index],
                    value,
                    self.kpi_id.direction,
                    window=self.window,
                    sensitivity=self.sensitivity,
                    seasonal=self.seasonal,
                    floor=given(self, "floor"),
                    trend=self.trend,
                    trend_k=self.trend_k,
                )
                if verdict.alert:
                    vals_list.append(
                        {
                            **owners[key]._owner_values(),
                            "rule_id": self.id,
                            "kpi_id": self.kpi_id.id,
                            "period_id": period.id,
                            "value": value,
                            "baseline": verdict.baseline or 0.0,
                            "expected_low": verdict.expected_low or 0.0,
                            "expected_high": verdict.expected_high or 0.0,
                            "has_expected_range": verdict.baseline is not None,
                            "z_score": verdict.z or 0.0,
                            "severity": verdict.severity,
                            "reasons": ", ".join(verdict.reasons),
                        }
                    )
        alerts = Alert.create(vals_list)
        alerts._route()
        return alerts

    @api.model
    def _cron_evaluate(self):
        """Evaluate every active rule; a failing rule is logged and skipped, the others run.
        Idempotent: a second run creates nothing new."""
        created = self.env["synergy.alert"]
        for rule in self.search([("kpi_id", "!=", False)]):
            try:
                with self.env.cr.savepoint():
                    created |= rule._evaluate()
            except UniqueViolation:
                # Another worker evaluated the rule at the same time and its alerts won (one
                # open alert per rule, owner and period): nothing is lost, nothing to repeat.
                _logger.info("Alert rule %s (id %s) evaluated concurrently", rule.name, rule.id)
            except Exception:
                _logger.exception("Alert rule %s (id %s) failed; skipped", rule.name, rule.id)
        return created

    @user_action(OFFICER)
    def action_evaluate(self):
        alerts = self.env["synergy.alert"]
        for rule in self:
            alerts |= rule._evaluate()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New alerts"),
            "res_model": "synergy.alert",
            "view_mode": "list,form",
            "domain": [("id", "in", alerts.ids)],
        }
