from odoo import models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False):
        """The companies' copies of the shipped processes get the terms of the shipped ones."""
        result = super()._load_module_terms(modules, langs, overwrite=overwrite)
        if "perf_synergy" in modules and "synergy.process" in self.env:
            self.env["synergy.process"]._synergy_translate_copies(overwrite=overwrite)
        return result
