from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..engine.deviation import REASON_DEVIATION, REASON_FLOOR, REASON_MISSING, REASON_TREND
from ..tools.write_policy import MANAGER, OFFICER, Allow, user_action


class SynergyAlert(models.Model):
    """A KPI value out of its expected range, with the departments that must act."""

    _name = "synergy.alert"
    _description = "KPI Alert"
    _inherit = ["synergy.policy.mixin", "synergy.owner.mixin", "mail.thread", "mail.activity.mixin"]
    _policy_state = "state"
    _write_policy = {
        "resolution_note": Allow(MANAGER, states=("open", "acknowledged")),
        "acting_department_ids": Allow(OFFICER, states=("open", "acknowledged")),
    }
    _order = "create_date desc, id desc"

    rule_id = fields.Many2one("synergy.alert.rule", required=True, index=True, ondelete="cascade")
    kpi_id = fields.Many2one("synergy.kpi", string="KPI", required=True, index=True)
    period_id = fields.Many2one("synergy.period", required=True, index=True)
    # The figures are the owner's KPI values: an alert is read by the departments that must
    # act, which may not read those values. Officers read the figures; everyone else gets
    # them through the summary, which states them only to a reader of the owner's values.
    value = fields.Float(
        digits=(16, 4), groups="perf_synergy.group_synergy_officer", aggregator=None
    )
    baseline = fields.Float(
        digits=(16, 4), groups="perf_synergy.group_synergy_officer", aggregator=None
    )
    expected_low = fields.Float(
        digits=(16, 4), groups="perf_synergy.group_synergy_officer", aggregator=None
    )
    expected_high = fields.Float(
        digits=(16, 4), groups="perf_synergy.group_synergy_officer", aggregator=None
    )
    has_expected_range = fields.Boolean()
    z_score = fields.Float(
        digits=(16, 2), groups="perf_synergy.group_synergy_officer", aggregator=None
    )
    severity = fields.Selection(
        selection=[("low", "Low"), ("medium", "Medium"), ("high", "High")],
        required=True,
        default="medium",
        tracking=True,
    )
    reasons = fields.Char(help="Rules that fired: deviation, floor, trend.")
    # The keys above are the engine's; users read them in their language (issue 18).
    reason_labels = fields.Char(string="Triggered By", compute="_compute_reason_labels")
    acting_department_ids = fields.Many2many(
        "hr.department",
        string="Departments to Act",
        help="The owner, plus the KPI's lead and collaborating departments (responsibility "
        "split), the members of its interlocks and the R and A departments of the RACI "
        "matrices in force that drive it.",
    )
    state = fields.Selection(
        selection=[("open", "Open"), ("acknowledged", "Acknowledged"), ("resolved", "Resolved")],
        required=True,
        default="open",
        tracking=True,
    )
    resolution_note = fields.Text()
    summary = fields.Char(compute="_compute_summary")

    @api.depends("kpi_id", "owner_name", "period_id")
    def _compute_display_name(self):
        # Breadcrumbs and links name the alert, not "synergy.alert,2": the KPI, its owner and
        # the period, all readable by whoever reads the alert.
        for alert in self:
            parts = (alert.kpi_id.display_name, alert.owner_name, alert.period_id.display_name)
            alert.display_name = " · ".join(part for part in parts if part)

    _one_open_alert = models.UniqueIndex(
        "(rule_id, period_id, owner_level, company_id, COALESCE(department_id, 0), "
        "COALESCE(job_id, 0), COALESCE(employee_id, 0)) WHERE state != 'resolved'",
        "There is already an open alert for this rule, owner and period.",
    )

    def _figures_readable(self):
        """The alerts whose figures the current user may read directly: officers all, others
        those whose owner's KPI value of the period they can read (its record rules)."""
        if self.env.su or self.env.user.has_group("perf_synergy.group_synergy_officer"):
            return self
        if not self.env["synergy.kpi.value"].has_access("read"):
            return self.browse()
        values = self.env["synergy.kpi.value"].search(
            [
                ("kpi_id", "in", self.kpi_id.ids),
                ("period_id", "in", self.period_id.ids),
                "|",
                "|",
                "|",
                ("owner_level", "=", "company"),
                ("department_id", "in", self.department_id.ids),
                ("job_id", "in", self.job_id.ids),
                ("employee_id", "in", self.employee_id.ids),
            ]
        )
        keys = {(v.kpi_id.id, v.period_id.id, v._owner_key()) for v in values}
        return self.filtered(lambda a: (a.kpi_id.id, a.period_id.id, a._owner_key()) in keys)

    def _reason_label_map(self):
        return {
            REASON_DEVIATION: self.env._("unusual deviation"),
            REASON_FLOOR: self.env._("below the floor"),
            REASON_TREND: self.env._("adverse trend"),
            REASON_MISSING: self.env._("value missing"),
        }

    @api.depends("reasons")
    @api.depends_context("lang")
    def _compute_reason_labels(self):
        labels = self._reason_label_map()
        for alert in self:
            keys = [key.strip() for key in (alert.reasons or "").split(",") if key.strip()]
            alert.reason_labels = ", ".join(labels.get(key, key) for key in keys)

    @api.depends("kpi_id", "value", "expected_low", "expected_high", "owner_name", "period_id")
    @api.depends_context("uid")
    def _compute_summary(self):
        # Names read as superuser: the reader of an alert may lack rights on KPIs (e.g. a
        # department manager outside the synergy groups who receives its to-do).
        shown = self._figures_readable()
        for alert in self.sudo():
            names = {
                "kpi": alert.kpi_id.name,
                "owner": alert.owner_name,
                "period": alert.period_id.name,
            }
            if alert not in shown:
                alert.with_env(self.env).summary = self.env._(
                    "%(kpi)s of %(owner)s in %(period)s is out of its expected range", **names
                )
                continue
            expected = (
                f"{alert.expected_low:.2f} - {alert.expected_high:.2f}"
                if alert.has_expected_range
                else self.env._("no statistical range yet")
            )
            alert.with_env(self.env).summary = self.env._(
                "%(kpi)s of %(owner)s in %(period)s is %(value)s (expected %(expected)s)",
                value=f"{alert.value:.2f}",
                expected=expected,
                **names,
            )

    def _route(self):
        """Departments that must act, and an activity for each of their managers. Interlocks
        and RACI matrices are read once for all the alerts' KPIs."""
        kpis = self.kpi_id
        interlocks = (
            self.env["synergy.interlock"]
            .sudo()
            .search([("kpi_id", "in", kpis.ids), ("state", "=", "active")])
        )
        matrices = (
            self.env["synergy.raci.matrix"]
            .sudo()
            .search([("kpi_ids", "in", kpis.ids), ("state", "=", "active")])
        )
        acting = {}
        for alert in self:
            kpi = alert.kpi_id
            departments = alert.department_id | kpi.sudo().share_ids.department_id
            departments |= interlocks.filtered(
                lambda i, k=kpi: i.kpi_id == k
            ).member_ids.department_id
            departments |= (
                matrices.filtered(lambda m, k=kpi: k in m.kpi_ids)
                .assignment_ids.filtered(lambda a: a.role in ("R", "A"))
                .department_id
            )
            acting[alert] = departments
        # One write per distinct set of departments, one create for all the activities.
        by_departments = defaultdict(self.browse)
        for alert, departments in acting.items():
            by_departments[departments] |= alert
        for departments, alerts in by_departments.items():
            alerts.acting_department_ids = departments
        # Activities created at once, without Odoo's one-email-per-activity assignment notice:
        # each manager gets one message listing the batch's alerts instead (a cron run may
        # raise hundreds of alerts).
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        alerts_of_user = defaultdict(self.browse)
        for alert, departments in acting.items():
            for user in departments.manager_id.user_id:
                alerts_of_user[user] |= alert
        # Each manager reads the summaries as he would on screen: the figures only where he
        # may read the owner's KPI values (one batch per manager).
        summary_of = {
            (user, alert): alert.summary
            for user, alerts in alerts_of_user.items()
            for alert in alerts.with_user(user)
        }
        vals_list = [
            {
                "activity_type_id": todo.id,
                "automated": True,
                "res_model_id": model_id,
                "res_id": alert.id,
                "user_id": user.id,
                "date_deadline": today,
                "summary": self.env._("KPI alert: %s", alert.kpi_id.name),
                "note": summary_of[user, alert],
            }
            for user, alerts in alerts_of_user.items()
            for alert in alerts
        ]
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(vals_list)
        for user, alerts in alerts_of_user.items():
            items = Markup("").join(
                Markup("<li>%s</li>") % summary_of[user, alert] for alert in alerts
            )
            alerts[0].message_notify(
                partner_ids=user.partner_id.ids,
                subject=self.env._("%s new KPI alerts to act on", len(alerts)),
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (self.env._("New KPI alerts assigned to you as an activity:"), items),
            )

    @user_action(MANAGER)
    def action_acknowledge(self):
        if self.filtered(lambda a: a.state != "open"):
            raise UserError(self.env._("Only an open alert can be acknowledged."))
        self.write({"state": "acknowledged"})
        return True

    @user_action(MANAGER)
    def action_resolve_dialog(self):
        """The form's *Resolve*: asks what was done first when there is no note yet."""
        self.ensure_one()
        if not (self.resolution_note or "").strip():
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Resolve Alert"),
                "res_model": "synergy.alert.resolve.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {"default_alert_id": self.id},
            }
        return self.action_resolve()

    @user_action(MANAGER)
    def action_resolve(self):
        for alert in self:
            if not (alert.resolution_note or "").strip():
                raise UserError(
                    self.env._("Say what was done about %s before resolving it.", alert.summary)
                )
        self.write({"state": "resolved"})
        self.activity_ids.action_done()
        return True
