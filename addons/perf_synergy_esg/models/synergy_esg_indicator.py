from odoo import api, fields, models
from odoo.addons.perf_synergy.tools.write_policy import ESG_MANAGER, Allow
from odoo.exceptions import ValidationError

from ..esg_engine.validation import Spec

THEMES = [
    ("environment", "Environment"),
    ("labor_human_rights", "Labour & Human Rights"),
    ("ethics", "Ethics"),
    ("sustainable_procurement", "Sustainable Procurement"),
]


def option_scores(options_text, scores_text):
    """{option: score} from the comma-separated options and scores of a selection indicator;
    an option without a valid score counts 0."""
    options = [o.strip() for o in (options_text or "").split(",") if o.strip()]
    scores = [s.strip() for s in (scores_text or "").split(",")]
    result = {}
    for index, option in enumerate(options):
        try:
            result[option] = float(scores[index])
        except (IndexError, ValueError):
            result[option] = 0.0
    return result


class SynergyEsgIndicator(models.Model):
    """An ESG indicator of the catalogue that suppliers answer (DESIGN.md section 10)."""

    _name = "synergy.esg.indicator"
    _description = "ESG Indicator"
    # Copied for every company: copies take the shipped records' terms (tools/shipped_copies).
    _synergy_copy_translated = ("name", "description")
    _inherit = ["mail.thread", "synergy.policy.mixin"]
    _write_policy = {
        "sequence": Allow(ESG_MANAGER),
        "code": Allow(ESG_MANAGER),
        "name": Allow(ESG_MANAGER),
        "description": Allow(ESG_MANAGER),
        "theme": Allow(ESG_MANAGER),
        "unit": Allow(ESG_MANAGER),
        "value_type": Allow(ESG_MANAGER),
        "selection_options": Allow(ESG_MANAGER),
        "selection_scores": Allow(ESG_MANAGER),
        "direction": Allow(ESG_MANAGER),
        "has_min_value": Allow(ESG_MANAGER),
        "min_value": Allow(ESG_MANAGER),
        "has_max_value": Allow(ESG_MANAGER),
        "max_value": Allow(ESG_MANAGER),
        "mandatory": Allow(ESG_MANAGER),
        "evidence_required": Allow(ESG_MANAGER),
        "score_zero_at": Allow(ESG_MANAGER),
        "score_full_at": Allow(ESG_MANAGER),
        "scored": Allow(ESG_MANAGER),
        "weight": Allow(ESG_MANAGER),
        "factor_based": Allow(ESG_MANAGER),
        "activity": Allow(ESG_MANAGER),
        "activity_unit": Allow(ESG_MANAGER),
        "market_based": Allow(ESG_MANAGER),
        "emission_scope": Allow(ESG_MANAGER),
        "counts_in_emissions": Allow(ESG_MANAGER),
        "audit_indicator": Allow(ESG_MANAGER),
        "company_id": Allow(ESG_MANAGER),
        "active": Allow(ESG_MANAGER),
    }
    _order = "theme, sequence, code"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    code = fields.Char(required=True, help="Stable key used by the portal, the API and imports.")
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True, help="What the supplier should report and how.")
    theme = fields.Selection(selection=THEMES, required=True, default="environment")
    unit = fields.Char(help="Unit of the value, e.g. tCO2e, MWh, m3, %. Empty for yes/no answers.")
    value_type = fields.Selection(
        selection=[
            ("number", "Number"),
            ("boolean", "Yes / No"),
            ("selection", "Selection"),
            ("document", "Document"),
        ],
        required=True,
        default="number",
        tracking=True,
    )
    selection_options = fields.Char(
        help="Selection indicators: the allowed answers, comma-separated (e.g. pass, "
        "conditional, fail).",
        tracking=True,
    )
    selection_scores = fields.Char(
        help="Selection indicators: the score 0-100 of each option, comma-separated in the same "
        "order (e.g. 100, 50, 0).",
        tracking=True,
    )
    direction = fields.Selection(
        selection=[("higher_better", "Higher is Better"), ("lower_better", "Lower is Better")],
        required=True,
        default="higher_better",
        tracking=True,
    )
    has_min_value = fields.Boolean(
        string="Has Minimum",
        help="Enforce the minimum; unticked means no lower bound.",
        tracking=True,
    )
    min_value = fields.Float(string="Minimum", digits=(16, 4), tracking=True, aggregator=None)
    has_max_value = fields.Boolean(
        string="Has Maximum",
        help="Enforce the maximum; unticked means no upper bound.",
        tracking=True,
    )
    max_value = fields.Float(string="Maximum", digits=(16, 4), tracking=True, aggregator=None)
    mandatory = fields.Boolean(
        string="Answer Required",
        default=True,
        help="A report cannot be submitted without it.",
        tracking=True,
    )
    evidence_required = fields.Boolean(
        help="A report cannot be submitted without a file attached to this answer.",
        tracking=True,
    )
    score_zero_at = fields.Float(
        digits=(16, 4),
        help="Number indicators: the value that scores 0.",
        tracking=True,
        aggregator=None,
    )
    score_full_at = fields.Float(
        digits=(16, 4),
        default=100.0,
        help="Number indicators: the value that scores 100. Below zero-at for lower-is-better "
        "indicators; the score is linear in between.",
        tracking=True,
        aggregator=None,
    )
    scored = fields.Boolean(
        default=True,
        help="Counts in the supplier's score. Untick for information only.",
        tracking=True,
    )
    weight = fields.Float(
        default=1.0,
        help="Weight of the indicator within its theme.",
        tracking=True,
        aggregator=None,
    )
    factor_based = fields.Boolean(
        string="Emissions from Activity",
        help="The supplier may give activity data (e.g. kWh of electricity); emissions are "
        "activity x emission factor, and the factor used is kept on the answer.",
        tracking=True,
    )
    activity = fields.Char(
        help="Activity key of the emission factors to apply (e.g. electricity_grid, diesel).",
        tracking=True,
    )
    activity_unit = fields.Char(help="Unit of the activity data, e.g. kWh, L, t.km.")
    market_based = fields.Boolean(
        string="Market-based",
        help="Scope 2 market-based (contracts, green certificates) rather than location-based "
        "(grid average).",
    )
    emission_scope = fields.Selection(
        selection=[("1", "Scope 1"), ("2", "Scope 2"), ("3", "Scope 3")],
        help="GHG Protocol scope of the emissions this indicator reports.",
        tracking=True,
    )
    counts_in_emissions = fields.Boolean(
        string="Counts in Total Emissions",
        help="Adds to the supplier's total emissions (emissions intensity measure). Only one "
        "Scope 2 method should count, to avoid double counting.",
        tracking=True,
    )
    audit_indicator = fields.Boolean(
        help="Its answer is the audit result of the audit pass rate measure; the first option "
        "is the pass."
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)

    _code_company_unique = models.UniqueIndex(
        "(company_id, lower(code))",
        "An indicator code is unique per company: another indicator already uses it.",
    )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for indicator in self:
            indicator.display_name = f"[{indicator.code}] {indicator.name}"

    def _esg_selection_options(self):
        """The options of a selection indicator, in catalogue order."""
        self.ensure_one()
        return [o.strip() for o in (self.selection_options or "").split(",") if o.strip()]

    def _esg_option_label(self, option):
        """An answer's option (or yes / no) in the reader's language: the keys of the shipped
        catalogue are translated, an option added to the catalogue is shown as typed."""
        labels = {
            "pass": self.env._("Pass"),
            "conditional": self.env._("Conditional"),
            "fail": self.env._("Fail"),
            "yes": self.env._("Yes"),
            "no": self.env._("No"),
        }
        return labels.get(option, option)

    def _esg_option_scores(self):
        """{option: score} of a selection indicator."""
        self.ensure_one()
        return option_scores(self.selection_options, self.selection_scores)

    def _esg_spec(self):
        self.ensure_one()
        return Spec(
            code=self.code,
            value_type=self.value_type,
            unit=self.unit or "",
            min_value=self.min_value if self.has_min_value else None,
            max_value=self.max_value if self.has_max_value else None,
            options=tuple(self._esg_selection_options()),
        )

    @api.constrains(
        "value_type",
        "selection_options",
        "selection_scores",
        "has_min_value",
        "has_max_value",
        "min_value",
        "max_value",
        "weight",
        "factor_based",
        "activity",
        "direction",
        "score_zero_at",
        "score_full_at",
    )
    def _check_definition(self):
        for indicator in self:
            name = indicator.display_name
            if indicator.value_type == "selection" and len(indicator._esg_selection_options()) < 2:
                raise ValidationError(
                    self.env._(
                        "Indicator %s is a selection: list at least two options, comma-separated.",
                        name,
                    )
                )
            if indicator.value_type == "selection" and indicator.selection_scores:
                for score in indicator.selection_scores.split(","):
                    try:
                        ok = 0 <= float(score) <= 100
                    except ValueError:
                        ok = False
                    if not ok:
                        raise ValidationError(
                            self.env._(
                                "Indicator %(name)s: option scores must be numbers between 0 "
                                "and 100, comma-separated (%(scores)s).",
                                name=name,
                                scores=indicator.selection_scores,
                            )
                        )
            if (
                indicator.has_min_value
                and indicator.has_max_value
                and indicator.min_value > indicator.max_value
            ):
                raise ValidationError(
                    self.env._("Indicator %s: the minimum is above the maximum; swap them.", name)
                )
            if indicator.weight < 0:
                raise ValidationError(
                    self.env._("Indicator %s: the weight cannot be negative.", name)
                )
            if indicator.factor_based and (
                indicator.value_type != "number" or not indicator.activity
            ):
                raise ValidationError(
                    self.env._(
                        "Indicator %s computes emissions from activity data: it must be a number "
                        "indicator with an activity key.",
                        name,
                    )
                )
            if indicator.value_type == "number" and indicator.scored:
                zero, full = indicator.score_zero_at, indicator.score_full_at
                if zero == full:
                    raise ValidationError(
                        self.env._("Indicator %s: the values scoring 0 and 100 must differ.", name)
                    )
                if (indicator.direction == "higher_better") != (full > zero):
                    raise ValidationError(
                        self.env._(
                            "Indicator %s: for a higher-is-better indicator the value scoring 100 "
                            "is above the value scoring 0, and the other way round for "
                            "lower-is-better.",
                            name,
                        )
                    )
