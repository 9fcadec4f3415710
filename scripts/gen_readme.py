"""Build each addon's README.rst from its readme/ fragments (OCA layout).

Usage: python3 scripts/gen_readme.py [--check]
With --check nothing is written; the exit status says whether every README.rst is current.
"""

import ast
import pathlib
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
SECTIONS = (("CONFIGURE", "Configuration"), ("USAGE", "Usage"))


def _width(text):
    """Display width: Chinese characters take two columns, as docutils counts them."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _demote_headings(text):
    """Fragments use '-' for their sub-headings; in README.rst they sit one level lower."""
    lines = text.splitlines()
    for index in range(1, len(lines)):
        underline = lines[index]
        if underline and set(underline) == {"-"} and lines[index - 1].strip():
            lines[index] = "~" * _width(lines[index - 1])
    return "\n".join(lines)


def render(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    title = manifest["name"]
    out = ["=" * len(title), title, "=" * len(title), ""]
    out += [
        ".. |badge1| image:: https://img.shields.io/badge/licence-LGPL--3-blue.png",
        "    :target: http://www.gnu.org/licenses/lgpl-3.0-standalone.html",
        "    :alt: License: LGPL-3",
        "",
        "|badge1|",
        "",
        _demote_headings((addon / "readme/DESCRIPTION.md").read_text()).strip(),
        "",
        "**Table of contents**",
        "",
        ".. contents::",
        "   :local:",
        "",
    ]
    for fragment, heading in SECTIONS:
        body = _demote_headings((addon / "readme" / f"{fragment}.md").read_text()).strip()
        out += [heading, "=" * len(heading), "", body, ""]
    out += ["Credits", "=======", "", "Authors", "~~~~~~~", "", f"* {manifest['author']}", ""]
    return "\n".join(out)


def main(check=False):
    stale = []
    for addon in sorted(p for p in (ROOT / "addons").iterdir() if (p / "readme").is_dir()):
        text = render(addon)
        target = addon / "README.rst"
        if not target.exists() or target.read_text() != text:
            stale.append(addon.name)
            if not check:
                target.write_text(text)
    if check and stale:
        print("README.rst out of date (run python3 scripts/gen_readme.py):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(check="--check" in sys.argv))
