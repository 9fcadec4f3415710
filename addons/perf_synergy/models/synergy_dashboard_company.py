"""Company Synergy Health (issue 20): the performance office's dashboard.

Process steps by health, interlocks under floor, linkage ratios of the approved matrix of the
period's year, alerts by severity, the department ranking of the period and the collaboration
map, for one company (the current one, or another of the user's companies) and one period.
Computed in the reader's environment, a constant number of queries.
"""

from odoo import api, models

from ..tools.write_policy import OFFICER, user_action

HEALTH_TONES = {"red": "danger", "amber": "warning", "green": "success", "unknown": "muted"}
SEVERITY_TONES = {"high": "danger", "medium": "warning", "low": "info"}
OPEN_ALERT_STATES = ("open", "acknowledged")


class SynergyDashboardCompany(models.AbstractModel):
    _name = "synergy.dashboard.company"
    _inherit = ["synergy.dashboard.mixin"]
    _description = "Company Synergy Health"

    @api.model
    @user_action(OFFICER)
    def get_dashboard_data(self, period_id=None, scope_id=None):
        dashboard, company, companies, period, periods = self._dashboard_company_selection(
            period_id, scope_id
        )
        sections = [dashboard._health_processes(company)]
        if period:
            collaboration = self.env["synergy.dashboard.collaboration"]
            sections += [
                dashboard._health_alerts(company, period),
                dashboard._health_interlocks(company, period),
                dashboard._health_ranking(company, period),
                dashboard._health_linkage(company, period),
                *collaboration._dashboard_in_company(company)._collaboration_sections(
                    company, period
                ),
            ]
        return self._dashboard_company_result(
            self.env._("Company Synergy Health: %s", company.name),
            company,
            companies,
            period,
            periods,
            sections,
        )

    # ------------------------------------------------------------------ sections
    @api.model
    def _health_processes(self, company):
        """Steps of the active processes by health (today's health, as on the process
        dashboard), one figure per colour, each opening its steps."""
        nodes = self.env["synergy.process.node"].search(
            [
                ("process_id.active", "=", True),
                "|",
                ("company_id", "=", False),
                ("company_id", "=", company.id),
            ]
        )
        by_health = nodes.grouped("health")
        labels = {
            "red": self.env._("Red Steps"),
            "amber": self.env._("Amber Steps"),
            "green": self.env._("Green Steps"),
            "unknown": self.env._("Steps Without Data"),
        }
        items = []
        for health, label in labels.items():
            steps = by_health.get(health, nodes.browse())
            items.append(
                self._dashboard_figure(
                    f"steps_{health}",
                    label,
                    len(steps),
                    tone=HEALTH_TONES[health] if steps else "muted",
                    drill=self._dashboard_drill(
                        label,
                        "synergy.process.node",
                        [("id", "in", steps.ids)],
                        views=["list", "form"],
                    ),
                )
            )
        return self._dashboard_figures(
            "process_health",
            self.env._("Process Steps by Health"),
            items,
            help=self.env._(
                "Each step's health from its KPIs' scores this period; red on a high alert."
            ),
        )

    @api.model
    def _health_alerts(self, company, period):
        """Open and acknowledged alerts of the period's values, by severity (one grouped
        query)."""
        domain = [
            ("company_id", "=", company.id),
            ("state", "in", OPEN_ALERT_STATES),
            ("period_id.date_start", ">=", period.date_start),
            ("period_id.date_end", "<=", period.date_end),
        ]
        counts = dict(self.env["synergy.alert"]._read_group(domain, ["severity"], ["__count"]))
        labels = dict(
            self.env["synergy.alert"]._fields["severity"]._description_selection(self.env)
        )
        items = []
        for severity in ("high", "medium", "low"):
            count = counts.get(severity, 0)
            label = self.env._("%s Alerts", labels.get(severity, severity))
            items.append(
                self._dashboard_figure(
                    f"alerts_{severity}",
                    label,
                    count,
                    tone=SEVERITY_TONES[severity] if count else "muted",
                    drill=self._dashboard_drill(
                        label,
                        "synergy.alert",
                        [*domain, ("severity", "=", severity)],
                        views=["list", "form"],
                    ),
                )
            )
        return self._dashboard_figures(
            "alerts",
            self.env._("Open Alerts by Severity"),
            items,
            help=self.env._("Deviations of the period's values not yet resolved."),
        )

    @api.model
    def _health_interlocks(self, company, period):
        """Interlocks of the period whose result is under the floor."""
        interlocks = self.env["synergy.interlock"].search(
            [
                ("company_id", "=", company.id),
                ("state", "in", ("active", "closed")),
                ("period_id.date_start", ">=", period.date_start),
                ("period_id.date_end", "<=", period.date_end),
            ]
        )
        under = interlocks.filtered(lambda i: i.outcome == "under_floor")
        columns = [
            self._dashboard_column("name", self.env._("Interlock")),
            self._dashboard_column("kpi", self.env._("KPI")),
            self._dashboard_column("period", self.env._("Period")),
            self._dashboard_column("floor", self.env._("Floor"), "number", 2),
            self._dashboard_column("target", self.env._("Target"), "number", 2),
            self._dashboard_column("actual", self.env._("Actual"), "number", 2),
            self._dashboard_column("joint_review", self.env._("Joint Review"), "badge"),
        ]
        rows = [
            self._dashboard_row(
                f"interlock_{interlock.id}",
                {
                    "name": interlock.name,
                    "kpi": interlock.kpi_id.display_name,
                    "period": interlock.period_id.display_name,
                    "floor": interlock.floor,
                    "target": interlock.target,
                    "actual": interlock.actual,
                    "joint_review": self.env._("Opened")
                    if interlock.joint_review_opened
                    else self.env._("Not yet"),
                },
                tones={
                    "actual": "danger",
                    "joint_review": "" if interlock.joint_review_opened else "warning",
                },
                drill=self._dashboard_drill(
                    interlock.name,
                    "synergy.interlock",
                    [("id", "=", interlock.id)],
                    res_id=interlock.id,
                ),
            )
            for interlock in under
        ]
        return self._dashboard_table(
            "interlocks_under_floor",
            self.env._("Interlocks Under Floor"),
            columns,
            rows,
            help=self.env._("Shared results below the floor: the members review them together."),
            empty=self.env._("No interlock under its floor in this period."),
        )

    @api.model
    def _health_ranking(self, company, period):
        """Department scorecards of the period, best final score first."""
        cards = self.env["synergy.scorecard"].search(
            [
                ("company_id", "=", company.id),
                ("period_id", "=", period.id),
                ("owner_level", "=", "department"),
            ],
            order="final_score desc, id",
        )
        states = dict(
            self.env["synergy.scorecard"]._fields["state"]._description_selection(self.env)
        )
        columns = [
            self._dashboard_column("rank", self.env._("Rank"), "number", 0),
            self._dashboard_column("department", self.env._("Department")),
            self._dashboard_column("kpi_score", self.env._("KPI Score"), "number", 2),
            self._dashboard_column("final_score", self.env._("Final Score"), "progress", 2),
            self._dashboard_column("state", self.env._("Status"), "badge"),
        ]
        rows = [
            self._dashboard_row(
                f"scorecard_{card.id}",
                {
                    "rank": rank,
                    "department": card.department_id.name,
                    "kpi_score": card.kpi_score,
                    "final_score": card.final_score,
                    "state": states.get(card.state, card.state),
                },
                tones={"final_score": self._dashboard_score_tone(card.final_score)},
                drill=self._dashboard_drill(
                    card.display_name, "synergy.scorecard", [("id", "=", card.id)], res_id=card.id
                ),
            )
            for rank, card in enumerate(cards, start=1)
        ]
        return self._dashboard_table(
            "department_ranking",
            self.env._("Department Ranking"),
            columns,
            rows,
            help=self.env._("Department scorecards of %s by final score.", period.display_name),
            empty=self.env._("No department scorecard in this period."),
        )

    @api.model
    def _health_linkage(self, company, period):
        """Links of the approved linkage matrix of the period's year (latest version)."""
        matrix = self.env["synergy.linkage.matrix"].search(
            [
                ("company_id", "=", company.id),
                ("state", "=", "approved"),
                ("year", "=", period.date_start.year),
            ],
            order="version desc",
            limit=1,
        )
        lines = matrix.line_ids.filtered(lambda line: line.relevance != "none").sorted(
            lambda line: (
                -line.ratio,
                line.department_id.name or "",
                line.kpi_id.display_name or "",
            )
        )
        relevances = dict(
            self.env["synergy.linkage.line"]._fields["relevance"]._description_selection(self.env)
        )
        columns = [
            self._dashboard_column("department", self.env._("Department")),
            self._dashboard_column("kpi", self.env._("Company KPI")),
            self._dashboard_column("relevance", self.env._("Relevance"), "badge"),
            self._dashboard_column("ratio", self.env._("Ratio ρ (%)"), "number", 1),
        ]
        rows = [
            self._dashboard_row(
                f"linkage_{line.id}",
                {
                    "department": line.department_id.name,
                    "kpi": line.kpi_id.display_name,
                    "relevance": relevances.get(line.relevance, line.relevance),
                    "ratio": line.ratio,
                },
                drill=self._dashboard_drill(
                    matrix.display_name,
                    "synergy.linkage.line",
                    [("matrix_id", "=", matrix.id), ("department_id", "=", line.department_id.id)],
                    views=["list"],
                ),
            )
            for line in lines
        ]
        return self._dashboard_table(
            "linkage_ratios",
            self.env._("Linkage Ratios"),
            columns,
            rows,
            help=self.env._("The approved linkage matrix of %s.", period.date_start.year),
            empty=self.env._("No approved linkage matrix for %s.", period.date_start.year),
        )
