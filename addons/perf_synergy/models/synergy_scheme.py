from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

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
    _inherit = ["mail.thread", "mail.activity.mixin", "tier.validation"]
    _order = "year desc, version desc"
    _check_company_auto = True

    # tier.validation: approving a draft needs the configured reviews.
    _state_from = ["draft"]
    _state_to = ["approved"]
    _cancel_state = "superseded"
    _tier_validation_manual_config = False

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, index=True, default=lambda self: self.env.company
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.today().year)
    version = fields.Integer(required=True, default=1, readonly=True)
    state = fields.Selection(
        selection=[("draft", "Draft"), ("approved", "Approved"), ("superseded", "Superseded")],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    previous_id = fields.Many2one(
        "synergy.scheme", string="Previous Version", readonly=True, copy=False
    )
    min_synergy_weight = fields.Float(
        string="Minimum Synergy Weight (%)",
        default=lambda self: self.env.company.synergy_min_synergy_weight,
        tracking=True,
    )
    score_cap = fields.Float(default=lambda self: self.env.company.synergy_score_cap, tracking=True)
    behavior_cap = fields.Float(string="Behaviour Points Cap", default=5.0, tracking=True)
    # Grade bands of the final result (default S >= 105, A >= 95, B >= 80, C >= 60, D below).
    grade_s_min = fields.Float(string="S from", default=105.0)
    grade_a_min = fields.Float(string="A from", default=95.0)
    grade_b_min = fields.Float(string="B from", default=80.0)
    grade_c_min = fields.Float(string="C from", default=60.0)
    # Linkage bands: the ratio a company KPI may weigh in a department's result, by relevance.
    linkage_strong_min = fields.Float(string="Strong from (%)", default=20.0)
    linkage_strong_max = fields.Float(string="Strong to (%)", default=30.0)
    linkage_medium_min = fields.Float(string="Medium from (%)", default=10.0)
    linkage_medium_max = fields.Float(string="Medium to (%)", default=15.0)
    linkage_weak_min = fields.Float(string="Weak from (%)", default=0.0)
    linkage_weak_max = fields.Float(string="Weak to (%)", default=5.0)
    # Evaluation weights per tier (internal-customer and tier evaluation), in %.
    front_internal_weight = fields.Float(string="Front: Internal Customers (%)", default=0.0)
    front_tier_weight = fields.Float(string="Front: Tier Evaluation (%)", default=0.0)
    middle_internal_weight = fields.Float(string="Middle: Internal Customers (%)", default=10.0)
    middle_tier_weight = fields.Float(string="Middle: Tier Evaluation (%)", default=10.0)
    back_internal_weight = fields.Float(string="Back: Internal Customers (%)", default=10.0)
    back_tier_weight = fields.Float(string="Back: Tier Evaluation (%)", default=10.0)

    _unique_version = models.UniqueIndex(
        "(company_id, year, version)",
        "This company already has this version of its scheme for that year.",
    )

    @api.depends("name", "version", "year")
    def _compute_display_name(self):
        for scheme in self:
            scheme.display_name = f"{scheme.name} {scheme.year} v{scheme.version}"

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
        for scheme in self:
            for label, low, high in scheme._linkage_bands():
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

    def grade_for(self, final_score):
        """Grade letter of a final result under this scheme's bands."""
        self.ensure_one()
        for grade, threshold in (
            ("S", self.grade_s_min),
            ("A", self.grade_a_min),
            ("B", self.grade_b_min),
            ("C", self.grade_c_min),
        ):
            if final_score >= threshold:
                return grade
        return "D"

    @api.model
    def _get_for(self, company, year):
        """The approved scheme of ``company`` for ``year`` (latest version), or an empty set."""
        return self.search(
            [("company_id", "=", company.id), ("year", "=", year), ("state", "=", "approved")],
            order="version desc",
            limit=1,
        )

    def action_approve(self):
        """Approve drafts (tier validation checks the reviews); older versions are superseded."""
        for scheme in self:
            if scheme.state != "draft":
                raise UserError(self.env._("Only a draft scheme can be approved."))
        self.write({"state": "approved"})
        for scheme in self:
            older = self.search(
                [
                    ("company_id", "=", scheme.company_id.id),
                    ("year", "=", scheme.year),
                    ("state", "=", "approved"),
                    ("version", "<", scheme.version),
                ]
            )
            older.write({"state": "superseded"})
        return True

    def action_new_version(self):
        """Start the next version of this policy as a draft copy; this one stays as it is."""
        self.ensure_one()
        latest = self.search(
            [("company_id", "=", self.company_id.id), ("year", "=", self.year)],
            order="version desc",
            limit=1,
        )
        new_scheme = self.copy({"version": latest.version + 1, "previous_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new_scheme.id,
            "view_mode": "form",
        }

    def _version_snapshot(self):
        """{field label: value} of the policy, to compare versions."""
        self.ensure_one()
        return {
            self._fields[name]._description_string(self.env): self[name] for name in POLICY_FIELDS
        }

    def _previous_version(self):
        self.ensure_one()
        return self.previous_id or self.search(
            [
                ("company_id", "=", self.company_id.id),
                ("year", "=", self.year),
                ("version", "<", self.version),
            ],
            order="version desc",
            limit=1,
        )

    def action_compare_previous(self):
        return self.env["synergy.version.diff"]._open(self._previous_version(), self)

    def write(self, vals):
        changed_policy = set(vals) & set(POLICY_FIELDS)
        if changed_policy:
            frozen = self.filtered(lambda s: s.state != "draft")
            if frozen:
                raise UserError(
                    self.env._(
                        "Scheme %(scheme)s is no longer a draft: its policy cannot change. "
                        "Use 'New Version' to change the policy.",
                        scheme=frozen[0].display_name,
                    )
                )
        return super().write(vals)
