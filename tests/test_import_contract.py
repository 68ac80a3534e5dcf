"""The dependency rule holds: apps import downwards only, and features that must not know
each other don't. The contract is in pyproject.toml; ``make test`` runs it too."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-logo", "--no-cache"],
        cwd=where,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(where)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def copy_of_the_code(tmp_path: Path) -> Path:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    for package in config["root_packages"]:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_code_keeps_the_import_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_app_importing_one_above_it_fails_naming_both_modules(tmp_path):
    code = copy_of_the_code(tmp_path)
    with open(code / "accounts" / "models.py", "a") as models:
        models.write("\nfrom sharing import demo  # noqa: E402,F401\n")

    result = lint_imports(code)

    assert result.returncode == 1
    assert "BROKEN" in result.stdout
    assert "accounts.models -> sharing.demo" in result.stdout


def test_two_features_that_must_not_know_each_other_fail_when_one_imports_the_other(tmp_path):
    code = copy_of_the_code(tmp_path)
    with open(code / "projects" / "rules" / "views.py", "a") as views:
        views.write("\nfrom projects.invitations import services  # noqa: E402,F401\n")

    result = lint_imports(code)

    assert result.returncode == 1
    assert "projects.rules.views -> projects.invitations.services" in result.stdout
