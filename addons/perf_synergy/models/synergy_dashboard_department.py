from datetime import timedelta

from odoo import api, models
from odoo.fields import Date, Datetime

from ..tools.write_policy import MANAGER, user_action

# How many periods the trend lines cover, the selected one included.
TREND_PERIODS = 6
# How many rows a list section shows; its title opens all of them.
ROW_LIMIT = 15


class SynergyDashboardDepartment(models.AbstractModel):
    """*My Department*: what a department head opens first (issue 20). One period, one
    department of his tree; every figure opens the records behind it."""

    _name = "synergy.dashboard.department"
    _inherit = ["synergy.dashboard.mixin"]
    _dashboard_action_xmlid = "perf_synergy.action_synergy_dashboard_department"
    _description = "My Department"

    # ------------------------------------------------------------------ entry point
    @api.model
    @user_action(MANAGER)
    def get_dashboard_data(self, period_id=None, scope_id=None):
        """The dashboard of one department (``scope_id``, default the reader's own) for one
        period (``period_id``, default the latest started one with the department's
        scorecard), as the JSON of the dashboard contract."""
        scopes = self._dashboard_scopes()
        department = self._dashboard_record(
            "hr.department", scope_id, "scope_id", allowed=scopes
        ) or self._dashboard_default_scope(scopes)
        periods = self._dashboard_periods(
            [("company_id", "=", department.company_id.id)] if department else None
        )
        period = self._dashboard_owner_period(period_id, "department", department, periods)
        if not department:
            return self._dashboard_result(
                self.env._("My Department"),
                period=period,
                periods=periods,
                scopes=scopes,
                scope_label=self.env._("Department"),
                notice=self._dashboard_notice(
                    self.env._(
                        "Your user is not linked to an employee with a department, so there is "
                        "no department to show. Ask HR to set your user on your employee record "
                        "and the employee's department."
                    ),
                    tone="warning",
                ),
            )
        card = self._dashboard_owner_card("department", department, period)
        sections = [
            self._section_summary(department, period, card),
            self._section_scorecard(card),
            self._section_trend(department, period),
            self._section_alerts(department),
            self._section_requests(department, period),
            self._section_evaluations(department, period),
            self._section_behavior(department, period),
            self._section_served(department, period),
        ]
        notice = False
        if not card:
            notice = self._dashboard_notice(
                self.env._(
                    "%(department)s has no scorecard for %(period)s yet. The performance office "
                    "cascades the company's KPIs to the departments (Goals > Scorecards, "
                    "Cascade on a line of the company scorecard); the department's draft "
                    "scorecard then appears here. Meanwhile, its alerts, requests and "
                    "evaluations are below.",
                    department=department.name,
                    period=period.display_name or self.env._("this period"),
                ),
            )
        return self._dashboard_result(
            self.env._("My Department: %s", department.name),
            period=period,
            periods=periods,
            scope=department,
            scopes=scopes,
            scope_label=self.env._("Department"),
            sections=sections,
            notice=notice,
        )

    # ------------------------------------------------------------------ scope and period
    @api.model
    def _dashboard_own_departments(self):
        employees = self.env.user.employee_ids
        own = employees.filtered(lambda e: e.company_id in self.env.companies).department_id
        return own or employees.department_id

    @api.model
    def _dashboard_scopes(self):
        """The departments the reader may look at: every department of the current companies
        for the performance office, the reader's department and the departments under it for
        a head (the tree his record rules open to him)."""
        Department = self.env["hr.department"]
        if self.env.user.has_group("perf_synergy.group_synergy_officer"):
            domain = [("company_id", "in", self.env.companies.ids)]
        else:
            own = self._dashboard_own_departments()
            if not own:
                return Department
            domain = [
                ("id", "child_of", own.ids),
                ("company_id", "in", self.env.companies.ids),
            ]
        return Department.search(domain, order="parent_path, id")

    @api.model
    def _dashboard_default_scope(self, scopes):
        """The reader's own department; for the performance office, whose own department
        rarely has a scorecard, the department of the latest started department scorecard
        when his own has none."""
        own = (scopes & self._dashboard_own_departments())[:1]
        if not self.env.user.has_group("perf_synergy.group_synergy_officer") or not scopes:
            return own or scopes[:1]
        candidates = own if own else scopes
        domain = [
            ("owner_level", "=", "department"),
            ("period_date_start", "<=", Date.context_today(self)),
        ]
        Scorecard = self.env["synergy.scorecard"]
        card = Scorecard.search(
            [*domain, ("department_id", "in", candidates.ids)],
            order="period_date_start desc, id desc",
            limit=1,
        )
        if not card and own:
            card = Scorecard.search(
                [*domain, ("department_id", "in", scopes.ids)],
                order="period_date_start desc, id desc",
                limit=1,
            )
        return card.department_id or own or scopes[:1]

    @api.model
    def _period_domain(self, period, field="period_id"):
        """Records of the period and of the periods inside it (a year's quarters)."""
        return [(field, "child_of", period.id)] if period else [(field, "=", False)]

    @api.model
    def _date_domain(self, period, field):
        """Records whose datetime ``field`` falls in the period's days."""
        if not period:
            return [(field, "=", False)]
        return [
            (field, ">=", Datetime.to_datetime(period.date_start)),
            (field, "<", Datetime.to_datetime(period.date_end) + timedelta(days=1)),
        ]

    # ------------------------------------------------------------------ sections
    @api.model
    def _section_summary(self, department, period, card):
        Alert = self.env["synergy.alert"]
        Request = self.env["synergy.request"]
        alert_domain = self._alert_domain(department)
        alert_count = Alert.search_count(alert_domain)
        open_in = [
            ("responding_department_id", "=", department.id),
            ("state", "not in", ("delivered", "accepted")),
        ]
        late = [
            "|",
            ("requesting_department_id", "=", department.id),
            ("responding_department_id", "=", department.id),
            "|",
            ("response_overdue", "=", True),
            ("solution_overdue", "=", True),
        ]
        open_in_count = Request.search_count(open_in)
        late_count = Request.search_count(late)
        points = self._behavior_points(department, period)
        items = [
            self._dashboard_kpi_score_figure(card),
            self._dashboard_figure(
                "final_score",
                self.env._("Final Score"),
                card.final_score if card else None,
                digits=1,
                tone=self._dashboard_score_tone(card.final_score) if card else "muted",
                drill=self._dashboard_card_drill(card),
            ),
            self._dashboard_figure(
                "alerts",
                self.env._("Alerts to Act On"),
                alert_count,
                tone="danger" if alert_count else "success",
                drill=self._dashboard_drill(
                    self.env._("Alerts of %s", department.name), "synergy.alert", alert_domain
                ),
            ),
            self._dashboard_figure(
                "requests_in",
                self.env._("Open Requests to Answer"),
                open_in_count,
                tone="warning" if open_in_count else "",
                drill=self._dashboard_drill(
                    self.env._("Requests to %s", department.name), "synergy.request", open_in
                ),
            ),
            self._dashboard_figure(
                "requests_late",
                self.env._("Late Requests"),
                late_count,
                tone="danger" if late_count else "success",
                drill=self._dashboard_drill(
                    self.env._("Late requests of %s", department.name), "synergy.request", late
                ),
            ),
            self._dashboard_figure(
                "behavior_points",
                self.env._("Behaviour Points"),
                points,
                digits=1,
                drill=self._dashboard_drill(
                    self.env._("Behaviour points of %s", department.name),
                    "synergy.behavior.record",
                    self._behavior_domain(department, period),
                ),
            ),
        ]
        return self._dashboard_figures(
            "summary", period.display_name or self.env._("Summary"), items
        )

    @api.model
    def _section_scorecard(self, card):
        return self._dashboard_scorecard_table(
            self.env._("Scorecard"),
            card,
            help=self.env._(
                "Each KPI of the department's scorecard: target, actual, achievement, score."
            ),
        )

    @api.model
    def _section_trend(self, department, period):
        """One line per KPI (its score) and the scorecard's KPI score over the last periods
        of the selected period's kind: two searches whatever the number of periods."""
        periods = self._dashboard_previous_periods(period, TREND_PERIODS)
        cards = self.env["synergy.scorecard"].search(
            [
                *self._dashboard_owner_domain("department", department),
                ("period_id", "in", periods.ids),
            ]
        )
        lines = cards.line_ids
        index = {p.id: i for i, p in enumerate(periods)}
        total = [None] * len(periods)
        for card in cards:
            total[index[card.period_id.id]] = card.kpi_score
        by_kpi = {}
        for line in lines:
            data = by_kpi.setdefault(line.kpi_id, [None] * len(periods))
            if line.has_actual:
                data[index[line.period_id.id]] = line.score
        datasets = [{"label": self.env._("KPI Score"), "data": total}] + [
            {"label": kpi.display_name, "data": data}
            for kpi, data in sorted(by_kpi.items(), key=lambda item: item[0].display_name)
        ]
        drills = [
            self._dashboard_drill(
                self.env._(
                    "%(department)s: %(period)s", department=department.name, period=p.display_name
                ),
                "synergy.scorecard.line",
                [
                    ("owner_level", "=", "department"),
                    ("department_id", "=", department.id),
                    ("period_id", "=", p.id),
                ],
            )
            for p in periods
        ]
        return self._dashboard_chart(
            "trend",
            self.env._("Score Trend"),
            "line",
            [p.display_name for p in periods],
            datasets if cards else [],
            drills=drills,
            help=self.env._("Score of each KPI over the last periods of the same kind."),
            empty=self.env._("No scorecard in these periods."),
            width=12,
        )

    @api.model
    def _alert_domain(self, department):
        return [
            ("state", "in", ("open", "acknowledged")),
            "|",
            ("department_id", "=", department.id),
            ("acting_department_ids", "in", department.ids),
        ]

    @api.model
    def _section_alerts(self, department):
        alerts = self.env["synergy.alert"].search(
            self._alert_domain(department), order="id desc", limit=ROW_LIMIT
        )
        severity = dict(alerts._fields["severity"]._description_selection(self.env))
        state = dict(alerts._fields["state"]._description_selection(self.env))
        tones = {"high": "danger", "medium": "warning", "low": "info"}
        items = [
            {
                "key": f"alert_{alert.id}",
                "label": f"{alert.kpi_id.display_name} · {alert.owner_name or ''}".strip(" ·"),
                "detail": " · ".join(
                    filter(
                        None,
                        [
                            severity.get(alert.severity),
                            state.get(alert.state),
                            alert.period_id.display_name,
                        ],
                    )
                ),
                "tone": tones.get(alert.severity, ""),
                "drill": self._dashboard_drill(
                    alert.kpi_id.display_name, "synergy.alert", [], res_id=alert.id
                ),
            }
            for alert in alerts
        ]
        return self._dashboard_list(
            "alerts",
            self.env._("Alerts to Act On"),
            items,
            empty=self.env._("No open alert."),
        )

    @api.model
    def _sla_status(self, request):
        """(label, tone) of a request's SLA."""
        if request.response_overdue or request.solution_overdue:
            return self.env._("Late"), "danger"
        if request.state in ("delivered", "accepted"):
            if (
                request.solution_deadline
                and request.date_delivered
                and request.date_delivered > request.solution_deadline
            ):
                return self.env._("Delivered late"), "warning"
            return self.env._("Met"), "success"
        return self.env._("On time"), "info"

    @api.model
    def _section_requests(self, department, period):
        Request = self.env["synergy.request"]
        domain = [
            "|",
            ("requesting_department_id", "=", department.id),
            ("responding_department_id", "=", department.id),
            "|",
            ("state", "!=", "accepted"),
            *self._date_domain(period, "request_date"),
        ]
        requests = Request.search(domain, order="request_date desc, id desc", limit=ROW_LIMIT)
        states = dict(Request._fields["state"]._description_selection(self.env))
        columns = [
            self._dashboard_column("name", self.env._("Request")),
            self._dashboard_column("direction", self.env._("Direction")),
            self._dashboard_column("partner", self.env._("Other Department")),
            self._dashboard_column("state", self.env._("Status"), "badge"),
            self._dashboard_column("sla", self.env._("SLA"), "badge"),
        ]
        rows = []
        for request in requests:
            incoming = request.responding_department_id == department
            sla, tone = self._sla_status(request)
            rows.append(
                self._dashboard_row(
                    f"request_{request.id}",
                    {
                        "name": request.name,
                        "direction": self.env._("To us") if incoming else self.env._("From us"),
                        "partner": (
                            request.requesting_department_id
                            if incoming
                            else request.responding_department_id
                        ).display_name,
                        "state": states.get(request.state),
                        "sla": sla,
                    },
                    tones={"sla": tone},
                    drill=self._dashboard_drill(
                        request.name, "synergy.request", [], res_id=request.id
                    ),
                )
            )
        return self._dashboard_table(
            "requests",
            self.env._("Requests to and from the Department"),
            columns,
            rows,
            help=self.env._("Open requests and the requests raised in the period, with their SLA."),
            empty=self.env._("No request."),
        )

    @api.model
    def _section_evaluations(self, department, period):
        """Aggregates only: each evaluation of the department (status, score once enough
        responses count) and the campaigns the department evaluates in; never a response."""
        targets = self.env["synergy.evaluation.target"].search(
            [
                ("department_id", "=", department.id),
                *self._period_domain(period, "campaign_id.period_id"),
            ],
            order="id desc",
            limit=ROW_LIMIT,
        )
        campaigns = self.env["synergy.evaluation.campaign"].search(
            [
                ("evaluator_department_ids", "in", department.ids),
                *self._period_domain(period),
            ],
            order="date_deadline desc, id desc",
            limit=ROW_LIMIT,
        )
        status = dict(targets._fields["status"]._description_selection(self.env))
        states = dict(campaigns._fields["state"]._description_selection(self.env))
        types = dict(campaigns._fields["campaign_type"]._description_selection(self.env))
        columns = [
            self._dashboard_column("campaign", self.env._("Campaign")),
            self._dashboard_column("role", self.env._("Role")),
            self._dashboard_column("status", self.env._("Status"), "badge"),
            self._dashboard_column("score", self.env._("Score"), "number", 1),
        ]
        rows = []
        for target in targets:
            done = target.status == "done"
            rows.append(
                self._dashboard_row(
                    f"target_{target.id}",
                    {
                        "campaign": target.campaign_id.display_name,
                        "role": self.env._("Evaluated"),
                        "status": status.get(target.status),
                        "score": target.score if done else None,
                    },
                    tones={
                        "status": {"done": "success", "insufficient": "warning"}.get(
                            target.status, "muted"
                        )
                    },
                    drill=self._dashboard_drill(
                        target.campaign_id.display_name,
                        "synergy.evaluation.target",
                        [],
                        res_id=target.id,
                    ),
                )
            )
        for campaign in campaigns:
            rows.append(
                self._dashboard_row(
                    f"campaign_{campaign.id}",
                    {
                        "campaign": campaign.display_name,
                        "role": self.env._(
                            "Evaluator (%s)", types.get(campaign.campaign_type) or ""
                        ),
                        "status": states.get(campaign.state),
                        "score": None,
                    },
                    tones={"status": "info" if campaign.state == "open" else "muted"},
                    drill=self._dashboard_drill(
                        campaign.display_name,
                        "synergy.evaluation.campaign",
                        [],
                        res_id=campaign.id,
                    ),
                )
            )
        return self._dashboard_table(
            "evaluations",
            self.env._("Evaluations Given and Received"),
            columns,
            rows,
            help=self.env._(
                "Results of the department's evaluations (shown once enough responses count) "
                "and the campaigns in which it evaluates others. Individual answers stay "
                "anonymous."
            ),
            empty=self.env._("No evaluation in this period."),
        )

    @api.model
    def _behavior_domain(self, department, period):
        return [
            ("state", "=", "approved"),
            ("department_id", "=", department.id),
            *self._period_domain(period),
        ]

    @api.model
    def _behavior_points(self, department, period):
        groups = self.env["synergy.behavior.record"]._read_group(
            self._behavior_domain(department, period), aggregates=["points:sum"]
        )
        return groups[0][0] if groups else 0.0

    @api.model
    def _section_behavior(self, department, period):
        domain = self._behavior_domain(department, period)
        groups = self.env["synergy.behavior.record"]._read_group(
            domain, groupby=["type_id"], aggregates=["points:sum"], order="type_id"
        )
        labels = [behavior_type.display_name for behavior_type, _points in groups]
        data = [points for _type, points in groups]
        drills = [
            self._dashboard_drill(
                behavior_type.display_name,
                "synergy.behavior.record",
                [*domain, ("type_id", "=", behavior_type.id)],
            )
            for behavior_type, _points in groups
        ]
        return self._dashboard_chart(
            "behavior",
            self.env._("Behaviour Points"),
            "bar",
            labels,
            [{"label": self.env._("Points"), "data": data}] if groups else [],
            drills=drills,
            help=self.env._(
                "Approved collaboration points of the department in the period, by type."
            ),
            empty=self.env._("No approved points in this period."),
        )

    @api.model
    def _section_served(self, department, period):
        """The company KPIs the department's lines drive, directly or through other lines:
        only the company lines the reader may read."""
        Line = self.env["synergy.scorecard.line"]
        own_lines = Line.search(
            [
                ("owner_level", "=", "department"),
                ("department_id", "=", department.id),
                ("period_id", "=", period.id if period else False),
            ]
        )
        served = (
            own_lines._ancestors()
            ._filtered_access("read")
            .filtered(lambda line: line.owner_level == "company")
        )
        columns = [
            self._dashboard_column("kpi", self.env._("Company KPI")),
            self._dashboard_column("target", self.env._("Target"), "number", 2),
            self._dashboard_column("actual", self.env._("Actual"), "number", 2),
            self._dashboard_column("score", self.env._("Score"), "progress", 1),
        ]
        rows = [
            self._dashboard_row(
                f"served_{line.id}",
                {
                    "kpi": line.kpi_id.display_name,
                    "target": line.target,
                    "actual": line.actual if line.has_actual else None,
                    "score": line.score if line.has_actual else None,
                },
                tones={"score": self._dashboard_score_tone(line.score, line.has_actual)},
                drill=self._dashboard_drill(
                    line.kpi_id.display_name, "synergy.scorecard.line", [], res_id=line.id
                ),
            )
            for line in served
        ]
        return self._dashboard_table(
            "served",
            self.env._("Company KPIs Served"),
            columns,
            rows,
            help=self.env._("Company scorecard lines that this department's lines drive."),
            empty=self.env._("No company KPI you may read is driven by this department's lines."),
        )
