from odoo import api, fields, models
from odoo.exceptions import ValidationError

METHODS = [
    ("full", "Full (100 %)"),
    ("proportional", "Proportional (ownership %)"),
    ("equity", "Equity (excluded from additive KPIs)"),
]


class SynergyGroupEntity(models.Model):
    """A company of the legal group: its parent, the parent's ownership and the consolidation
    method. ``res.company.parent_id`` means branches in 19.0, not a group with ownership."""

    _name = "synergy.group.entity"
    _description = "Group Entity"
    _inherit = ["mail.thread"]
    _order = "parent_path, sequence, id"
    _parent_store = True
    _rec_name = "company_id"

    company_id = fields.Many2one(
        "res.company", string="Company", required=True, index=True, tracking=True
    )
    sequence = fields.Integer(default=10)
    parent_id = fields.Many2one(
        "synergy.group.entity",
        string="Parent Entity",
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The entity that owns this one; empty for the group's parent company.",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("synergy.group.entity", "parent_id", string="Subsidiaries")
    ownership = fields.Float(
        string="Ownership (%)",
        default=100.0,
        tracking=True,
        help="Share of this entity held by its parent entity.",
    )
    method = fields.Selection(
        selection=METHODS,
        string="Consolidation Method",
        required=True,
        default="full",
        tracking=True,
    )
    currency_id = fields.Many2one(
        "res.currency",
        string="Reporting Currency",
        required=True,
        compute="_compute_currency_id",
        store=True,
        readonly=False,
        precompute=True,
        help="Currency in which this entity's KPI values are expressed; the company currency "
        "by default.",
    )
    stale_days = fields.Integer(
        string="Stale after (days)",
        default=45,
        help="A penetrative KPI is stale when this entity's latest value is older than this.",
    )
    is_root = fields.Boolean(compute="_compute_is_root", store=True)
    level = fields.Integer(compute="_compute_is_root", store=True)
    active = fields.Boolean(default=True)

    _company_unique = models.UniqueIndex(
        "(company_id)", "A company appears only once in the group structure."
    )
    _ownership_range = models.Constraint(
        "CHECK(ownership >= 0 AND ownership <= 100)",
        "The ownership is a percentage between 0 and 100.",
    )

    @api.depends("company_id")
    def _compute_currency_id(self):
        for entity in self:
            if not entity.currency_id:
                entity.currency_id = entity.company_id.currency_id

    @api.depends("parent_id", "parent_path")
    def _compute_is_root(self):
        for entity in self:
            entity.is_root = not entity.parent_id
            entity.level = max((entity.parent_path or "").count("/") - 1, 0)

    @api.depends("company_id", "ownership", "method")
    def _compute_display_name(self):
        for entity in self:
            entity.display_name = entity.company_id.name or ""

    @api.constrains("parent_id", "company_id", "active")
    def _check_tree(self):
        if self._has_cycle():
            raise ValidationError(
                self.env._("An entity cannot own itself, even through other entities.")
            )
        roots = self.sudo().search_count([("parent_id", "=", False)])
        if roots > 1:
            raise ValidationError(
                self.env._(
                    "The group has one parent company only: give every other entity its parent "
                    "entity (%s entities have none).",
                    roots,
                )
            )

    @api.constrains("ownership", "method", "parent_id", "company_id")
    def _check_ownership(self):
        for entity in self:
            if not 0 <= entity.ownership <= 100:
                raise ValidationError(
                    self.env._(
                        "Ownership of %(entity)s is %(value)s %%: enter a percentage between 0 "
                        "and 100.",
                        entity=entity.display_name,
                        value=entity.ownership,
                    )
                )
            if not entity.parent_id and (entity.method != "full" or entity.ownership != 100):
                raise ValidationError(
                    self.env._(
                        "%s is the group's parent company: it is consolidated in full at 100 %%.",
                        entity.display_name,
                    )
                )
            if entity.parent_id and entity.method == "proportional" and not entity.ownership:
                raise ValidationError(
                    self.env._(
                        "%s is consolidated proportionally with an ownership of 0 %%: enter the "
                        "ownership or use the equity method.",
                        entity.display_name,
                    )
                )

    @api.model
    def _root(self):
        return self.sudo().search([("parent_id", "=", False)], limit=1)

    def _subsidiaries(self):
        """Every entity below these ones."""
        return self.search([("id", "child_of", self.ids), ("id", "not in", self.ids)])
