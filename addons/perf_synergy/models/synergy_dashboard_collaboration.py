"""The collaboration map (issue 20): where departments fail each other, pair by pair.

Figures are gathered in bulk - one grouped query per source, whatever the number of
departments, requests or periods - in the reader's environment, and turned into seams by the
pure engine (``engine/collaboration.py``, formulas in docs/formulas.md).
"""

from datetime import datetime, time, timedelta

from odoo import api, models

from ..engine.collaboration import (
    WEIGHTS,
    Seam,
    evaluation_aggregate,
    tone,
    weakest_seams,
)
from ..tools.write_policy import OFFICER, user_action

REQUEST_EVENTS = ("request_answered", "request_accepted", "request_reopened")
# Department-level evaluations: the evaluator's department is served by the evaluated one.
EVALUATION_TYPES = ("internal_customer", "tier", "peer")
WEAKEST_LIMIT = 10


class SynergyDashboardCollaboration(models.AbstractModel):
    _name = "synergy.dashboard.collaboration"
    _inherit = ["synergy.dashboard.mixin"]
    _description = "Collaboration Map"

    # ------------------------------------------------------------------ entry point
    @api.model
    @user_action(OFFICER)
    def get_dashboard_data(self, period_id=None, scope_id=None):
        """The collaboration map of a company (scope) and a period, for officers only: the
        map compares every department with every other, which only the performance office
        reads in full (a head or a committee member would see a map cut by his record
        rules, and read it as the company's)."""
        dashboard, company, companies, period, periods = self._dashboard_company_selection(
            period_id, scope_id
        )
        sections = dashboard._collaboration_sections(company, period) if period else []
        return self._dashboard_company_result(
            self.env._("Collaboration Map: %s", company.name),
            company,
            companies,
            period,
            periods,
            sections,
        )

    @api.model
    def _dashboard_filled_period(self, started):
        """The newest of the ``started`` periods in which a request the reader may read was
        raised: the map's data are the requests between departments, not scorecards (one
        query, the latest request; the first period of the selector's order that holds its
        date is the newest, the shortest at equal starts)."""
        bounds = [self._period_bounds(period) for period in started]
        latest = self.env["synergy.request"].search(
            [
                ("company_id", "in", started.company_id.ids),
                ("request_date", ">=", min(start for start, _end in bounds)),
                ("request_date", "<", max(end for _start, end in bounds)),
            ],
            order="request_date desc, id desc",
            limit=1,
        )
        if not latest:
            return self.env["synergy.period"]
        return next(
            (
                period
                for period, (start, end) in zip(started, bounds, strict=True)
                if start <= latest.request_date < end
            ),
            self.env["synergy.period"],
        )

    # ------------------------------------------------------------------ data
    @api.model
    def _period_bounds(self, period):
        start = datetime.combine(period.date_start, time.min)
        end = datetime.combine(period.date_end + timedelta(days=1), time.min)
        return start, end

    @api.model
    def _collaboration_seams(self, company, period):
        """({(served id, serving id): Seam}, evaluated campaigns) of ``company`` in ``period``:
        a constant number of queries."""
        start, end = self._period_bounds(period)
        seams = {}

        def seam(served, serving):
            key = (served.id, serving.id)
            if key not in seams:
                seams[key] = Seam(served=served.id, serving=serving.id)
            return seams[key]

        # Requests raised in the period (by their request date).
        Request = self.env["synergy.request"]
        pair_fields = ["requesting_department_id", "responding_department_id"]
        in_company = [("company_id", "=", company.id)]
        for served, serving, count in Request._read_group(
            [*in_company, ("request_date", ">=", start), ("request_date", "<", end)],
            pair_fields,
            ["__count"],
        ):
            seam(served, serving).raised += count

        # Answers (on time or late), acceptances with their rating and reopenings of the
        # period, from the behaviour log. One grouped query.
        groups = self.env["synergy.event"]._read_group(
            [
                *in_company,
                ("event_type", "in", REQUEST_EVENTS),
                ("date", ">=", start),
                ("date", "<", end),
                ("department_id", "!=", False),
                ("partner_department_id", "!=", False),
            ],
            ["event_type", "department_id", "partner_department_id", "on_time"],
            ["__count", "rating:sum"],
        )
        for event_type, acting, partner, on_time, count, rating_sum in groups:
            if event_type == "request_answered":
                pair = seam(partner, acting)  # the responding side acts
                if on_time:
                    pair.on_time += count
                else:
                    pair.late += count
                continue
            pair = seam(acting, partner)  # the requesting side acts
            if event_type == "request_accepted":
                pair.rating_sum += rating_sum or 0.0
                pair.rating_count += count
            else:
                pair.reopened += count

        # Requests still without a first answer whose deadline passed in the period: the SLA
        # broke in this period (each overdue request counts in one period of each kind).
        for served, serving, count in Request._read_group(
            [
                *in_company,
                ("response_overdue", "=", True),
                ("response_deadline", ">=", start),
                ("response_deadline", "<", end),
            ],
            pair_fields,
            ["__count"],
        ):
            seam(served, serving).overdue += count

        self._collaboration_points(company, period, seam)
        self._collaboration_raci(company, start, end, seam)
        campaigns = self._collaboration_evaluations(company, period, seam)
        return seams, campaigns

    @api.model
    def _departments_of_users(self, company, users):
        """{user id: department} of ``users``' employees in ``company`` (one grouped query on
        the public employee directory, which every employee may read)."""
        if not users:
            return {}
        return {
            user.id: department
            for user, department, _count in self.env["hr.employee.public"]._read_group(
                [
                    ("user_id", "in", users.ids),
                    ("company_id", "=", company.id),
                    ("department_id", "!=", False),
                ],
                ["user_id", "department_id"],
                ["__count"],
            )
        }

    @api.model
    def _collaboration_points(self, company, period, seam):
        """Approved behaviour points of the period credited to a department (or its people)
        by someone of another department: the proposer's department was served."""
        groups = self.env["synergy.behavior.record"]._read_group(
            [
                ("company_id", "=", company.id),
                ("state", "=", "approved"),
                ("date", ">=", period.date_start),
                ("date", "<=", period.date_end),
                ("department_id", "!=", False),
            ],
            ["proposer_id", "department_id"],
            ["points:sum", "__count"],
        )
        if not groups:
            return
        proposers = self.env["res.users"].browse({user.id for user, *_rest in groups})
        department_of = self._departments_of_users(company, proposers)
        for proposer, credited, points, count in groups:
            served = department_of.get(proposer.id)
            if not served or served == credited:
                continue
            pair = seam(served, credited)
            pair.points += points or 0.0
            pair.point_records += count

    @api.model
    def _collaboration_raci(self, company, start, end, seam):
        """RACI consultations of the period (behaviour log), answered when the consulted
        person has no open to-do left on the task."""
        events = self.env["synergy.event"].search_fetch(
            [
                ("company_id", "=", company.id),
                ("event_type", "=", "raci_consulted"),
                ("date", ">=", start),
                ("date", "<", end),
                ("department_id", "!=", False),
                ("partner_department_id", "!=", False),
            ],
            ["department_id", "partner_department_id", "res_model", "res_id"],
        )
        if not events:
            return
        assignments = self.env["synergy.raci.assignment"].browse(
            {e.res_id for e in events if e.res_model == "synergy.raci.assignment"}
        )
        assignments = assignments.exists()
        cells = {
            a.id: (a.task_id.project_task_id.id, a.user_id.id)
            for a in assignments
            if a.task_id.project_task_id and a.user_id
        }
        waiting = set()
        if cells:
            # Whether a consultation the officer reads in the log still waits is a yes/no per
            # task and person; the to-dos themselves stay unread (activities follow the
            # task's rights, which an officer may lack on some projects).
            for task_id, user, _count in (
                self.env["mail.activity"]
                .sudo()
                ._read_group(
                    [
                        ("res_model", "=", "project.task"),
                        ("res_id", "in", [task for task, _user in cells.values()]),
                        ("user_id", "in", [user for _task, user in cells.values()]),
                    ],
                    ["res_id", "user_id"],
                    ["__count"],
                )
            ):
                waiting.add((task_id, user.id))
        for event in events:
            pair = seam(event.partner_department_id, event.department_id)
            pair.consulted += 1
            cell = cells.get(event.res_id) if event.res_model == "synergy.raci.assignment" else None
            if cell and cell not in waiting:
                pair.consult_answered += 1

    @api.model
    def _collaboration_evaluations(self, company, period, seam):
        """Department evaluations of closed campaigns of the period: per pair (the evaluators'
        department, the evaluated department) the mean of the kept responses, only with at
        least the company's minimum number of distinct evaluators; no evaluator is named."""
        domain = [
            ("company_id", "=", company.id),
            ("campaign_id.state", "=", "closed"),
            ("campaign_id.campaign_type", "in", EVALUATION_TYPES),
            ("campaign_id.period_id.date_start", ">=", period.date_start),
            ("campaign_id.period_id.date_end", "<=", period.date_end),
            ("state", "=", "submitted"),
            ("review", "!=", "excluded"),
            ("target_id.department_id", "!=", False),
        ]
        groups = self.env["synergy.evaluation.response"]._read_group(
            domain,
            ["target_id.department_id", "evaluator_id", "campaign_id"],
            ["mean:sum", "__count"],
        )
        if not groups:
            return self.env["synergy.evaluation.campaign"]
        evaluators = self.env["res.users"].browse({user.id for _dep, user, _c, _s, _n in groups})
        department_of = self._departments_of_users(company, evaluators)
        by_pair = {}
        campaigns = self.env["synergy.evaluation.campaign"]
        for evaluated, user, campaign, mean_sum, count in groups:
            served = department_of.get(user.id)
            campaigns |= campaign
            if not served or served == evaluated:
                continue
            means = by_pair.setdefault((served, evaluated), {}).setdefault(user.id, [])
            means += [mean_sum / count] * count
        minimum = company.synergy_evaluation_min_responses
        for (served, evaluated), means in by_pair.items():
            mean, evaluator_count, hidden = evaluation_aggregate(means, minimum)
            pair = seam(served, evaluated)
            pair.evaluation_mean = mean
            pair.evaluator_count = evaluator_count
            pair.evaluation_hidden = hidden
        return campaigns

    # ------------------------------------------------------------------ sections
    @api.model
    def _seam_label(self, seam):
        """The parts of a seam's health, in words: '4/6 answers on time · 2 late · ...'."""
        parts = []
        health = seam.health()
        if health is not None:
            parts.append(self.env._("Health %s", f"{health:.0f}"))
        if seam.raised:
            parts.append(self.env._("%s raised", seam.raised))
        if seam.answers_due:
            parts.append(
                self.env._(
                    "%(on_time)s/%(due)s answered on time",
                    on_time=seam.on_time,
                    due=seam.answers_due,
                )
            )
        if seam.late_total:
            parts.append(self.env._("%s late", seam.late_total))
        if seam.rating is not None:
            parts.append(
                self.env._(
                    "rating %(rating)s (%(count)s)",
                    rating=f"{seam.rating:.1f}",
                    count=seam.rating_count,
                )
            )
        if seam.reopened:
            parts.append(self.env._("%s reopened", seam.reopened))
        if seam.evaluation_mean is not None:
            parts.append(
                self.env._(
                    "evaluation %(score)s (%(count)s evaluators)",
                    score=f"{seam.parts()['evaluation']:.0f}",
                    count=seam.evaluator_count,
                )
            )
        elif seam.evaluation_hidden:
            parts.append(self.env._("evaluation: too few evaluators to show"))
        if seam.point_records:
            parts.append(self.env._("%s behaviour points", f"{seam.points:+g}"))
        if seam.consulted:
            parts.append(
                self.env._(
                    "%(answered)s/%(consulted)s consultations answered",
                    answered=seam.consult_answered,
                    consulted=seam.consulted,
                )
            )
        return " · ".join(parts)

    @api.model
    def _seam_requests_drill(self, company, period, served, serving):
        start, end = self._period_bounds(period)
        return self._dashboard_drill(
            self.env._(
                "Requests from %(served)s to %(serving)s", served=served.name, serving=serving.name
            ),
            "synergy.request",
            [
                ("company_id", "=", company.id),
                ("requesting_department_id", "=", served.id),
                ("responding_department_id", "=", serving.id),
                "|",
                "&",
                ("request_date", ">=", start),
                ("request_date", "<", end),
                "&",
                ("date_acknowledged", ">=", start),
                ("date_acknowledged", "<", end),
            ],
            views=["list", "form"],
        )

    @api.model
    def _seam_evaluations_drill(self, serving, campaigns):
        return self._dashboard_drill(
            self.env._("Evaluations of %s", serving.name),
            "synergy.evaluation.target",
            [("campaign_id", "in", campaigns.ids), ("department_id", "=", serving.id)],
            views=["list", "form"],
        )

    @api.model
    def _seam_raci_drill(self, company, period, served, serving):
        start, end = self._period_bounds(period)
        return self._dashboard_drill(
            self.env._(
                "Consultations of %(serving)s by %(served)s",
                served=served.name,
                serving=serving.name,
            ),
            "synergy.event",
            [
                ("company_id", "=", company.id),
                ("event_type", "=", "raci_consulted"),
                ("department_id", "=", serving.id),
                ("partner_department_id", "=", served.id),
                ("date", ">=", start),
                ("date", "<", end),
            ],
            views=["list", "form"],
        )

    @api.model
    def _seam_drill(self, company, period, seam, departments, campaigns):
        served, serving = departments[seam.served], departments[seam.serving]
        if seam.raised or seam.answers_due or seam.rating_count or seam.reopened:
            return self._seam_requests_drill(company, period, served, serving)
        if seam.evaluation_mean is not None or seam.evaluation_hidden:
            return self._seam_evaluations_drill(serving, campaigns)
        return self._seam_raci_drill(company, period, served, serving)

    @api.model
    def _collaboration_map(self, company, period):
        """(seams, departments by id, campaigns) of the map: the computation behind both
        sections, for tests and the company health dashboard."""
        seams, campaigns = self._collaboration_seams(company, period)
        departments = self.env["hr.department"].browse({key for pair in seams for key in pair})
        departments.fetch(["name"])
        return seams, {d.id: d for d in departments}, campaigns

    @api.model
    def _collaboration_sections(self, company, period):
        """The heat map and the weakest seams of ``company`` in ``period``."""
        seams, departments, campaigns = self._collaboration_map(company, period)
        ordered = sorted(departments.values(), key=lambda d: (d.name or "", d.id))
        served_ids = {s.served for s in seams.values()}
        serving_ids = {s.serving for s in seams.values()}
        rows = [{"id": d.id, "name": d.name} for d in ordered if d.id in served_ids]
        cols = [{"id": d.id, "name": d.name} for d in ordered if d.id in serving_ids]
        cells = []
        for seam in sorted(seams.values(), key=lambda s: s.key):
            health = seam.health()
            cells.append(
                {
                    "row": seam.served,
                    "col": seam.serving,
                    "value": round(health, 1) if health is not None else None,
                    "label": self._seam_label(seam),
                    "tone": tone(health),
                    "drill": self._seam_drill(company, period, seam, departments, campaigns),
                }
            )
        legend = self.env._(
            "Rows: the served department (it requests, consults, evaluates); columns: the "
            "serving department. Service health out of 100: %(sla)s%% answers within the SLA, "
            "%(rating)s%% acceptance ratings, %(evaluation)s%% evaluations (shown from "
            "%(minimum)s evaluators), %(raci)s%% RACI consultations answered; a part without "
            "data gives its weight to the others. Green from 80, red below 60.",
            sla=f"{WEIGHTS['sla']:g}",
            rating=f"{WEIGHTS['rating']:g}",
            evaluation=f"{WEIGHTS['evaluation']:g}",
            raci=f"{WEIGHTS['raci']:g}",
            minimum=company.synergy_evaluation_min_responses,
        )
        heatmap = self._dashboard_heatmap(
            "collaboration_map",
            self.env._("Collaboration Map"),
            rows,
            cols,
            cells,
            legend=legend,
            help=self.env._("How each department serves the others in %s.", period.display_name),
            empty=self.env._(
                "No request, consultation or evaluation between departments in this period."
            ),
        )
        items = []
        for seam in weakest_seams(seams.values(), limit=WEAKEST_LIMIT):
            served, serving = departments[seam.served], departments[seam.serving]
            item = {
                "key": f"seam_{seam.served}_{seam.serving}",
                "label": self.env._(
                    "%(served)s → %(serving)s", served=served.name, serving=serving.name
                ),
                "detail": self._seam_label(seam),
                "tone": tone(seam.health()) if seam.health() is not None else "danger",
                "drill": self._seam_drill(company, period, seam, departments, campaigns),
            }
            links = []
            if seam.raised or seam.answers_due or seam.rating_count:
                links.append(
                    {
                        "label": self.env._("Requests"),
                        "drill": self._seam_requests_drill(company, period, served, serving),
                    }
                )
            if seam.evaluation_mean is not None or seam.evaluation_hidden:
                links.append(
                    {
                        "label": self.env._("Evaluations"),
                        "drill": self._seam_evaluations_drill(serving, campaigns),
                    }
                )
            if seam.consulted:
                links.append(
                    {
                        "label": self.env._("Consultations"),
                        "drill": self._seam_raci_drill(company, period, served, serving),
                    }
                )
            item["links"] = links
            items.append(item)
        weakest = self._dashboard_list(
            "weakest_seams",
            self.env._("Weakest Seams"),
            items,
            help=self.env._(
                "Pairs with the most late answers first, then the lowest acceptance ratings."
            ),
            empty=self.env._("No weak seam in this period: every answer on time, no low rating."),
        )
        return [heatmap, weakest]
