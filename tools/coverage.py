"""Source-coverage report: which substantive lines of each source no quote covers.

    python tools/coverage.py            # report; exit 1 if a substantive line is uncovered
    python tools/coverage.py --json     # the same as JSON

Only captured sources have lines: a public page (no ``file``) is cited by its
address and is not reported. A line is covered when every letter and digit on it lies inside some quote
that the data cites from that source (quotes and text compared with white
space normalised, quotes may span lines). Lines that carry no fact are listed
with a reason in ``sources/ignored/<source id>.json``; an ignored line that is in
fact covered, or that no longer exists, is reported too, so the list stays honest.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
IGNORED = SOURCES / "ignored"


def citations() -> Iterator[Any]:
    import flanders_s3 as fs
    from flanders_s3.lookup import INDICES

    def walk(value: Any) -> Iterator[Any]:
        if isinstance(value, fs.Citation):
            yield value
        elif isinstance(value, tuple):
            for item in value:
                yield from walk(item)
        elif attrs.has(type(value)):
            for field in attrs.fields(type(value)):
                yield from walk(getattr(value, field.name))

    for index in INDICES.values():
        for record in index.all():
            yield from walk(record)
    for link in fs.links():
        yield from walk(link)


def squash(text: str) -> str:
    return " ".join(text.split())


def report() -> dict[str, Any]:
    import flanders_s3 as fs

    quotes: dict[str, set[str]] = {}
    for citation in citations():
        quotes.setdefault(citation.source_id, set()).add(squash(citation.quote))
    result: dict[str, Any] = {}
    for source in fs.sources():
        if source.file is None:  # a public page: cited by its address, no text here to cover
            continue
        lines = (SOURCES / source.file).read_text(encoding="utf-8").splitlines()
        # The squashed document, and for each of its characters the line it came from.
        doc, owner = "", []
        for number, line in enumerate(lines, 1):
            part = squash(line)
            if not part:
                continue
            if doc:
                doc += " "
                owner.append(0)
            doc += part
            owner += [number] * len(part)
        covered = [False] * len(doc)
        missing_quotes = []
        for quote in quotes.get(source.id, ()):
            start = doc.find(quote)
            if start < 0:
                missing_quotes.append(quote)
            while start >= 0:
                covered[start : start + len(quote)] = [True] * len(quote)
                start = doc.find(quote, start + 1)
        bare = {n: True for n, line in enumerate(lines, 1) if any(ch.isalnum() for ch in line)}
        for i, ch in enumerate(doc):
            if ch.isalnum() and not covered[i]:
                bare[owner[i]] = False
        path = IGNORED / f"{source.id}.json"
        ignored = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
        mine = {squash(item["line"]): item["reason"] for item in ignored}
        uncovered, ignored_here = [], []
        for number, ok in bare.items():
            text = squash(lines[number - 1])
            if ok:
                continue
            if text in mine:
                ignored_here.append({"line": number, "text": text, "reason": mine[text]})
            else:
                uncovered.append({"line": number, "text": text})
        present = {squash(line) for line in lines}
        stale = [text for text in mine if text not in present or text not in {i["text"] for i in ignored_here}]
        result[source.id] = {
            "substantive_lines": len(bare) - len(ignored_here),
            "covered_lines": sum(bare.values()),
            "uncovered": uncovered,
            "ignored": ignored_here,
            "stale_ignores": stale,
            "quotes_not_found": missing_quotes,
        }
    return result


def main(argv: list[str]) -> int:
    result = report()
    if "--json" in argv:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        for source_id, entry in result.items():
            print(f"{source_id}: {entry['covered_lines']}/{entry['substantive_lines']} substantive lines covered, "
                  f"{len(entry['ignored'])} ignored with a reason")
            for item in entry["uncovered"]:
                print(f"  uncovered line {item['line']}: {item['text'][:110]}")
            for text in entry["stale_ignores"]:
                print(f"  stale ignore: {text[:110]}")
            for quote in entry["quotes_not_found"]:
                print(f"  quote not found: {quote[:110]}")
    bad = any(e["uncovered"] or e["stale_ignores"] or e["quotes_not_found"] for e in result.values())
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
