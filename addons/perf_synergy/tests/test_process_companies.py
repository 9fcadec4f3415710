"""Issue 18: each company has its own processes. The shipped processes were shared by all
companies, so a subsidiary's Company Health listed the parent's steps and the names of the
parent's departments (which its users may not read). Now the install company owns the shipped
ones and every other company gets a copy: at install (hooks.py), at its creation, and for
databases installed before from migrations/19.0.1.3.0."""

import importlib.util
from pathlib import Path
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SynergyCase, load_chinese, make_synergy_user

SHIPPED = {
    "process_order_to_cash": "O2C",
    "process_lead_to_revenue": "L2R",
    "process_procure_to_pay": "P2P",
    "process_plan_to_produce": "P2P-M",
}
MIGRATIONS = Path(__file__).parents[1] / "migrations" / "19.0.1.3.0"


def run_migration(cr, stage, version="19.0.1.2.0"):
    path = MIGRATIONS / f"{stage}-migrate.py"
    spec = importlib.util.spec_from_file_location(f"synergy_{stage}_migrate_19_0_1_3_0", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.migrate(cr, version)


def health_steps(env, user, company):
    """The steps the Company Health dashboard counts for ``company``, as ``user``: those its
    process figures open."""
    data = env["synergy.dashboard.company"].with_user(user).get_dashboard_data(scope_id=company.id)
    section = next(s for s in data["sections"] if s["key"] == "process_health")
    ids = [i for item in section["items"] for i in item["drill"]["domain"][0][2]]
    return env["synergy.process.node"].browse(ids)


@tagged("post_install", "-at_install")
class TestProcessPerCompany(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env, "perf_synergy")
        cls.shipped = cls.env["synergy.process"]
        for xmlid in SHIPPED:
            cls.shipped |= cls.env.ref(f"perf_synergy.{xmlid}")
        # The install company configured its steps with its own departments.
        cls.shipped.node_ids[:1].write(
            {"department_id": cls.dep_sales.id, "collaborator_ids": [(6, 0, cls.dep_ops.ids)]}
        )

    def _copies(self, company):
        return self.env["synergy.process"].search([("company_id", "=", company.id)])

    def _assert_own_copy(self, company):
        copies = self._copies(company)
        self.assertEqual(sorted(copies.mapped("code")), sorted(SHIPPED.values()))
        self.assertEqual(copies.node_ids.company_id, company)
        self.assertFalse(copies.node_ids.department_id)
        self.assertFalse(copies.node_ids.collaborator_ids)
        self.assertFalse(copies.node_ids.kpi_ids)
        for xmlid in SHIPPED:
            copy = self.env.ref(f"perf_synergy.{company.id}_{xmlid}")
            self.assertEqual(copy.company_id, company)
        intake = self.env.ref(f"perf_synergy.{company.id}_process_node_o2c_10")
        self.assertEqual(intake.with_context(lang="zh_CN").name, "订单接收")
        self.assertEqual(intake.with_context(lang="en_US").name, "Order intake")
        return copies

    def test_shipped_processes_belong_to_the_install_company(self):
        self.assertEqual(self.shipped.company_id, self.env.ref("base.main_company"))
        self.assertTrue(all(self.shipped.get_external_id().values()))
        intake = self.env.ref("perf_synergy.process_node_o2c_10")
        self.assertEqual(intake.with_context(lang="zh_CN").name, "订单接收")

    def test_a_new_company_gets_its_own_copy_and_sees_only_it(self):
        company = self.env["res.company"].create({"name": "T Process Subsidiary"})
        copies = self._assert_own_copy(company)
        # The original keeps its departments.
        self.assertEqual(self.shipped.node_ids[:1].department_id, self.dep_sales)
        # Idempotent (an update re-running the hook).
        self.env["synergy.process"]._synergy_install_for_companies(company)
        self.assertEqual(self._copies(company), copies)

        # A user of that company sees its processes and steps only, and reads every name shown.
        user = make_synergy_user(
            self.env,
            "t_process_subsidiary",
            "perf_synergy.group_synergy_officer",
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
        )
        Process = self.env["synergy.process"].with_user(user)
        self.assertEqual(Process.search([]), copies)
        steps = self.env["synergy.process.node"].with_user(user).search([])
        self.assertEqual(steps, copies.node_ids)
        steps.read(["name", "department_id", "collaborator_ids", "kpi_ids", "health"])
        # The Company Health dashboard counts (and opens) the company's own steps only.
        health = health_steps(self.env, user, company)
        self.assertEqual(health, copies.node_ids)
        self.assertFalse(health.department_id | health.collaborator_ids)
        # Its officer cannot point a step at another company's department.
        with self.assertRaises(UserError):
            copies.node_ids[:1].with_user(user).write({"department_id": self.dep_sales.id})

    def test_copy_to_another_company_leaves_the_departments(self):
        company = self.env["res.company"].create({"name": "T Process Copy"})
        process = self.shipped[:1]
        copy = process.copy({"company_id": company.id, "code": "T-COPY"})
        self.assertEqual(len(copy.node_ids), len(process.node_ids))
        self.assertFalse(copy.node_ids.department_id | copy.node_ids.collaborator_ids)
        same = process.copy({"code": "T-SAME"})
        self.assertEqual(same.node_ids[:1].department_id, self.dep_sales)

    def test_a_language_loaded_later_reaches_the_copies(self):
        company = self.env["res.company"].create({"name": "T Process Language"})
        intake = self.env.ref(f"perf_synergy.{company.id}_process_node_o2c_10")
        renamed = self.env.ref(f"perf_synergy.{company.id}_process_node_o2c_20")
        renamed.with_context(lang="en_US").name = "Our confirmation"
        # As a copy made while only English was loaded.
        self.env.cr.execute(
            "UPDATE synergy_process_node SET name = jsonb_build_object('en_US', name->>'en_US') "
            "WHERE id IN %s",
            [(intake.id, renamed.id)],
        )
        self.env.invalidate_all()
        self.assertEqual(intake.with_context(lang="zh_CN").name, "Order intake")
        self.env["ir.module.module"]._load_module_terms(["perf_synergy"], ["zh_CN"])
        self.assertEqual(intake.with_context(lang="zh_CN").name, "订单接收")
        self.assertEqual(renamed.with_context(lang="zh_CN").name, "Our confirmation")

    def test_migration_makes_shared_processes_per_company(self):
        """A database installed before 19.0.1.3.0: shared processes, companies without copies."""
        Company = self.env["res.company"]
        with patch.object(
            type(self.env["synergy.process"]), "_synergy_install_for_companies", lambda s, c: None
        ):
            old = Company.create({"name": "T Before The Update"})
        self.assertFalse(self._copies(old))
        # Shared: no company (the column was not required then).
        self.env.flush_all()
        self.env.cr.execute(
            "ALTER TABLE synergy_process ALTER COLUMN company_id DROP NOT NULL;"
            "UPDATE synergy_process SET company_id = NULL WHERE id IN %s",
            [tuple(self.shipped.ids)],
        )
        self.env.invalidate_all()
        run_migration(self.env.cr, "pre")
        self.env.invalidate_all()
        # The company of the steps' departments (here the install company's) owns them.
        self.assertEqual(self.shipped.company_id, self.dep_sales.company_id)
        self.assertEqual(self.shipped.node_ids.company_id, self.dep_sales.company_id)
        run_migration(self.env.cr, "post")
        self._assert_own_copy(old)
        # A fresh install is the hook's.
        with patch.object(
            type(self.env["synergy.process"]), "_synergy_install_for_companies"
        ) as install:
            run_migration(self.env.cr, "post", version=None)
        install.assert_not_called()
