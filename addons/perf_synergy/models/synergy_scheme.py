from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.write_policy import OFFICER, Allow

POLICY_FIELDS = (
    "name",
    "year",
    "min_synergy_weight",
    "score_cap",
    "behavior_cap",
    "grade_s_min",
    "grade_a_min",
    "grade_b_min",
    "grade_c_min",
    "linkage_strong_min",
    "linkage_strong_max",
    "linkage_medium_min",
    "linkage_medium_max",
    "linkage_weak_min",
    "linkage_weak_max",
    "front_internal_weight",
    "front_tier_weight",
    "middle_internal_weight",
    "middle_tier_weight",
    "back_internal_weight",
    "back_tier_weight",
)


class SynergyScheme(models.Model):
    """The performance policy of a company for a year. Changing policy means a new version,
    approved through tier validation; superseded versions stay readable."""

    _name = "synergy.scheme"
    _description = "Performance Policy Scheme"
    _inherit = ["synergy.yearly.version.mixin"]
    _write_policy = {
        "min_synergy_weight": Allow(OFFICER, states=("draft",)),
        "score_cap": Allow(OFFICER, states=("draft",)),
        "behavior_cap": Allow(OFFICER, states=("draft",)),
        "grade_s_min": Allow(OFFICER, states=("draft",)),
        "grade_a_min": Allow(OFFICER, states=("draft",)),
        "grade_b_min": Allow(OFFICER, states=("draft",)),
        "grade_c_min": Allow(OFFICER, states=("draft",)),
        "linkage_strong_min": Allow(OFFICER, states=("draft",)),
        "linkage_strong_max": Allow(OFFICER, states=("draft",)),
        "linkage_medium_min": Allow(OFFICER, states=("draft",)),
        "linkage_medium_max": Allow(OFFICER, states=("draft",)),
        "linkage_weak_min": Allow(OFFICER, states=("draft",)),
        "linkage_weak_max": Allow(OFFICER, states=("draft",)),
        "front_internal_weight": Allow(OFFICER, states=("draft",)),
        "front_tier_weight": Allow(OFFICER, states=("draft",)),
        "middle_internal_weight": Allow(OFFICER, states=("draft",)),
        "middle_tier_weight": Allow(OFFICER, states=("draft",)),
        "back_internal_weight": Allow(OFFICER, states=("draft",)),
        "back_tier_weight": Allow(OFFICER, states=("draft",)),
    }
    previous_id = fields.Many2one(
        "synergy.scheme", string="Previous Version", readonly=True, copy=False
    )
    min_synergy_weight = fields.Float(
        string="Minimum Synergy Weight (%)",
        default=lambda self: self.env.company.synergy_min_synergy_weight,
        tracking=True,
        aggregator=None,
    )
    score_cap = fields.Float(
        default=lambda self: self.env.company.synergy_score_cap, tracking=True, aggregator=None
    )
    behavior_cap = fields.Float(
        string="Behaviour Points Cap", default=5.0, tracking=True, aggregator=None
    )
    # Grade bands of the final result (default S >= 105, A >= 95, B >= 80, C >= 60, D below).
    grade_s_min = fields.Float(string="S from", default=105.0, tracking=True, aggregator=None)
    grade_a_min = fields.Float(string="A from", default=95.0, tracking=True, aggregator=None)
    grade_b_min = fields.Float(string="B from", default=80.0, tracking=True, aggregator=None)
    grade_c_min = fields.Float(string="C from", default=60.0, tracking=True, aggregator=None)
    # Linkage bands: the ratio a company KPI may weigh in a department's result, by relevance.
    linkage_strong_min = fields.Float(
        string="Strong from (%)", default=20.0, tracking=True, aggregator=None
    )
    linkage_strong_max = fields.Float(
        string="Strong to (%)", default=30.0, tracking=True, aggregator=None
    )
    linkage_medium_min = fields.Float(
        string="Medium from (%)", default=10.0, tracking=True, aggregator=None
    )
    linkage_medium_max = fields.Float(
        string="Medium to (%)", default=15.0, tracking=True, aggregator=None
    )
    linkage_weak_min = fields.Float(
        string="Weak from (%)", default=0.0, tracking=True, aggregator=None
    )
    linkage_weak_max = fields.Float(
        string="Weak to (%)", default=5.0, tracking=True, aggregator=None
    )
    # Evaluation weights per tier (internal-customer and tier evaluation), in %.
    front_internal_weight = fields.Float(
        string="Front: Internal Customers (%)", default=0.0, tracking=True, aggregator=None
    )
    front_tier_weight = fields.Float(
        string="Front: Tier Evaluation (%)", default=0.0, tracking=True, aggregator=None
    )
    middle_internal_weight = fields.Float(
        string="Middle: Internal Customers (%)", default=10.0, tracking=True, aggregator=None
    )
    middle_tier_weight = fields.Float(
        string="Middle: Tier Evaluation (%)", default=10.0, tracking=True, aggregator=None
    )
    back_internal_weight = fields.Float(
        string="Back: Internal Customers (%)", default=10.0, tracking=True, aggregator=None
    )
    back_tier_weight = fields.Float(
        string="Back: Tier Evaluation (%)", default=10.0, tracking=True, aggregator=None
    )

    _unique_version = models.UniqueIndex(
        "(company_id, year, version)",
        "This company already has this version of its scheme for that year.",
    )

    @api.constrains(
        "min_synergy_weight",
        "score_cap",
        "behavior_cap",
        "grade_s_min",
        "grade_a_min",
        "grade_b_min",
        "grade_c_min",
    )
    def _check_policy(self):
        for scheme in self:
            if not 0 <= scheme.min_synergy_weight <= 100:
                raise ValidationError(
                    self.env._("The minimum synergy weight is a percentage between 0 and 100.")
                )
            if scheme.score_cap < 100:
                raise ValidationError(
                    self.env._("The score cap must be at least 100, the score at target.")
                )
            if scheme.behavior_cap < 0:
                raise ValidationError(self.env._("The behaviour points cap cannot be negative."))
            grades = [
                scheme.grade_s_min,
                scheme.grade_a_min,
                scheme.grade_b_min,
                scheme.grade_c_min,
            ]
            if grades != sorted(grades, reverse=True):
                raise ValidationError(
                    self.env._(
                        "Grade thresholds must decrease from S to C (S ≥ A ≥ B ≥ C); "
                        "got S %(s)s, A %(a)s, B %(b)s, C %(c)s.",
                        s=grades[0],
                        a=grades[1],
                        b=grades[2],
                        c=grades[3],
                    )
                )

    @api.constrains(
        "linkage_strong_min",
        "linkage_strong_max",
        "linkage_medium_min",
        "linkage_medium_max",
        "linkage_weak_min",
        "linkage_weak_max",
    )
    def _check_linkage_bands(self):
        # The band named in the reader's language ("强"), not by its key ("strong").
        names = dict(
            self.env["synergy.linkage.line"]._fields["relevance"]._description_selection(self.env)
        )
        for scheme in self:
            for key, low, high in scheme._linkage_bands():
                label = names.get(key, key)
                if not 0 <= low <= high <= 100:
                    raise ValidationError(
                        self.env._(
                            "The %(band)s linkage band must satisfy 0 ≤ from ≤ to ≤ 100 "
                            "(got %(low)s - %(high)s).",
                            band=label,
                            low=low,
                            high=high,
                        )
                    )

    def _linkage_bands(self):
        self.ensure_one()
        return [
            ("strong", self.linkage_strong_min, self.linkage_strong_max),
            ("medium", self.linkage_medium_min, self.linkage_medium_max),
            ("weak", self.linkage_weak_min, self.linkage_weak_max),
        ]

    @api.private  # server code only: a client would send any final_score
    def grade_for(self, final_score):
        """Grade letter of a final result under this scheme's bands."""
        return self._grader()(final_score)

    def _grader(self):
        """``grade_for`` with the bands read once: for the results of many scorecards."""
        self.ensure_one()
        bands = (
            ("S", self.grade_s_min),
            ("A", self.grade_a_min),
            ("B", self.grade_b_min),
            ("C", self.grade_c_min),
        )

        def grade_for(final_score):
            for grade, threshold in bands:
                if final_score >= threshold:
                    return grade
            return "D"

        return grade_for

    def _new_version_values(self):
        return {"previous_id": self.id}

    def _version_snapshot(self):
        """{field label: value} of the policy, to compare versions."""
        self.ensure_one()
        return {
            self._fields[name]._description_string(self.env): self[name] for name in POLICY_FIELDS
        }

    def _previous_version(self):
        self.ensure_one()
        return self.previous_id or super()._previous_version()
