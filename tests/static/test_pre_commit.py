"""The hooks of .pre-commit-config.yaml, run inside the test suite without pre-commit.

pre-commit installs its hooks from GitHub, which CI and fresh machines cannot reach; the same
tools come from requirements-test.txt instead. Each hook of the configuration is run here with
its own arguments on the files pre-commit would give it (its files/exclude patterns and types,
on the tracked files), or is already run by another static test (named below). A hook added to
the configuration without a way to run it here fails the first test, so the two cannot drift.
Hooks that fix files run on a copy of the tree: a test never rewrites the work tree.
"""

import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

yaml = pytest.importorskip("yaml")

ROOT = pathlib.Path(__file__).resolve().parents[2]

# Hook id -> (command, types the hook takes, pass file names), as the hook's repository defines
# it. Types as pre-commit's: "text" is a file without NUL bytes, "executable" one with the x
# bit; None takes every file.
COMMANDS = {
    "whool-init": (["whool", "init", "--exit-non-zero-on-changes"], None, False),
    "oca-checks-odoo-module": (["oca-checks-odoo-module"], {"csv", "python", "xml"}, True),
    "oca-checks-po": (["oca-checks-po"], {"text"}, True),
    "trailing-whitespace": (["trailing-whitespace-fixer"], {"text"}, True),
    "end-of-file-fixer": (["end-of-file-fixer"], {"text"}, True),
    "debug-statements": (["debug-statement-hook"], {"python"}, True),
    "check-case-conflict": (["check-case-conflict"], None, True),
    "check-docstring-first": (["check-docstring-first"], {"python"}, True),
    "check-executables-have-shebangs": (
        ["check-executables-have-shebangs"],
        {"text", "executable"},
        True,
    ),
    "check-merge-conflict": (["check-merge-conflict"], {"text"}, True),
    "check-symlinks": (["check-symlinks"], {"symlink"}, True),
    "check-xml": (["check-xml"], {"xml"}, True),
    "mixed-line-ending": (["mixed-line-ending"], {"text"}, True),
}
# The files pattern of hooks whose repository sets one (the configuration may override it).
DEFAULT_FILES = {
    "oca-checks-odoo-module": r"\.(csv|xml)$|/__(manifest|openerp)__.py$",
    "oca-checks-po": r"\.(po|pot)$",
}
# Hooks that rewrite files: they run on a copy of the tree. The others only read it.
FIXERS = {"whool-init", "trailing-whitespace", "end-of-file-fixer", "mixed-line-ending"}
# Arguments added here: check-merge-conflict only looks during a merge unless told so.
EXTRA_ARGS = {"check-merge-conflict": ["--assume-in-merge"]}
# Hook id -> the static test that runs the same tool with the same configuration.
COVERED = {
    "gen-readme": "test_addons_static.py::test_readme_rst_is_generated_from_the_fragments",
    "ruff": "test_addons_static.py::test_ruff_is_clean",
    "ruff-format": "test_addons_static.py::test_ruff_is_clean",
    "pylint_odoo": "test_addons_static.py::test_pylint_odoo_is_clean",
}
# Types that "types" (all of them) or "types_or" (any of them) select, by file name.
EXTENSIONS = {"python": (".py",), "xml": (".xml",), "csv": (".csv",)}


def _config():
    return yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())


def _hooks():
    return [hook for repo in _config()["repos"] for hook in repo["hooks"]]


def _tracked_files():
    """The files of the work tree that git does not ignore (what is checked is what is there)."""
    result = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"not a git work tree ({result.stderr.strip()}): pre-commit runs on git files")
    # A file deleted in the work tree but not yet in the index is not checked.
    return [f for f in result.stdout.split("\0") if f and os.path.lexists(ROOT / f)]


def _has_type(path, kind):
    if kind == "symlink":
        return path.is_symlink()
    if kind == "executable":
        return os.access(path, os.X_OK)
    if kind == "text":
        return b"\0" not in path.read_bytes()[:8192]
    return path.name.endswith(EXTENSIONS[kind])


def _selected(hook, files, types):
    global_exclude = re.compile(_config().get("exclude", "^$"))
    include = re.compile(hook.get("files", DEFAULT_FILES.get(hook["id"], "")))
    exclude = re.compile(hook.get("exclude", "^$"))
    chosen = []
    for name in files:
        if global_exclude.search(name) or not include.search(name) or exclude.search(name):
            continue
        path = ROOT / name
        if path.is_symlink() and types != {"symlink"}:
            continue
        if types and not (path.is_symlink() or path.is_file()):
            continue
        wanted = types or set()
        if hook["id"] == "check-executables-have-shebangs":
            ok = all(_has_type(path, kind) for kind in wanted)  # "types": all of them
        else:
            ok = not wanted or any(_has_type(path, kind) for kind in wanted)
        if ok:
            chosen.append(name)
    return chosen


def test_every_hook_runs_in_the_suite():
    ids = [hook["id"] for hook in _hooks()]
    unknown = [hook_id for hook_id in ids if hook_id not in COMMANDS and hook_id not in COVERED]
    fails = [hook["id"] for hook in _hooks() if hook.get("language") == "fail"]
    assert set(unknown) == set(fails), (
        f"hooks of .pre-commit-config.yaml that no test runs: {sorted(set(unknown) - set(fails))}"
    )
    for hook_id, where in COVERED.items():
        if hook_id in ids:
            test_file, test_name = where.split("::")
            assert f"def {test_name}(" in (ROOT / "tests/static" / test_file).read_text()


def test_no_file_matches_a_forbidding_hook():
    files = _tracked_files()
    for hook in _hooks():
        if hook.get("language") == "fail":
            found = _selected(hook, files, None)
            assert not found, f"{hook['entry']}: {found}"


@pytest.fixture(scope="module")
def tree_copy(tmp_path_factory):
    """The files, copied: the fixing hooks may rewrite them here."""
    copy = tmp_path_factory.mktemp("tree")
    for name in _tracked_files():
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target, follow_symlinks=False)
    return copy


@pytest.mark.parametrize(
    "hook",
    [hook for hook in _hooks() if hook["id"] in COMMANDS],
    ids=lambda hook: hook["id"],
)
def test_hook_passes(hook, tree_copy):
    command, types, pass_filenames = COMMANDS[hook["id"]]
    # The tools installed beside the running python first (a virtual environment not on PATH).
    executable = shutil.which(command[0], path=os.path.dirname(sys.executable)) or shutil.which(
        command[0]
    )
    if not executable:
        pytest.skip(f"{command[0]} is not installed (pip install -r requirements-test.txt)")
    files = _selected(hook, _tracked_files(), types) if pass_filenames else []
    if pass_filenames and not files:
        return
    result = subprocess.run(
        [executable, *command[1:], *EXTRA_ARGS.get(hook["id"], []), *hook.get("args", []), *files],
        cwd=tree_copy if hook["id"] in FIXERS else ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (
        f"pre-commit hook {hook['id']} fails (`pre-commit run {hook['id']} --all-files` fixes "
        f"what it can):\n{result.stdout}{result.stderr}"
    )
