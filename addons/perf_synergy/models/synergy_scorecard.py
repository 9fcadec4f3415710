from collections import defaultdict, namedtuple

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..engine.composite import Composite, evaluation_weights
from ..engine.linkage import linked_score
from ..engine.scoring import scorecard_totals
from ..tools.bulk_write import id_array, reserve_update_room, sql_write_per_record
from ..tools.write_policy import MANAGER, OFFICER, Allow, user_action
from .synergy_owner_mixin import OWNER_FIELD_BY_LEVEL

# What the composite result of a scorecard reads (``_composite_rows``).
COMPOSITE_COLUMNS = (
    "scheme_id",
    "owner_level",
    "department_id",
    "employee_id",
    "period_id",
    "internal_customer_available",
    "tier_available",
    "internal_customer_score",
    "tier_score",
    "calibrated_grade",
)
CompositeRow = namedtuple("CompositeRow", ("id", *COMPOSITE_COLUMNS))


class SynergyScorecard(models.Model):
    """One owner's scorecard for one period, holding its KPI lines and its composite result."""

    _name = "synergy.scorecard"
    _description = "Scorecard"
    _inherit = ["synergy.policy.mixin", "synergy.owner.mixin", "mail.thread", "mail.activity.mixin"]
    _policy_state = "state"
    _lock_states = ("closed",)
    _lock_placed_by = ("period_id", "company_id")
    _unlink_states = ("draft",)
    _write_policy = {
        "name": Allow(MANAGER, states=("draft",)),
        "period_id": Allow(MANAGER, states=("draft",)),
        "line_ids": Allow(MANAGER, states=("draft",)),
        "owner_level": Allow(MANAGER, create_only=True),
        "company_id": Allow(MANAGER, create_only=True),
        "department_id": Allow(MANAGER, create_only=True),
        "job_id": Allow(MANAGER, create_only=True),
        "employee_id": Allow(MANAGER, create_only=True),
        "scheme_id": Allow(OFFICER, states=("draft",)),
    }
    _order = "period_date_start desc, owner_level, id"

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    period_id = fields.Many2one(
        "synergy.period", required=True, index=True, ondelete="restrict", check_company=True
    )
    period_date_start = fields.Date(related="period_id.date_start", store=True)
    scheme_id = fields.Many2one(
        "synergy.scheme",
        string="Policy Scheme",
        compute="_compute_scheme_id",
        store=True,
        readonly=False,
        check_company=True,
        domain="[('state', '=', 'approved'), ('company_id', '=', company_id)]",
    )
    state = fields.Selection(
        selection=[("draft", "Draft"), ("confirmed", "Confirmed"), ("closed", "Closed")],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    user_id = fields.Many2one(related="employee_id.user_id", string="Employee User")
    line_ids = fields.One2many(
        "synergy.scorecard.line", "scorecard_id", string="KPI Lines", copy=True
    )
    total_weight = fields.Float(aggregator=None, compute="_compute_scores", store=True)
    synergy_weight = fields.Float(
        aggregator=None,
        compute="_compute_scores",
        store=True,
        help="Weight carried by KPI lines shared with other departments.",
    )
    kpi_score = fields.Float(
        string="KPI Score",
        compute="_compute_scores",
        store=True,
        aggregator="avg",
        help="Weighted mean of the lines' scores: Σ weight × score / Σ weight.",
    )
    # Composite result (DESIGN.md section 7): every component is stored and shown.
    linked_score = fields.Float(readonly=True, aggregator="avg")
    internal_customer_score = fields.Float(readonly=True, aggregator="avg")
    internal_customer_available = fields.Boolean(
        readonly=True, help="An internal-customer result with enough responses exists."
    )
    tier_score = fields.Float(readonly=True, aggregator="avg")
    tier_available = fields.Boolean(
        readonly=True, help="A tier-evaluation result with enough responses exists."
    )
    internal_customer_weight = fields.Float(
        aggregator=None,
        string="Internal Customer Weight (%)",
        readonly=True,
        help="Weight of the internal-customer score, from the scheme for the owner's tier; "
        "0 when the result is insufficient, its weight then going to the other components "
        "(KPI part, tier evaluation) in proportion to their weights.",
    )
    tier_weight = fields.Float(
        aggregator=None,
        string="Tier Evaluation Weight (%)",
        readonly=True,
        help="Weight of the tier-evaluation score, from the scheme for the owner's tier; 0 "
        "when the result is insufficient, its weight then going to the other components (KPI "
        "part, internal customers) in proportion to their weights.",
    )
    behavior_points = fields.Float(string="Behaviour Points", readonly=True)
    behavior_points_capped = fields.Float(string="Behaviour Points (capped)", readonly=True)
    final_score = fields.Float(
        readonly=True, aggregator="avg", groups="perf_synergy.group_synergy_manager"
    )
    grade = fields.Char(
        readonly=True,
        groups="perf_synergy.group_synergy_manager",
        help="Grade of the final score under the scheme's bands.",
    )
    # Calibrated grades are the office's until published (published_grade carries them to
    # the owner): department heads read the computed grade, not the calibration.
    calibrated_grade = fields.Char(
        readonly=True,
        copy=False,
        groups="perf_synergy.group_synergy_officer",
        help="Grade set by a calibration session, if any.",
    )
    final_grade = fields.Char(
        compute="_compute_final_grade", store=True, groups="perf_synergy.group_synergy_officer"
    )
    # "Why this score": the data of the explanation, drawn by the synergy_score_explanation
    # widget; built for the reader (see _explanation_data), so readable by every reader of the
    # scorecard.
    explanation = fields.Json(string="Why This Score", compute="_compute_explanation")
    result_published = fields.Boolean(readonly=True, copy=False, tracking=True)
    published_final_score = fields.Float(aggregator="avg", readonly=True, copy=False)
    published_grade = fields.Char(readonly=True, copy=False)

    _unique_owner_period = models.UniqueIndex(
        "(period_id, owner_level, company_id, COALESCE(department_id, 0), "
        "COALESCE(job_id, 0), COALESCE(employee_id, 0))",
        "This owner already has a scorecard for this period.",
    )

    def init(self):
        # A close rewrites the results, then the state, of a period's scorecards: room for
        # two new versions of each row keeps both updates in place (see the lines).
        result = super().init()
        reserve_update_room(self, fillfactor=30)
        return result

    @api.depends("owner_name", "period_id.name")
    def _compute_name(self):
        for card in self:
            card.name = card._generated_name()

    def _generated_name(self):
        # The owner's own display name, not owner_name: that one is cached in one language.
        owner = self[OWNER_FIELD_BY_LEVEL[self.owner_level]] if self.owner_level else None
        return " - ".join(filter(None, [owner and owner.display_name, self.period_id.name]))

    @api.depends("name", "owner_name", "period_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        # The stored name is in the language of whoever created the card ("Management /
        # Sales - 2026 Q1" for a Chinese reader): a generated name (it ends with the period's
        # name in some language) is shown from its parts in the reader's language; a name
        # somebody typed is shown as typed.
        periods = {card.id: set() for card in self}
        for code, _name in self.env["res.lang"].get_installed():
            for card in self.with_context(lang=code):
                periods[card.id].add(card.period_id.name)
        for card in self:
            generated = not card.name or any(
                period and (card.name == period or card.name.endswith(f" - {period}"))
                for period in periods[card.id]
            )
            card.display_name = card._generated_name() if generated else card.name

    @api.depends("company_id", "period_id.date_start")
    def _compute_scheme_id(self):
        for card in self:
            if card.period_id and not card.scheme_id:
                card.scheme_id = self.env["synergy.scheme"]._get_for(
                    card.company_id, card.period_id.date_start.year
                )

    @api.depends("line_ids.weight", "line_ids.score", "line_ids.is_synergy")
    def _compute_scores(self):
        for card in self:
            card.total_weight, card.synergy_weight, card.kpi_score = scorecard_totals(
                [(line.weight, line.score, line.is_synergy) for line in card.line_ids]
            )

    def _totals_from_rows(self):
        """{scorecard id: the values of ``_compute_scores``} from the lines' stored rows (a
        period close refreshes 10,000 scorecards of 100,000 lines, which the ORM would load
        as records)."""
        Line = self.env["synergy.scorecard.line"]
        Line.flush_model(["scorecard_id", "sequence", "weight", "score", "is_synergy"])
        lines_of = {card_id: [] for card_id in self.ids}
        for card_id, weight, line_score, is_synergy in self.env.execute_query(
            SQL(
                "SELECT scorecard_id, weight, score, is_synergy FROM %s "
                "WHERE scorecard_id = ANY(%s) ORDER BY scorecard_id, sequence, id",
                SQL.identifier(Line._table),
                id_array(self._ids),
            )
        ):
            lines_of[card_id].append((weight or 0.0, line_score or 0.0, bool(is_synergy)))
        vals_by_id = {}
        for card_id, lines in lines_of.items():
            total, synergy, kpi_score = scorecard_totals(lines)
            vals_by_id[card_id] = {
                "total_weight": total,
                "synergy_weight": synergy,
                "kpi_score": kpi_score,
            }
        return vals_by_id

    @api.depends("grade", "calibrated_grade")
    def _compute_final_grade(self):
        for card in self:
            card.final_grade = card.calibrated_grade or card.grade

    @api.depends(
        "line_ids.weight",
        "line_ids.score",
        "line_ids.achievement",
        "line_ids.actual",
        "kpi_score",
        "linked_score",
        "internal_customer_score",
        "tier_score",
        "internal_customer_weight",
        "tier_weight",
        "behavior_points",
        "behavior_points_capped",
        "result_published",
        "published_final_score",
        "published_grade",
    )
    @api.depends_context("uid", "lang")
    def _compute_explanation(self):
        # Explained from the stored fields: a scorecard being edited is explained once saved.
        data = self.filtered("id")._explanation_data()
        for card in self:
            card.explanation = data.get(card.id, False)

    def _explanation_data(self):
        """{scorecard id: the "why this score" of the scorecard} for the current user, built
        from the stored fields (no number is recomputed but the lines' contributions, their
        curves' floor and stretch, and the KPI part's weight, each with the engine's own
        functions). Only what the reader may read: the final score and grade of an unpublished
        result for managers; the calibration, and who made it and why, for officers; the
        published score and grade otherwise (an employee reads nothing of his result before
        it is published)."""
        user = self.env.user
        manager = user.has_group("perf_synergy.group_synergy_manager")
        officer = user.has_group("perf_synergy.group_synergy_officer")
        calibrations = self._calibration_lines() if officer else {}
        links = self._explanation_links()
        labels = self.env["synergy.scorecard.line"]._explanation_labels()
        return {
            card.id: card._explanation_of(
                manager, officer, calibrations.get(card.id), links, labels
            )
            for card in self
        }

    def _explanation_of(self, manager, officer, calibration, links, labels):
        self.ensure_one()
        scheme = self.scheme_id
        cap = self._score_cap()
        lines = [line._explanation_line(cap, self.total_weight, labels) for line in self.line_ids]
        data = {
            "id": self.id,
            "lines": lines,
            "score_cap": cap,
            "total_weight": self.total_weight,
            "kpi_score": self.kpi_score,
            "linkage": self._explanation_linkage(links.get(self.id)),
            "composite": False,
            "calibration": False,
            "published": False,
            "notes": [],
        }
        shown = manager or self.result_published
        if not shown:
            data["notes"].append(
                self.env._(
                    "The composite result and the grade are explained here once the result "
                    "is published."
                )
            )
            return data
        base_we = base_wt = 0.0
        tier = self._tier()
        if scheme and tier:
            base_we, base_wt = scheme[f"{tier}_internal_weight"], scheme[f"{tier}_tier_weight"]
        we, wt = self.internal_customer_weight, self.tier_weight
        data["composite"] = {
            "kpi_part_weight": 100.0 - we - wt,
            "linked_score": self.linked_score,
            "internal_customer_score": self.internal_customer_score,
            "internal_customer_weight": we,
            "internal_customer_base_weight": base_we,
            "internal_customer_available": self.internal_customer_available,
            "tier_score": self.tier_score,
            "tier_weight": wt,
            "tier_base_weight": base_wt,
            "tier_available": self.tier_available,
            "behavior_points": self.behavior_points,
            "behavior_cap": scheme.behavior_cap if scheme else 5.0,
            "behavior_points_capped": self.behavior_points_capped,
            "bands": [
                {"grade": grade, "min": scheme[f"grade_{grade.lower()}_min"]}
                for grade in ("S", "A", "B", "C")
            ]
            if scheme
            else [],
            # Managers read the computed result; the others its published copy only.
            "final_score": self.final_score if manager else False,
            "grade": (self.grade or False) if manager else False,
            "final_grade": (self.final_grade or False) if officer else False,
        }
        missing = [
            label
            for label, available, base in (
                (self.env._("internal customers"), self.internal_customer_available, base_we),
                (self.env._("tier evaluation"), self.tier_available, base_wt),
            )
            if base and not available
        ]
        if missing:
            data["notes"].append(
                self.env._(
                    "Too few responses for %(components)s: its weight goes to the other "
                    "components in proportion to theirs.",
                    components=", ".join(missing),
                )
            )
        if self.behavior_points != self.behavior_points_capped:
            data["notes"].append(
                self.env._(
                    "Behaviour points are capped at ± %(cap)s.",
                    cap=f"{data['composite']['behavior_cap']:g}",
                )
            )
        if officer and self.calibrated_grade and self.calibrated_grade != self.grade:
            data["calibration"] = {
                "grade_before": self.grade or False,
                "grade_after": self.calibrated_grade,
                "session": calibration.calibration_id.display_name if calibration else False,
                "session_id": calibration.calibration_id.id if calibration else False,
                "by": calibration.write_uid.name if calibration else False,
                "date": fields.Datetime.to_string(calibration.write_date) if calibration else False,
                "reason": calibration.reason or False if calibration else False,
            }
            data["notes"].append(
                self.env._(
                    "The grade was calibrated from %(before)s to %(after)s.",
                    before=self.grade or "-",
                    after=self.calibrated_grade,
                )
            )
        if self.result_published:
            band_grade = scheme.grade_for(self.published_final_score) if scheme else False
            data["published"] = {
                "published_final_score": self.published_final_score,
                "published_grade": self.published_grade or False,
                "band_grade": band_grade,
            }
            if band_grade and self.published_grade and band_grade != self.published_grade:
                data["notes"].append(
                    self.env._(
                        "The published grade %(published)s was set by a calibration: the "
                        "score's band gives %(band)s.",
                        published=self.published_grade,
                        band=band_grade,
                    )
                )
        return data

    def _calibration_lines(self):
        """{scorecard id: the calibration line that set its calibrated grade} (officers: the
        lines are theirs to read), the latest done session's."""
        lines = self.env["synergy.calibration.line"].search(
            [
                ("scorecard_id", "in", self.ids),
                ("changed", "=", True),
                ("calibration_id.state", "=", "done"),
            ],
            order="calibration_id desc, id desc",
        )
        result = {}
        for line in lines:
            result.setdefault(line.scorecard_id.id, line)
        return result

    def _explanation_links(self):
        """{scorecard id: [(KPI name, ratio %, company score or None)]} of the department
        scorecards, from the approved linkage matrix of their year. A company score the reader
        may not read (a head reads his tree's lines, not the company's) is None."""
        result = {}
        for cards, links_of, score_of in self._company_linkages():
            for card in cards:
                result[card.id] = [
                    (
                        link.kpi_id.display_name,
                        link.ratio,
                        score_of.get((card.period_id, link.kpi_id)),
                    )
                    for link in links_of.get(card.department_id, ())
                ]
        return result

    def _company_linkages(self):
        """For the department scorecards among these, by company and year: (scorecards,
        {department: [linkage matrix line]}, {(period, KPI): company line's score}) from the
        approved linkage matrix of the year and the company lines the reader may read."""
        departments = self.filtered(lambda c: c.owner_level == "department" and c.period_id)
        for (company, year), cards in departments.grouped(
            lambda c: (c.company_id, c.period_id.date_start.year)
        ).items():
            matrix = self.env["synergy.linkage.matrix"]._get_for(company, year)
            company_lines = self.env["synergy.scorecard.line"].search(
                [
                    ("owner_level", "=", "company"),
                    ("company_id", "=", company.id),
                    ("period_id", "in", cards.period_id.ids),
                    ("kpi_id", "in", matrix.line_ids.kpi_id.ids),
                ]
            )
            score_of = {(line.period_id, line.kpi_id): line.score for line in company_lines}
            links_of = defaultdict(list)
            for link in matrix.line_ids:
                if link.relevance != "none":
                    links_of[link.department_id].append(link)
            yield cards, links_of, score_of

    def _explanation_linkage(self, links):
        if self.owner_level != "department":
            return False
        links = links or []
        own_share = 100.0 - sum(ratio for _kpi, ratio, _score in links)
        return {
            "own_share": own_share,
            # What the company's KPIs bring, from the two stored scores.
            "company_part": self.linked_score - own_share / 100.0 * self.kpi_score,
            "links": [
                {"kpi": kpi, "ratio": ratio, "company_score": score if score is not None else False}
                for kpi, ratio, score in links
            ],
            "linked_score": self.linked_score,
        }

    def _tier(self):
        self.ensure_one()
        return self.department_id.synergy_tier if self.owner_level != "company" else False

    def _compute_composite(self):
        """Final score and grade of each scorecard from its stored components, written in
        bulk (one access check, one UPDATE and one dependency walk for all scorecards)."""
        sql_write_per_record(
            self, self._composite_vals({card.id: card.linked_score for card in self})
        )

    def _composite_rows(self):
        """{scorecard id: row} of what the composite result reads, as plain rows: a close
        computes 10,000 scorecards, where ORM field reads cost more than the query."""
        self.flush_recordset(COMPOSITE_COLUMNS)
        rows = self.env.execute_query(
            SQL(
                "SELECT id, %s FROM %s WHERE id = ANY(%s)",
                SQL(", ").join(SQL.identifier(name) for name in COMPOSITE_COLUMNS),
                SQL.identifier(self._table),
                id_array(self._ids),
            )
        )
        return {row[0]: CompositeRow(*row) for row in rows}

    def _composite_vals(self, linked_scores):
        """{scorecard id: composite result fields} from ``linked_scores`` ({id: score}) and
        the other stored components."""
        rows = self._composite_rows()
        points = self._approved_behavior_points(rows)
        tiers = {
            department.id: department.synergy_tier
            for department in self.env["hr.department"].browse(
                {row.department_id for row in rows.values() if row.department_id}
            )
        }
        # What a scheme gives the scorecards of a tier, read once: a close computes 10,000
        # scorecards under a few schemes.
        terms = {}

        def scheme_terms(scheme_id, tier):
            if (scheme_id, tier) not in terms:
                scheme = self.env["synergy.scheme"].browse(scheme_id)
                terms[scheme_id, tier] = (
                    (scheme[f"{tier}_internal_weight"] if scheme and tier else 0.0) / 100,
                    (scheme[f"{tier}_tier_weight"] if scheme and tier else 0.0) / 100,
                    scheme.behavior_cap if scheme else 5.0,
                    scheme._grader() if scheme else None,
                )
            return terms[scheme_id, tier]

        vals_by_id = {}
        for card_id in self._ids:
            row = rows[card_id]
            # _tier(), from the row
            tier = tiers.get(row.department_id) if row.owner_level != "company" else False
            we, wt, behavior_cap, grade_for = scheme_terms(row.scheme_id, tier or False)
            # An insufficient evaluation's weight goes to the other components in proportion
            # (docs/formulas.md section 7).
            we, wt = evaluation_weights(
                we, wt, bool(row.internal_customer_available), bool(row.tier_available)
            )
            composite = Composite(
                linked_score=linked_scores[card_id],
                internal_customer_weight=we,
                internal_customer_score=row.internal_customer_score or 0.0,
                tier_weight=wt,
                tier_score=row.tier_score or 0.0,
                behavior_points=points.get(card_id, 0.0),
                behavior_cap=behavior_cap,
            )
            final = composite.final_score
            grade = grade_for(final) if grade_for else False
            vals_by_id[card_id] = {
                "internal_customer_weight": we * 100,
                "tier_weight": wt * 100,
                "behavior_points": composite.behavior_points,
                "behavior_points_capped": composite.capped_behavior,
                "final_score": final,
                "grade": grade,
                # _compute_final_grade, written with the rest: one UPDATE per scorecard
                "final_grade": row.calibrated_grade or grade,
            }
        return vals_by_id

    def _approved_behavior_points(self, rows):
        """{scorecard id: Σ approved behaviour points of its owner dated in its period}: one
        query for all scorecards (``rows``: ``_composite_rows``). Department scorecards
        count the records given to the department itself (no employee)."""
        owned = {
            card_id: row
            for card_id, row in rows.items()
            if row.owner_level in ("employee", "department") and row.period_id
        }
        if not owned:
            return {}
        periods = self.env["synergy.period"].browse({row.period_id for row in owned.values()})
        dates = {period.id: (period.date_start, period.date_end) for period in periods}
        employee_ids = {row.employee_id for row in owned.values() if row.employee_id}
        department_ids = {row.department_id for row in owned.values() if row.department_id}
        # sudo: only the sum of the approved points of each scorecard's own owner is used.
        records = (
            self.env["synergy.behavior.record"]
            .sudo()
            .search(
                [
                    ("state", "=", "approved"),
                    ("date", ">=", min(start for start, _end in dates.values())),
                    ("date", "<=", max(end for _start, end in dates.values())),
                    "|",
                    ("employee_id", "in", sorted(employee_ids)),
                    "&",
                    ("employee_id", "=", False),
                    ("department_id", "in", sorted(department_ids)),
                ]
            )
        )
        # Group the records by owner once, instead of filtering them for every scorecard.
        by_owner = defaultdict(list)
        for record in records:
            key = (
                ("employee", record.employee_id.id)
                if record.employee_id
                else ("department", record.department_id.id)
            )
            by_owner[key].append((record.date, record.points))
        result = {}
        for card_id, row in owned.items():
            key = (
                ("employee", row.employee_id)
                if row.owner_level == "employee"
                else ("department", row.department_id)
            )
            start, end = dates[row.period_id]
            result[card_id] = sum(
                points for day, points in by_owner.get(key, ()) if start <= day <= end
            )
        return result

    @user_action(OFFICER, unlocks=True)
    def action_publish(self):
        """Publish results to their owners: the final score and grade become visible to them."""
        if not self.env.user.has_group("perf_synergy.group_synergy_officer"):
            raise UserError(self.env._("Only a Synergy Officer can publish results."))
        for card in self:
            card.write(
                {
                    "result_published": True,
                    "published_final_score": card.final_score,
                    "published_grade": card.final_grade,
                }
            )
            owner = card.employee_id.user_id
            if owner:
                # Addressed to the employee: in his language, not the officer's (a message
                # keeps the language it was written in).
                reader = card.with_context(lang=owner.lang or self.env.lang)
                card.message_post(
                    body=reader.env._(
                        "Your result for %(period)s is published: %(score)s, grade %(grade)s.",
                        period=reader.period_id.name,
                        score=f"{card.final_score:.1f}",
                        grade=card.final_grade or "-",
                    ),
                    partner_ids=owner.partner_id.ids,
                )
        return True

    def _score_cap(self):
        self.ensure_one()
        return self.scheme_id.score_cap or self.company_id.synergy_score_cap or 120.0

    def _min_synergy_weight(self):
        self.ensure_one()
        if self.scheme_id:
            return self.scheme_id.min_synergy_weight
        return self.company_id.synergy_min_synergy_weight

    def _check_ready_to_confirm(self):
        for card in self:
            if not card.line_ids:
                raise ValidationError(
                    self.env._("Scorecard %s has no KPI line: add its KPIs first.", card.name)
                )
            if round(card.total_weight, 2) != 100:
                raise ValidationError(
                    self.env._(
                        "The weights of scorecard %(card)s sum to %(total)s; they must sum to "
                        "100 before it can be confirmed.",
                        card=card.name,
                        total=f"{card.total_weight:g}",
                    )
                )
            minimum = card._min_synergy_weight()
            if card.owner_level == "department" and card.synergy_weight < minimum:
                raise ValidationError(
                    self.env._(
                        "Department scorecard %(card)s carries %(share)s%% of its weight on "
                        "synergy KPIs; the policy requires at least %(minimum)s%%. Mark shared "
                        "KPI lines as synergy or move weight onto them.",
                        card=card.name,
                        share=f"{card.synergy_weight:g}",
                        minimum=f"{minimum:g}",
                    )
                )

    @user_action(MANAGER)
    def action_confirm(self):
        self._check_ready_to_confirm()
        self.write({"state": "confirmed"})
        return True

    @user_action(MANAGER)
    def action_reset_to_draft(self):
        if self.filtered(lambda c: c.state == "closed"):
            raise UserError(
                self.env._("A closed scorecard cannot go back to draft: reopen its period first.")
            )
        self.write({"state": "draft"})
        return True

    @user_action(MANAGER)
    def action_refresh(self):
        # Derived figures: once the right on these scorecards is checked, their lines and the
        # lines reading them (a company line above a head's department) are refreshed as
        # stored computes are, and as a value entered by that head refreshes them (sudo).
        self.check_access("write")
        self._check_unlocked()
        self.sudo()._refresh_actuals()
        return True

    def _refresh_actuals(self, close=False):
        """Refresh the lines and results of these scorecards; ``close``: and close them, in
        the same UPDATE as their results (a period close)."""
        lines = self.env["synergy.scorecard.line"].search(
            [("scorecard_id", "in", self.ids)], order="id"
        )
        lines._refresh_actuals(scorecards=self, closing=self if close else None)

    def _compute_results(self, totals=None, closing=None):
        """Linked score, then the composite result, of these scorecards, written with one
        UPDATE per scorecard (a close writes 10,000: each further pass on the same rows in
        the same transaction costs as much again, and more: PostgreSQL checks again every
        foreign key of a row already updated in the transaction). ``totals``: the fresh
        values of ``_compute_scores`` ({id: values}) to write with them; ``closing``: the
        scorecards among these that a period close closes with the same UPDATE (their state
        is logged by the close, not tracked)."""
        kpi_scores = {
            card.id: totals[card.id]["kpi_score"] if totals else card.kpi_score for card in self
        }
        linked = self._linked_scores(kpi_scores)
        vals_by_id = self._composite_vals(linked)
        closing_ids = set(closing.ids) if closing else set()
        for card in self:
            vals = vals_by_id[card.id]
            vals["linked_score"] = linked[card.id]
            if totals:
                vals.update(totals[card.id])
            if closing:
                vals["state"] = "closed" if card.id in closing_ids else card.state
        sql_write_per_record(self, vals_by_id, untracked=bool(closing))

    def _linked_scores(self, kpi_scores):
        """{scorecard id: linked score} from ``kpi_scores`` ({id: KPI score}). Department
        scorecards: (1 - R) x own + sum(rho x company score), from the approved linkage matrix
        of the year; other scorecards keep their KPI score."""
        departments = self.filtered(lambda c: c.owner_level == "department" and c.period_id)
        linked = {card.id: kpi_scores[card.id] for card in self - departments}
        for cards, links_of, score_of in self._company_linkages():
            for card in cards:
                links = [
                    (link.ratio / 100.0, score_of.get((card.period_id, link.kpi_id), 0.0))
                    for link in links_of.get(card.department_id, ())
                ]
                linked[card.id] = linked_score(kpi_scores[card.id], links)
        return linked

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
        if self.state != "closed":  # a closed period adds nothing
            return self.env._(
                "Its period %s is closed: an officer can reopen the period first.",
                self.period_id.display_name,
            )
        return self.env._("It is closed: an officer can reopen its period to correct it.")

    def write(self, vals):
        result = super().write(vals)
        if {"owner_level", "company_id", "department_id", "job_id", "employee_id"} & set(vals):
            # Record rules are checked before a write: check them after a move of owner too,
            # so that nobody moves a scorecard into a department they cannot write.
            self.check_access("write")
        return result
