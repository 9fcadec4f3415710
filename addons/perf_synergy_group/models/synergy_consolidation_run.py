from collections import defaultdict

from odoo import api, fields, models
from odoo.addons.perf_synergy.engine.rollup import aggregate_over_time
from odoo.addons.perf_synergy.tools.write_policy import GROUP_CONTROLLER, Allow, user_action
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..group_engine.consolidation import (
    ConsolidationError,
    Entity,
    Kpi,
    average_rate,
    closing_rate,
    consolidate,
)


class SynergyConsolidationRun(models.Model):
    """The consolidation of the group's KPIs for one period (DESIGN.md section 11). Computing
    replaces the lines from the data, so a re-run on unchanged data gives identical lines; an
    approved run is locked until a group controller reopens it (tracked in the chatter)."""

    _name = "synergy.consolidation.run"
    _description = "Consolidation Run"
    _inherit = ["synergy.policy.mixin", "mail.thread", "mail.activity.mixin"]
    _policy_state = "state"
    _lock_states = ("approved",)
    _unlink_states = ("draft", "computed")
    _write_policy = {
        "name": Allow(GROUP_CONTROLLER, states=("draft", "computed")),
        "company_id": Allow(GROUP_CONTROLLER, states=("draft", "computed")),
        "period_id": Allow(GROUP_CONTROLLER, states=("draft", "computed")),
        "currency_id": Allow(GROUP_CONTROLLER, states=("draft", "computed")),
        "kpi_ids": Allow(GROUP_CONTROLLER, states=("draft", "computed")),
        "note": Allow(GROUP_CONTROLLER, states=("draft", "computed")),
    }
    _order = "period_date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Group Company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    period_id = fields.Many2one(
        "synergy.period", required=True, index=True, check_company=True, tracking=True
    )
    period_date_start = fields.Date(related="period_id.date_start", store=True)
    currency_id = fields.Many2one(
        "res.currency",
        string="Group Currency",
        required=True,
        compute="_compute_currency_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    kpi_ids = fields.Many2many(
        "synergy.kpi",
        string="KPIs",
        check_company=True,
        tracking=True,
        domain="[('consolidation_rule', '!=', False), ('company_id', '=', company_id)]",
        help="Leave empty to consolidate every KPI of the group company with a consolidation "
        "rule. Numerators, denominators and bases are added automatically.",
    )
    state = fields.Selection(
        selection=[("draft", "Draft"), ("computed", "Computed"), ("approved", "Approved")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    line_ids = fields.One2many("synergy.consolidation.line", "run_id", string="Lines")
    total_line_ids = fields.One2many(
        "synergy.consolidation.line",
        "run_id",
        string="Group Totals",
        domain=[("is_group_total", "=", True)],
    )
    line_count = fields.Integer(compute="_compute_line_count")
    computed_on = fields.Datetime(readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    approved_on = fields.Datetime(readonly=True, copy=False)
    note = fields.Html()

    @api.depends("company_id")
    def _compute_currency_id(self):
        for run in self:
            if not run.currency_id:
                company = run.company_id
                run.currency_id = company.synergy_group_currency_id or company.currency_id

    def _compute_line_count(self):
        counts = dict(
            self.env["synergy.consolidation.line"]._read_group(
                [("run_id", "in", self.ids)], ["run_id"], ["__count"]
            )
        )
        for run in self:
            run.line_count = counts.get(run, 0)

    # ------------------------------------------------------------------ locking
    def _synergy_lock_hint(self):
        return self.env._(
            "A group controller can reopen it (the reopening is recorded in its chatter)."
        )

    def _check_controller(self):
        if not self.env.user.has_group("perf_synergy_group.group_synergy_group_controller"):
            raise AccessError(self.env._("Only group controllers compute and approve runs."))

    # ------------------------------------------------------------------ workflow
    @user_action(GROUP_CONTROLLER)
    def action_compute(self):
        self._check_controller()
        self._check_unlocked()
        Line = self.env["synergy.consolidation.line"]
        for run in self:
            lines = run._consolidation_line_values()
            # tens of thousands of derived, write-once lines: written in SQL (see the line model)
            Line._sql_delete_lines(run)
            Line._sql_insert_lines(run, lines)
            run.write({"state": "computed", "computed_on": fields.Datetime.now()})
        return True

    @user_action(GROUP_CONTROLLER)
    def action_approve(self):
        self._check_controller()
        for run in self:
            if run.state != "computed":
                raise UserError(self.env._("Compute run %s before approving it.", run.name))
            run._publish_group_values()
            run.write(
                {
                    "state": "approved",
                    "approved_by_id": self.env.uid,
                    "approved_on": fields.Datetime.now(),
                }
            )
        return True

    def _publish_group_values(self):
        """KPIs whose value source is the group consolidation receive the approved group
        totals as the parent company's values of the period (source: consolidation), so that
        the group's scorecard lines score the consolidated figures."""
        self.ensure_one()
        totals = self.total_line_ids.filtered(
            lambda line: line.has_value and line.kpi_id.value_source == "consolidation"
        )
        if not totals:
            return
        Value = self.env["synergy.kpi.value"]
        existing = Value.search(
            [
                ("kpi_id", "in", totals.kpi_id.ids),
                ("period_id", "=", self.period_id.id),
                ("owner_level", "=", "company"),
                ("company_id", "=", self.company_id.id),
            ]
        )
        manual = existing.filtered(lambda value: value.source != "consolidation")
        if manual:
            raise UserError(
                self.env._(
                    "%(kpi)s takes its group value from the consolidation, but a value was "
                    "entered for %(company)s in %(period)s: delete it, or change the KPI's value "
                    "source.",
                    kpi=manual[0].kpi_id.display_name,
                    company=self.company_id.name,
                    period=self.period_id.name,
                )
            )
        by_kpi = {value.kpi_id: value for value in existing}
        new_values = []
        for line in totals:
            if line.kpi_id in by_kpi:
                by_kpi[line.kpi_id].value = line.consolidated_value
            else:
                new_values.append(
                    {
                        "kpi_id": line.kpi_id.id,
                        "period_id": self.period_id.id,
                        "owner_level": "company",
                        "company_id": self.company_id.id,
                        "value": line.consolidated_value,
                        "source": "consolidation",
                        "note": self.name,
                    }
                )
        Value.create(new_values)

    @user_action(GROUP_CONTROLLER, unlocks=True)
    def action_reopen(self):
        self._check_controller()
        for run in self:
            if run.state != "approved":
                raise UserError(self.env._("Run %s is not approved.", run.name))
            run.write({"state": "computed", "approved_by_id": False, "approved_on": False})
            run.message_post(
                body=self.env._(
                    "Reopened by %s: the run can be recomputed and must be approved again.",
                    self.env.user.name,
                )
            )
        return True

    @user_action(GROUP_CONTROLLER)
    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_synergy_group.action_synergy_consolidation_line"
        )
        action["domain"] = [("run_id", "=", self.id)]
        action["context"] = {"search_default_group_kpi": 1}
        return action

    @user_action(GROUP_CONTROLLER)
    def action_view_trends(self):
        """The group value of each KPI over the periods of this run's kind (years with years,
        quarters with quarters), one line per KPI: the group totals of the company's runs."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_synergy_group.action_synergy_consolidation_trend"
        )
        action["domain"] = [
            ("is_group_total", "=", True),
            ("company_id", "=", self.company_id.id),
            ("period_id.period_type", "=", self.period_id.period_type),
            "|",
            ("run_id.state", "=", "approved"),
            ("run_id", "=", self.id),
        ]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------ computation
    def _consolidation_line_values(self):
        """The lines of this run, from a fixed number of queries whatever the number of
        entities, KPIs and values."""
        self.ensure_one()
        period = self.period_id
        entities = self.env["synergy.group.entity"].sudo().search([("company_id", "!=", False)])
        root = entities.filtered(lambda e: not e.parent_id)
        if len(root) != 1 or root.company_id != self.company_id:
            raise UserError(
                self.env._(
                    "Consolidation runs belong to the group's parent company (%s): define the "
                    "group structure under Group > Group Structure first.",
                    root.company_id.name or self.env._("none"),
                )
            )
        kpis = (
            self.kpi_ids
            or self.env["synergy.kpi"].search(
                [("company_id", "=", self.company_id.id), ("consolidation_rule", "!=", False)]
            )
        )._consolidation_closure()
        unruled = kpis.filtered(lambda kpi: not kpi.consolidation_rule)
        if unruled:
            raise UserError(
                self.env._(
                    "Set the consolidation rule of %s (KPI form, Group consolidation).",
                    ", ".join(unruled.mapped("display_name")),
                )
            )
        values = self._collect_values(entities, kpis)
        eliminations = defaultdict(dict)
        for entry in self.env["synergy.consolidation.elimination"].search(
            [("period_id", "=", period.id), ("kpi_id", "in", kpis.ids)]
        ):
            bucket = eliminations[entry.entity_id.id]
            bucket[entry.kpi_id.id] = bucket.get(entry.kpi_id.id, 0.0) + entry.amount
        rates = self._rate_points(entities.currency_id | self.currency_id)
        to_points = rates.get(self.currency_id.id, [])
        engine_entities = []
        for entity in entities:
            from_points = rates.get(entity.currency_id.id, [])
            same = entity.currency_id == self.currency_id
            engine_entities.append(
                Entity(
                    key=entity.id,
                    parent=entity.parent_id.id or None,
                    method=entity.method,
                    ownership=entity.ownership,
                    closing_rate=1.0
                    if same
                    else closing_rate(from_points, to_points, period.date_end),
                    average_rate=1.0
                    if same
                    else average_rate(from_points, to_points, period.date_start, period.date_end),
                    values=values.get(entity.id, {}),
                    eliminations=eliminations.get(entity.id, {}),
                )
            )
        engine_kpis = [
            Kpi(
                key=kpi.id,
                rule=kpi.consolidation_rule,
                nature=kpi.currency_nature,
                numerator=kpi.numerator_kpi_id.id or None,
                denominator=kpi.denominator_kpi_id.id or None,
                basis=kpi.basis_kpi_id.id or None,
                factor=kpi.ratio_factor or 1.0,
            )
            for kpi in kpis
        ]
        try:
            result = consolidate(engine_entities, engine_kpis)
        except ConsolidationError as error:
            raise UserError(
                self.env._("Consolidation of %(run)s failed: %(error)s", run=self.name, error=error)
            ) from error
        # what every line of an entity repeats, read once per entity
        common = {
            entity.id: {
                "run_id": self.id,
                "entity_id": entity.id,
                "parent_entity_id": entity.parent_id.id,
                "method": entity.method,
                "ownership": entity.ownership,
            }
            for entity in entities
        }
        currency_of = {entity.id: entity.currency_id.id for entity in entities}
        root_ids = {entity.id for entity in entities if not entity.parent_id}
        lines = []
        for row in result.origins:
            lines.append(
                {
                    **common[row.entity],
                    "line_type": "origin",
                    "kpi_id": row.kpi,
                    "local_value": row.local_value,
                    "local_currency_id": currency_of[row.entity],
                    "rate_type": row.rate_type,
                    "rate": row.rate,
                    "translated_value": row.translated,
                    "elimination_local": row.elimination_local,
                    "elimination": row.elimination,
                    "share": row.share * 100,
                    "effective_share": row.effective_share * 100,
                    "contribution": row.contribution or 0.0,
                    "has_contribution": row.contribution is not None,
                }
            )
        for row in result.nodes:
            lines.append(
                {
                    **common[row.entity],
                    "line_type": "node",
                    "kpi_id": row.kpi,
                    "consolidated_value": row.value or 0.0,
                    "has_value": row.value is not None,
                    "numerator": row.numerator or 0.0,
                    "denominator": row.denominator or 0.0,
                    "basis": row.basis or 0.0,
                    "entity_count": row.entity_count,
                    "is_group_total": row.entity in root_ids,
                }
            )
        return lines

    def _collect_values(self, entities, kpis):
        """{entity id: {group KPI id: company-level value of the period}} from each entity's
        own KPI (same code) and period (same type and start; else its sub-periods combined by
        the KPI's time aggregation).

        One query reads what ``sudo().search`` of the entities' active KPIs of these codes, of
        their periods within this one and of their values would give, and returns each
        company's series as one row: the value of the period itself, else the values of the
        leaf sub-periods (those without sub-periods of their own) in date order, combined by
        ``aggregate_over_time``. Reading the 120,000 monthly
        values of a 50-company group as records cost seconds."""
        period = self.period_id
        kpi_by_code = {kpi.code: kpi for kpi in kpis}
        self.env["synergy.kpi"].flush_model(["company_id", "code", "active"])
        self.env["synergy.period"].flush_model(
            ["company_id", "date_start", "date_end", "period_type", "parent_id"]
        )
        self.env["synergy.kpi.value"].flush_model(
            ["kpi_id", "period_id", "company_id", "owner_level", "source", "value"]
        )
        rows = self.env.execute_query(
            SQL(
                """
                WITH periods AS MATERIALIZED (
                    SELECT p.id, p.date_start,
                           p.period_type = %(type)s AND p.date_start = %(start)s AS exact,
                           NOT EXISTS (
                               SELECT 1 FROM synergy_period c
                                WHERE c.parent_id = p.id AND c.company_id = ANY(%(companies)s)
                                  AND c.date_start >= %(start)s AND c.date_end <= %(end)s
                           ) AS leaf
                      FROM synergy_period p
                     WHERE p.company_id = ANY(%(companies)s)
                       AND p.date_start >= %(start)s AND p.date_end <= %(end)s
                ), points AS (
                    SELECT v.company_id, k.code, p.date_start, p.exact, p.leaf,
                           v.value::float8 AS value
                      FROM synergy_kpi_value v
                      JOIN synergy_kpi k ON k.id = v.kpi_id
                      JOIN periods p ON p.id = v.period_id
                     WHERE k.company_id = ANY(%(companies)s) AND k.code = ANY(%(codes)s)
                       AND k.active
                       AND v.owner_level = 'company'
                       -- never its own output: re-running stays reproducible
                       AND v.source IS DISTINCT FROM 'consolidation'
                )
                SELECT company_id, code,
                       (ARRAY_AGG(value) FILTER (WHERE exact))[1],
                       ARRAY_AGG(value ORDER BY date_start) FILTER (WHERE leaf)
                  FROM points
                 GROUP BY company_id, code
                """,
                type=period.period_type,
                start=period.date_start,
                end=period.date_end,
                companies=entities.company_id.ids,
                codes=list(kpi_by_code),
            )
        )
        entity_of = {entity.company_id.id: entity.id for entity in entities}
        result = defaultdict(dict)
        for company_id, code, exact, series in rows:
            kpi = kpi_by_code[code]
            if exact is not None:
                value = exact
            elif series:
                value = aggregate_over_time(series, kpi.time_aggregation)
            else:
                continue
            result[entity_of[company_id]][kpi.id] = value
        return result

    def _rate_points(self, currencies):
        """{currency id: sorted [(date, rate)]} as the group company reads them: its own rates
        when it has any for the currency, else the shared ones."""
        rates = (
            self.env["res.currency.rate"]
            .sudo()
            .search_fetch(
                [
                    ("currency_id", "in", currencies.ids),
                    ("company_id", "in", [False, self.company_id.root_id.id]),
                ],
                ["currency_id", "company_id", "name", "rate"],
                order="name",
            )
        )
        own, shared = defaultdict(list), defaultdict(list)
        for rate in rates:
            bucket = own if rate.company_id else shared
            bucket[rate.currency_id.id].append((rate.name, rate.rate))
        return {
            currency.id: own.get(currency.id) or shared.get(currency.id, [])
            for currency in currencies
        }
