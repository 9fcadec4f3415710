"""Every translatable term of our addons has a Chinese (zh_CN) translation.

The terms are exported from the installed database with Odoo 19's own exporter, the code path
of ``odoo i18n export`` (``TranslationModuleReader``): code strings, field labels, selections,
views, menus, data and demo records. A term fails the test when the addon's ``i18n/zh_CN.po``
has no non-empty ``msgstr`` for it. ``scripts/refresh_translations.py`` regenerates the .pot
and the .po from the database and lists what is left to translate.
"""

import pathlib

import polib
import pytest

ADDONS_DIR = pathlib.Path(__file__).resolve().parents[2] / "addons"

# Our addons, in the order of their dependencies.
ADDONS = (
    "perf_synergy",
    "perf_synergy_sale",
    "perf_synergy_calendar",
    "perf_synergy_esg",
    "perf_synergy_group",
    "perf_synergy_queue",
    "perf_synergy_group_queue",
    "perf_synergy_esg_queue",
)


@pytest.fixture(scope="module")
def env():
    import odoo
    from odoo.modules.registry import Registry

    db_name = odoo.tools.config["db_name"]
    if not db_name:
        pytest.skip("needs an installed database (--odoo-database)")
    if isinstance(db_name, list | tuple):
        db_name = db_name[0]
    with Registry(db_name).cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.rollback()


def exported_terms(env, addon):
    """The source terms Odoo exports for ``addon`` (what ``odoo i18n export`` writes)."""
    from odoo.tools.translate import TranslationModuleReader

    module = env["ir.module.module"].search([("name", "=", addon)])
    if module.state != "installed":
        pytest.fail(f"{addon} is not installed in the test database")
    reader = TranslationModuleReader(env.cr, modules=[addon])
    return {source for (module_name, _t, _n, _r, source, _v, _c) in reader if module_name == addon}


@pytest.mark.parametrize("addon", ADDONS)
def test_every_term_has_a_zh_cn_translation(env, addon):
    po_path = ADDONS_DIR / addon / "i18n" / "zh_CN.po"
    assert po_path.is_file(), f"{po_path} is missing"
    try:
        po = polib.pofile(str(po_path))
    except (OSError, ValueError) as error:
        pytest.fail(f"{po_path} does not parse: {error}")
    # Odoo's own reader must accept it too (module comments, occurrences).
    from odoo.tools.translate import PoFileReader

    list(PoFileReader(str(po_path)))
    translated = {entry.msgid for entry in po if entry.msgstr.strip() and not entry.obsolete}
    missing = sorted(exported_terms(env, addon) - translated)
    assert not missing, (
        f"{len(missing)} term(s) of {addon} have no zh_CN translation in {po_path} "
        "(run scripts/refresh_translations.py):\n" + "\n".join(repr(term) for term in missing)
    )
