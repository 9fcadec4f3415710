import re

from odoo import SUPERUSER_ID, api, fields, models
from odoo.fields import Command

from ..tools.write_policy import OFFICER, Allow

HEALTH = [("green", "Green"), ("amber", "Amber"), ("red", "Red"), ("unknown", "No Data")]
HEALTH_ORDER = {"unknown": 0, "green": 1, "amber": 2, "red": 3}
# A step's fields that name a company's own records: a copy for another company leaves them
# empty (that company's officer sets its own departments and KPIs).
COMPANY_BOUND_STEP_FIELDS = ("department_id", "collaborator_ids", "kpi_ids")
# xmlids of the copies of a shipped record: "<company id>_<shipped xmlid>", as Odoo's charts
# of accounts name their per-company records.
COPY_XMLID = re.compile(r"^\d+_")


class SynergyProcess(models.Model):
    """An end-to-end process (order-to-cash, lead-to-revenue...) followed across departments."""

    _name = "synergy.process"
    _description = "End-to-end Process"
    # Copied for every company: copies take the shipped records' terms (tools/shipped_copies).
    _synergy_copy_translated = ("name", "description")
    _inherit = ["synergy.policy.mixin"]
    _write_policy = {
        "name": Allow(OFFICER),
        "code": Allow(OFFICER),
        "sequence": Allow(OFFICER),
        "description": Allow(OFFICER),
        "company_id": Allow(OFFICER),
        "node_ids": Allow(OFFICER),
        "active": Allow(OFFICER),
    }
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    # Each company has its own processes (the shipped ones are copied to every company): steps
    # name a company's departments and KPIs, which no other company may read.
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    node_ids = fields.One2many("synergy.process.node", "process_id", string="Steps", copy=True)
    health = fields.Selection(
        selection=HEALTH,
        compute="_compute_health",
        help="The worst health of the process's steps.",
    )
    active = fields.Boolean(default=True)

    @api.depends("node_ids.health")
    def _compute_health(self):
        for process in self:
            healths = process.node_ids.mapped("health") or ["unknown"]
            process.health = max(healths, key=HEALTH_ORDER.get)

    def copy_data(self, default=None):
        """A copy for another company keeps the steps' names and thresholds, not the
        departments and KPIs of the original's company."""
        vals_list = super().copy_data(default=default)
        for process, vals in zip(self, vals_list, strict=True):
            if vals.get("company_id", process.company_id.id) == process.company_id.id:
                continue
            for command in vals.get("node_ids", []):
                if command[0] == Command.CREATE:
                    for name in COMPANY_BOUND_STEP_FIELDS:
                        command[2].pop(name, None)
        return vals_list

    @api.model
    def _synergy_install_for_companies(self, companies):
        """Give each of ``companies`` its own copy of the processes shipped with the addon
        (data/synergy_process_data.xml, owned by the install company): names and
        translations, steps and thresholds, without the departments and KPIs of the original.
        A company that already has its copy, or a process of the same code, is skipped. The
        copies get ids ``perf_synergy.<company id>_<shipped id>`` (steps too)."""
        # Install, update or company creation: server code copies the shipped data for the
        # company, whose officers may not read the original's company.
        env = self.env(user=SUPERUSER_ID, su=True)
        Data = env["ir.model.data"]
        Process = env["synergy.process"].with_context(active_test=False)
        shipped_data = Data.search(
            [("module", "=", "perf_synergy"), ("model", "=", "synergy.process")], order="id"
        )
        names = {data.name for data in shipped_data}
        shipped = [
            (data.name, Process.browse(data.res_id).exists())
            for data in shipped_data
            if not COPY_XMLID.match(data.name)
        ]
        codes = {
            (company.id, code)
            for company, code in Process._read_group(
                [("company_id", "in", companies.ids)], ["company_id", "code"]
            )
        }
        created = []
        for company in companies:
            for name, process in shipped:
                if (
                    not process
                    or process.company_id == company
                    or f"{company.id}_{name}" in names
                    or (company.id, process.code) in codes
                ):
                    continue
                copy = process.copy({"company_id": company.id})
                created.append((f"{company.id}_{name}", copy))
                step_names = dict(
                    Data.search(
                        [
                            ("model", "=", "synergy.process.node"),
                            ("res_id", "in", process.node_ids.ids),
                            ("module", "=", "perf_synergy"),
                        ]
                    ).mapped(lambda data: (data.res_id, data.name))
                )
                for step, step_copy in zip(process.node_ids, copy.node_ids, strict=True):
                    if step.id in step_names:
                        created.append((f"{company.id}_{step_names[step.id]}", step_copy))
        Data.create(
            [
                {
                    "module": "perf_synergy",
                    "name": name,
                    "model": record._name,
                    "res_id": record.id,
                    "noupdate": True,
                }
                for name, record in created
            ]
        )
