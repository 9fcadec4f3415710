from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from ..engine.calibration import DEFAULT_GUIDELINE, GRADES, distribution, excesses, shares
from ..tools.write_policy import OFFICER, Allow, user_action

GUIDE_FIELDS = {grade: f"guide_{grade.lower()}" for grade in GRADES}


class SynergyCalibration(models.Model):
    """A calibration session over a population's results: the grades are compared with a
    distribution guideline per grade and adjusted, each adjustment with its reason; closing the
    session writes the calibrated grades on the scorecards."""

    _name = "synergy.calibration"
    _description = "Calibration Session"
    _inherit = ["synergy.policy.mixin", "mail.thread", "mail.activity.mixin"]
    _policy_state = "state"
    _lock_states = ("done",)
    _unlink_states = ("draft",)
    _write_policy = {
        "name": Allow(OFFICER, states=("draft", "in_progress")),
        # Fixed once the results are loaded: a new session takes another population.
        "company_id": Allow(OFFICER, states=("draft",)),
        "period_id": Allow(OFFICER, states=("draft",)),
        "owner_level": Allow(OFFICER, states=("draft",)),
        "department_ids": Allow(OFFICER, states=("draft", "in_progress")),
        "mode": Allow(OFFICER, states=("draft", "in_progress")),
        "guide_s": Allow(OFFICER, states=("draft", "in_progress")),
        "guide_a": Allow(OFFICER, states=("draft", "in_progress")),
        "guide_b": Allow(OFFICER, states=("draft", "in_progress")),
        "guide_c": Allow(OFFICER, states=("draft", "in_progress")),
        "guide_d": Allow(OFFICER, states=("draft", "in_progress")),
        "line_ids": Allow(OFFICER, states=("draft", "in_progress")),
    }
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    period_id = fields.Many2one(
        "synergy.period",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    owner_level = fields.Selection(
        selection=[("department", "Department"), ("employee", "Employee")],
        string="Population Level",
        required=True,
        default="employee",
        help="Whose results are calibrated: departments' or employees'.",
    )
    department_ids = fields.Many2many(
        "hr.department",
        string="Departments",
        check_company=True,
        help="Limit the population to these departments and their sub-departments; "
        "leave empty for the whole company.",
    )
    mode = fields.Selection(
        selection=[("warn", "Warn"), ("enforce", "Enforce")],
        required=True,
        default="warn",
        tracking=True,
        help="Warn: the distribution is shown against the guideline. Enforce: the session "
        "cannot close while a grade exceeds its guideline by more than one person's share.",
    )
    guide_s = fields.Float(
        aggregator=None, string="S Guideline (%)", default=DEFAULT_GUIDELINE["S"], tracking=True
    )
    guide_a = fields.Float(
        aggregator=None, string="A Guideline (%)", default=DEFAULT_GUIDELINE["A"], tracking=True
    )
    guide_b = fields.Float(
        aggregator=None, string="B Guideline (%)", default=DEFAULT_GUIDELINE["B"], tracking=True
    )
    guide_c = fields.Float(
        aggregator=None, string="C Guideline (%)", default=DEFAULT_GUIDELINE["C"], tracking=True
    )
    guide_d = fields.Float(
        aggregator=None, string="D Guideline (%)", default=DEFAULT_GUIDELINE["D"], tracking=True
    )
    state = fields.Selection(
        selection=[("draft", "Draft"), ("in_progress", "In Progress"), ("done", "Done")],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    line_ids = fields.One2many("synergy.calibration.line", "calibration_id", string="Results")
    line_count = fields.Integer(string="Population", compute="_compute_distribution")
    adjustment_count = fields.Integer(string="Adjustments", compute="_compute_distribution")
    count_s = fields.Integer(string="S", compute="_compute_distribution")
    count_a = fields.Integer(string="A", compute="_compute_distribution")
    count_b = fields.Integer(string="B", compute="_compute_distribution")
    count_c = fields.Integer(string="C", compute="_compute_distribution")
    count_d = fields.Integer(string="D", compute="_compute_distribution")
    share_s = fields.Float(string="S (%)", compute="_compute_distribution")
    share_a = fields.Float(string="A (%)", compute="_compute_distribution")
    share_b = fields.Float(string="B (%)", compute="_compute_distribution")
    share_c = fields.Float(string="C (%)", compute="_compute_distribution")
    share_d = fields.Float(string="D (%)", compute="_compute_distribution")
    # Drawn by the synergy_distribution widget (grades against the guideline).
    distribution = fields.Json(compute="_compute_distribution")
    distribution_warning = fields.Text(compute="_compute_distribution")

    @api.constrains("guide_s", "guide_a", "guide_b", "guide_c", "guide_d")
    def _check_guideline(self):
        for session in self:
            guideline = session._guideline()
            if any(not 0 <= value <= 100 for value in guideline.values()):
                raise ValidationError(
                    self.env._("Each grade's guideline is a percentage between 0 and 100.")
                )
            total = round(sum(guideline.values()), 2)
            if total != 100:
                raise ValidationError(
                    self.env._(
                        "The guideline of calibration %(session)s sums to %(total)s%%; the "
                        "grades S to D must sum to 100%%.",
                        session=session.name,
                        total=f"{total:g}",
                    )
                )

    def _guideline(self):
        self.ensure_one()
        return {grade: self[field] for grade, field in GUIDE_FIELDS.items()}

    @api.depends(
        "line_ids.calibrated_grade",
        "line_ids.original_grade",
        "guide_s",
        "guide_a",
        "guide_b",
        "guide_c",
        "guide_d",
    )
    def _compute_distribution(self):
        for session in self:
            lines = session.line_ids
            counts = distribution(lines.mapped("calibrated_grade"))
            before = distribution(lines.mapped("original_grade"))
            share_of = shares(counts)
            before_share = shares(before)
            guideline = session._guideline()
            session.line_count = len(lines)
            session.adjustment_count = len(lines.filtered("changed"))
            for grade in GRADES:
                session[f"count_{grade.lower()}"] = counts[grade]
                session[f"share_{grade.lower()}"] = share_of[grade]
            warned = {excess.grade for excess in excesses(counts, guideline)}
            session.distribution = {
                "population": len(lines),
                "grades": [
                    {
                        "grade": grade,
                        "guideline": guideline[grade],
                        "before": before[grade],
                        "before_share": before_share[grade],
                        "after": counts[grade],
                        "share": share_of[grade],
                        "warned": grade in warned,
                    }
                    for grade in GRADES
                ],
            }
            session.distribution_warning = "\n".join(
                self.env._(
                    "Grade %(grade)s: %(share)s%% (%(count)s of %(total)s) exceeds its "
                    "guideline of %(guideline)s%%.",
                    grade=excess.grade,
                    share=f"{excess.share:.1f}",
                    count=excess.count,
                    total=len(lines),
                    guideline=f"{excess.guideline:g}",
                )
                for excess in excesses(counts, guideline)
            )

    # ------------------------------------------------------------------ workflow
    def _population_domain(self):
        self.ensure_one()
        domain = Domain(
            [
                ("company_id", "=", self.company_id.id),
                ("period_id", "=", self.period_id.id),
                ("owner_level", "=", self.owner_level),
                ("grade", "!=", False),
                ("result_published", "=", False),
            ]
        )
        if self.department_ids:
            domain &= Domain("department_id", "child_of", self.department_ids.ids)
        return domain

    @user_action(OFFICER)
    def action_load(self):
        """One line per unpublished result of the population, with its score and grade."""
        for session in self:
            if session.state == "done":
                raise UserError(self.env._("Calibration %s is done.", session.name))
            cards = self.env["synergy.scorecard"].search(session._population_domain())
            cards -= session.line_ids.scorecard_id
            if not cards and not session.line_ids:
                raise UserError(
                    self.env._(
                        "No unpublished result to calibrate for %(period)s at this level: "
                        "compute the scorecards of the period first.",
                        period=session.period_id.name,
                    )
                )
            self.env["synergy.calibration.line"].create(
                [
                    {
                        "calibration_id": session.id,
                        "scorecard_id": card.id,
                        "original_grade": card.grade,
                        "calibrated_grade": card.grade,
                    }
                    for card in cards
                ]
            )
            session.state = "in_progress"
            session.message_post(
                body=self.env._(
                    "%(count)s results loaded; the population counts %(total)s.",
                    count=len(cards),
                    total=len(session.line_ids),
                )
            )
        return True

    def _check_enforced_guideline(self):
        for session in self.filtered(lambda s: s.mode == "enforce"):
            counts = distribution(session.line_ids.mapped("calibrated_grade"))
            refused = excesses(counts, session._guideline(), tolerance_people=1)
            if refused:
                excess = refused[0]
                total = len(session.line_ids)
                raise UserError(
                    self.env._(
                        "Calibration %(session)s enforces its guideline: grade %(grade)s holds "
                        "%(share)s%% of the population (%(count)s of %(total)s), more than its "
                        "guideline of %(guideline)s%% plus one person's share "
                        "(%(person)s%%). Adjust the grades or switch the session to 'Warn'.",
                        session=session.name,
                        grade=excess.grade,
                        share=f"{excess.share:.1f}",
                        count=excess.count,
                        total=total,
                        guideline=f"{excess.guideline:g}",
                        person=f"{100 / total:.1f}",
                    )
                )

    @user_action(OFFICER)
    def action_done(self):
        """Close the session: check the guideline (enforce mode), then write the calibrated
        grades on the scorecards and log the adjustments."""
        for session in self:
            if session.state != "in_progress":
                raise UserError(
                    self.env._("Load the results of calibration %s first.", session.name)
                )
        self.line_ids._check_reason()
        self._check_enforced_guideline()
        for session in self:
            changed = session.line_ids.filtered("changed")
            published = changed.scorecard_id.filtered("result_published")
            if published:
                raise UserError(
                    self.env._(
                        "The result of %s was published during the calibration: it can no "
                        "longer be adjusted.",
                        published[0].name,
                    )
                )
            for line in changed:
                line.scorecard_id.calibrated_grade = line.calibrated_grade
            # The latest session decides: an earlier adjustment it keeps at the original
            # grade is undone.
            (session.line_ids - changed).scorecard_id.filtered("calibrated_grade").write(
                {"calibrated_grade": False}
            )
            session.state = "done"
            session.message_post(body=session._done_message(changed))
        return True

    def _done_message(self, changed):
        self.ensure_one()
        if not changed:
            return self.env._(
                "Calibration done: the %s results keep their grades.", len(self.line_ids)
            )
        items = Markup("").join(Markup("<li>%s</li>") % line._adjustment_text() for line in changed)
        return Markup("<p>%s</p><ul>%s</ul>") % (
            self.env._(
                "Calibration done: %(count)s of %(total)s grades adjusted.",
                count=len(changed),
                total=len(self.line_ids),
            ),
            items,
        )

    @user_action(OFFICER)
    def action_view_scorecards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_synergy.action_synergy_scorecard"
        )
        action["domain"] = [("id", "in", self.line_ids.scorecard_id.ids)]
        action["context"] = {}
        return action

    def _synergy_lock_hint(self):
        return self.env._("A done calibration session is final: start a new session instead.")
