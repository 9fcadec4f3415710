from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.perf_synergy.tools.arguments import record_id
from odoo.addons.perf_synergy.tools.write_policy import GROUP_CONTROLLER, user_action
from odoo.exceptions import UserError

# Periods offered by the selector; months only where a run consolidated one.
SELECTOR_TYPES = ("year", "quarter")
# Points of a consolidated trend: the selected period and the ones of its kind before it.
TREND_POINTS = 8
# Number of decimals shown per KPI unit: percentages and indices with one, amounts with two.
ONE_DECIMAL_UNITS = ("%", "pts")


class SynergyDashboardGroup(models.AbstractModel):
    """The group controller's dashboard (issue 20): subsidiaries' achievement of the
    penetrative group KPIs, the latest consolidation of each KPI with its trend, and the
    coverage of the penetrative KPIs. JSON for the generic dashboard client action
    (``perf_synergy.dashboard``), computed in the reader's environment: the group is the one
    whose parent company is the reader's current company; in any other company the dashboard
    says so and offers to switch."""

    _name = "synergy.dashboard.group"
    _description = "Group Dashboard"
    _inherit = ["synergy.dashboard.mixin"]
    _dashboard_action_xmlid = "perf_synergy_group.action_synergy_dashboard_group"

    # ------------------------------------------------------------------ entry point
    @api.model
    @user_action(GROUP_CONTROLLER)
    def get_dashboard_data(self, period_id=None, scope_id=None):
        period_id = record_id(self.env, period_id, "period_id", required=False)
        scope_id = record_id(self.env, scope_id, "scope_id", required=False)
        root = self._group_root()
        title = self.env._("Group Dashboard")
        scope_label = self.env._("Group")
        if not root:
            if scope_id or period_id:
                raise UserError(self._outside_text())
            return self._dashboard_result(
                title, scope_label=scope_label, notice=self._outside_notice()
            )
        company = root.company_id
        if scope_id and scope_id != company.id:
            raise UserError(
                self.env._(
                    "scope_id %(scope)s is not the group's parent company: send %(company)s "
                    "(%(id)s) or nothing.",
                    scope=scope_id,
                    company=company.name,
                    id=company.id,
                )
            )
        runs = self.env["synergy.consolidation.run"].search(
            [("company_id", "=", company.id), ("state", "in", ("computed", "approved"))]
        )
        periods = self.env["synergy.period"].search(
            [
                ("company_id", "=", company.id),
                "|",
                ("period_type", "in", SELECTOR_TYPES),
                ("id", "in", runs.period_id.ids),
            ],
            order="date_start desc, period_type",
        )
        period = self._dashboard_record(
            "synergy.period", period_id, "period_id", allowed=periods
        ) or self._default_period(periods, runs)
        if not period:
            return self._dashboard_result(
                title,
                periods=periods,
                scope=company,
                scope_label=scope_label,
                notice=self._dashboard_notice(
                    self.env._(
                        "%s has no period yet: generate its periods (Configuration > Generate "
                        "Periods), push the group KPIs to the subsidiaries and run a "
                        "consolidation.",
                        company.name,
                    ),
                    button=False,
                ),
            )
        subsidiaries = self.env["synergy.group.entity"].search(
            [("id", "child_of", root.ids), ("id", "!=", root.id)]
        )
        # The group's companies are named as superuser, as the structure names them (their
        # companies need not be active): their names read at once.
        (root | subsidiaries).sudo().company_id.fetch(["name"])
        targets = self.env["synergy.group.target"].search(
            [
                ("company_id", "=", company.id),
                ("period_id.date_start", "<=", period.date_start),
                ("period_id.date_end", ">=", period.date_end),
            ],
            order="kpi_id, period_id, achievement desc, id",
        )
        consolidation = self._consolidation(company, period, runs)
        lines = self.env["synergy.scorecard.line"].search(
            [
                ("company_id", "=", company.id),
                ("is_penetrative", "=", True),
                ("period_id.date_start", "<=", period.date_start),
                ("period_id.date_end", ">=", period.date_end),
            ]
        )
        coverage = self._coverage(lines, targets, subsidiaries)
        sections = [
            self._figures_section(period, subsidiaries, targets, consolidation, coverage),
            self._achievement_chart_section(period, subsidiaries, targets),
            self._penetrative_section(period, targets),
            self._consolidation_section(period, consolidation),
            *self._trend_sections(period, consolidation),
            self._coverage_section(period, coverage),
        ]
        return self._dashboard_result(
            title,
            period=period,
            periods=periods,
            scope=company,
            scope_label=scope_label,
            sections=sections,
        )

    # ------------------------------------------------------------------ scope
    @api.model
    def _group_root(self):
        """The group's parent entity when the reader's current company is one, read with his
        rights (the structure is visible from the parent company)."""
        return self.env["synergy.group.entity"].search(
            [
                ("company_id", "=", self.env.company.id),
                ("parent_id", "=", False),
                ("child_ids", "!=", False),
            ],
            limit=1,
        )

    def _outside_text(self):
        return self.env._(
            "%s is not the parent company of a group: the group dashboard shows the group from "
            "its parent company.",
            self.env.company.name,
        )

    def _outside_notice(self):
        """In a company that is not a group's parent: which parent company the reader may
        switch to, among the companies he is allowed (the switcher's list)."""
        user = self.env.user
        # The reader's own allowed companies, as the company switcher offers them: only the
        # id and name of a group's parent company he may switch to are returned.
        roots = (
            self.env["synergy.group.entity"]
            .with_context(allowed_company_ids=user.company_ids.ids)
            .search([("parent_id", "=", False), ("child_ids", "!=", False)])
        )
        root_company = roots.company_id.filtered(lambda c: c in user.company_ids)[:1]
        text = self._outside_text()
        if root_company:
            return {
                "text": text
                + " "
                + self.env._("Switch to %s to see the group's figures.", root_company.name),
                "tone": "warning",
                "switch_company_id": root_company.id,
                "button": self.env._("Switch to %s", root_company.name),
                "drill": None,
            }
        return {
            "text": text
            + " "
            + self.env._(
                "None of your companies is a group's parent company: ask your administrator "
                "for access to it."
            ),
            "tone": "warning",
            "switch_company_id": None,
            "button": False,
            "drill": None,
        }

    @api.model
    def _default_period(self, periods, runs):
        """The period of the latest consolidation, else the current year, else the newest."""
        if runs:
            latest = runs.sorted(lambda r: (r.period_id.date_end, r.id))[-1]
            if latest.period_id in periods:
                return latest.period_id
        today = fields.Date.context_today(self)
        current = periods.filtered(
            lambda p: p.period_type == "year" and p.date_start <= today <= p.date_end
        )
        return current[:1] or periods[:1]

    # ------------------------------------------------------------------ data
    @api.model
    def _consolidation(self, company, period, runs):
        """{kpi: [(period, value, run)]} of the group totals of the runs of the selected
        period's kind up to it (one per period: approved before computed, then the latest),
        oldest first, at most TREND_POINTS periods."""
        kind_runs = runs.filtered(
            lambda r: (
                r.period_id.period_type == period.period_type
                and r.period_id.date_end <= period.date_end
            )
        )
        best = {}
        for run in kind_runs.sorted(lambda r: (r.state == "approved", r.id)):
            best[run.period_id] = run
        periods = sorted(best, key=lambda p: p.date_start)[-TREND_POINTS:]
        chosen = self.env["synergy.consolidation.run"].union(*(best[p] for p in periods))
        lines = self.env["synergy.consolidation.line"].search(
            [
                ("run_id", "in", chosen.ids),
                ("is_group_total", "=", True),
                ("has_value", "=", True),
            ]
        )
        series = defaultdict(list)
        for line in lines.sorted(lambda ln: (ln.kpi_id.code or "", ln.kpi_id.id)):
            run = line.run_id
            series[line.kpi_id].append((run.period_id, line.consolidated_value, run))
        for points in series.values():
            points.sort(key=lambda point: point[0].date_start)
        return {"periods": periods, "series": series, "runs": chosen}

    @api.model
    def _coverage(self, lines, targets, subsidiaries):
        """Per penetrative group line (with or without targets): the subsidiaries covered,
        without target, without actual and with stale data (as Group > Coverage computes
        them, without storing anything)."""
        rows = []
        pushed = targets.pushed_line_id
        latest = {}
        if pushed:
            # The dates of the subsidiaries' values of the pushed KPIs, not the values: the
            # controller follows whether the subsidiaries report (Group > Coverage does the
            # same); the subsidiaries' companies need not be among his active companies.
            groups = (
                self.env["synergy.kpi.value"]
                .sudo()
                ._read_group(
                    [
                        ("kpi_id", "in", pushed.sudo().kpi_id.ids),
                        ("owner_level", "=", "company"),
                        ("company_id", "in", pushed.sudo().company_id.ids),
                    ],
                    ["kpi_id", "company_id"],
                    ["period_id:array_agg"],
                )
            )
            period_ids = {pid for _k, _c, ids in groups for pid in ids}
            ends = {
                p.id: (p.date_start, p.date_end)
                for p in self.env["synergy.period"].sudo().browse(period_ids)
            }
            for kpi, company, ids in groups:
                latest[(kpi.id, company.id)] = [ends[pid] for pid in ids]
        today = fields.Date.context_today(self)
        for line in lines:
            line_targets = targets.filtered(lambda t, ln=line: t.group_line_id == ln)
            by_entity = {t.entity_id: t for t in line_targets}
            counts = {"ok": [], "no_target": [], "no_actual": [], "stale": []}
            for entity in subsidiaries:
                target = by_entity.get(entity)
                if not target or not target.pushed_line_id:
                    counts["no_target"].append(entity.id)
                    continue
                if not target.has_actual:
                    counts["no_actual"].append(target.id)
                    continue
                sub_line = target.pushed_line_id.sudo()
                spans = [
                    end
                    for start, end in latest.get((sub_line.kpi_id.id, sub_line.company_id.id), [])
                    if line.period_id.date_start <= start and end <= line.period_id.date_end
                ]
                last = max(spans, default=False)
                horizon = min(today, line.period_id.date_end) - timedelta(days=entity.stale_days)
                if last and last < horizon:
                    counts["stale"].append(target.id)
                else:
                    counts["ok"].append(target.id)
            rows.append((line, counts))
        return rows

    # ------------------------------------------------------------------ sections
    def _drill(self, name, model, domain, res_id=None):
        return self._dashboard_drill(
            name, model, domain, res_id=res_id, views=None if res_id else ["list", "form"]
        )

    def _targets_drill(self, name, targets):
        return self._drill(name, "synergy.group.target", [("id", "in", targets.ids)])

    def _figures_section(self, period, subsidiaries, targets, consolidation, coverage):
        measured = targets.filtered("has_actual")
        below = measured.filtered(lambda t: t.achievement < 100)
        average = (
            round(sum(measured.mapped("achievement")) / len(measured), 1) if measured else None
        )
        expected = sum(sum(len(ids) for ids in counts.values()) for _line, counts in coverage)
        covered = sum(len(counts["ok"]) for _line, counts in coverage)
        covered_pct = round(100.0 * covered / expected, 1) if expected else None
        return self._dashboard_section(
            "figures",
            "group_figures",
            self.env._("%s at a glance", period.display_name),
            items=[
                self._dashboard_figure(
                    "subsidiaries",
                    self.env._("Subsidiaries"),
                    len(subsidiaries),
                    unit="",
                    digits=0,
                    tone="",
                    drill=self._drill(
                        self.env._("Subsidiaries"),
                        "synergy.group.entity",
                        [("id", "in", subsidiaries.ids)],
                    ),
                ),
                self._dashboard_figure(
                    "average_achievement",
                    self.env._("Average achievement of the penetrative KPIs"),
                    average,
                    unit="%",
                    digits=1,
                    tone="" if average is None else ("success" if average >= 100 else "warning"),
                    drill=self._targets_drill(self.env._("Penetrative KPI targets"), measured),
                ),
                self._dashboard_figure(
                    "below_target",
                    self.env._("Subsidiary targets below 100 %"),
                    len(below),
                    unit="",
                    digits=0,
                    tone="danger" if below else "success",
                    drill=self._targets_drill(self.env._("Targets below 100 %"), below),
                ),
                self._dashboard_figure(
                    "coverage",
                    self.env._("Coverage of the penetrative KPIs"),
                    covered_pct,
                    unit="%",
                    digits=0,
                    tone=""
                    if covered_pct is None
                    else ("success" if covered_pct >= 100 else "warning"),
                    drill=self._targets_drill(self.env._("Penetrative KPI targets"), targets),
                ),
                self._dashboard_figure(
                    "consolidated_kpis",
                    self.env._("KPIs consolidated"),
                    len(consolidation["series"]),
                    unit="",
                    digits=0,
                    tone="" if consolidation["series"] else "muted",
                    drill=self._drill(
                        self.env._("Consolidation runs"),
                        "synergy.consolidation.run",
                        [("id", "in", consolidation["runs"].ids)],
                    ),
                ),
            ],
        )

    def _achievement_chart_section(self, period, subsidiaries, targets):
        """Achievement (%) of each subsidiary, one bar per penetrative KPI (side by side, never
        stacked: every dataset is in %)."""
        measured = targets.filtered("has_actual")
        entities = subsidiaries.filtered(lambda e: e in measured.entity_id)
        datasets = []
        for line in measured.group_line_id:
            by_entity = {t.entity_id: t for t in measured if t.group_line_id == line}
            datasets.append(
                {
                    "label": f"{line.kpi_id.display_name} · {line.period_id.display_name}",
                    "data": [
                        round(by_entity[e].achievement, 1) if e in by_entity else None
                        for e in entities
                    ],
                }
            )
        return self._dashboard_section(
            "chart",
            "achievement_chart",
            self.env._("Subsidiaries' achievement of the penetrative KPIs"),
            help=self.env._("Achievement of each subsidiary's target, in %; 100 % is the target."),
            empty=self.env._(
                "No subsidiary has an actual on a penetrative KPI covering %s yet: push the group "
                "KPIs (Penetrative KPIs) and let the subsidiaries enter their values.",
                period.display_name,
            ),
            chart="bar",
            labels=[e.display_name for e in entities],
            datasets=datasets if entities else [],
            drills=[
                self._targets_drill(
                    self.env._("Targets of %s", e.display_name),
                    measured.filtered(lambda t, e=e: t.entity_id == e),
                )
                for e in entities
            ],
            unit="%",
        )

    def _penetrative_section(self, period, targets):
        rows = []
        for target in targets:
            rows.append(
                self._dashboard_row(
                    f"target_{target.id}",
                    {
                        "kpi": target.kpi_id.display_name,
                        "subsidiary": target.entity_id.display_name,
                        "period": target.period_id.display_name,
                        "target": round(target.target, 2),
                        "actual": round(target.actual, 2) if target.has_actual else None,
                        "achievement": round(target.achievement, 1) if target.has_actual else None,
                        "rank": target.rank or None,
                    },
                    tones={
                        "achievement": ""
                        if not target.has_actual
                        else ("success" if target.achievement >= 100 else "danger")
                    },
                    drill=self._drill(
                        target.display_name,
                        "synergy.group.target",
                        [("id", "=", target.id)],
                        res_id=target.id,
                    ),
                )
            )
        return self._dashboard_section(
            "table",
            "penetrative",
            self.env._("Penetrative KPIs by subsidiary"),
            empty=self.env._(
                "No penetrative group KPI covers %s: mark a line of the parent company's "
                "scorecard Penetrative Group KPI and push it to the subsidiaries.",
                period.display_name,
            ),
            columns=[
                self._dashboard_column("kpi", self.env._("KPI"), "text"),
                self._dashboard_column("subsidiary", self.env._("Subsidiary"), "text"),
                self._dashboard_column("period", self.env._("Period"), "text"),
                self._dashboard_column("target", self.env._("Target"), "number", 2),
                self._dashboard_column("actual", self.env._("Actual"), "number", 2),
                self._dashboard_column("achievement", self.env._("Achievement"), "percent", 1),
                self._dashboard_column("rank", self.env._("Rank"), "number", 0),
            ],
            rows=rows,
        )

    def _kpi_unit(self, kpi, run):
        """The unit of a consolidated value: amounts in the run's group currency."""
        if kpi.currency_nature in ("flow", "balance"):
            return " ".join(part for part in (kpi.unit, run.currency_id.name) if part)
        return kpi.unit or ""

    def _kpi_digits(self, kpi):
        return 1 if (kpi.unit or "").strip() in ONE_DECIMAL_UNITS else 2

    def _run_lines_drill(self, run, kpi):
        return self._drill(
            f"{kpi.display_name} · {run.name}",
            "synergy.consolidation.line",
            [("run_id", "=", run.id), ("kpi_id", "=", kpi.id)],
        )

    def _consolidation_section(self, period, consolidation):
        states = dict(
            self.env["synergy.consolidation.run"]._fields["state"]._description_selection(self.env)
        )
        rows = []
        for kpi, points in consolidation["series"].items():
            last_period, value, run = points[-1]
            previous = points[-2][1] if len(points) > 1 else None
            digits = self._kpi_digits(kpi)
            change = (
                round(100.0 * (value - previous) / abs(previous), 1)
                if previous not in (None, 0)
                else None
            )
            rows.append(
                self._dashboard_row(
                    f"kpi_{kpi.id}",
                    {
                        "kpi": kpi.display_name,
                        "period": last_period.display_name,
                        "value": round(value, digits),
                        "unit": self._kpi_unit(kpi, run),
                        "previous": None if previous is None else round(previous, digits),
                        "change": change,
                        "state": states.get(run.state, run.state),
                    },
                    tones={"state": "success" if run.state == "approved" else "warning"},
                    drill=self._run_lines_drill(run, kpi),
                )
            )
        kinds = dict(
            self.env["synergy.period"]._fields["period_type"]._description_selection(self.env)
        )
        return self._dashboard_section(
            "table",
            "consolidation",
            self.env._("Latest consolidation per KPI"),
            help=self.env._(
                "Group totals of the latest computed or approved run of each KPI (%(kind)s "
                "periods up to %(period)s), in the group currency; the change is against the "
                "previous period of the same kind.",
                kind=kinds.get(period.period_type, period.period_type),
                period=period.display_name,
            ),
            empty=self.env._(
                "No consolidation computed for %(period)s or the periods of its kind before it: "
                "compute a run in Group > Consolidation Runs.",
                period=period.display_name,
            ),
            columns=[
                self._dashboard_column("kpi", self.env._("KPI"), "text"),
                self._dashboard_column("period", self.env._("Period"), "text"),
                self._dashboard_column("value", self.env._("Group value"), "number", 2),
                self._dashboard_column("unit", self.env._("Unit"), "text"),
                self._dashboard_column("previous", self.env._("Previous"), "number", 2),
                self._dashboard_column("change", self.env._("Change"), "percent", 1),
                self._dashboard_column("state", self.env._("Run"), "badge"),
            ],
            rows=rows,
        )

    def _trend_sections(self, period, consolidation):
        """The consolidated trends: one line per KPI over the periods of the selected period's
        kind, one chart per unit (amounts in the group currency, percentages, indices), so that
        no chart mixes units or kinds of period."""
        periods = consolidation["periods"]
        by_unit = defaultdict(list)
        for kpi, points in consolidation["series"].items():
            by_unit[self._kpi_unit(kpi, points[-1][2])].append((kpi, points))
        sections = []
        for unit, series in by_unit.items():
            datasets, drills = [], []
            for kpi, points in series:
                by_period = {p: (value, run) for p, value, run in points}
                digits = self._kpi_digits(kpi)
                datasets.append(
                    {
                        "label": kpi.display_name,
                        "data": [
                            round(by_period[p][0], digits) if p in by_period else None
                            for p in periods
                        ],
                    }
                )
            # a point opens the group totals of its period's run
            for p in periods:
                runs = consolidation["runs"].filtered(lambda r, p=p: r.period_id == p)
                drills.append(
                    self._drill(
                        self.env._("Group totals of %s", p.display_name),
                        "synergy.consolidation.line",
                        [
                            ("run_id", "in", runs.ids),
                            ("is_group_total", "=", True),
                            ("kpi_id", "in", [kpi.id for kpi, _points in series]),
                        ],
                    )
                )
            sections.append(
                self._dashboard_section(
                    "chart",
                    f"trend_{len(sections) + 1}",
                    self.env._("Consolidated trend (%s)", unit)
                    if unit
                    else self.env._("Consolidated trend"),
                    chart="line",
                    labels=[p.display_name for p in periods],
                    datasets=datasets,
                    drills=drills,
                    unit=unit,
                )
            )
        return sections

    def _coverage_section(self, period, coverage):
        rows = []
        for line, counts in coverage:
            total = sum(len(ids) for ids in counts.values())
            pct = round(100.0 * len(counts["ok"]) / total, 1) if total else None
            targets = self.env["synergy.group.target"]
            rows.append(
                self._dashboard_row(
                    f"line_{line.id}",
                    {
                        "kpi": line.kpi_id.display_name,
                        "period": line.period_id.display_name,
                        "ok": len(counts["ok"]),
                        "no_target": len(counts["no_target"]),
                        "no_actual": len(counts["no_actual"]),
                        "stale": len(counts["stale"]),
                        "coverage": pct,
                    },
                    tones={
                        "no_target": "danger" if counts["no_target"] else "",
                        "no_actual": "danger" if counts["no_actual"] else "",
                        "stale": "warning" if counts["stale"] else "",
                        "coverage": "success" if pct == 100 else "warning",
                    },
                    drill=self._targets_drill(
                        self.env._("Targets of %s", line.kpi_id.display_name),
                        targets.browse(counts["ok"] + counts["no_actual"] + counts["stale"]),
                    ),
                )
            )
        return self._dashboard_section(
            "table",
            "coverage",
            self.env._("Coverage of the penetrative KPIs"),
            help=self.env._(
                "Per penetrative KPI, the subsidiaries with a target and a recent actual, "
                "without a target, without an actual, or whose latest value is older than the "
                "entity's stale days."
            ),
            empty=self.env._("No penetrative group KPI covers %s.", period.display_name),
            columns=[
                self._dashboard_column("kpi", self.env._("KPI"), "text"),
                self._dashboard_column("period", self.env._("Period"), "text"),
                self._dashboard_column("ok", self.env._("Covered"), "number", 0),
                self._dashboard_column("no_target", self.env._("No target"), "number", 0),
                self._dashboard_column("no_actual", self.env._("No actual"), "number", 0),
                self._dashboard_column("stale", self.env._("Stale data"), "number", 0),
                self._dashboard_column("coverage", self.env._("Coverage"), "percent", 0),
            ],
            rows=rows,
        )
