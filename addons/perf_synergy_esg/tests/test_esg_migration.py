"""Issue 19: a company that existed before the update gets the ESG catalogue from the upgrade
migration (migrations/19.0.1.1.0/post-migrate.py), as new companies get it at creation."""

import importlib.util
from pathlib import Path
from unittest.mock import patch

from odoo.tests import TransactionCase, tagged

MIGRATION = Path(__file__).parents[1] / "migrations" / "19.0.1.1.0" / "post-migrate.py"


def load_migration():
    spec = importlib.util.spec_from_file_location("esg_post_migrate_19_0_1_1_0", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestEsgCatalogueMigration(TransactionCase):
    def _catalogue(self, company):
        indicators = self.env["synergy.esg.indicator"].search([("company_id", "=", company.id)])
        kpis = self.env["synergy.kpi"].search(
            [("company_id", "=", company.id), ("code", "=like", "ESG-%")]
        )
        return indicators, kpis

    def test_migration_copies_the_catalogue_to_companies_made_before(self):
        Company = self.env["res.company"]
        # A company created before the update: its creation copied nothing.
        with patch.object(type(Company), "_synergy_esg_install_catalogue", lambda self: None):
            old = Company.create({"name": "T Before The Update"})
        self.assertFalse(any(self._catalogue(old)))
        shipped = self.env.ref("perf_synergy_esg.indicator_env_s1").company_id
        shipped_indicators, shipped_kpis = self._catalogue(shipped)
        # A company that already has an indicator of a shipped code keeps its own.
        own = shipped_indicators.filtered(lambda i: i.code == "ENV-S1").copy(
            {"company_id": old.id, "name": "Our own scope 1"}
        )

        load_migration().migrate(self.env.cr, "19.0.1.0.0")

        indicators, kpis = self._catalogue(old)
        self.assertEqual(
            sorted(indicators.mapped("code")),
            sorted(
                shipped_indicators.filtered(
                    lambda i: i.get_external_id()[i.id].startswith("perf_synergy_esg.")
                ).mapped("code")
            ),
        )
        self.assertEqual(indicators.filtered(lambda i: i.code == "ENV-S1"), own)
        self.assertEqual(own.name, "Our own scope 1")
        self.assertEqual(
            sorted(kpis.mapped("code")),
            ["ESG-AUDIT", "ESG-COMPLIANT", "ESG-GREEN", "ESG-INTENSITY"],
        )
        self.assertEqual(kpis.measure_id.company_id, old)
        self.assertTrue(shipped_kpis)
        # Run again (an update re-run): nothing more.
        load_migration().migrate(self.env.cr, "19.0.1.0.0")
        self.assertEqual(self._catalogue(old)[0], indicators)
        self.assertEqual(self._catalogue(old)[1], kpis)

    def test_fresh_install_is_left_to_the_hook(self):
        with patch.object(
            type(self.env["res.company"]), "_synergy_esg_install_catalogue"
        ) as install:
            load_migration().migrate(self.env.cr, None)
        install.assert_not_called()
