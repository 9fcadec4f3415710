from collections import defaultdict, namedtuple

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from ..engine.rollup import aggregate_over_time, rollup
from ..engine.scoring import (
    BAND,
    ScoringError,
    achievement,
    line_result,
    resolve_curve,
    segment,
)
from ..tools.bulk_write import id_array, reserve_update_room, sql_write_per_record
from ..tools.close_scope import closing_period_ids
from ..tools.given import given
from ..tools.rounding import float_rounder
from ..tools.write_policy import MANAGER, USER, Allow, user_action
from .synergy_owner_mixin import OWNER_COLUMNS, owner_domain_of_keys, owner_key_of

# Curve numbers that may be left empty (0 is a value): each has a "<name>_set" flag.

# What a refresh of actuals reads of each line (``_refresh_rows``).
REFRESH_COLUMNS = (
    "kpi_id",
    "scorecard_id",
    "parent_path",
    "period_id",
    "interlock_id",
    "target",
    "floor",
    "floor_set",
    "stretch",
    "stretch_set",
    "band_low",
    "band_high",
    *OWNER_COLUMNS,
)


class RefreshRow(namedtuple("RefreshRow", ("id", *REFRESH_COLUMNS))):
    __slots__ = ()

    @property
    def owner_key(self):
        return owner_key_of(self[-len(OWNER_COLUMNS) :])


def _scored(direction, actual, line, cap):
    """(score, achievement) of ``actual`` on the curve of ``line``; an empty floor or
    stretch (flag unticked) means the direction's default, 0 is a value."""
    return line_result(
        direction,
        actual,
        line.target,
        floor=given(line, "floor"),
        stretch=given(line, "stretch"),
        band_low=line.band_low,
        band_high=line.band_high,
        cap=cap,
    )


class SynergyScorecardLine(models.Model):
    """KPI x weight x target x floor x stretch -> actual, achievement, score.

    ``parent_line_id`` links a line to the line it drives (the value tree), possibly in another
    scorecard: a company line is driven by department lines, themselves by job and employee
    lines.
    """

    _name = "synergy.scorecard.line"
    _description = "Scorecard Line"
    _inherit = ["synergy.given.mixin", "synergy.policy.mixin", "mail.thread"]
    _policy_state = "scorecard_id.state"
    _lock_states = ("closed",)
    _write_policy = {
        "scorecard_id": Allow(MANAGER, states=("draft",)),
        "sequence": Allow(MANAGER, states=("draft",)),
        "kpi_id": Allow(MANAGER, states=("draft",)),
        "weight": Allow(MANAGER, states=("draft",)),
        "target": Allow(MANAGER, states=("draft",)),
        "floor": Allow(MANAGER, states=("draft",)),
        "floor_set": Allow(MANAGER, states=("draft",)),
        "stretch": Allow(MANAGER, states=("draft",)),
        "stretch_set": Allow(MANAGER, states=("draft",)),
        "band_low": Allow(MANAGER, states=("draft",)),
        "band_high": Allow(MANAGER, states=("draft",)),
        "is_synergy": Allow(MANAGER, states=("draft",)),
        "parent_line_id": Allow(MANAGER, states=("draft",)),
        "child_line_ids": Allow(MANAGER, states=("draft",)),
    }
    _order = "scorecard_id, sequence, id"
    _parent_name = "parent_line_id"
    _parent_store = True
    _check_company_auto = True

    scorecard_id = fields.Many2one(
        "synergy.scorecard", required=True, index=True, ondelete="cascade", check_company=True
    )
    sequence = fields.Integer(default=10)
    kpi_id = fields.Many2one(
        "synergy.kpi",
        string="KPI",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    name = fields.Char(related="kpi_id.name", string="KPI Name")
    direction = fields.Selection(related="kpi_id.direction")
    unit = fields.Char(related="kpi_id.unit")
    weight = fields.Float(default=0.0, tracking=True, aggregator=None)
    target = fields.Float(tracking=True, aggregator=None)
    floor = fields.Float(
        tracking=True,
        help="Value scoring 0; 0 is a value (zero incidents). Applies when Floor Given is "
        "ticked; otherwise the default: 0 when higher is better, twice the target when lower "
        "is better, one band width below a band.",
        aggregator=None,
    )
    floor_set = fields.Boolean(
        string="Floor Given",
        tracking=True,
        help="Ticked: the floor applies, 0 included. Unticked: the KPI direction's default "
        "floor applies. Entering a floor other than 0 ticks it.",
    )
    stretch = fields.Float(
        tracking=True,
        help="Value scoring the cap; 0 is a value (zero defects). Applies when Stretch Given "
        "is ticked; otherwise the default: 1.2 x target when higher is better, 0.8 x target "
        "when lower is better, one band width above a band.",
        aggregator=None,
    )
    stretch_set = fields.Boolean(
        string="Stretch Given",
        tracking=True,
        help="Ticked: the stretch applies, 0 included. Unticked: the KPI direction's default "
        "stretch applies. Entering a stretch other than 0 ticks it.",
    )
    band_low = fields.Float(tracking=True, aggregator=None)
    band_high = fields.Float(tracking=True, aggregator=None)
    actual = fields.Float(readonly=True, digits=(16, 4), aggregator=None)
    has_actual = fields.Boolean(readonly=True)
    achievement = fields.Float(
        string="Achievement (%)", compute="_compute_score", store=True, aggregator="avg"
    )
    score = fields.Float(compute="_compute_score", store=True, aggregator="avg")
    is_synergy = fields.Boolean(
        string="Synergy KPI", help="A KPI that several departments can only reach together."
    )
    parent_line_id = fields.Many2one(
        "synergy.scorecard.line",
        string="Drives",
        index=True,
        ondelete="set null",
        check_company=True,
        help="The line this one drives, up the value tree.",
    )
    parent_path = fields.Char(index=True)
    child_line_ids = fields.One2many("synergy.scorecard.line", "parent_line_id", string="Drivers")
    contributor_count = fields.Integer(compute="_compute_contributor_count")
    interlock_id = fields.Many2one(
        "synergy.interlock",
        index=True,
        ondelete="set null",
        readonly=True,
        help="Interlocked KPI: the line shows the company's authoritative value, in full.",
    )
    # The scorecard's owner and period, stored for searching, grouping and record rules.
    company_id = fields.Many2one(related="scorecard_id.company_id", store=True, index=True)
    period_id = fields.Many2one(related="scorecard_id.period_id", store=True, index=True)
    owner_level = fields.Selection(related="scorecard_id.owner_level", store=True)
    department_id = fields.Many2one(related="scorecard_id.department_id", store=True, index=True)
    job_id = fields.Many2one(related="scorecard_id.job_id", store=True)
    employee_id = fields.Many2one(related="scorecard_id.employee_id", store=True, index=True)
    owner_name = fields.Char(related="scorecard_id.owner_name", string="Owner")
    state = fields.Selection(related="scorecard_id.state")

    _weight_positive = models.Constraint(
        "CHECK(weight >= 0)", "A KPI line's weight cannot be negative."
    )

    def init(self):
        # Every refresh and every close rewrites the actuals and scores of a period's lines
        # (100,000 at 10,000 employees): with room in their pages PostgreSQL updates them in
        # place, about four times faster than rewriting the ten indexes of each row.
        result = super().init()
        reserve_update_room(self)
        return result

    # ------------------------------------------------------------------ scoring
    def _curve(self, cap=None):
        """The line's scoring curve; an empty floor or stretch means the direction's default.
        ``cap``: the scorecard's score cap when the caller already knows it."""
        self.ensure_one()
        return resolve_curve(
            self.kpi_id.direction,
            self.target,
            floor=given(self, "floor"),
            stretch=given(self, "stretch"),
            band_low=self.band_low,
            band_high=self.band_high,
            cap=cap if cap is not None else self.scorecard_id._score_cap(),
        )

    @api.depends(
        "actual",
        "has_actual",
        "target",
        "floor",
        "floor_set",
        "stretch",
        "stretch_set",
        "band_low",
        "band_high",
        "kpi_id.direction",
        "scorecard_id.scheme_id.score_cap",
    )
    def _compute_score(self):
        # One score cap per scorecard and one direction per KPI, not one lookup per line.
        caps, directions = {}, {}
        for line in self:
            line_score = line_achievement = 0.0
            kpi = line.kpi_id
            if kpi and line.has_actual:
                card = line.scorecard_id
                if card.id not in caps:
                    caps[card.id] = card._score_cap()
                if kpi.id not in directions:
                    directions[kpi.id] = kpi.direction
                line_score, line_achievement = _scored(
                    directions[kpi.id], line.actual, line, caps[card.id]
                )
            line.score = line_score
            line.achievement = line_achievement

    def _explanation_line(self, cap, total_weight, labels=None):
        """One line of the scorecard's "why this score" (``synergy.scorecard._explanation_data``):
        the stored numbers as they are, the curve the engine resolved for them (a floor or
        stretch left empty shows the direction's default) and the rule it applied."""
        self.ensure_one()
        labels = labels or self._explanation_labels()
        direction = self.kpi_id.direction
        try:
            curve = self._curve(cap)
        except ScoringError:
            curve = None
        if not self.has_actual:
            rule = "no_actual"
        elif curve is None:
            rule = "no_curve"
        else:
            rule = segment(curve, self.actual)
        defined = self.has_actual and achievement(direction, self.actual, self.target) is not None
        return {
            "id": self.id,
            "kpi": self.kpi_id.display_name,
            "unit": self.kpi_id.unit or "",
            "direction": direction,
            "direction_label": labels["direction"].get(direction, ""),
            "synergy": self.is_synergy,
            "weight": self.weight,
            "target": self.target if direction != BAND else False,
            "floor": curve.floor if curve else False,
            "floor_given": self.floor_set,
            "stretch": curve.stretch if curve else False,
            "stretch_given": self.stretch_set,
            "band_low": self.band_low if direction == BAND else False,
            "band_high": self.band_high if direction == BAND else False,
            "cap": cap,
            "actual": self.actual if self.has_actual else False,
            "achievement": self.achievement if defined else False,
            "score": self.score,
            # weight x score / total weight: the lines' contributions add up to the KPI score
            "contribution": self.weight * self.score / total_weight if total_weight else 0.0,
            "rule": rule,
            "rule_label": labels["rule"][rule],
            "cap_applied": rule == "at_stretch",
        }

    def _explanation_labels(self):
        """The labels of ``_explanation_line``, in the reader's language: computed once for
        all the lines explained."""
        directions = self.env["synergy.kpi"]._fields["direction"]._description_selection(self.env)
        return {"direction": dict(directions), "rule": self._rule_labels()}

    def _rule_labels(self):
        return {
            "no_actual": self.env._("No actual yet: 0"),
            "no_curve": self.env._("Curve incomplete: 0"),
            "below_floor": self.env._("At or beyond the floor: 0"),
            "floor_to_target": self.env._("Linear from the floor (0) to the target (100)"),
            "at_target": self.env._("Target reached, no stretch: 100"),
            "target_to_stretch": self.env._("Linear from the target (100) to the stretch (cap)"),
            "at_stretch": self.env._("At or beyond the stretch: capped"),
            "in_band": self.env._("Inside the band: 100"),
            "below_band": self.env._("Linear from the lower floor (0) to the band (100)"),
            "above_band": self.env._("Linear from the band (100) to the upper floor (0)"),
        }

    @api.constrains(
        "target",
        "floor",
        "floor_set",
        "stretch",
        "stretch_set",
        "band_low",
        "band_high",
        "kpi_id",
        "weight",
        "scorecard_id",
    )
    def _check_curve(self):
        for line in self:
            try:
                line._curve()
            except ScoringError as error:
                label = line._fields.get(error.field)
                raise ValidationError(
                    self.env._(
                        "KPI line %(kpi)s of %(card)s, field %(field)s: %(error)s",
                        kpi=line.kpi_id.display_name,
                        card=line.scorecard_id.name,
                        field=label.get_description(self.env)["string"] if label else error.field,
                        error=str(error),
                    )
                ) from error

    @api.constrains("parent_line_id")
    def _check_parent_line(self):
        if self._has_cycle():
            raise ValidationError(
                self.env._("A KPI line cannot drive itself, even through other lines.")
            )
        for line in self.filtered("parent_line_id"):
            if line.parent_line_id.company_id != line.company_id:
                raise ValidationError(
                    self.env._(
                        "Line %(line)s belongs to %(company)s and cannot drive a line of "
                        "%(other)s. Group KPIs reach subsidiaries through the group addon.",
                        line=line.kpi_id.display_name,
                        company=line.company_id.name,
                        other=line.parent_line_id.company_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._apply_share_defaults(vals)
        return super().create(vals_list)

    def _synergy_locked(self):
        # Locked too while the close of the period runs in background jobs, and by a closed
        # period (nothing is added to it: a scorecard created there would change its results).
        return super()._synergy_locked() | self.filtered(
            lambda record: record.period_id.state in ("closing", "closed")
        )

    def _synergy_lock_hint(self):
        if self.period_id.state == "closing":
            return self.env._(
                "Its period is being closed: wait for the close to end, or an officer can "
                "reopen the period."
            )
        if self.scorecard_id.state != "closed":  # a closed period adds nothing
            return self.env._(
                "Its period %s is closed: an officer can reopen the period first.",
                self.period_id.display_name,
            )
        return self.env._(
            "Its scorecard is closed: an officer can reopen its period to correct it."
        )

    def write(self, vals):
        self._check_unlocked()  # before the given flags validate the curve
        return super().write(vals)

    def _message_log(self, *, body="", **kwargs):
        """Lines are edited inside their scorecard: their tracked changes (weight, target,
        floor, stretch, band) are logged in the scorecard's chatter, named after the KPI."""
        self.ensure_one()
        if not body:
            body = Markup("<p>%s</p>") % self.env._("KPI line %s", self.kpi_id.display_name)
        return self.scorecard_id._message_log(body=body, **kwargs)

    @api.model
    def _apply_share_defaults(self, vals):
        """A KPI shared between departments proposes its weight to each member's scorecard."""
        if "weight" in vals or not vals.get("kpi_id") or not vals.get("scorecard_id"):
            return
        card = self.env["synergy.scorecard"].browse(vals["scorecard_id"])
        share = self.env["synergy.kpi.share"].search(
            [("kpi_id", "=", vals["kpi_id"]), ("department_id", "=", card.department_id.id)],
            limit=1,
        )
        if card.owner_level == "department" and share:
            vals["weight"] = share.proposed_weight
            vals.setdefault("is_synergy", True)

    @api.onchange("kpi_id")
    def _onchange_kpi_share(self):
        card = self.scorecard_id
        if card.owner_level != "department" or not self.kpi_id:
            return
        share = self.kpi_id.share_ids.filtered(lambda s: s.department_id == card.department_id)
        if share:
            self.weight = share[0].proposed_weight
            self.is_synergy = True

    # ------------------------------------------------------------------ actuals
    def _ancestors(self):
        ids = {int(i) for path in self.mapped("parent_path") for i in (path or "").split("/") if i}
        return self.browse(ids)

    def _refreshed_by_close(self):
        """Those of these lines that the close running in this call stack refreshes right
        after (``tools/close_scope.closing``): the lines of its periods whose ancestors all
        belong to them too. A line driving a line of another period is left out of them, so
        that a refresh now gives that line its driver's fresh actual, as without the close."""
        period_ids = closing_period_ids()
        if not period_ids or not self:
            return self.browse()
        self.flush_model(["period_id", "parent_path"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT line.id
                  FROM %(table)s line
                 WHERE line.id = ANY(%(ids)s)
                   AND line.period_id = ANY(%(periods)s)
                   AND NOT EXISTS (
                        SELECT 1
                          FROM %(table)s up
                         WHERE up.id = ANY(
                                   string_to_array(rtrim(line.parent_path, '/'), '/')::int[])
                           AND (up.period_id IS NULL OR up.period_id != ALL(%(periods)s)))
                """,
                table=SQL.identifier(self._table),
                ids=id_array(self._ids),
                periods=sorted(period_ids),
            )
        )
        return self.browse([row[0] for row in rows])

    def _refresh_rows(self, ids):
        """{line id: row} of the columns a refresh reads, as plain rows: a period close
        refreshes 100,000 lines, where ORM records and field reads cost more than the
        queries. Only existing lines have a row."""
        self.flush_model(
            [*REFRESH_COLUMNS, "parent_line_id", "sequence", "weight", "actual", "has_actual"]
        )
        rows = self.env.execute_query(
            SQL(
                "SELECT id, %s FROM %s WHERE id = ANY(%s)",
                SQL(", ").join(SQL.identifier(name) for name in REFRESH_COLUMNS),
                SQL.identifier(self._table),
                id_array(ids),
            )
        )
        return {row[0]: RefreshRow(*row) for row in rows}

    def _refresh_actuals(self, scorecards=None, closing=None):
        """Recompute the actuals and scores of these lines and of every line they drive, in
        bulk: the actuals are computed in memory (roll-ups bottom-up, reading their drivers'
        fresh values), scored by the scoring engine and written with one access check, one
        UPDATE and one dependency walk for all lines; then the results of their scorecards
        and of ``scorecards`` (the ones being refreshed, lines or not), closing those of
        ``closing`` with them (``synergy.scorecard._compute_results``)."""
        rows = self._refresh_rows(self.ids) if self else {}
        # The ancestors not among the rows: only a line whose parent is not among them has
        # any (a parent among them answers for its own ancestors).
        ancestor_ids = set()
        for row in rows.values():
            path = (row.parent_path or "").split("/")  # "1/23/456/": [..., parent, self, ""]
            if len(path) > 2 and int(path[-3]) not in rows:
                ancestor_ids.update(int(i) for i in path[:-2])
        if ancestor_ids - rows.keys():
            rows.update(self._refresh_rows(ancestor_ids - rows.keys()))
        # The scorecards' fields read one by one: a refresh reads a few of them on 10,000
        # scorecards, where prefetching every column costs more than those few queries.
        cards = (
            self.env["synergy.scorecard"]
            .with_context(prefetch_fields=False)
            .browse({row.scorecard_id for row in rows.values()})
        )
        if scorecards:
            cards |= scorecards
        # Locked lines and scorecards keep their figures (a closed period's); a close
        # bypasses the lock and writes them all.
        cards = cards._unlocked()
        if not rows:
            cards._compute_results(closing=closing)
            return
        fresh, kpis = self._fresh_actuals(rows)
        writable = self.browse(fresh)._unlocked()
        if len(writable) < len(fresh):
            fresh = {line_id: fresh[line_id] for line_id in writable._ids}
        self._write_actuals(rows, fresh, kpis)
        cards._compute_results(totals=cards._totals_from_rows(), closing=closing)

    def _fresh_actuals(self, rows, internal_only=False):
        """({line id: fresh actual or None}, {kpi id: KPI}) of ``rows`` (``_refresh_rows``):
        direct lines from their KPI values, roll-ups bottom-up from their drivers' fresh
        actuals (a driver outside ``rows`` gives its stored actual). Each actual is rounded
        once, to the digits of the ``actual`` column, as it is stored.

        ``internal_only``: leave out the roll-ups that read a driver outside ``rows`` or a
        left-out roll-up (a chunk of a close by department subtree: the close's roll-up step
        computes them once every chunk is written). What is computed then depends only on the
        KPI values and on ``rows``: the same ``rows`` give the same result, however often."""
        kpis = self.env["synergy.kpi"].browse({row.kpi_id for row in rows.values()})
        kpis = {kpi.id: kpi for kpi in kpis}
        to_actual = self._actual_rounder()
        rolled_up = {kpi_id for kpi_id, kpi in kpis.items() if kpi.value_source == "children"}
        direct = [row for row in rows.values() if row.kpi_id not in rolled_up]
        actuals = self._fetch_actuals(direct, kpis)
        fresh = {}
        for row in direct:
            value = actuals.get(row.id)
            fresh[row.id] = None if value is None else to_actual(value)
        # Roll-ups bottom-up, so that a parent sees its children's fresh actuals.
        rollups = sorted(
            (row for row in rows.values() if row.id not in fresh),
            key=lambda row: (row.parent_path or "").count("/"),
            reverse=True,
        )
        drivers_of = self._drivers_of([row.id for row in rollups])
        # A driver counts as stored (rounded to the column's digits), fresh or not: a roll-up
        # then gives the same figure whether its drivers were computed with it or before it
        # (by another chunk of a close), and the value tree adds up to what it shows.
        for row in rollups:
            drivers = drivers_of.get(row.id, ())
            if internal_only and any(child_id not in fresh for child_id, *_rest in drivers):
                continue
            values, weights = [], []
            for child_id, weight, stored, has_actual in drivers:
                if child_id in fresh:
                    value = fresh[child_id]
                    if value is None:
                        continue
                elif has_actual:
                    value = stored
                else:
                    continue
                values.append(value)
                weights.append(weight)
            value = rollup(values, kpis[row.kpi_id].rollup_rule or "sum", weights)
            fresh[row.id] = None if value is None else to_actual(value)
        return fresh, kpis

    def _actual_rounder(self):
        """``actual``'s ``convert_to_cache`` for a number, with its digits looked up once: a
        close rounds 100,000 actuals."""
        digits = self._fields["actual"].get_digits(self.env)
        if not digits:
            return lambda value: float(value or 0.0)
        return float_rounder(digits[1])

    def _write_actuals(self, rows, fresh, kpis):
        """Score the ``fresh`` actuals ({line id: actual rounded to its digits, or None},
        ``_fresh_actuals``) of ``rows`` and write them with one access check, one UPDATE and
        one dependency walk for all lines."""
        cards = (
            self.env["synergy.scorecard"]
            .with_context(prefetch_fields=False)
            .browse({rows[line_id].scorecard_id for line_id in fresh})
        )
        caps = {card.id: card._score_cap() for card in cards}
        directions = {kpi_id: kpi.direction for kpi_id, kpi in kpis.items()}
        # Scores are computed from the stored actual, rounded to its digits, as the ORM's
        # compute reads it.
        curves = {}  # each distinct curve resolved once
        vals_by_id = {}
        for line_id, actual in fresh.items():
            row = rows[line_id]
            line_score = line_achievement = 0.0
            if actual is not None:
                # _scored(), its flags read from the row
                line_score, line_achievement = line_result(
                    directions[row.kpi_id],
                    actual,
                    row.target,
                    floor=row.floor if row.floor_set else None,
                    stretch=row.stretch if row.stretch_set else None,
                    band_low=row.band_low,
                    band_high=row.band_high,
                    cap=caps[row.scorecard_id],
                    curves=curves,
                )
            vals_by_id[line_id] = {
                "actual": 0.0 if actual is None else actual,
                "has_actual": actual is not None,
                "score": line_score,
                "achievement": line_achievement,
            }
        # The write's dependency walk reads each line's scorecard (the scorecards' totals depend
        # on their lines): the rows hold it, read after a flush; the cache gets it from them
        # where it has none (pending changes stay), instead of a query over 100,000 ids.
        self._fields["scorecard_id"]._insert_cache(
            self.browse(vals_by_id), [rows[line_id].scorecard_id for line_id in vals_by_id]
        )
        sql_write_per_record(self, vals_by_id, rounded=True)

    def _drivers_of(self, line_ids):
        """{line id: [(driver id, weight, actual, has_actual)]}: the lines driving these."""
        if not line_ids:
            return {}
        result = defaultdict(list)
        for parent_id, *driver in self.env.execute_query(
            SQL(
                "SELECT parent_line_id, id, weight, actual, has_actual FROM %s "
                "WHERE parent_line_id = ANY(%s) ORDER BY scorecard_id, sequence, id",
                SQL.identifier(self._table),
                id_array(line_ids),
            )
        ):
            result[parent_id].append(driver)
        return result

    def _fetch_actuals(self, rows, kpis):
        """{line id: actual} of ``rows`` (``_refresh_rows``) from the KPI values of each line's
        owner and period: the value of the period itself when there is one, else the values of
        its smallest sub-periods combined by the KPI's time aggregation. ``kpis``: {id: KPI}.

        A constant number of queries for any number of lines, and no ORM record per value:
        the values are searched with the ORM's domain and record rules and read as plain
        rows."""
        if not rows:
            return {}
        periods = self.env["synergy.period"].browse({row.period_id for row in rows})
        leaves = self.env["synergy.period"].search(
            [("id", "child_of", periods.ids), ("child_ids", "=", False)]
        )
        leaf_ids_by_period = {
            period.id: leaves.filtered(
                lambda leaf, p=period: leaf.parent_path.startswith(p.parent_path)
            )
            .sorted("date_start")
            .ids
            for period in periods
        }
        # Only the values of these lines' owners (and of the company for interlocked lines):
        # refreshing a few lines reads a few values, not the whole KPI.
        # An interlocked line reads the one authoritative value: the company's.
        owner_keys = [
            ("company", row.company_id, False, False, False) if row.interlock_id else row.owner_key
            for row in rows
        ]
        owners = owner_domain_of_keys(
            {key for row, key in zip(rows, owner_keys, strict=True) if not row.interlock_id}
        )
        interlocked_companies = {row.company_id for row in rows if row.interlock_id}
        if interlocked_companies:
            owners |= Domain("owner_level", "=", "company") & Domain(
                "company_id", "in", sorted(interlocked_companies)
            )
        Value = self.env["synergy.kpi.value"]
        Value.flush_model(["kpi_id", "period_id", "value", *OWNER_COLUMNS])
        query = Value._search(
            Domain("kpi_id", "in", sorted({row.kpi_id for row in rows}))
            & Domain("period_id", "in", (periods | leaves).ids)
            & owners
        )
        by_key = defaultdict(dict)
        for kpi_id, period_id, value, *owner in self.env.execute_query(
            query.select(
                *(
                    SQL.identifier(Value._table, name)
                    for name in ("kpi_id", "period_id", "value", *OWNER_COLUMNS)
                )
            )
        ):
            by_key[kpi_id, owner_key_of(owner)][period_id] = value
        result = {}
        for row, owner_key in zip(rows, owner_keys, strict=True):
            series = by_key.get((row.kpi_id, owner_key), {})
            if row.period_id in series:
                result[row.id] = series[row.period_id]
                continue
            monthly = [series[leaf] for leaf in leaf_ids_by_period[row.period_id] if leaf in series]
            combined = aggregate_over_time(monthly, kpis[row.kpi_id].time_aggregation)
            if combined is not None:
                result[row.id] = combined
        return result

    # ------------------------------------------------------------------ traceability
    def _compute_contributor_count(self):
        # Counted in SQL, not read: the company line has every line of its KPI under it
        # (10,585 at 10,000 employees). One query for all the lines: the subtree is a search
        # (record rules apply, parent_path's index finds it), each of its lines counted for
        # the ancestors its path names.
        saved = self.filtered(lambda line: isinstance(line.id, int))
        counts = {}
        if saved:
            self.flush_model(["parent_path"])
            subtree = self._search([("id", "child_of", saved.ids)])
            counts = dict(
                self.env.execute_query(
                    SQL(
                        """
                        SELECT ancestor::int, COUNT(*)
                          FROM (%s) AS sub,
                               unnest(string_to_array(rtrim(sub.parent_path, '/'), '/')) AS ancestor
                         WHERE ancestor IN %s AND ancestor != sub.id::text
                         GROUP BY ancestor
                        """,
                        subtree.select(
                            SQL.identifier(self._table, "id"),
                            SQL.identifier(self._table, "parent_path"),
                        ),
                        tuple(str(line_id) for line_id in saved.ids),
                    )
                )
            )
        for line in self:
            line.contributor_count = counts.get(line.id, 0)

    @user_action(USER)
    def action_view_contributors(self):
        """Every line of the subtree, with its department, job or employee: who contributes."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Who contributes to %s", self.kpi_id.display_name),
            "res_model": self._name,
            "view_mode": "list,hierarchy,form",
            "views": [
                (
                    self.env.ref("perf_synergy.synergy_scorecard_line_view_list_contributors").id,
                    "list",
                ),
                (
                    self.env.ref("perf_synergy.synergy_scorecard_line_view_hierarchy").id,
                    "hierarchy",
                ),
                (False, "form"),
            ],
            "domain": [("id", "child_of", self.id), ("id", "!=", self.id)],
            "context": {"group_by": ["owner_level"]},
        }

    @user_action(USER)
    def action_view_value_tree(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Value tree of %s", self.kpi_id.display_name),
            "res_model": self._name,
            "view_mode": "hierarchy",
            "views": [
                (self.env.ref("perf_synergy.synergy_scorecard_line_view_hierarchy").id, "hierarchy")
            ],
            # Opened on the line itself (``hierarchy_res_id``), not on a domain of its subtree:
            # web_hierarchy reads the whole domain when it has no root (a line with a parent),
            # every line of a department's subtree (1,320 at 10,000 employees). No domain: the
            # client then sends the line's id alone (with a domain, web_hierarchy 19.0 sends a
            # Domain object the server rejects); searching looks through every readable line,
            # as in the Value Tree menu.
            "context": {"hierarchy_res_id": self.id},
        }

    @api.model
    def hierarchy_read(self, domain, specification, parent_field, child_field=None, order=None):
        """web_hierarchy opening on one line shows it with the line it drives, that line's
        other drivers and its own drivers. A head may not read the line his department's line
        drives (the company's or a parent department's): the tree then starts at his line,
        with its drivers, instead of failing with an access error on the parent."""
        if parent_field != self._parent_name or not child_field:
            return super().hierarchy_read(domain, specification, parent_field, child_field, order)
        # As web_hierarchy's own, but for the parent, added only when readable.
        specification.setdefault(parent_field, {"fields": {"display_name": {}}})
        records = self.search(domain, order=order)
        if len(records) == 1:
            records |= records[parent_field]._filtered_access("read")
            records += self.search(
                [("id", "not in", records.ids), (parent_field, "in", records.ids)], order=order
            )
        return records.web_read(specification)
