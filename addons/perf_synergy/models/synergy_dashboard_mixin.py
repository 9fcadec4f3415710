"""The server side of the role dashboards (issue 20, /work/notes/dashboard-contract.md).

One OWL client action (``perf_synergy.dashboard``) draws every role dashboard from the JSON
that one method of a dashboard model returns::

    @api.model
    @user_action(<groups>)
    def get_dashboard_data(self, period_id=None, scope_id=None) -> dict

Each dashboard is an AbstractModel inheriting this mixin; the helpers below build the parts of
the JSON (period and scope selectors, drills, sections) so that every dashboard speaks the same
shape. Everything is computed in the reader's environment: record rules decide what a section
shows, and a period or scope id the reader may not read is refused with a clear message.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from ..tools.arguments import record_id

# Tag of the generic client action that renders every dashboard.
SYNERGY_DASHBOARD_ACTION = "perf_synergy.dashboard"
# How many periods the selector offers, newest first.
PERIOD_LIMIT = 24
# The selector's order: newest first, the shortest kind first among periods starting the same
# day ("month" < "quarter" < "year").
PERIOD_ORDER = "date_start desc, period_type, id desc"


class SynergyDashboardMixin(models.AbstractModel):
    _name = "synergy.dashboard.mixin"
    _inherit = ["synergy.policy.mixin"]
    _description = "Synergy Dashboard"

    # XML id of the dashboard's ir.actions.client record (tag perf_synergy.dashboard): the
    # landing actions return it, so that the URL reloads the same dashboard.
    _dashboard_action_xmlid = None

    # ------------------------------------------------------------------ actions
    @api.model
    def _dashboard_client_action(self, name=None, period_id=None, scope_id=None):
        """The client action that opens this dashboard (returned by landing actions)."""
        if self._dashboard_action_xmlid and not (period_id or scope_id):
            action = self.env["ir.actions.actions"]._for_xml_id(self._dashboard_action_xmlid)
            if name:
                action["name"] = name
            return action
        params = {"model": self._name}
        if period_id:
            params["period_id"] = period_id
        if scope_id:
            params["scope_id"] = scope_id
        return {
            "type": "ir.actions.client",
            "tag": SYNERGY_DASHBOARD_ACTION,
            "name": name or self._description,
            "params": params,
            "target": "main",
        }

    # ------------------------------------------------------------------ arguments
    @api.model
    def _dashboard_record(self, model, value, name, allowed=None):
        """The record of ``model`` whose id a client sent as ``name`` (``period_id``,
        ``scope_id``), or an empty recordset when none was sent. Refused with a UserError (not
        a 500) when the id is not a whole number, does not exist, is not readable by the reader
        or is not among ``allowed`` (the records the selector offers)."""
        value = record_id(self.env, value, name, required=False)
        records = self.env[model]
        if value is None:
            return records
        record = records.browse(value)
        refused = UserError(
            self.env._(
                "%(name)s %(value)s is not a %(model)s you may see on this dashboard: choose "
                "one from the selector.",
                name=name,
                value=value,
                model=records._description,
            )
        )
        if allowed is not None:
            if value not in allowed.ids:
                raise refused
            return allowed.browse(value)
        try:
            if not record.exists():
                raise refused
            record.check_access("read")
        except AccessError as error:
            raise refused from error
        return record

    # ------------------------------------------------------------------ selectors
    @api.model
    def _dashboard_ref(self, record):
        """``{"id", "name"}`` of one record, False for none."""
        return {"id": record.id, "name": record.display_name} if record else False

    @api.model
    def _dashboard_refs(self, records):
        return [{"id": record.id, "name": record.display_name} for record in records]

    @api.model
    def _dashboard_periods(self, domain=None, limit=PERIOD_LIMIT):
        """The periods the selector offers, newest first: the reader's readable periods of the
        current companies (record rules apply), the ``limit`` newest."""
        domain = [*(domain or []), ("company_id", "in", self.env.companies.ids)]
        return self.env["synergy.period"].search(domain, order=PERIOD_ORDER, limit=limit)

    @api.model
    def _dashboard_period_groups(self, periods):
        """The selector's periods grouped by kind (``period_type``), for one ``<optgroup>``
        each: ``[{"key": "month", "label": "Month", "periods": [{"id", "name"}]}]``, labelled
        with the kind's label in the reader's language, the shortest kind first (months,
        quarters, years: the order does not move when the user picks another period), newest
        first inside each group."""
        field = self.env["synergy.period"]._fields["period_type"]
        labels = dict(field._description_selection(self.env))
        kinds = list(labels)
        by_kind = {}
        for period in periods.sorted(lambda p: (p.date_start, p.id), reverse=True):
            by_kind.setdefault(period.period_type, []).append(period)

        def length(kind):
            # Kinds by the length of their periods (a kind added by another module takes its
            # place by its length too), then by their order in the selection.
            days = min((p.date_end - p.date_start).days for p in by_kind[kind])
            return (days, kinds.index(kind) if kind in kinds else len(kinds))

        return [
            {
                "key": kind,
                "label": labels.get(kind, kind),
                "periods": self._dashboard_refs(by_kind[kind]),
            }
            for kind in sorted(by_kind, key=length)
        ]

    @api.model
    def _dashboard_default_period(self, periods, filled=False):
        """The period shown when none is chosen: with ``filled``, the newest started period
        of ``periods`` that has data for the dashboard that the reader may read (one query,
        _dashboard_filled_period: at the start of a month the new month is still empty, last
        month is not); else, or when none has, the newest started period; else the newest."""
        today = fields.Date.context_today(self)
        started = periods.filtered(lambda p: p.date_start <= today)
        if filled and started:
            period = self._dashboard_filled_period(started)
            if period:
                return period
        return (started or periods)[:1]

    @api.model
    def _dashboard_filled_period(self, started):
        """The newest of the ``started`` periods (in the selector's order) that has data for
        this dashboard, read as the reader, in one query: here scorecards of the period.
        Dashboards whose data are not scorecards override it."""
        # "any" searches the scorecards as the reader: their record rules apply (a
        # "!=", False" test would read them as superuser).
        return self.env["synergy.period"].search(
            Domain("id", "in", started.ids) & Domain("scorecard_ids", "any", Domain.TRUE),
            order=PERIOD_ORDER,
            limit=1,
        )

    @api.model
    def _dashboard_select_period(self, period_id, periods):
        """The chosen period (validated against ``periods``), or the default one: the newest
        started period with data for the reader (see _dashboard_default_period)."""
        period = self._dashboard_record("synergy.period", period_id, "period_id", allowed=periods)
        return period or self._dashboard_default_period(periods, filled=True)

    @api.model
    def _dashboard_previous_periods(self, period, count=6):
        """The last ``count`` periods of the same kind as ``period``, up to it, oldest first
        (one search)."""
        if not period:
            return self.env["synergy.period"]
        periods = self.env["synergy.period"].search(
            [
                ("company_id", "=", period.company_id.id),
                ("period_type", "=", period.period_type),
                ("date_start", "<=", period.date_start),
            ],
            order="date_start desc, id desc",
            limit=count,
        )
        return periods.sorted(lambda p: (p.date_start, p.id))

    # ------------------------------------------------------------------ company scope
    @api.model
    def _dashboard_company_scope(self, scope_id):
        """(company, companies): the company the reader chose among those his user may open
        (refused with a clear message otherwise), the current company by default."""
        companies = self.env.user.company_ids.sorted(lambda c: (c.sequence, c.name))
        company = self._dashboard_record("res.company", scope_id, "scope_id", allowed=companies)
        return company or self.env.company, companies

    @api.model
    def _dashboard_in_company(self, company):
        """This model in an environment restricted to ``company`` (one of the user's own:
        record rules then show that company's records, with the reader's rights)."""
        return self.with_context(allowed_company_ids=company.ids)

    @api.model
    def _dashboard_company_selection(self, period_id, scope_id):
        """(dashboard, company, companies, period, periods) of a dashboard of one company
        (``scope_id``, see _dashboard_company_scope): ``dashboard`` is this model restricted
        to that company, whose periods the selector offers."""
        company, companies = self._dashboard_company_scope(scope_id)
        dashboard = self._dashboard_in_company(company)
        periods = dashboard._dashboard_periods()
        period = dashboard._dashboard_select_period(period_id, periods)
        return dashboard, company, companies, period, periods

    @api.model
    def _dashboard_company_result(self, title, company, companies, period, periods, sections):
        """The result of a company dashboard; without a period, a notice says to create one."""
        notice = False
        if not period:
            notice = self._dashboard_notice(
                self.env._("%s has no performance period yet: create one first.", company.name),
                tone="warning",
            )
        return self._dashboard_result(
            title,
            period=period,
            periods=periods,
            scope=company,
            scopes=companies,
            scope_label=self.env._("Company"),
            sections=sections,
            notice=notice,
        )

    # ------------------------------------------------------------------ scorecards
    @api.model
    def _dashboard_owner_domain(self, owner_level, owner):
        """The scorecards of one owner: ``owner_level`` is ``department`` or ``employee``
        and ``owner`` the hr.department / hr.employee record."""
        return [("owner_level", "=", owner_level), (f"{owner_level}_id", "=", owner.id)]

    @api.model
    def _dashboard_owner_period(self, period_id, owner_level, owner, periods):
        """The period a department's or employee's dashboard shows: the chosen one
        (``period_id``, any period the reader may read), else the period of the owner's
        latest started scorecard, else the newest started period of ``periods``."""
        period = self._dashboard_record("synergy.period", period_id, "period_id")
        if period:
            return period
        if owner:
            card = self.env["synergy.scorecard"].search(
                [
                    *self._dashboard_owner_domain(owner_level, owner),
                    ("period_date_start", "<=", fields.Date.context_today(self)),
                ],
                order="period_date_start desc, id desc",
                limit=1,
            )
            if card:
                return card.period_id
        return self._dashboard_default_period(periods)

    @api.model
    def _dashboard_owner_card(self, owner_level, owner, period):
        """The owner's scorecard of ``period`` (empty when none or no period)."""
        if not period:
            return self.env["synergy.scorecard"]
        return self.env["synergy.scorecard"].search(
            [*self._dashboard_owner_domain(owner_level, owner), ("period_id", "=", period.id)],
            limit=1,
        )

    @api.model
    def _dashboard_card_drill(self, card):
        """Opens the scorecard's form; None without a scorecard."""
        if not card:
            return None
        return self._dashboard_drill(card.display_name, "synergy.scorecard", [], res_id=card.id)

    @api.model
    def _dashboard_kpi_score_figure(self, card):
        return self._dashboard_figure(
            "kpi_score",
            self.env._("KPI Score"),
            card.kpi_score if card else None,
            digits=1,
            tone=self._dashboard_score_tone(card.kpi_score) if card else "muted",
            drill=self._dashboard_card_drill(card),
        )

    @api.model
    def _dashboard_scorecard_table(self, title, card, **options):
        """The table of a scorecard's lines: KPI, weight, target, actual, achievement and
        score, each line opening its form."""
        columns = [
            self._dashboard_column("kpi", self.env._("KPI")),
            self._dashboard_column("weight", self.env._("Weight"), "number", 0),
            self._dashboard_column("target", self.env._("Target"), "number", 2),
            self._dashboard_column("actual", self.env._("Actual"), "number", 2),
            self._dashboard_column("achievement", self.env._("Achievement"), "percent", 1),
            self._dashboard_column("score", self.env._("Score"), "progress", 1),
        ]
        rows = [
            self._dashboard_row(
                f"line_{line.id}",
                {
                    "kpi": line.kpi_id.display_name,
                    "weight": line.weight,
                    "target": line.target,
                    "actual": line.actual if line.has_actual else None,
                    "achievement": line.achievement if line.has_actual else None,
                    "score": line.score if line.has_actual else None,
                },
                tones={
                    "score": self._dashboard_score_tone(line.score, line.has_actual),
                    "achievement": self._dashboard_score_tone(line.achievement, line.has_actual),
                },
                drill=self._dashboard_drill(
                    line.kpi_id.display_name, "synergy.scorecard.line", [], res_id=line.id
                ),
            )
            for line in card.line_ids
        ]
        return self._dashboard_table(
            "scorecard",
            title,
            columns,
            rows,
            empty=self.env._("No scorecard for this period."),
            width=12,
            **options,
        )

    # ------------------------------------------------------------------ parts
    @api.model
    def _dashboard_drill(self, name, model, domain, res_id=None, views=None, context=None):
        """What the client opens when a figure, row, chart element or cell is clicked."""
        drill = {"name": name, "model": model, "domain": list(domain)}
        if res_id:
            drill["res_id"] = res_id
            drill["views"] = views or ["form"]
        elif views:
            drill["views"] = views
        if context:
            drill["context"] = context
        return drill

    @api.model
    def _dashboard_figure(
        self, key, label, value, unit="", digits=0, tone="", drill=None, help=None
    ):
        item = {
            "key": key,
            "label": label,
            "value": value,
            "unit": unit,
            "digits": digits,
            "tone": tone,
            "drill": drill,
        }
        if help:
            item["help"] = help
        return item

    @api.model
    def _dashboard_section(self, section_type, key, title, help=None, empty=None, **values):
        section = {"type": section_type, "key": key, "title": title}
        if help:
            section["help"] = help
        if empty:
            section["empty"] = empty
        section.update(values)
        return section

    @api.model
    def _dashboard_figures(self, key, title, items, **options):
        return self._dashboard_section("figures", key, title, items=items, **options)

    @api.model
    def _dashboard_column(self, key, label, kind="text", digits=None):
        column = {"key": key, "label": label, "kind": kind}
        if digits is not None:
            column["digits"] = digits
        return column

    @api.model
    def _dashboard_row(self, key, values, tones=None, drill=None):
        return {"key": key, "values": values, "tones": tones or {}, "drill": drill}

    @api.model
    def _dashboard_table(self, key, title, columns, rows, **options):
        return self._dashboard_section("table", key, title, columns=columns, rows=rows, **options)

    @api.model
    def _dashboard_chart(self, key, title, chart, labels, datasets, drills=None, **options):
        values = {"chart": chart, "labels": labels, "datasets": datasets}
        if drills is not None:
            values["drills"] = drills
        return self._dashboard_section("chart", key, title, **values, **options)

    @api.model
    def _dashboard_heatmap(self, key, title, rows, cols, cells, legend="", **options):
        return self._dashboard_section(
            "heatmap", key, title, rows=rows, cols=cols, cells=cells, legend=legend, **options
        )

    @api.model
    def _dashboard_list(self, key, title, items, **options):
        return self._dashboard_section("list", key, title, items=items, **options)

    @api.model
    def _dashboard_notice(self, text, tone="info", switch_company_id=None, button=None, drill=None):
        return {
            "text": text,
            "tone": tone,
            "switch_company_id": switch_company_id,
            "button": button,
            "drill": drill,
        }

    @api.model
    def _dashboard_result(
        self,
        title,
        period=None,
        periods=None,
        scope=None,
        scopes=None,
        scope_label="",
        sections=(),
        notice=False,
    ):
        """The whole JSON of a dashboard (the contract's top-level keys)."""
        return {
            "title": title,
            "period": self._dashboard_ref(period) if period is not None else False,
            "periods": self._dashboard_refs(periods) if periods is not None else [],
            "period_groups": (
                self._dashboard_period_groups(periods) if periods is not None else []
            ),
            "scope": self._dashboard_ref(scope) if scope is not None else False,
            "scopes": self._dashboard_refs(scopes) if scopes is not None else [],
            "scope_label": scope_label,
            "notice": notice,
            "sections": list(sections),
        }

    # ------------------------------------------------------------------ tones
    @api.model
    def _dashboard_score_tone(self, score, available=True):
        """Tone of a score out of 100 (achievement too): green from 100, amber from 80."""
        if not available or score is None or score is False:
            return "muted"
        if score >= 100:
            return "success"
        if score >= 80:
            return "warning"
        return "danger"
