"""Canonicalise the data files and rewrite the manifest.

    python tools/build_data.py          # rewrite data/*.json in canonical form, update manifest.json
    python tools/build_data.py --check  # exit 1 if any file is not canonical or the manifest is stale

Canonical form is what the library's one cattrs converter unstructures: every
field present (``null`` says the source is silent), fields in model order,
2-space indent, UTF-8, a final newline. So a diff of the data reads well and a
hand edit cannot smuggle in an unknown key.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from flanders_s3 import _convert, _load  # noqa: E402
from flanders_s3.model import FAMILY_TYPES, Link  # noqa: E402

DATA = ROOT / "src" / "flanders_s3" / "data"


def dump(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def canonical(name: str, cls: type) -> tuple[str, int]:
    raw = json.loads((DATA / name).read_text(encoding="utf-8"))
    items = [_convert.converter.structure(item, cls) for item in raw]
    return dump([_convert.converter.unstructure(item) for item in items]), len(items)


def data_version() -> str:
    text = (ROOT / "src" / "flanders_s3" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^DATA_VERSION = "([^"]+)"', text, re.M)
    assert match, "DATA_VERSION not found in __init__.py"
    return match.group(1)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale: list[str] = []
    entries: dict[str, dict[str, object]] = {}
    families = [(name, FAMILY_TYPES[family]) for family, name in _load.FILES.items()]
    for name, cls in [*families, (_load.LINKS_FILE, Link)]:
        text, count = canonical(name, cls)
        path = DATA / name
        if path.read_text(encoding="utf-8") != text:
            stale.append(name)
            if not check:
                path.write_text(text, encoding="utf-8", newline="\n")
        entries[name] = {"sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "records": count}
    manifest = dump({"data_version": data_version(), "files": entries})
    path = DATA / _load.MANIFEST_FILE
    if not path.exists() or path.read_text(encoding="utf-8") != manifest:
        stale.append(_load.MANIFEST_FILE)
        if not check:
            path.write_text(manifest, encoding="utf-8", newline="\n")
    if stale:
        print(("not canonical: " if check else "rewrote: ") + ", ".join(stale))
    return 1 if check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
