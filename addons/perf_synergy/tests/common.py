from odoo.tests import new_test_user


def make_synergy_user(env, login, groups, **kwargs):
    """A user of the given comma-separated groups, in the current company."""
    return new_test_user(env, login=login, groups=groups, **kwargs)
