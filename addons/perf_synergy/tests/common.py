import json
from contextlib import ExitStack, contextmanager
from datetime import date, datetime, timedelta

from odoo import api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, TransactionCase, get_db_name, new_test_user

from ..tools.write_policy import trusted_writes


def rpc_keys(users, name="Tests"):
    """{user: an API key of ``user`` for JSON-2, valid six hours}: the outsider's path."""
    expiry = datetime.now() + timedelta(hours=6)
    return {
        user: user.env["res.users.apikeys"]
        .with_user(user)
        ._generate(scope="rpc", name=name, expiration_date=expiry)
        for user in users
    }


def json2_request(case, key, model, method, payload):
    """POST ``payload`` to ``/json/2/<model>/<method>`` with the API key ``key`` (an
    ``HttpCase``'s server): the response."""
    return case.url_open(
        f"/json/2/{model}/{method}",
        data=json.dumps(payload),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"},
    )


def load_chinese(env, *modules):
    """zh_CN active with the terms of ``modules`` loaded: for tests reading as a Chinese
    reader (the test database may not have the language)."""
    env["res.lang"]._activate_lang("zh_CN")
    env["ir.module.module"]._load_module_terms(list(modules), ["zh_CN"])


def make_synergy_user(env, login, groups, **kwargs):
    """A user of the given comma-separated groups, in the current company."""
    return new_test_user(env, login=login, groups=groups, **kwargs)


class SynergyCase(TransactionCase):
    """An organisation of its own: a year of periods far from the demo data, departments with
    heads and employees linked to users, a small KPI library and an approved scheme."""

    YEAR = 2031

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        Department = cls.env["hr.department"]
        cls.dep_sales = Department.create({"name": "Syn Sales", "synergy_tier": "front"})
        cls.dep_sales_north = Department.create(
            {"name": "Syn Sales North", "parent_id": cls.dep_sales.id, "synergy_tier": "front"}
        )
        cls.dep_ops = Department.create({"name": "Syn Operations", "synergy_tier": "back"})
        cls.user_head = make_synergy_user(cls.env, "syn_head", "perf_synergy.group_synergy_manager")
        cls.user_seller = make_synergy_user(
            cls.env, "syn_seller", "perf_synergy.group_synergy_user"
        )
        cls.user_ops = make_synergy_user(cls.env, "syn_ops", "perf_synergy.group_synergy_user")
        cls.user_officer = make_synergy_user(
            cls.env, "syn_officer", "perf_synergy.group_synergy_officer"
        )
        Employee = cls.env["hr.employee"]
        cls.emp_head = Employee.create(
            {
                "name": "Head of Sales",
                "user_id": cls.user_head.id,
                "department_id": cls.dep_sales.id,
            }
        )
        cls.emp_seller = Employee.create(
            {
                "name": "Seller North",
                "user_id": cls.user_seller.id,
                "department_id": cls.dep_sales_north.id,
            }
        )
        cls.emp_ops = Employee.create(
            {"name": "Operator", "user_id": cls.user_ops.id, "department_id": cls.dep_ops.id}
        )
        cls.env["synergy.period.generate"].create({"year": cls.YEAR}).action_generate()
        Period = cls.env["synergy.period"]
        cls.year = Period.search(
            [("period_type", "=", "year"), ("date_start", "=", date(cls.YEAR, 1, 1))]
        )
        cls.q1 = Period.search(
            [("period_type", "=", "quarter"), ("date_start", "=", date(cls.YEAR, 1, 1))]
        )
        cls.months = Period.search(
            [("period_type", "=", "month"), ("parent_id", "child_of", cls.year.id)],
            order="date_start",
        )
        cls.scheme = cls.env["synergy.scheme"].create(
            {"name": "Policy", "year": cls.YEAR, "min_synergy_weight": 20}
        )
        cls.scheme.action_approve()
        Kpi = cls.env["synergy.kpi"]
        cls.kpi_revenue = Kpi.create(
            {"code": "T-REV", "name": "Revenue", "unit": "kCNY", "value_source": "children"}
        )
        cls.kpi_sales = Kpi.create({"code": "T-SALES", "name": "Sales", "unit": "kCNY"})
        cls.kpi_retention = Kpi.create(
            {
                "code": "T-RET",
                "name": "Customer retention",
                "unit": "%",
                "time_aggregation": "average",
            }
        )
        cls.kpi_complaints = Kpi.create(
            {"code": "T-CPL", "name": "Complaints", "direction": "lower_better"}
        )

    @contextmanager
    def assertRefused(self, exception, pattern):
        """assertRaises (which rolls back to a savepoint) plus a check of the message."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), pattern)

    @classmethod
    def scorecard(cls, owner_level="department", period=None, **owner):
        return cls.env["synergy.scorecard"].create(
            {"owner_level": owner_level, "period_id": (period or cls.year).id, **owner}
        )

    @classmethod
    def line(cls, card, kpi, weight=0.0, target=100.0, **values):
        return cls.env["synergy.scorecard.line"].create(
            {
                "scorecard_id": card.id,
                "kpi_id": kpi.id,
                "weight": weight,
                "target": target,
                **values,
            }
        )

    @classmethod
    def value(cls, kpi, period, amount, owner_level="department", **owner):
        return cls.env["synergy.kpi.value"].create(
            {
                "kpi_id": kpi.id,
                "period_id": period.id,
                "value": amount,
                "owner_level": owner_level,
                **owner,
            }
        )


class CommittedDataCase(BaseCase):
    """Tests on separate database connections (concurrency): the class commits the data that
    ``_create_data(env)`` creates (recording ids in ``cls.ids``) and removes it with
    ``_delete_data(env)``; ``_envs`` gives one environment per user, each on its own
    connection. A test transaction cannot be shared between connections, hence the commits."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.ids = {}
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            try:
                cls._create_data(env)
            except Exception:
                cr.rollback()
                raise
            cr.commit()  # pylint: disable=invalid-commit

    @classmethod
    def tearDownClass(cls):
        if cls.ids:
            with cls.registry.cursor() as cr:
                # The server's own clean-up: periods and scorecards that are no longer drafts,
                # closed or validated records go too.
                with trusted_writes(unlock=True):
                    cls._delete_data(api.Environment(cr, api.SUPERUSER_ID, {"active_test": False}))
                cr.commit()  # pylint: disable=invalid-commit
        super().tearDownClass()

    @classmethod
    def _create_data(cls, env):
        raise NotImplementedError

    @classmethod
    def _delete_data(cls, env):
        raise NotImplementedError

    def _envs(self, *uids):
        """One environment per uid, each on its own database connection."""
        stack = ExitStack()
        self.addCleanup(stack.close)
        return [
            api.Environment(stack.enter_context(self.registry.cursor()), uid, {}) for uid in uids
        ]
