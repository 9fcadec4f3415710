from odoo import api, models
from odoo.fields import Date

from ..tools.write_policy import USER, user_action

# How many periods the trend line covers, the selected one included.
TREND_PERIODS = 6
ROW_LIMIT = 15


class SynergyDashboardEmployee(models.AbstractModel):
    """*My Results*: an employee's own scorecard, published result, points and the
    evaluations he has to give (issue 20). Only what he may read: his final score and grade
    appear once the performance office publishes them (docs/security.md, privacy)."""

    _name = "synergy.dashboard.employee"
    _inherit = ["synergy.dashboard.mixin"]
    _dashboard_action_xmlid = "perf_synergy.action_synergy_dashboard_employee"
    _description = "My Results"

    @api.model
    @user_action(USER)
    def get_dashboard_data(self, period_id=None, scope_id=None):
        """The reader's own results for one period (``period_id``, default the latest started
        one with his scorecard); ``scope_id`` is one of his own employee records (he may have
        one per company), never a colleague's."""
        scopes = self._dashboard_scopes()
        employee = (
            self._dashboard_record("hr.employee", scope_id, "scope_id", allowed=scopes)
            or scopes[:1]
        )
        periods = self._dashboard_periods(
            [("company_id", "=", employee.company_id.id)] if employee else None
        )
        period = self._dashboard_owner_period(period_id, "employee", employee, periods)
        if not employee:
            return self._dashboard_result(
                self.env._("My Results"),
                period=period,
                periods=periods,
                scope_label=self.env._("Employee"),
                notice=self._dashboard_notice(
                    self.env._(
                        "Your user is not linked to an employee in this company, so there are no "
                        "results to show. Ask HR to set your user on your employee record."
                    ),
                    tone="warning",
                ),
            )
        card = self._dashboard_owner_card("employee", employee, period)
        sections = [
            self._section_summary(employee, period, card),
            self._section_result(card),
            self._section_scorecard(card),
            self._section_trend(employee, period),
            self._section_evaluations(),
        ]
        notice = False
        if not card:
            notice = self._dashboard_notice(
                self.env._(
                    "You have no scorecard for %s. Your department head or the performance "
                    "office creates it; your results appear here once it exists.",
                    period.display_name or self.env._("this period"),
                )
            )
        return self._dashboard_result(
            self.env._("My Results: %s", employee.name),
            period=period,
            periods=periods,
            scope=employee,
            scopes=scopes,
            scope_label=self.env._("Employee"),
            sections=sections,
            notice=notice,
        )

    # ------------------------------------------------------------------ scope and period
    @api.model
    def _dashboard_scopes(self):
        """The reader's own employee records in the current companies."""
        return self.env.user.employee_ids.filtered(
            lambda e: e.company_id in self.env.companies
        ).sorted("id")

    @api.model
    def _behavior_domain(self, employee, period):
        return [
            ("state", "=", "approved"),
            ("employee_id", "=", employee.id),
            ("period_id", "child_of", period.id) if period else ("period_id", "=", False),
        ]

    @api.model
    def _pending_evaluations_domain(self):
        return [("evaluator_id", "=", self.env.uid), ("state", "=", "pending")]

    # ------------------------------------------------------------------ sections
    @api.model
    def _section_summary(self, employee, period, card):
        behavior_domain = self._behavior_domain(employee, period)
        points = self.env["synergy.behavior.record"]._read_group(
            behavior_domain, aggregates=["points:sum"]
        )[0][0]
        pending = self.env["synergy.evaluation.response"].search_count(
            self._pending_evaluations_domain()
        )
        published = bool(card) and card.result_published
        items = [
            self._dashboard_kpi_score_figure(card),
            self._dashboard_figure(
                "final_score",
                self.env._("Published Final Score"),
                card.published_final_score if published else None,
                digits=1,
                tone=self._dashboard_score_tone(card.published_final_score)
                if published
                else "muted",
                drill=self._dashboard_card_drill(card),
                help=None
                if published
                else self.env._("Shown once the performance office publishes it."),
            ),
            self._dashboard_figure(
                "behavior_points",
                self.env._("Behaviour Points"),
                points or 0.0,
                digits=1,
                drill=self._dashboard_drill(
                    self.env._("My behaviour points"), "synergy.behavior.record", behavior_domain
                ),
            ),
            self._dashboard_figure(
                "evaluations_to_give",
                self.env._("Evaluations to Give"),
                pending,
                tone="warning" if pending else "success",
                drill=self._dashboard_drill(
                    self.env._("My Evaluations"),
                    "synergy.evaluation.response",
                    self._pending_evaluations_domain(),
                ),
            ),
        ]
        return self._dashboard_figures(
            "summary", period.display_name or self.env._("Summary"), items
        )

    @api.model
    def _section_result(self, card):
        """The published result and where its "why" is: the scorecard's form."""
        items = []
        if card:
            drill = self._dashboard_card_drill(card)
            if card.result_published:
                items.append(
                    {
                        "key": "published",
                        "label": self.env._(
                            "Final score %(score)s, grade %(grade)s",
                            score=f"{card.published_final_score:.1f}",
                            grade=card.published_grade or "–",
                        ),
                        "detail": self.env._("Open the scorecard to see why this score."),
                        "tone": self._dashboard_score_tone(card.published_final_score),
                        "drill": drill,
                    }
                )
            else:
                items.append(
                    {
                        "key": "unpublished",
                        "label": self.env._("Result not published yet"),
                        "detail": self.env._(
                            "Your final score and grade appear here once the performance "
                            "office publishes the period's results."
                        ),
                        "tone": "muted",
                        "drill": drill,
                    }
                )
        return self._dashboard_list(
            "result",
            self.env._("Published Result"),
            items,
            empty=self.env._("No scorecard for this period."),
        )

    @api.model
    def _section_scorecard(self, card):
        return self._dashboard_scorecard_table(self.env._("My Scorecard"), card)

    @api.model
    def _section_trend(self, employee, period):
        periods = self._dashboard_previous_periods(period, TREND_PERIODS)
        cards = self.env["synergy.scorecard"].search(
            [
                *self._dashboard_owner_domain("employee", employee),
                ("period_id", "in", periods.ids),
            ]
        )
        index = {p.id: i for i, p in enumerate(periods)}
        kpi = [None] * len(periods)
        final = [None] * len(periods)
        drills = [None] * len(periods)
        for card in cards:
            i = index[card.period_id.id]
            kpi[i] = card.kpi_score
            if card.result_published:
                final[i] = card.published_final_score
            drills[i] = self._dashboard_card_drill(card)
        datasets = [{"label": self.env._("KPI Score"), "data": kpi}]
        if any(value is not None for value in final):
            datasets.append({"label": self.env._("Published Final Score"), "data": final})
        return self._dashboard_chart(
            "trend",
            self.env._("My Trend"),
            "line",
            [p.display_name for p in periods],
            datasets if cards else [],
            drills=drills,
            empty=self.env._("No scorecard in these periods."),
        )

    @api.model
    def _section_evaluations(self):
        responses = self.env["synergy.evaluation.response"].search(
            self._pending_evaluations_domain(), order="id", limit=ROW_LIMIT
        )
        today = Date.context_today(self)
        items = [
            {
                "key": f"response_{response.id}",
                "label": response.target_name or response.campaign_id.display_name,
                "detail": self.env._(
                    "%(campaign)s · due %(deadline)s",
                    campaign=response.campaign_id.display_name,
                    deadline=Date.to_string(response.deadline) if response.deadline else "–",
                ),
                "tone": "danger" if response.deadline and response.deadline < today else "",
                "drill": self._dashboard_drill(
                    response.campaign_id.display_name,
                    "synergy.evaluation.response",
                    [],
                    res_id=response.id,
                ),
            }
            for response in responses
        ]
        return self._dashboard_list(
            "evaluations",
            self.env._("Evaluations to Give"),
            items,
            empty=self.env._("Nothing to evaluate."),
        )
