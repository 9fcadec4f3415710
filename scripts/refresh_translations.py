"""Regenerate an addon's ``i18n/<addon>.pot`` and ``i18n/zh_CN.po`` from an installed database.

The terms are exported with Odoo 19's own exporter (the code path of ``odoo i18n export``:
``TranslationModuleReader`` + ``trans_export``), so the template lists exactly the terms of the
code, views, data and demo records. ``zh_CN.po`` is rebuilt from that template: every msgid keeps
the translation it already had, new msgids get the ones given in ``--add`` (a JSON file
``{"msgid": "msgstr"}``), and terms no longer in the code are dropped.

    python3 scripts/refresh_translations.py -d synergy_dev perf_synergy perf_synergy_sale

The database must have the addons installed with demo data (demo records carry terms too).
"""

import argparse
import io
import json
import pathlib

import polib

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"


def export_template(env, addon):
    """The .pot of ``addon`` as exported by Odoo, as a string."""
    from odoo.tools.translate import trans_export

    buffer = io.BytesIO()
    if not trans_export(None, [addon], buffer, "po", env):
        raise SystemExit(f"{addon}: no translatable term found (is it installed?)")
    return buffer.getvalue().decode()


def refresh(env, addon, additions):
    i18n = ADDONS / addon / "i18n"
    template_text = export_template(env, addon)
    (i18n / f"{addon}.pot").write_text(template_text)
    po_path = i18n / "zh_CN.po"
    old = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
    known = {entry.msgid: entry.msgstr for entry in old if entry.msgstr and not entry.obsolete}
    known.update(additions)
    template = polib.pofile(template_text)
    template.metadata.update(old.metadata or {})
    template.metadata["Language"] = "zh_CN"
    missing = []
    for entry in template:
        entry.msgstr = known.get(entry.msgid, "")
        if not entry.msgstr:
            missing.append(entry.msgid)
    template.save(str(po_path))
    return missing


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--add", help="JSON file of new translations {msgid: msgstr}")
    parser.add_argument("addons", nargs="+")
    args = parser.parse_args()
    additions = json.loads(pathlib.Path(args.add).read_text()) if args.add else {}

    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["--addons-path", str(ADDONS), "-d", args.database])
    with Registry(args.database).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        for addon in args.addons:
            missing = refresh(env, addon, additions)
            print(f"{addon}: {len(missing)} term(s) without zh_CN translation")
            for msgid in missing:
                print("   ", repr(msgid))


if __name__ == "__main__":
    main()
