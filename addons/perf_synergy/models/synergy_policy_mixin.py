from odoo import api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, clean_context

from ..tools.write_policy import check_action_groups, is_trusted, is_unlocking, merged_policy

PRODUCT_MODULES = frozenset(
    {
        "perf_synergy",
        "perf_synergy_esg",
        "perf_synergy_group",
        "perf_synergy_sale",
        "perf_synergy_calendar",
        "perf_synergy_queue",
        "perf_synergy_group_queue",
        "perf_synergy_esg_queue",
    }
)
# Written by the ORM itself on every record.
ORM_FIELDS = frozenset({"id", "create_uid", "create_date", "write_uid", "write_date"})
# Field types whose stored value can be compared to a written one: writing a field's current
# value (an import of an exported file, a client sending a whole record) changes nothing.
COMPARABLE_TYPES = frozenset(
    {
        "boolean",
        "char",
        "text",
        "html",
        "integer",
        "float",
        "monetary",
        "selection",
        "date",
        "datetime",
        "many2one",
    }
)


class SynergyPolicyMixin(models.AbstractModel):
    """The server side of the trust model (DESIGN §14), one mechanism for every model of the
    product, on core models too for the fields the product adds:

    * the write policy: a user sets a product field through ``create``/``write`` only if the
      model's ``_write_policy`` allows it for one of his groups, in the record's state and on
      the record's condition; everything else (derived fields, states, requesters, proposers,
      approvers, workflow dates) only in the product's own actions (``tools.write_policy``);
    * the lock: records whose ``_policy_state`` is in ``_lock_states`` change by no path -
      user, action, refresh or import - except the transitions that unlock them;
    * finite numbers (``synergy.finite.mixin``).

    The superuser (``sudo()``, crons) is not subject to the write policy: server code that
    uses it answers for it. Locks hold for him too.
    """

    _name = "synergy.policy.mixin"
    _inherit = ["synergy.finite.mixin"]
    _description = "Write Policy"

    # {field name: Allow(...)}; merged along the model's classes (tools.write_policy).
    _write_policy = {}
    # Path of the state that Allow(states=...) and _lock_states read ("state",
    # "scorecard_id.state"), or False.
    _policy_state = False
    # States of _policy_state in which the records are locked.
    _lock_states = ()
    # Fields whose change can put a record under a lock other than its own state (a
    # scorecard moved into a closed period, points dated in one): the lock is checked again
    # after they are written. The first hop of a dotted _policy_state is one by itself.
    _lock_placed_by = ()
    # Policy states in which users may delete records (on top of the access rights and the
    # lock); None: any state.
    _unlink_states = None

    # ------------------------------------------------------------------ declarations
    @api.model
    def _synergy_write_policy(self):
        return merged_policy(type(self))

    @api.model
    def _synergy_policy_fields(self):
        """The fields the policy governs: stored fields defined by the product's addons."""
        return [
            field
            for field in self._fields.values()
            if field.store and field._module in PRODUCT_MODULES and field.name not in ORM_FIELDS
        ]

    def _synergy_policy_states(self):
        """{record: its policy state} (False without a state)."""
        path = self._policy_state
        if not path:
            return dict.fromkeys(self, False)
        return {record: record.mapped(path)[:1] and record.mapped(path)[0] for record in self}

    # ------------------------------------------------------------------ lock
    def _synergy_locked(self):
        """The records of ``self`` that are locked."""
        if not self._lock_states or not self._policy_state:
            return self.browse()
        states = self._synergy_policy_states()
        return self.browse(r.id for r, state in states.items() if state in self._lock_states)

    def _synergy_lock_hint(self):
        """How to change a locked record, for the refusal."""
        return self.env._("An officer must reopen it first.")

    def _synergy_lock_bypassed(self):
        """The transitions that unlock, and a module's data files being loaded (demo history
        of closed periods, migrations): the only ways around a lock and the write policy.
        ``install_mode`` alone is a context key any client can send: it counts only while the
        registry is being loaded, which no request reaches."""
        return is_unlocking() or (
            not self.pool.ready and bool(self.env.context.get("install_mode"))
        )

    def _unlocked(self):
        """These records but the locked ones (all of them where the lock is bypassed): what a
        derived refresh may write. Locked figures stay as they were locked."""
        if self._synergy_lock_bypassed():
            return self
        return self - self._synergy_locked()

    def _check_unlocked(self):
        """Refuses any change of locked records (DESIGN §14 "locked is locked")."""
        if self._synergy_lock_bypassed():
            return
        locked = self._synergy_locked()
        if locked:
            record = locked[0]
            state = record._synergy_policy_states()[record]
            raise UserError(
                self.env._(
                    "%(model)s %(record)s is %(state)s and locked: it cannot be changed, "
                    "deleted or added to. %(hint)s",
                    model=self._description,
                    record=record.display_name,
                    state=self._synergy_state_labels((state,)).lower()
                    if state
                    else self.env._("locked"),
                    hint=record._synergy_lock_hint(),
                )
            )

    @api.model
    def _synergy_touches_product_fields(self, vals):
        return any(
            (field := self._fields.get(name)) is not None and field._module in PRODUCT_MODULES
            for name in vals
        )

    # ------------------------------------------------------------------ policy
    def _synergy_user_groups(self, groups):
        user = self.env.user
        return any(user.has_group(group) for group in groups)

    def _synergy_group_names(self, groups):
        names = []
        for xmlid in groups:
            group = self.env.ref(xmlid, raise_if_not_found=False)
            if group:
                names.append(group.sudo().full_name)
        return ", ".join(names)

    def _synergy_unchanged(self, field, value, creating):
        """Whether setting ``field`` to ``value`` leaves every record of ``self`` as it is."""
        if field.type not in COMPARABLE_TYPES:
            return False
        try:
            if creating:
                # the field's own default, not a ``default_<field>`` key the client sent
                current = (
                    self.with_context(clean_context(self.env.context))
                    .default_get([field.name])
                    .get(field.name, False)
                )
                current = field.convert_to_cache(current, self, validate=False)
                return field.convert_to_cache(value, self, validate=False) == current
            written = field.convert_to_cache(value, self, validate=True)
        except (ValueError, TypeError, UserError):
            return False
        # Compared with the user's own rights: a field he may not read is no oracle ("the
        # write passed, so the hidden grade is A").
        if not self._has_field_access(field, "read"):
            return False
        try:
            currents = [
                field.convert_to_cache(record[field.name], record, validate=False)
                for record in self
            ]
        except AccessError:
            return False
        for current in currents:
            if field.type == "many2one":
                current_id = current.id if hasattr(current, "id") else current
                written_id = written.id if hasattr(written, "id") else written
                if (current_id or False) != (written_id or False):
                    return False
            elif field.type in ("float", "monetary"):
                if abs((current or 0.0) - (written or 0.0)) > 1e-9:
                    return False
            elif (current or False) != (written or False):
                return False
        return True

    def _check_write_policy(self, field_names, vals, creating=False, empty=False):
        """Raises AccessError unless the current user may set ``field_names`` of ``self``.

        The superuser (server code) may set any field, but not outside the states an
        ``Allow`` names: those are the records' integrity (a computed bonus pool's split,
        an approved scheme's policy), not only a user's rights."""
        if is_trusted() or (not self and not empty) or self._synergy_lock_bypassed():
            return []
        if not self.env.su and not creating:
            self.browse().check_access("write")  # the model's right first: its usual message
        policy = self._synergy_write_policy()
        governed = {field.name: field for field in self._synergy_policy_fields()}
        states = None
        conditional = []
        for name in field_names:
            field = governed.get(name)
            if field is None:
                continue
            rules = policy.get(name)
            if rules is None:
                if self.env.su:
                    continue
                reason = self.env._("it is set by the product's own actions and computations")
            else:
                if not isinstance(rules, tuple):
                    rules = (rules,)
                reason = None
                for rule in rules:
                    reason, states = self._synergy_rule_refusal(rule, creating, states)
                    if reason is None:
                        if rule.when and not self.env.su:
                            conditional.append(name)
                        break
            if reason is not None and not self._synergy_unchanged(field, vals[name], creating):
                raise AccessError(
                    self.env._(
                        "You may not set %(field)s of %(model)s %(record)s: %(reason)s.",
                        field=field.get_description(self.env)["string"],
                        model=self._description,
                        record=self[:1].display_name or "",
                        reason=reason,
                    )
                )
        return conditional

    def _check_write_policy_after(self, field_names):
        """After a write: the fields let through by a condition (``when``) must still be
        allowed on the records as written - a head moving a proposal to himself, a request to
        another department, is refused like one already his."""
        if not field_names:
            return
        policy = self._synergy_write_policy()
        for name in field_names:
            rules = policy[name] if isinstance(policy[name], tuple) else (policy[name],)
            if all(self._synergy_rule_refusal(rule, False, None)[0] for rule in rules):
                field = self._fields[name]
                raise AccessError(
                    self.env._(
                        "You may not set %(field)s of %(model)s %(record)s: %(reason)s.",
                        field=field.get_description(self.env)["string"],
                        model=self._description,
                        record=self[:1].display_name or "",
                        reason=self._synergy_rule_refusal(rules[0], False, None)[0],
                    )
                )

    def _synergy_with_context_defaults(self, vals):
        """``vals`` and the ``default_<field>`` keys of the context the ORM will apply to the
        product's fields: a default sent by a client is a value the client sets."""
        defaults = {
            key[8:]: value
            for key, value in self.env.context.items()
            if key.startswith("default_") and key[8:] not in vals
        }
        if not defaults:
            return vals
        governed = {field.name for field in self._synergy_policy_fields()}
        return {**{k: v for k, v in defaults.items() if k in governed}, **vals}

    def _synergy_rule_refusal(self, rule, creating, states):
        """(Why ``rule`` does not let the current user set the field on ``self``, or None;
        the policy states, read once)."""
        superuser = self.env.su
        if not superuser and not self._synergy_user_groups(rule.groups):
            return self.env._(
                "only %(groups)s may set it", groups=self._synergy_group_names(rule.groups)
            ), states
        if rule.create_only and not creating and not superuser:
            return self.env._("it is set when the record is created and never changed"), states
        if rule.states is not None:
            if states is None:
                states = self._synergy_policy_states()
            if any(state not in rule.states for state in states.values()):
                return self.env._(
                    "it can only be changed while the record is %(states)s",
                    states=self._synergy_state_labels(rule.states),
                ), states
        if rule.when and not superuser and getattr(self, rule.when)() != self:
            return self.env._(
                "only %(who)s may set it", who=rule.who or self.env._("its owner")
            ), states
        return None, states

    def _synergy_state_labels(self, states):
        path = self._policy_state
        model = self
        for name in path.split(".")[:-1]:
            model = model.env[model._fields[name].comodel_name]
        field = model._fields[path.split(".")[-1]]
        labels = dict(field._description_selection(self.env)) if field.type == "selection" else {}
        return " / ".join(str(labels.get(state, state)) for state in states)

    def _check_action_groups(self, method_name, groups):
        """Refuses an action (``tools.write_policy.user_action``) to users outside ``groups``."""
        check_action_groups(self, method_name, groups)

    # ------------------------------------------------------------------ frozen figures
    def _compute_field_value(self, field):
        """Locked records keep their stored figures: a change elsewhere (a catalogue edit, an
        employee moved, a rate corrected) recomputes the unlocked records only."""
        if not (field.store and self._lock_states and not self._synergy_lock_bypassed()):
            return super()._compute_field_value(field)
        locked = self.filtered("id")._synergy_locked()
        if not locked:
            return super()._compute_field_value(field)
        if self - locked:
            super(SynergyPolicyMixin, self - locked)._compute_field_value(field)
        for computed in self.pool.field_computed[field]:
            if computed.store and computed.column_type and not computed.translate:
                self._synergy_restore_stored(locked, computed)
        return None

    @api.model
    def _synergy_restore_stored(self, records, field):
        """Puts the stored column of ``field`` back in the cache of ``records``."""
        self.env.cr.execute(
            SQL(
                "SELECT id, %s FROM %s WHERE id IN %s",
                SQL.identifier(field.name),
                SQL.identifier(self._table),
                tuple(records.ids),
            )
        )
        for record_id, value in self.env.cr.fetchall():
            record = self.browse(record_id)
            field._update_cache(record, field.convert_to_cache(value, record, validate=False))

    # ------------------------------------------------------------------ ORM
    @api.model
    def _check_create_company(self, vals_list):
        """Nobody creates a record for a company he does not work in (a client can name any
        company id; record rules would only see it after the insert)."""
        if self.env.su or is_trusted() or "company_id" not in self._fields:
            return
        allowed = set(self.env.user.company_ids.ids)
        for vals in vals_list:
            company_id = vals.get("company_id")
            if company_id and company_id not in allowed:
                raise AccessError(
                    self.env._(
                        "You may not create %(model)s for a company you do not work in "
                        "(company id %(company)s).",
                        model=self._description,
                        company=company_id,
                    )
                )

    def _check_company(self, fnames=None):
        """Odoo's check, made once per field and distinct (company, linked records): Odoo
        evaluates a domain in Python for every record and linked field, and the records of
        one bulk create mostly link the same records (the 585 values of the measures of a
        10,000-employee close share their KPI and period). The verdict on a record's field
        depends on nothing else."""
        names = (
            self._fields
            if fnames is None or {"company_id", "company_ids"} & set(fnames)
            else fnames
        )
        linked = [
            name
            for name in names
            if self._fields[name].relational and self._fields[name].check_company
        ]
        owner = next((name for name in ("company_id", "company_ids") if name in self._fields), None)
        if len(self) < 2 or not owner or owner in linked:
            return super()._check_company(fnames)
        records = self.sudo()  # the keys only: the check itself reads as Odoo's does
        for name in linked:
            first_of = {}
            for record in records:
                first_of.setdefault((record[owner]._ids, record[name]._ids), record.id)
            representatives = self.browse(first_of.values())
            super(SynergyPolicyMixin, representatives)._check_company([name])
        return None

    def _check_company_after_write(self, vals):
        """Nobody puts a record in a company he does not work in, by writing its company or by
        moving it under a parent of another company (a step into another company's process):
        the check of the create, made on the records' company once written."""
        if (
            self.env.su
            or is_trusted()
            or "company_id" not in self._fields
            or not any(
                name == "company_id" or self._fields[name].type == "many2one"
                for name in vals
                if name in self._fields
            )
        ):
            return
        # sudo: only the company of the records this user has just written, to refuse the write.
        outside = self.sudo().company_id - self.env.user.company_ids
        if outside:
            raise AccessError(
                self.env._(
                    "You may not put %(model)s in a company you do not work in (%(company)s). "
                    "Choose one of your companies.",
                    model=self._description,
                    company=outside[0].display_name,
                )
            )

    @api.model
    def _check_create_allowed(self, vals_list):
        """Before the insert: the model's access right, fields no user may set, and children of
        a locked parent - so that a refused record is not half-created, nor checked by the
        constraints first."""
        if self._synergy_lock_bypassed() or is_trusted():
            return
        path = self._policy_state
        if self._lock_states and path and "." in path:
            first, rest = path.split(".", 1)
            parents = (
                self[first].browse({vals[first] for vals in vals_list if vals.get(first)}).sudo()
            )
            for parent in parents:
                if (
                    hasattr(parent, "_check_unlocked")
                    and parent.mapped(rest)[:1]
                    and parent.mapped(rest)[0] in self._lock_states
                ):
                    parent.with_env(self.env)._check_unlocked()
        if self.env.su:
            return
        self.browse().check_access("create")
        policy = self._synergy_write_policy()
        governed = {field.name for field in self._synergy_policy_fields()}
        for vals in vals_list:
            for name in vals:
                if name in governed and name not in policy:
                    self.browse()._check_write_policy([name], vals, creating=True, empty=True)

    def _synergy_without_computed(self, vals):
        """``vals`` without the product's computed fields that no user may set, once the
        policy has let them through (sent back unchanged): written, they would stay as sent
        when what they are computed from changes in the same call (a period kept while the
        date moves)."""
        if self.env.su or is_trusted() or self._synergy_lock_bypassed():
            return vals
        policy = self._synergy_write_policy()
        computed = {
            field.name
            for field in self._synergy_policy_fields()
            if field.compute and field.name not in policy
        }
        if computed.isdisjoint(vals):
            return vals
        return {name: value for name, value in vals.items() if name not in computed}

    @api.model_create_multi
    def create(self, vals_list):
        checked = [self._synergy_with_context_defaults(vals) for vals in vals_list]
        self._check_create_company(checked)
        self._check_create_allowed(checked)
        vals_list = [self._synergy_without_computed(vals) for vals in vals_list]
        records = super().create(vals_list)
        records._check_unlocked()
        records._check_company_after_write(dict.fromkeys(k for vals in checked for k in vals))
        if not is_trusted():
            for record, vals in zip(records, checked, strict=True):
                record._check_write_policy(list(vals), vals, creating=True)
        return records

    def write(self, vals):
        if self._synergy_touches_product_fields(vals):
            # Chatter, activities, portal tokens and approval reviews of a locked record
            # still work: they are not its figures.
            self._check_unlocked()
        conditional = self._check_write_policy(list(vals), vals)
        vals = self._synergy_without_computed(vals)
        result = super().write(vals)
        self._check_write_policy_after(conditional)
        self._check_company_after_write(vals)
        placed_by = set(self._lock_placed_by)
        if self._policy_state and "." in self._policy_state:
            placed_by.add(self._policy_state.split(".")[0])
        if not placed_by.isdisjoint(vals):
            # Moved under a lock (a line into a closed scorecard, a scorecard into a closed
            # period).
            self._check_unlocked()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self._check_unlocked()
        if self._unlink_states is not None and self and not is_trusted():
            states = self._synergy_policy_states()
            wrong = [record for record, state in states.items() if state not in self._unlink_states]
            if wrong:
                raise UserError(
                    self.env._(
                        "%(model)s %(record)s cannot be deleted any more: only while it is "
                        "%(states)s.",
                        model=self._description,
                        record=wrong[0].display_name or "",
                        states=self._synergy_state_labels(self._unlink_states),
                    )
                )
