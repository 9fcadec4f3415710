from odoo import api, fields, models
from odoo.addons.perf_synergy.tools.bulk_write import (
    UNQUOTED_TYPES,
    array_literal,
    column_converter,
)
from odoo.addons.perf_synergy.tools.write_policy import is_trusted
from odoo.exceptions import UserError
from odoo.models import LOG_ACCESS_COLUMNS
from odoo.tools import SQL

from .synergy_group_entity import METHODS


class SynergyConsolidationLine(models.Model):
    """One line of a consolidation run. ``origin`` lines show where a number comes from (the
    entity's local value, the rate, the elimination, the share and its contribution to the
    group); ``node`` lines show the consolidated value of each entity's subtree, the root's
    being the group value. Lines are written by the run only."""

    _name = "synergy.consolidation.line"
    _description = "Consolidation Line"
    _inherit = ["synergy.policy.mixin"]
    _policy_state = "run_id.state"
    _lock_states = ("approved",)
    _order = "run_id, kpi_id, line_type desc, entity_id"

    run_id = fields.Many2one(
        "synergy.consolidation.run", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="run_id.company_id", store=True, index=True)
    period_id = fields.Many2one(related="run_id.period_id", store=True)
    run_state = fields.Selection(related="run_id.state", string="Run Status")
    currency_id = fields.Many2one(related="run_id.currency_id", string="Group Currency")
    line_type = fields.Selection(
        selection=[("origin", "Entity Value"), ("node", "Consolidated Subtree")],
        string="Type",
        required=True,
    )
    kpi_id = fields.Many2one("synergy.kpi", string="KPI", required=True, index=True)
    consolidation_rule = fields.Selection(related="kpi_id.consolidation_rule")
    entity_id = fields.Many2one("synergy.group.entity", required=True)
    parent_entity_id = fields.Many2one("synergy.group.entity")
    method = fields.Selection(selection=METHODS)
    # Percentages, rates, ratios' parts and local-currency amounts are never summed in lists,
    # pivots or graphs: across entities they mix currencies, across lines they mean nothing.
    ownership = fields.Float(string="Ownership (%)", aggregator=None)
    local_value = fields.Float(digits=(16, 4), aggregator=None)
    local_currency_id = fields.Many2one("res.currency")
    rate_type = fields.Selection(
        selection=[("closing", "Closing"), ("average", "Average"), ("none", "None")]
    )
    rate = fields.Float(digits=(16, 8), aggregator=None)
    translated_value = fields.Float(digits=(16, 4))
    elimination_local = fields.Float(string="Elimination (Local)", digits=(16, 4), aggregator=None)
    elimination = fields.Float(digits=(16, 4), help="In the group currency.")
    share = fields.Float(
        string="Share (%)", help="Part of the value the parent entity takes.", aggregator=None
    )
    effective_share = fields.Float(
        string="Share in Group (%)", help="Product of the shares up to the group.", aggregator=None
    )
    contribution = fields.Float(
        digits=(16, 4), help="(Translated value − elimination) × share in group."
    )
    has_contribution = fields.Boolean()
    # The group total of its KPI: a sum with the entity lines would count it twice.
    # Group totals are one line per run and KPI: their trend graph averages the runs of a
    # period (one approved run each); never a sum.
    consolidated_value = fields.Float(digits=(16, 6), aggregator="avg")
    kpi_unit = fields.Char(related="kpi_id.unit", string="Unit")
    has_value = fields.Boolean()
    numerator = fields.Float(digits=(16, 4), aggregator=None)
    denominator = fields.Float(digits=(16, 4), aggregator=None)
    basis = fields.Float(digits=(16, 4), aggregator=None)
    # Entities of a subtree: the subtrees of a tree overlap, their counts do not add up.
    entity_count = fields.Integer(string="Entities", aggregator=None)
    is_group_total = fields.Boolean(string="Group Total")

    # ------------------------------------------------------------------ bulk writing
    # A run writes tens of thousands of lines at once (DESIGN.md section 11: 50 entities x 200
    # KPIs give 20,000). They are derived data: written once by ``action_compute`` from its
    # inputs, never edited (create/write/unlink outside the run are refused), locked with the
    # run, without chatter, attachments, external ids or any field pointing at them. The ORM's
    # per-record work (defaults, conversion, cache, stored related fields recomputed after the
    # insert) cost about 6 s for 20,000 lines; these two methods write the same rows in SQL.
    @api.model
    def _sql_insert_lines(self, run, vals_list):
        """Insert the lines of ``run`` (dicts as ``create`` takes them) with one INSERT,
        filling every column the ORM would: the given values converted as the ORM converts
        them (floats rounded to their digits), defaults, the stored related fields of the run
        and the log access columns; a column neither given nor defaulted stays NULL, as with
        ``create``. The model cache is invalidated afterwards."""
        run.ensure_one()
        self._sql_check_access("create", run)
        common = {"run_id": run.id}
        template = self.new(common)
        names = [
            name
            for name, field in self._fields.items()
            if field.store and field.column_type and name != "id"
        ]
        defaults = self.default_get([name for name in names if name not in LOG_ACCESS_COLUMNS])
        specs = []  # (column, converter, value of the column when a line does not give it)
        for name in names:
            field = self._fields[name]
            convert = column_converter(field, self.env)
            if name in LOG_ACCESS_COLUMNS:
                fixed = self.env.uid if name.endswith("_uid") else self.env.cr.now()
            elif name in common:
                fixed = common[name]
            elif field.related and field.related.split(".")[0] in common:
                fixed = field.convert_to_write(template[name], template)
            elif field.compute:
                raise NotImplementedError(f"{field} is computed: give its value in the lines")
            elif name in defaults:
                fixed = defaults[name]
            else:
                specs.append((name, convert, None))
                continue
            specs.append((name, convert, convert(fixed)))
        # One array per column, zipped back into rows by unnest(): one statement and one
        # parameter per column, each array sent as the text of an array literal that
        # PostgreSQL parses at once (a VALUES list of 600,000 parameters took 0.4 s more).
        arrays = SQL(", ").join(
            SQL(
                "%s::%s[]",
                array_literal(
                    (convert(vals[name]) if name in vals else fixed for vals in vals_list),
                    quoted=self._fields[name].type not in UNQUOTED_TYPES,
                ),
                SQL(self._fields[name].column_type[1]),
            )
            for name, convert, fixed in specs
        )
        self.env.cr.execute(
            SQL(
                "INSERT INTO %s (%s) SELECT * FROM unnest(%s)",
                SQL.identifier(self._table),
                SQL(", ").join(SQL.identifier(name) for name, _convert, _fixed in specs),
                arrays,
            )
        )
        self.invalidate_model()
        run.invalidate_recordset(["line_ids", "total_line_ids"])

    def _sql_check_access(self, operation, runs):
        """What ``create``/``unlink`` check: the access rights to the lines, and their record
        rule (company in the allowed companies), which holds when it holds for their runs:
        lines take their run's company, and runs have the same rule."""
        self.check_access(operation)
        runs.check_access("write")

    @api.model
    def _sql_delete_lines(self, runs):
        """Delete the lines of ``runs`` with one query (see above: nothing refers to them)."""
        self._sql_check_access("unlink", runs)
        self.flush_model()
        self.env.cr.execute(
            SQL("DELETE FROM %s WHERE run_id = ANY(%s)", SQL.identifier(self._table), runs.ids)
        )
        self.invalidate_model()
        runs.invalidate_recordset(["line_ids", "total_line_ids"])

    def _synergy_lock_hint(self):
        return self.env._("Its run is approved: a group controller can reopen it.")

    @api.model_create_multi
    def create(self, vals_list):
        # Derived lines: written in SQL by their run, never created one by one by anybody.
        if not is_trusted():
            self._check_create_allowed(vals_list)  # a locked run says so first
            raise UserError(
                self.env._(
                    "Consolidation lines are computed by their run: recompute the run instead "
                    "of editing lines."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        # Derived, write-once lines: not even the superuser edits one outside its run.
        self._check_unlocked()
        if not is_trusted():
            raise UserError(
                self.env._(
                    "Consolidation lines are computed by their run: recompute the run instead "
                    "of editing lines."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_computed_only(self):
        if not (self.env.su or is_trusted()):
            raise UserError(
                self.env._(
                    "Consolidation lines are computed by their run: recompute the run instead "
                    "of deleting lines."
                )
            )
