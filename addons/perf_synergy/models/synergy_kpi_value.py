from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..tools.write_policy import MANAGER, Allow

OWNER_FIELDS = frozenset({"owner_level", "company_id", "department_id", "job_id", "employee_id"})


class SynergyKpiValue(models.Model):
    """The time series of actuals: KPI x owner x period. Values of closed periods are locked."""

    _name = "synergy.kpi.value"
    _description = "KPI Value"
    _inherit = ["synergy.policy.mixin", "synergy.owner.mixin", "mail.thread"]
    _policy_state = "period_id.state"
    _lock_states = ("closing", "closed")
    _write_policy = {
        "kpi_id": Allow(MANAGER, states=("draft", "open")),
        "period_id": Allow(MANAGER, states=("draft", "open")),
        "value": Allow(MANAGER, states=("draft", "open")),
        "note": Allow(MANAGER, states=("draft", "open")),
        "owner_level": Allow(MANAGER, create_only=True),
        "company_id": Allow(MANAGER, create_only=True),
        "department_id": Allow(MANAGER, create_only=True),
        "job_id": Allow(MANAGER, create_only=True),
        "employee_id": Allow(MANAGER, create_only=True),
    }
    _order = "period_date_start desc, kpi_id"
    _rec_name = "kpi_id"

    kpi_id = fields.Many2one(
        "synergy.kpi",
        string="KPI",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    period_id = fields.Many2one(
        "synergy.period", required=True, index=True, ondelete="restrict", check_company=True
    )
    period_date_start = fields.Date(related="period_id.date_start", store=True)
    value = fields.Float(required=True, tracking=True, digits=(16, 4), aggregator="avg")
    unit = fields.Char(related="kpi_id.unit")
    source = fields.Selection(
        selection=[
            ("manual", "Manual"),
            ("measure", "Measure"),
            ("import", "Import"),
            ("portal", "Portal"),
            ("consolidation", "Consolidation"),
        ],
        required=True,
        default="manual",
        tracking=True,
    )
    # Derived from the period, not stored: closing a month locks its values without
    # rewriting them (100,000 rows at 10,000 employees), and no value can be locked in an
    # open period or unlocked in a closed one.
    locked = fields.Boolean(
        compute="_compute_locked",
        search="_search_locked",
        help="The value's period is closed: the value cannot change until an officer reopens "
        "the period.",
    )
    note = fields.Char()

    _unique_owner_value = models.UniqueIndex(
        "(kpi_id, period_id, owner_level, company_id, COALESCE(department_id, 0), "
        "COALESCE(job_id, 0), COALESCE(employee_id, 0))",
        "This KPI already has a value for this owner and period: correct that value instead.",
    )

    @staticmethod
    def _owner_key_from_vals(vals):
        level = vals["owner_level"]
        return (
            level,
            vals["company_id"],
            vals.get("department_id") or False if level == "department" else False,
            vals.get("job_id") or False if level == "job" else False,
            vals.get("employee_id") or False if level == "employee" else False,
        )

    @api.depends("period_id.state")
    def _compute_locked(self):
        for value in self:
            value.locked = value.period_id.state in self._lock_states

    def _search_locked(self, operator, value):
        if operator != "in":
            return NotImplemented
        return [("period_id.state", "in", self._lock_states)]

    def _synergy_lock_hint(self):
        if self.period_id.state == "closing":
            return self.env._(
                "Its period %s is being closed: wait for the close to end, or an officer can "
                "reopen the period.",
                self.period_id.name,
            )
        return self.env._(
            "Its period %s is closed: an officer can reopen the period to correct it.",
            self.period_id.name,
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.pop("locked", None)  # follows the period
        values = super().create(vals_list)
        values._refresh_scorecard_lines()
        return values

    def write(self, vals):
        if "locked" in vals:
            raise UserError(
                self.env._(
                    "A KPI value is locked by its period, not by hand: close the period to "
                    "lock its values; an officer can reopen it to unlock them."
                )
            )
        result = super().write(vals)
        if OWNER_FIELDS & set(vals):
            # Record rules are checked before a write: check them after a move of owner too,
            # so that nobody moves a value into a department they cannot write.
            self.check_access("write")
        if {"value", "kpi_id", "period_id", "owner_level"} & set(vals):
            self._refresh_scorecard_lines()
        return result

    def unlink(self):
        self._check_unlocked()
        lines = self.sudo()._affected_scorecard_lines()
        lines -= lines._refreshed_by_close()
        result = super().unlink()
        lines.exists()._refresh_actuals()
        return result

    def _affected_scorecard_lines(self):
        """The lines that read these values: same KPI, a period containing the value's period,
        the same owner - and the interlocked lines of the KPI, which read the company's value.
        One query, bounded by the owners of the values, not by the size of the scorecards."""
        if not self:
            return self.env["synergy.scorecard.line"]
        periods = self.env["synergy.period"].search([("id", "parent_of", self.period_id.ids)])
        owners = self._owner_domain()
        if "company" in self.mapped("owner_level"):
            owners |= Domain("interlock_id", "!=", False)
        return self.env["synergy.scorecard.line"].search(
            Domain("kpi_id", "in", self.kpi_id.ids)
            & Domain("period_id", "in", periods.ids)
            & owners
        )

    def _refresh_scorecard_lines(self):
        # Actuals, scores and roll-ups are derived: once the writer's right on the value was
        # checked, every line reading it is refreshed, including the company lines above a
        # department that its head may not read (as stored computes are, in sudo). Inside a
        # close, the lines it refreshes right after are left to it.
        lines = self.sudo()._affected_scorecard_lines()
        (lines - lines._refreshed_by_close())._refresh_actuals()
