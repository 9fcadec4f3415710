"""Each addon ships its translation template and its Chinese translation, and both parse."""

import pathlib

import pytest

polib = pytest.importorskip("polib")

ROOT = pathlib.Path(__file__).resolve().parents[2]
ADDONS = sorted(p for p in (ROOT / "addons").iterdir() if (p / "__manifest__.py").is_file())


@pytest.mark.parametrize("addon", ADDONS, ids=[p.name for p in ADDONS])
def test_addon_has_a_template_and_a_chinese_translation(addon):
    template = addon / "i18n" / f"{addon.name}.pot"
    translation = addon / "i18n" / "zh_CN.po"
    assert template.is_file(), f"{template.relative_to(ROOT)} is missing"
    assert translation.is_file(), f"{translation.relative_to(ROOT)} is missing"
    pot = polib.pofile(str(template))
    assert len(pot), f"{template.relative_to(ROOT)} has no term"
    assert all(not entry.msgstr for entry in pot), "a .pot holds no translation"
    po = polib.pofile(str(translation))
    assert po.metadata.get("Language") == "zh_CN"
    for entry in po:
        assert entry.msgid, f"{translation.relative_to(ROOT)}: an entry without msgid"
