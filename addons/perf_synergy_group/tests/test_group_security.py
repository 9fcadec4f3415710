"""Security and reliability of the group consolidation (issue #12): an approved run, its lines
and its period's eliminations are locked for every user and every path (ORM write/unlink,
``load``, JSON-2 calls with a group controller's API key); reopening is tracked in the chatter;
the parameters that move the group figures are tracked; a run computed twice at once on
separate database connections ends with one set of lines."""

import json
from datetime import datetime, timedelta
from functools import partial

from odoo import api
from odoo.addons.perf_synergy.tests.common import CommittedDataCase
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import GroupCase

# AccessError and ValidationError are UserErrors: any clear refusal.
REFUSED = UserError
CLIENT_ERRORS = {400, 403, 404, 422}
LINE_FIELDS = ["entity_id", "kpi_id", "line_type", "contribution", "consolidated_value"]


class LockedRunMixin:
    @classmethod
    def _set_up_locked_run(cls):
        cls.controller = new_test_user(
            cls.env,
            login="grp_sec_controller",
            groups="perf_synergy_group.group_synergy_group_controller",
            company_id=cls.holding.id,
            company_ids=[(6, 0, cls.companies.ids)],
        )
        cls.elimination = cls.env["synergy.consolidation.elimination"].create(
            {
                "company_id": cls.holding.id,
                "period_id": cls.g_year.id,
                "kpi_id": cls.k_rev.id,
                "entity_id": cls.e_us.id,
                "counterparty_id": cls.e_holding.id,
                "amount": 20,
            }
        )
        cls.locked_run = cls.new_run()
        cls.locked_run.action_compute()
        cls.locked_run.with_user(cls.controller).action_approve()

    def snapshot(self):
        self.env.invalidate_all()
        run = self.locked_run.sudo()
        return (
            run.read(["name", "state", "currency_id", "period_id", "kpi_ids", "note"]),
            run.line_ids.read(LINE_FIELDS),
            self.elimination.sudo().read(["amount", "period_id", "entity_id"]),
            self.env["synergy.consolidation.elimination"]
            .sudo()
            .search_count([("period_id", "=", self.g_year.id)]),
        )


@tagged("post_install", "-at_install")
class TestGroupLocks(LockedRunMixin, GroupCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._set_up_locked_run()
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.company_ids |= cls.companies

    def setUp(self):
        super().setUp()
        self.assertEqual(self.locked_run.state, "approved")
        self.before = self.snapshot()

    def as_users(self):
        return [
            ("group controller", self.controller),
            ("administrator", self.admin),
            ("officer", self.user_officer),
        ]

    def test_write_unlink_create_refused_to_everyone(self):
        run_changes = [
            {"name": "Changed"},
            {"state": "draft"},
            {"kpi_ids": [(5, 0, 0)]},
            {"currency_id": self.usd.id},
            {"period_id": self.periods[self.holding]["months"][0].id},
            {"note": "<p>late</p>"},
            {"approved_by_id": False},
            {"line_ids": [(5, 0, 0)]},
        ]
        envs = [(label, self.locked_run.with_user(user)) for label, user in self.as_users()]
        envs.append(("superuser", self.locked_run.sudo()))
        for label, run in envs:
            line = self.locked_run.line_ids[:1].with_env(run.env)
            elimination = self.elimination.with_env(run.env)
            checks = [(f"run {vals}", partial(run.write, vals)) for vals in run_changes]
            checks += [
                ("run unlink", run.unlink),
                ("line write", partial(line.write, {"contribution": 1.0})),
                ("line write value", partial(line.write, {"consolidated_value": 1.0})),
                ("line unlink", line.unlink),
                (
                    "line create",
                    partial(
                        run.env["synergy.consolidation.line"].create,
                        {"run_id": run.id, "kpi_id": self.k_rev.id, "entity_id": self.e_us.id},
                    ),
                ),
                ("elimination write", partial(elimination.write, {"amount": 5.0})),
                ("elimination unlink", elimination.unlink),
                (
                    "elimination create",
                    partial(
                        run.env["synergy.consolidation.elimination"].create,
                        {
                            "company_id": self.holding.id,
                            "period_id": self.g_year.id,
                            "kpi_id": self.k_rev.id,
                            "entity_id": self.e_hk.id,
                            "counterparty_id": self.e_holding.id,
                            "amount": 3,
                        },
                    ),
                ),
                ("compute", run.action_compute),
                ("approve", run.action_approve),
            ]
            for name, operation in checks:
                with self.subTest(user=label, operation=name), self.assertRaises(REFUSED):
                    operation()
                    run.env.flush_all()
        self.assertEqual(self.snapshot(), self.before)

    def test_load_refused(self):
        line = self.locked_run.line_ids[:1]
        imports = [
            ("synergy.consolidation.run", [".id", "name"], [[str(self.locked_run.id), "X"]]),
            ("synergy.consolidation.run", [".id", "state"], [[str(self.locked_run.id), "draft"]]),
            ("synergy.consolidation.line", [".id", "contribution"], [[str(line.id), "1"]]),
            (
                "synergy.consolidation.elimination",
                [".id", "amount"],
                [[str(self.elimination.id), "5"]],
            ),
            (
                "synergy.consolidation.elimination",
                [
                    "company_id/.id",
                    "period_id/.id",
                    "kpi_id/.id",
                    "entity_id/.id",
                    "counterparty_id/.id",
                    "amount",
                ],
                [
                    [
                        str(self.holding.id),
                        str(self.g_year.id),
                        str(self.k_rev.id),
                        str(self.e_hk.id),
                        str(self.e_holding.id),
                        "3",
                    ]
                ],
            ),
        ]
        for user in (self.controller, self.admin):
            for model, fields_, data in imports:
                with self.subTest(user=user.login, model=model, fields=fields_):
                    with mute_logger("odoo.sql_db", "odoo.models"):
                        result = self.env[model].with_user(user).load(fields_, data)
                    self.assertFalse(result["ids"], result)
                    errors = [m for m in result["messages"] if m["type"] == "error"]
                    self.assertRegex(errors[0]["message"], "approved|reopen|recompute")
        self.assertEqual(self.snapshot(), self.before)

    def test_reopen_is_controller_only_and_tracked(self):
        with self.assertRaises(REFUSED):
            self.locked_run.with_user(self.user_officer).action_reopen()
        run = self.locked_run.with_context(tracking_disable=False).with_user(self.controller)
        run.env.flush_all()
        run.action_reopen()
        run.env.flush_all()
        run.env.cr.precommit.run()
        self.assertEqual(self.locked_run.state, "computed")
        message = self.locked_run.message_ids.filtered(lambda m: "Reopened by" in (m.body or ""))[
            :1
        ]
        self.assertIn(self.controller.name, message.body)
        self.assertEqual(message.author_id, self.controller.partner_id)
        state = self.locked_run.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )[:1]
        self.assertEqual((state.old_value_char, state.new_value_char), ("Approved", "Computed"))
        self.assertEqual(state.mail_message_id.author_id, self.controller.partner_id)
        approver = self.locked_run.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "approved_by_id"
        )[:1]
        self.assertEqual(approver.old_value_char, self.controller.name)
        # reopened: corrections go through again
        self.elimination.with_user(self.controller).amount = 10
        self.locked_run.with_user(self.controller).action_compute()

    def test_forged_context_does_not_unlock(self):
        """The workflow's context key ``synergy_consolidation_state`` is honoured only as
        superuser: a context sent by a client (JSON-RPC, JSON-2) unlocks nothing."""
        forged = self.locked_run.with_user(self.controller).with_context(
            synergy_consolidation_state=True
        )
        with self.assertRaises(REFUSED):
            forged.write({"name": "Forged"})
        with self.assertRaises(REFUSED):
            forged.line_ids[:1].write({"contribution": 1.0})


@tagged("post_install", "-at_install")
class TestGroupLocksOverHttp(LockedRunMixin, HttpCase, GroupCase):
    """The lock through the JSON-2 API with a group controller's API key."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._set_up_locked_run()
        cls.key = (
            cls.env["res.users.apikeys"]
            .with_user(cls.controller)
            ._generate(
                scope="rpc",
                name="Group reporting",
                expiration_date=datetime.now() + timedelta(hours=6),
            )
        )

    def call(self, path, payload):
        return self.url_open(
            f"/json/2/{path}",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.key}"},
        )

    def test_json2_calls_refused(self):
        before = self.snapshot()
        line = self.locked_run.line_ids[:1]
        run_ids, elim_ids = self.locked_run.ids, self.elimination.ids
        calls = [
            ("synergy.consolidation.run/write", {"ids": run_ids, "vals": {"name": "X"}}),
            ("synergy.consolidation.run/write", {"ids": run_ids, "vals": {"state": "draft"}}),
            ("synergy.consolidation.run/unlink", {"ids": run_ids}),
            ("synergy.consolidation.run/action_compute", {"ids": run_ids}),
            ("synergy.consolidation.line/write", {"ids": line.ids, "vals": {"contribution": 1}}),
            ("synergy.consolidation.line/unlink", {"ids": line.ids}),
            ("synergy.consolidation.elimination/write", {"ids": elim_ids, "vals": {"amount": 5}}),
            ("synergy.consolidation.elimination/unlink", {"ids": elim_ids}),
        ]
        for path, payload in calls:
            with self.subTest(path=path, payload=payload):
                response = self.call(path, payload)
                self.assertIn(response.status_code, CLIENT_ERRORS, response.text[:300])
                self.assertTrue(response.json().get("message"))
        response = self.call(
            "synergy.consolidation.line/load",
            {"fields": [".id", "contribution"], "data": [[str(line.id), "1"]]},
        )
        self.assertEqual(response.status_code, 200, response.text[:300])
        self.assertFalse(response.json()["ids"])
        self.assertEqual(self.snapshot(), before)

    def test_json2_forged_context_refused(self):
        """See TestGroupLocks.test_forged_context_does_not_unlock."""
        response = self.call(
            "synergy.consolidation.run/write",
            {
                "ids": self.locked_run.ids,
                "vals": {"name": "Forged"},
                "context": {"synergy_consolidation_state": True},
            },
        )
        self.assertIn(response.status_code, CLIENT_ERRORS, response.text[:300])


@tagged("post_install", "-at_install")
class TestGroupAuditTrail(GroupCase):
    """Entity ownership, method and currency, the KPI's consolidation rule, eliminations and
    the run's state and parameters show who changed what, old and new, in the chatter."""

    DECLARED = {
        "synergy.group.entity": ["parent_id", "ownership", "method", "currency_id", "company_id"],
        "synergy.kpi": [
            "consolidation_rule",
            "currency_nature",
            "numerator_kpi_id",
            "denominator_kpi_id",
            "basis_kpi_id",
            "ratio_factor",
        ],
        "synergy.consolidation.elimination": ["amount", "period_id", "kpi_id", "entity_id"],
        "synergy.consolidation.run": ["state", "name", "period_id", "currency_id"],
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.controller = new_test_user(
            cls.env,
            login="grp_audit_controller",
            groups="perf_synergy_group.group_synergy_group_controller",
            company_id=cls.holding.id,
            company_ids=[(6, 0, cls.companies.ids)],
        )

    def _commit_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()

    def test_fields_are_declared_tracked(self):
        for model, names in self.DECLARED.items():
            for name in names:
                with self.subTest(model=model, field=name):
                    self.assertTrue(self.env[model]._fields[name].tracking, f"{model}.{name}")

    def test_every_change_shows_who_old_and_new(self):
        entity = self.e_hk.with_env(self.env)
        kpi = self.k_risk.with_env(self.env)
        elimination = self.env["synergy.consolidation.elimination"].create(
            {
                "company_id": self.holding.id,
                "period_id": self.g_year.id,
                "kpi_id": self.k_rev.id,
                "entity_id": self.e_us.id,
                "counterparty_id": self.e_holding.id,
                "amount": 20,
            }
        )
        changes = [
            (entity, {"ownership": 75.0}, "float", {"ownership": (60.0, 75.0)}),
            (
                entity,
                {"method": "full"},
                "char",
                {"method": ("Proportional (ownership %)", "Full (100 %)")},
            ),
            (entity, {"currency_id": self.usd.id}, "char", {"currency_id": ("HKD", "USD")}),
            (kpi, {"ratio_factor": 10.0}, "float", {"ratio_factor": (1.0, 10.0)}),
            (kpi, {"currency_nature": "balance"}, "char", {"currency_nature": None}),
            (
                kpi,
                {"consolidation_rule": "min"},
                "char",
                {"consolidation_rule": ("Maximum", "Minimum")},
            ),
            (elimination, {"amount": 30.0}, "float", {"amount": (20.0, 30.0)}),
        ]
        self._commit_tracking()
        for record, vals, kind, expected in changes:
            record.with_user(self.controller).write(vals)
            self._commit_tracking()
            for name, old_new in expected.items():
                with self.subTest(model=record._name, field=name):
                    tracking = record.message_ids.tracking_value_ids.filtered(
                        lambda t, name=name, record=record: (
                            t.field_id.name == name and t.field_id.model == record._name
                        )
                    ).sorted("id")[-1:]
                    self.assertTrue(tracking, f"no tracking of {record._name}.{name}")
                    self.assertEqual(tracking.mail_message_id.author_id, self.controller.partner_id)
                    self.assertTrue(tracking.mail_message_id.date)
                    if old_new:
                        self.assertEqual(
                            (tracking[f"old_value_{kind}"], tracking[f"new_value_{kind}"]),
                            old_new,
                        )

    def test_run_state_tracked(self):
        run = self.new_run().with_env(self.env)
        run.action_compute()
        self._commit_tracking()
        run.with_user(self.controller).action_approve()
        self._commit_tracking()
        states = run.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        ).sorted("id")
        self.assertEqual(
            [(t.old_value_char, t.new_value_char) for t in states][-1], ("Computed", "Approved")
        )
        self.assertEqual(states[-1].mail_message_id.author_id, self.controller.partner_id)


# These tests need real commits on separate connections: committing is their point.
# pylint: disable=invalid-commit
@tagged("post_install", "-at_install")
class TestGroupConcurrency(CommittedDataCase):
    """A run computed twice at once, on separate connections, on the demo group: one
    computation wins, the lines are not duplicated. The run is committed and removed."""

    run_id = None

    @classmethod
    def _create_data(cls, env):
        root = env["synergy.group.entity"].search([("parent_id", "=", False)], limit=1)
        demo_run = env["synergy.consolidation.run"].search(
            [("company_id", "=", root.company_id.id)], limit=1
        )
        if not root or not demo_run:
            return
        run = env["synergy.consolidation.run"].create(
            {
                "name": "Concurrency run",
                "company_id": root.company_id.id,
                "period_id": demo_run.period_id.id,
            }
        )
        cls.ids = {"run": run.id}
        cls.run_id = run.id
        cls.controller_id = env.ref("base.user_admin").id

    @classmethod
    def _delete_data(cls, env):
        env["synergy.consolidation.run"].browse(cls.ids["run"]).unlink()

    def test_run_computed_twice_at_once(self):
        if not self.run_id:
            self.skipTest("needs the demo group")
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            env_a = api.Environment(cr_a, self.controller_id, {})
            env_b = api.Environment(cr_b, self.controller_id, {})
            env_b["synergy.consolidation.run"].search_count([])  # B's snapshot starts
            env_a["synergy.consolidation.run"].browse(self.run_id).action_compute()
            cr_a.commit()
            first = self._keys(env_a)
            with mute_logger("odoo.service.model", "odoo.sql_db"):
                retrying(
                    env_b["synergy.consolidation.run"].browse(self.run_id).action_compute,
                    env_b,
                )
            cr_b.commit()
        self.assertTrue(first, "the demo group has lines to consolidate")
        self.assertEqual(len(first), len(set(first)), "one computation has no duplicate")
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            self.assertEqual(env["synergy.consolidation.run"].browse(self.run_id).state, "computed")
            self.assertEqual(self._keys(env), first, "the lines of one computation, no duplicate")

    def _keys(self, env):
        env.invalidate_all()
        lines = env["synergy.consolidation.line"].search([("run_id", "=", self.run_id)])
        return sorted(
            (ln.entity_id.id, ln.kpi_id.id, ln.line_type, ln.is_group_total) for ln in lines
        )
