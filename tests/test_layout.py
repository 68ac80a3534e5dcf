"""How the tests themselves are laid out.

A test module that imports another couples two features' tests: moving or renaming
one breaks the other, and running one file runs the other's module-level set-up.
Shared helpers live in tests/factories.py, browser.py, pages.py, every_url.py and
printing.py instead.
"""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
TEST_MODULES = sorted(TESTS.glob("test_*.py"))


def imported_modules(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, last part of the dotted name) of every module the code imports, at any depth."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.rsplit(".", 1)[-1]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            in_tests = node.level == 1 or module == "tests" or module.startswith("tests.")
            if not in_tests:
                continue
            if module in ("", "tests"):
                # ``from . import test_x`` or ``from tests import test_x``.
                found += [(node.lineno, alias.name) for alias in node.names]
            else:
                found.append((node.lineno, module.rsplit(".", 1)[-1]))
    return found


def test_no_test_module_imports_another():
    assert len(TEST_MODULES) > 10, f"no test modules found in {TESTS}"
    wrong = [
        f"tests/{path.name}:{line} imports tests/{name}.py"
        for path in TEST_MODULES
        for line, name in imported_modules(ast.parse(path.read_text(), filename=str(path)))
        if name.startswith("test_")
    ]
    assert not wrong, (
        "A test module imports another test module; move what they share into "
        "tests/factories.py, browser.py, pages.py or every_url.py:\n" + "\n".join(wrong)
    )


def test_the_check_finds_an_import_of_another_test_module():
    """The check above can fail: each way of writing the import is caught."""
    for source in (
        "from .test_marks import make_mark",
        "from tests.test_marks import make_mark",
        "from . import test_marks",
        "from tests import test_marks",
        "import tests.test_marks",
        "def f():\n    from .test_marks import make_mark",
    ):
        names = [name for _line, name in imported_modules(ast.parse(source))]
        assert "test_marks" in names, source
    assert imported_modules(ast.parse("from pytest import test_something")) == []
