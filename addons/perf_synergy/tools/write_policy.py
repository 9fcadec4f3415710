"""The trust model's declarations (DESIGN §14), in plain Python.

A model lists in ``_write_policy`` the fields a user may set, each with an :class:`Allow`
saying which groups may set it, in which states of the record, and on which condition. A field
of the product that is not listed is set only by the product's own code: its actions
(:func:`user_action`) and computations run in :func:`trusted_writes`. ``synergy.policy.mixin``
enforces both in ``create``/``write``/``unlink``, whatever the path (forms, JSON-RPC, JSON-2,
import, portal).

The trusted scope is a Python context variable, not an Odoo context key: an RPC client can
send any context key, but it cannot reach a variable of the server's own call stack.
"""

import contextvars
import functools
from contextlib import contextmanager

from odoo.exceptions import AccessError

from .arguments import action_arguments

USER = "perf_synergy.group_synergy_user"
MANAGER = "perf_synergy.group_synergy_manager"
OFFICER = "perf_synergy.group_synergy_officer"
COMMITTEE = "perf_synergy.group_synergy_committee"
ESG_USER = "perf_synergy_esg.group_esg_user"
ESG_MANAGER = "perf_synergy_esg.group_esg_manager"
GROUP_CONTROLLER = "perf_synergy_group.group_synergy_group_controller"
PORTAL = "base.group_portal"
SETTINGS = "base.group_system"
EMPLOYEE = "base.group_user"

# (trusted, unlocking): set by the product's own actions, never by a client.
_SCOPE = contextvars.ContextVar("synergy_trusted_scope", default=(False, False))


@contextmanager
def trusted_writes(unlock=False):
    """The product's own code sets derived fields, states and owners inside this block.
    ``unlock=True`` also lets it change locked records: only the workflow transitions that
    lock and unlock (close, reopen, approve, supersede) use it, and flush before leaving it,
    since locked records are not recomputed afterwards."""
    unlocking = _SCOPE.get()[1]
    token = _SCOPE.set((True, unlocking or unlock))
    try:
        yield
    finally:
        _SCOPE.reset(token)


@contextmanager
def untrusted():
    """Back to the user's own rights inside a trusted block: for the parts of an action that
    write what the user typed (a wizard applying its fields, an API storing answers)."""
    token = _SCOPE.set((False, False))
    try:
        yield
    finally:
        _SCOPE.reset(token)


def is_trusted():
    return _SCOPE.get()[0]


def is_unlocking():
    return _SCOPE.get()[1]


class Allow:
    """Who may set a field through ``create``/``write``.

    ``groups``: any of these group xml ids (implied groups count: an officer is a manager).
    ``states``: only while the record's policy state (``_policy_state`` of the model) is one of
    these; ``None`` for any state. ``create_only``: set when the record is created, never
    changed afterwards. ``when``: name of a model method returning the records of ``self`` on
    which the current user may set it (the side of a workflow, the owner of a record), with
    ``who`` describing them in the refusal.
    """

    __slots__ = ("create_only", "groups", "states", "when", "who")

    def __init__(self, *groups, states=None, create_only=False, when=None, who=None):
        if not groups:
            raise ValueError("Allow() needs at least one group")
        self.groups = groups
        self.states = tuple(states) if states is not None else None
        self.create_only = create_only
        self.when = when
        self.who = who

    def __repr__(self):
        return (
            f"Allow({', '.join(self.groups)}, states={self.states}, "
            f"create_only={self.create_only}, when={self.when})"
        )


def merged_policy(cls):
    """``_write_policy`` of a model class and of every class it is built from: extensions in
    other addons add their fields' entries, and a later entry for a field replaces an earlier."""
    policy = {}
    for klass in reversed(cls.mro()):
        policy.update(klass.__dict__.get("_write_policy") or {})
    return policy


def check_action_groups(records, method_name, groups):
    """Refuses ``method_name`` to users outside ``groups`` (the superuser passes)."""
    env = records.env
    if env.su or any(env.user.has_group(group) for group in groups):
        return
    names = [group.sudo().full_name for group in map(_group_of(env), groups) if group]
    raise AccessError(
        env._(
            "You may not run %(action)s on %(model)s: only %(groups)s may.",
            action=method_name,
            model=records._description,
            groups=", ".join(names) or ", ".join(groups),
        )
    )


def _group_of(env):
    return lambda xmlid: env.ref(xmlid, raise_if_not_found=False)


def user_action(*groups, unlocks=False):
    """A public method of the product that users may call (buttons, RPC): refused to anyone
    outside ``groups``, then run in :func:`trusted_writes` so that it may set what users may
    not set directly. The method still runs with the user's access rights and record rules,
    and checks its actor itself where a group is not enough (the requesting side, not the
    beneficiary). Public methods without this declaration are refused by the registry test."""
    if not groups:
        raise ValueError("user_action() needs at least one group")

    def decorate(method):
        @functools.wraps(method)
        def guarded(self, *args, **kwargs):
            check_action_groups(self, method.__name__, groups)
            with action_arguments(self), trusted_writes(unlock=unlocks):
                result = method(self, *args, **kwargs)
                if unlocks:
                    # Compute now what the transition changed: once locked, records keep
                    # the figures they have (synergy.policy.mixin).
                    self.env.flush_all()
                return result

        guarded._synergy_action_groups = groups
        return guarded

    return decorate
