"""The trust model (DESIGN §14) proved from the registry, for every model of the five addons.

* Every stored field the product defines, on every record kind, for every role: a write as
  that role is refused - and changes nothing - unless the model's ``_write_policy`` lets that
  role set the field in the record's state. A field added tomorrow without a policy entry is
  refused to every user by default (``test_new_field_is_refused_by_default``), and it fails
  ``test_policy_table_is_documented`` until its line in the generated table of
  ``docs/security.md`` has been regenerated and reviewed: nobody adds a field to the trust
  model without saying who may write it.
* Every public method of the product (callable over RPC) carries a ``user_action``
  declaration, and is refused to the roles outside it (``test_actions_*``).
"""

import inspect
import os
import pathlib
from datetime import date, datetime, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from ..models.synergy_policy_mixin import ORM_FIELDS, PRODUCT_MODULES
from ..tools.write_policy import check_action_groups

DOC = pathlib.Path(__file__).resolve().parents[3] / "docs" / "security.md"
TABLE_BEGIN = "<!-- write-policy-table:begin -->"
TABLE_END = "<!-- write-policy-table:end -->"

# Modules outside Odoo whose mixins product models inherit: their public methods reach the
# product's records over RPC, so each must be declared (or made private) by the product.
THIRD_PARTY_MIXINS = ("odoo.addons.base_tier_validation",)
# Methods every model has: the ORM's own API, checked by the access rights and the policy.
ORM_METHODS = frozenset(
    {
        "create",
        "write",
        "unlink",
        "copy",
        "copy_data",
        "default_get",
        "init",
        "name_create",
        "fields_get",
        "get_views",
        "get_view",
        "hierarchy_read",  # web_hierarchy's read of a tree: search and read as the user
        "onchange",
        "web_read",
        "web_save",
        "web_search_read",
        # report_xlsx's hooks: called by the report action, which checks the report's access
        "create_xlsx_report",
        "generate_xlsx_report",
        "get_workbook_options",
    }
)
POLICY_REFUSAL = "You may not set"


def product_models(env):
    """Names of the models that hold a stored field defined by the product."""
    names = []
    for name in sorted(env.registry):
        model = env[name]
        if model._abstract:
            continue
        if any(
            field.store and field._module in PRODUCT_MODULES and field.name not in ORM_FIELDS
            for field in model._fields.values()
        ):
            names.append(name)
    return names


def policy_table(env):
    """The generated Markdown table of every governed field: model, field, who may set it."""
    rows = []
    for name in product_models(env):
        model = env[name]
        if not hasattr(model, "_synergy_write_policy"):
            rows.append(f"| `{name}` | *(no write policy)* | |")
            continue
        policy = model._synergy_write_policy()
        state = model._policy_state or ""
        locks = ", ".join(model._lock_states)
        head = f"| `{name}` | " + (f"state `{state}`" if state else "no workflow state")
        head += (f", locked when {locks}" if locks else "") + " |"
        rows.append(head + " |")
        for field in sorted(model._synergy_policy_fields(), key=lambda f: f.name):
            rules = policy.get(field.name)
            if rules is None:
                who = "product only"
            else:
                rules = rules if isinstance(rules, tuple) else (rules,)
                who = "; ".join(describe(rule) for rule in rules)
            rows.append(f"| | `{field.name}` | {who} |")
    return "\n".join(["| model | field | who may set it |", "|---|---|---|", *rows])


def describe(rule):
    text = ", ".join(group.split(".")[-1].removeprefix("group_") for group in rule.groups)
    if rule.states is not None:
        text += " in " + "/".join(rule.states)
    if rule.create_only:
        text += " at creation"
    if rule.when:
        text += f" if {rule.when.removeprefix('_policy_')}"
    return text


@tagged("post_install", "-at_install")
class TestWritePolicyRegistry(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        env = cls.env
        cls.roles = {
            "user": new_test_user(env, "pol_user", groups="perf_synergy.group_synergy_user"),
            "manager": new_test_user(
                env, "pol_manager", groups="perf_synergy.group_synergy_manager"
            ),
            "officer": new_test_user(
                env, "pol_officer", groups="perf_synergy.group_synergy_officer"
            ),
            "committee": new_test_user(
                env, "pol_committee", groups="perf_synergy.group_synergy_committee"
            ),
            "portal": new_test_user(env, "pol_portal", groups="base.group_portal"),
        }
        optional = {
            "esg_user": "perf_synergy_esg.group_esg_user",
            "esg_manager": "perf_synergy_esg.group_esg_manager",
            "group_controller": "perf_synergy_group.group_synergy_group_controller",
        }
        for role, xmlid in optional.items():
            if env.ref(xmlid, raise_if_not_found=False):
                cls.roles[role] = new_test_user(
                    env, f"pol_{role}", groups=f"base.group_user,{xmlid}"
                )
        subsidiary = env["res.company"].create({"name": "Policy Subsidiary"})
        cls.roles["subsidiary_officer"] = new_test_user(
            env,
            "pol_subsidiary",
            groups="perf_synergy.group_synergy_officer",
            company_id=subsidiary.id,
            company_ids=[Command.set(subsidiary.ids)],
        )

    # ------------------------------------------------------------------ helpers
    def _sample(self, model):
        """A record of ``model`` to write on: the demo's, else a new one where possible."""
        record = model.sudo().with_context(active_test=False).search([], limit=1, order="id")
        return record

    def _value_for(self, record, field):
        """A valid value of ``field`` that differs from the record's."""
        current = record.sudo()[field.name]
        if field.type in ("char", "text", "html"):
            return f"{current or ''} policy"
        if field.type in ("float", "monetary"):
            return (current or 0.0) + 1.0
        if field.type == "integer":
            return (current or 0) + 1
        if field.type == "boolean":
            return not current
        if field.type == "selection":
            keys = [key for key, _label in field._description_selection(record.env)]
            others = [key for key in keys if key != current]
            return others[0] if others else current
        if field.type == "date":
            return (current or date(2030, 1, 1)) + timedelta(days=1)
        if field.type == "datetime":
            return (current or datetime(2030, 1, 1)) + timedelta(hours=1)
        if field.type == "many2one":
            other = (
                record.env[field.comodel_name]
                .sudo()
                .search([("id", "!=", current.id)], limit=1, order="id desc")
            )
            return other.id or False
        if field.type in ("many2many", "one2many"):
            return [Command.clear()] if current else []
        if field.type == "binary":
            return "cG9saWN5"
        if field.type == "reference":
            return False
        return False

    def _snapshot(self, record, field):
        record.invalidate_recordset()
        value = record.sudo()[field.name]
        return value.ids if hasattr(value, "ids") else value

    def _policy_allows(self, record, field, creating=False):
        """Whether the declared policy lets ``record``'s user set ``field``."""
        policy = record._synergy_write_policy()
        rules = policy.get(field.name)
        if rules is None:
            return False
        rules = rules if isinstance(rules, tuple) else (rules,)
        return any(record._synergy_rule_refusal(rule, creating, None)[0] is None for rule in rules)

    # ------------------------------------------------------------------ fields
    def test_every_model_has_the_policy_mixin(self):
        """Every model holding a field of the product is governed by the write policy."""
        missing = [
            name
            for name in product_models(self.env)
            if not hasattr(self.env[name], "_synergy_write_policy")
            and name != "res.config.settings"  # transient, fields related to the company
        ]
        self.assertEqual(missing, [], "models without synergy.policy.mixin")

    def test_writes_refused_unless_declared(self):
        """Every stored product field x every role: refused and unchanged unless declared."""
        checked = refused = 0
        for name in product_models(self.env):
            model = self.env[name]
            if not hasattr(model, "_synergy_write_policy"):
                continue
            record = self._sample(model)
            if not record:
                continue
            for field in model._synergy_policy_fields():
                if field.type == "reference" or (field.compute and field.readonly):
                    # a computed readonly field is written by nobody, the ORM refuses it
                    continue
                value = self._value_for(record, field)
                before = self._snapshot(record, field)
                for role, user in self.roles.items():
                    as_role = record.with_user(user)
                    try:
                        allowed = self._policy_allows(as_role, field)
                    except UserError:
                        allowed = False  # the role cannot even read the record
                    if allowed:
                        continue
                    checked += 1
                    with self.subTest(model=name, field=field.name, role=role):
                        # AccessError and ValidationError are UserErrors
                        with self.assertRaises(UserError), self.env.cr.savepoint():
                            as_role.write({field.name: value})
                            as_role.flush_recordset()
                        refused += 1
                        self.assertEqual(self._snapshot(record, field), before)
        self.assertGreater(checked, 2000)
        self.assertEqual(checked, refused)

    def test_policy_refuses_before_anything_else(self):
        """An officer (who has write access to most models) is refused derived fields by the
        policy itself, with the reason, not by chance of another check."""
        officer = self.roles["officer"]
        card = self.env["synergy.scorecard"].search([], limit=1)
        with self.assertRaisesRegex(AccessError, POLICY_REFUSAL):
            card.with_user(officer).write({"final_score": 99.0})

    def test_new_field_is_refused_by_default(self):
        """A field the policy does not name is refused to every user, officers included: an
        officer sets a KPI's name, then the same field without its policy entry (as a field
        added tomorrow without one) is refused by a plain write."""
        kpi = (
            self.env["synergy.kpi"]
            .search([("company_id", "=", self.env.company.id)], limit=1)
            .with_user(self.roles["officer"])
        )
        kpi.write({"name": "Named by the officer"})
        policy = dict(kpi._synergy_write_policy())
        del policy["name"]
        self.patch(type(kpi), "_synergy_write_policy", lambda self: policy)
        with self.assertRaisesRegex(AccessError, "product's own actions"):
            kpi.write({"name": "Named again"})
        self.assertEqual(kpi.name, "Named by the officer")

    def test_policy_table_is_documented(self):
        """docs/security.md carries the policy as the registry declares it. After adding a
        field or changing a policy, regenerate it with
        ``SYNERGY_WRITE_POLICY_DOC=1`` set for this test, and review the diff."""
        table = policy_table(self.env)
        text = DOC.read_text(encoding="utf-8")
        if os.environ.get("SYNERGY_WRITE_POLICY_DOC"):
            head, _rest = text.split(TABLE_BEGIN) if TABLE_BEGIN in text else (text, "")
            tail = text.split(TABLE_END, 1)[1] if TABLE_END in text else "\n"
            DOC.write_text(f"{head}{TABLE_BEGIN}\n{table}\n{TABLE_END}{tail}", encoding="utf-8")
            text = DOC.read_text(encoding="utf-8")
        self.assertIn(TABLE_BEGIN, text)
        documented = text.split(TABLE_BEGIN, 1)[1].split(TABLE_END, 1)[0].strip()
        self.assertEqual(
            documented,
            table,
            "docs/security.md's write-policy table is not the registry's: regenerate it "
            "(SYNERGY_WRITE_POLICY_DOC=1) and review who may set the new or changed fields",
        )

    # ------------------------------------------------------------------ actions
    def _public_methods(self):
        """{(model, method): groups or None} of the public methods the product defines."""
        found = {}
        for name in sorted(self.env.registry):
            model = self.env[name]
            # A product model answers for the public methods of the third-party mixins it
            # inherits too (OCA's tier validation: restart_validation, request_validation...).
            product_model = (type(model)._original_module or "").startswith("perf_synergy")
            for cls in type(model).mro():
                ours = cls.__module__.startswith("odoo.addons.perf_synergy")
                inherited = product_model and cls.__module__.startswith(THIRD_PARTY_MIXINS)
                if not (ours or inherited):
                    continue
                if "tests" in cls.__module__:
                    continue
                for attr, member in vars(cls).items():
                    if attr.startswith("_") or attr in ORM_METHODS:
                        continue
                    function = getattr(type(model), attr)
                    if not inspect.isfunction(member) or getattr(function, "_api_private", False):
                        continue
                    key = (name, attr)
                    groups = getattr(function, "_synergy_action_groups", None)
                    if getattr(function, "_synergy_review_action", False):
                        # synergy.tier.validation's request and restart: the model's groups
                        groups = type(model)._synergy_review_groups
                    found.setdefault(key, groups)
        return found

    def test_actions_are_declared(self):
        """Every public method of the product says who may call it (``user_action``)."""
        undeclared = sorted(key for key, groups in self._public_methods().items() if not groups)
        self.assertEqual(undeclared, [], "public methods without @user_action")

    def test_actions_refused_outside_their_groups(self):
        """Every declared action x every role: refused outside its groups before it does
        anything; inside them the guard lets the role through."""
        checked = 0
        for (name, method), groups in self._public_methods().items():
            if not groups:
                continue
            model = self.env[name]
            for role, user in self.roles.items():
                as_role = model.with_user(user)
                allowed = any(user.has_group(group) for group in groups)
                with self.subTest(model=name, method=method, role=role):
                    if allowed:
                        check_action_groups(as_role, method, groups)
                    else:
                        checked += 1
                        with self.assertRaisesRegex(AccessError, "You may not run"):
                            getattr(as_role.browse(), method)()
        self.assertGreater(checked, 100)
