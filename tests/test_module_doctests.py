"""The ``>>>`` examples in the package's docstrings, run against the imported package.

pytest's ``--doctest-modules`` imports a module from its file under ``src/``;
in an unpacked sdist whose package is installed (not editable), as
distribution packagers test it, that file is not the module Python imports,
and collection fails with "import file mismatch". So the examples are found
here instead, with :class:`doctest.DocTestFinder`, in the modules that
``import flanders_s3`` gives, wherever it was installed from: one test per
docstring with examples, named after it (``flanders_s3._search.search``), so
the count stays visible. They run with the same option flags as the pages'
doctests (``doctest_optionflags`` in pyproject.toml; pytest's default is
``ELLIPSIS``), and see the ``doctest_namespace`` fixture like them.

A module that imports an optional dependency (``flanders_s3.testing`` needs
hypothesis) fails collection here when it is missing, as it did under
``--doctest-modules``: the ``test`` extra installs it.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import flanders_s3

# pytest's doctest collection skips __main__.py too: importing it is running the program.
SKIPPED_MODULES = frozenset({"flanders_s3.__main__"})


def package_modules() -> list[ModuleType]:
    """``flanders_s3`` and every module under it, imported the ordinary way."""
    names = [flanders_s3.__name__]
    names += [info.name for info in pkgutil.walk_packages(flanders_s3.__path__, f"{flanders_s3.__name__}.")]
    return [importlib.import_module(name) for name in sorted(names) if name not in SKIPPED_MODULES]


def module_doctests() -> list[doctest.DocTest]:
    """Every docstring with at least one example, in the order the modules are walked."""
    finder = doctest.DocTestFinder()
    # Under mutation testing each function has copies (name__mutmut_1, ...) holding its
    # docstring: their examples would run a mutant directly, whichever one is under test.
    found = []
    for module in package_modules():
        for test in finder.find(module):
            if test.examples and "__mutmut_" not in test.name:
                MODULE_OF[test.name] = module
                found.append(test)
    return found


MODULE_OF: dict[str, ModuleType] = {}
DOCTESTS = module_doctests()


def option_flags(config: pytest.Config) -> int:
    flags = 0
    for name in config.getini("doctest_optionflags"):
        flags |= doctest.OPTIONFLAGS_BY_NAME[name]
    return flags


@pytest.mark.parametrize("test", DOCTESTS, ids=[test.name for test in DOCTESTS])
def test_docstring_examples(
    test: doctest.DocTest, request: pytest.FixtureRequest, doctest_namespace: dict[str, Any]
) -> None:
    runner = doctest.DocTestRunner(optionflags=option_flags(request.config))
    report: list[str] = []
    # The module's globals as they are when the test runs: the finder's copy, taken at
    # collection, was seen to miss the module's own functions in a mutmut run.
    test.globs.update(vars(MODULE_OF[test.name]))
    test.globs.update(doctest_namespace)
    result = runner.run(test, out=report.append)
    if result.failed:
        pytest.fail("".join(report), pytrace=False)


def test_every_module_with_examples_has_its_doctests_collected() -> None:
    # Read from the files, not from package_modules(): a module the walk missed, or a
    # docstring the finder missed, would have its examples silently unrun.
    package_dir = Path(flanders_s3.__file__).resolve().parent
    holding = {
        file.relative_to(package_dir.parent).as_posix()
        for file in package_dir.rglob("*.py")
        if re.search(r"^\s*>>> ", file.read_text(encoding="utf-8"), re.MULTILINE)
    }
    collected = {Path(test.filename or "").resolve().relative_to(package_dir.parent).as_posix() for test in DOCTESTS}
    assert "flanders_s3/__init__.py" in holding, "the package's own docstring has no examples"
    assert sorted(holding - collected) == []


def test_no_test_is_collected_from_the_source_tree(request: pytest.FixtureRequest) -> None:
    # Under src/ sit files that an installed (not editable) package does not import.
    src = Path(__file__).resolve().parent.parent / "src"
    from_src = [item.nodeid for item in request.session.items if src in item.path.resolve().parents]
    assert from_src == []
