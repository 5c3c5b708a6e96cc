"""Sphinx configuration: furo + MyST, offline (no intersphinx), built nitpicky with ``-n -W``.

    python -m sphinx -n -W --keep-going -b html docs docs/_build/html

``_ext/flanders_docs.py`` writes the data dictionary, the sources page, the
connections picture and the API reference into ``_generated/`` before each build.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))
try:
    import flanders_s3
except ImportError:  # building from a checkout without installing it
    sys.path.insert(0, str(HERE.parent / "src"))
    import flanders_s3

project = "flanders_s3"
author = "flanders_s3 developers"
copyright = "flanders_s3 developers"
release = flanders_s3.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "flanders_docs",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
# _generated/ holds pieces that pages {include}; they are not pages of their own.
exclude_patterns = ["_build", "_generated", "Thumbs.db", ".DS_Store"]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_preserve_defaults = False  # True would show attrs' generated `attr_dict[...]` defaults
# The lazy module __getattr__ would otherwise make autodoc load the data to inspect `region`.
autodoc_default_options = {"exclude-members": "__weakref__, __init__"}
# flanders_s3.testing imports hypothesis, which the test extra installs and the docs extra does
# not: without it autodoc mocks it, so `pip install -e ".[docs]"` alone builds these pages.
try:
    import hypothesis  # noqa: F401
except ImportError:
    autodoc_mock_imports = ["hypothesis"]

# Nitpicky (-n): every cross-reference must resolve. Offline there is no intersphinx inventory, so
# the classes of the standard library and of hypothesis that signatures name have no target here;
# they are listed one by one, so a new unresolved name (a typo, a private one) still fails the build.
nitpick_ignore = [
    ("py:class", "enum.Enum"),
    ("py:class", "datetime.date"),
    ("py:class", "pathlib.Path"),
    ("py:class", "MappingProxyType"),
    ("py:class", "types.MappingProxyType"),
    ("py:class", "hypothesis.strategies.SearchStrategy"),
    ("py:class", "pandas.DataFrame"),
    # The type variables of the lookup functions' generic signatures (documented with them).
    ("py:class", "flanders_s3.lookup.R"),
    ("py:class", "flanders_s3.lookup.T"),
]

html_theme = "furo"
html_title = f"flanders_s3 {release}"
html_static_path: list[str] = []
# Offline: no intersphinx, no remote images, no fonts fetched by the theme at build time.
