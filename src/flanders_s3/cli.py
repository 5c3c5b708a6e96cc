"""The ``flanders-s3`` command line, also run as ``python -m flanders_s3``.

With no arguments it prints what the dataset holds and one example record.
Subcommands: ``list``, ``show``, ``search``, ``related``, ``sources``,
``export`` and ``info``; ``--json`` makes the first six print JSON.

Exit status: 0 on success; 1 when nothing matches (the lookup's "did you
mean" on stderr) or the data fails its checks; 2 on a usage error.
"""

from __future__ import annotations

import argparse
import difflib
import enum
import io
import json
import os
import sys
import textwrap
from collections.abc import Sequence
from typing import Any

import attrs

import flanders_s3
from flanders_s3 import lookup
from flanders_s3.errors import DataError, RecordNotFound
from flanders_s3.model import NUMBERED, PLURALS, Citation, PartialDate, Record, check_family

__all__ = ["main"]

WIDTH = 100
EXAMPLE = "Flux50"  # the README's main job: print a cluster


class _Miss(Exception):
    """Nothing matched: the message goes to stderr and the exit status is 1."""


class _Usage(Exception):
    """Bad input that argparse cannot see: the message goes to stderr and the exit status is 2."""


# --- families -------------------------------------------------------------------------------


def _plural(family: str) -> str:
    return PLURALS[family]


def _family(text: str) -> str:
    """argparse type: a family in any spelling the library accepts (``clusters``, ``Cluster-Domain``)."""
    try:
        return check_family(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


# --- text output ----------------------------------------------------------------------------


def _wrap(text: str, indent: int, first: str = "") -> list[str]:
    """``first`` then ``text``, wrapped to WIDTH with later lines indented by ``indent``."""
    lines = textwrap.wrap(text, width=WIDTH, initial_indent=first, subsequent_indent=" " * indent,
                          break_long_words=False, break_on_hyphens=False)
    return lines or [first.rstrip()]


def _table(rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> list[str]:
    """Rows as aligned columns (those in ``right`` right-aligned), wrapped to fit WIDTH.

    While the table is too wide, the widest column wraps one character narrower
    (never narrower than its longest word, so ids and numbers stay whole).
    """
    if not rows:
        return []
    count = len(rows[0])
    widths = [max(1, *(len(row[i]) for row in rows)) for i in range(count)]
    floor = [max([12, *(len(w) for row in rows for w in row[i].split())]) for i in range(count)]
    while sum(widths) + 2 * (count - 1) > WIDTH:
        shrinkable = [i for i in range(count) if widths[i] > floor[i]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=lambda i: widths[i])] -= 1
    lines = []
    for row in rows:
        cells = [textwrap.wrap(cell, width=w, break_long_words=False, break_on_hyphens=False) or [""]
                 for cell, w in zip(row, widths, strict=True)]
        for depth in range(max(len(c) for c in cells)):
            parts = [c[depth] if depth < len(c) else "" for c in cells]
            pairs = enumerate(zip(parts, widths, strict=True))
            aligned = [p.rjust(w) if i in right else p.ljust(w) for i, (p, w) in pairs]
            lines.append("  ".join(aligned).rstrip())
    return lines


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, PartialDate):
        return value.iso
    if isinstance(value, tuple):
        return " | ".join(_text(v) for v in value)
    if attrs.has(type(value)):
        return _summary(value)
    return str(value)


def _summary(value: Any) -> str:
    """A nested value on one line: its fields, then its citation's source in brackets."""
    parts = []
    citation = None
    for field in attrs.fields(type(value)):
        item = getattr(value, field.name)
        if isinstance(item, Citation):
            citation = item
        elif item is not None and item != ():
            parts.append(f"{field.name}: {_text(item)}")
    return "; ".join(parts) + (f" [{citation.source_id}]" if citation else "")


def _render(record: Record) -> list[str]:
    """A record as readable text: its family and name, its fields, then its citations."""
    lines = [f"{record.family.replace('_', ' ')}: {record.name}"]
    shown = [("id", record.id)]
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if field.name not in ("id", "name", "citations") and value is not None and value != ():
            shown.append((field.name, value))
    width = max(len(name) for name, _ in shown) + 4
    for name, value in shown:
        lead = f"  {name}".ljust(width)
        if isinstance(value, tuple) and value and attrs.has(type(value[0])):
            lines.append(f"  {name}")
            for item in value:
                lines += _wrap(_summary(item), 6, "    - ")
        else:
            lines += _wrap(_text(value), width, lead)
    if record.citations:
        lines.append("  citations")
        for number, citation in enumerate(record.citations, 1):
            supports = f" (for {citation.supports})" if citation.supports else ""
            lines.append(f"    [{number}] {citation.source_id}{supports}")
            lines += _wrap(f"“{citation.quote}”", 8, " " * 8)
    return lines


def _print(lines: Sequence[str]) -> None:
    sys.stdout.write("".join(line + "\n" for line in lines))


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _unstructure(value: Any) -> Any:
    from flanders_s3 import _load  # imports cattrs: only the JSON output needs it

    return _load.converter.unstructure(value)


# --- lookups --------------------------------------------------------------------------------


def _matches(key: str, family: str | None) -> list[Record]:
    """The records ``key`` finds: in ``family``, or in every family (all matches, never a guess)."""
    if family is not None:
        try:
            return [lookup.INDICES[family].get(key)]
        except RecordNotFound as exc:
            raise _Miss(str(exc)) from None
    found: list[Record] = []
    suggestions: list[tuple[str, str]] = []
    for name, index in lookup.INDICES.items():
        try:
            found.append(index.get(key))
        except RecordNotFound as exc:
            suggestions += [(s, name) for s in exc.suggestions]
    if found:
        return found
    # Each family suggests its own closest names; keep the three closest overall.
    norm = lookup.normalise(key)
    suggestions.sort(key=lambda s: -difflib.SequenceMatcher(None, norm, lookup.normalise(s[0])).ratio())
    message = f"no record matches {key if len(key) <= 80 else key[:80] + '...'!r}"
    if suggestions:
        message += "; did you mean " + " or ".join(f"{s!r} ({f.replace('_', ' ')})" for s, f in suggestions[:3]) + "?"
    raise _Miss(message)


# --- commands -------------------------------------------------------------------------------


def _cmd_list(args: argparse.Namespace) -> int:
    if args.family is None:
        counts = [(family, len(index.all())) for family, index in lookup.INDICES.items()]
        if args.json:
            _print_json([{"family": f, "table": _plural(f), "records": n} for f, n in counts])
        else:
            _print(_table([("family", "records"), *((_plural(f), str(n)) for f, n in counts)], right=(1,)))
        return 0
    records = lookup.INDICES[args.family].all()
    numbered = args.family in NUMBERED
    if args.json:
        _print_json([{**({"number": r.number} if numbered else {}), "id": r.id, "name": r.name} for r in records])
        return 0
    header = ("number", "id", "name") if numbered else ("id", "name")
    body = [((str(r.number),) if numbered else ()) + (r.id, r.name) for r in records]
    _print(_table([header, *body], right=(0,) if numbered else ()))
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    records = _matches(args.key, args.family)
    if args.json:
        _print_json([{"family": r.family, "record": _unstructure(r)} for r in records])
        return 0
    lines: list[str] = []
    if len(records) > 1:
        names = ", ".join(r.family.replace("_", " ") for r in records)
        lines += [f"{args.key!r} matches {len(records)} records ({names}); all are shown.", ""]
    for number, record in enumerate(records):
        lines += ([""] if number else []) + _render(record)
    _print(lines)
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    if not args.text.strip():
        raise _Usage("search text must not be empty")
    from flanders_s3._search import search

    try:
        hits = search(args.text, kind=args.kind, limit=args.limit)
    except ValueError as exc:
        raise _Usage(str(exc)) from None
    if args.json:
        _print_json([
            {"family": h.record.family, "id": h.record.id, "name": h.record.name,
             "score": h.score, "field": h.field, "matched": h.matched}
            for h in hits
        ])
        return 0
    if not hits:
        raise _Miss(f"nothing matches {args.text!r}")
    rows = [("score", "family", "id", "name", "matched")]
    rows += [(f"{h.score:.2f}", h.record.family, h.record.id, h.record.name, f"{h.field}: {h.matched}") for h in hits]
    _print(_table(rows, right=(0,)))
    return 0


def _cmd_related(args: argparse.Namespace) -> int:
    from flanders_s3._crosswalk import related

    records = _matches(args.key, args.family)
    if args.json:
        _print_json([
            {"family": r.family, "id": r.id, "relations": [
                {"direction": rel.direction, "link": _unstructure(rel.link),
                 "other": {"family": rel.other.family, "id": rel.other.id, "name": rel.other.name}}
                for rel in related(r, stated_only=args.stated_only)
            ]}
            for r in records
        ])
        return 0
    lines: list[str] = []
    for number, record in enumerate(records):
        relations = related(record, stated_only=args.stated_only)
        lines += ([""] if number else []) + [f"{record.family.replace('_', ' ')}: {record.name} ({record.id})"]
        if not relations:
            lines.append("  no links")
            continue
        rows = [("", "relation", "family", "id", "basis", "name")]
        rows += [
            ("->" if rel.direction == "out" else "<-", rel.link.relation, rel.other.family, rel.other.id,
             rel.link.basis.value, rel.other.name)
            for rel in relations
        ]
        lines += ["  " + line for line in _table(rows)]
    _print(lines)
    return 0


def _date(source: Any) -> str:
    first, last = source.date_earliest, source.date_latest
    if first is None and last is None:
        return "undated"
    if first is None or last is None or first == last:
        return (first or last).iso  # type: ignore[no-any-return]
    return f"{first.iso}/{last.iso}"  # an ISO 8601 interval


def _cmd_sources(args: argparse.Namespace) -> int:
    sources = lookup.sources()
    if args.json:
        _print_json([_unstructure(s) for s in sources])
        return 0
    rows = [("id", "date", "publisher", "title"), *((s.id, _date(s), s.publisher, s.name) for s in sources)]
    _print(_table(rows))
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    manifest = flanders_s3.manifest()
    files = {name: dict(entry) for name, entry in manifest["files"].items()}
    if args.json:
        _print_json({"version": flanders_s3.__version__, "data_version": manifest["data_version"], "files": files})
        return 0
    lines = [f"flanders_s3 {flanders_s3.__version__}", f"data version {manifest['data_version']}", ""]
    rows = [("file", "records", "sha256")]
    rows += [(name, str(entry.get("records", "")), str(entry.get("sha256", ""))) for name, entry in files.items()]
    _print(lines + _table(rows, right=(1,)))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from flanders_s3 import export

    if args.format in ("csv", "datapackage") and args.output is None:
        raise _Usage(f"--format {args.format} writes a directory of files: give it with --output DIR")
    try:
        if args.format == "csv":
            paths = export.write_csv(args.output)
            _print([f"wrote {len(paths)} CSV files to {args.output}"])
        elif args.format == "datapackage":
            path = export.write_datapackage(args.output)
            _print([f"wrote {path}"])
        else:
            text = export.to_json() if args.format == "json" else export.json_schema_text()
            if args.output is None:
                sys.stdout.write(text)
            else:
                with open(args.output, "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(text)
    except BrokenPipeError:
        raise  # the reader of stdout went away: main() stops quietly
    except OSError as exc:
        raise _Miss(f"cannot write {args.output}: {exc.strerror or exc}") from None
    return 0


def _overview(prog: str) -> int:
    from flanders_s3._crosswalk import links

    counts = [(family, len(index.all())) for family, index in lookup.INDICES.items()]
    lines = [
        "flanders_s3: Flanders' smart specialisation strategy (S3 / RIS3) as cited records",
        f"code {flanders_s3.__version__}, data {flanders_s3.DATA_VERSION}; "
        f"{sum(n for _, n in counts)} records, {len(links())} links between them",
        "",
        *_table([("family", "records"), *((_plural(f), str(n)) for f, n in counts)], right=(1,)),
        "",
        f"Commands: {prog} list clusters | show KEY | search TEXT | related KEY | sources | info",
        f"          {prog} export --format json|csv|datapackage|schema [--output PATH] | --help",
    ]
    example = lookup.find_cluster(EXAMPLE)
    if example is not None:
        lines += ["", f"An example ({prog} show {EXAMPLE}):", "", *_render(example)]
    _print(lines)
    return 0


# --- the parser -----------------------------------------------------------------------------


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Flanders' smart specialisation strategy (S3 / RIS3) as cited records.",
        epilog="With no command: an overview of the dataset and one example record.",
    )
    parser.add_argument("--version", action="version",
                        version=f"flanders-s3 {flanders_s3.__version__} (data {flanders_s3.DATA_VERSION})")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str, *, json: bool = True) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        if json:
            sub.add_argument("--json", action="store_true", help="print JSON instead of text")
        return sub

    sub = command("list", "the families with their record counts, or one family's records")
    sub.add_argument("family", nargs="?", type=_family, metavar="FAMILY", help="e.g. clusters or cluster")
    sub.set_defaults(run=_cmd_list)

    sub = command("show", "a record's fields and citations, looked up by id, name or alias")
    sub.add_argument("key", metavar="KEY")
    sub.add_argument("--family", type=_family, help="look only in this family")
    sub.set_defaults(run=_cmd_show)

    sub = command("search", "records whose keys or text match TEXT, best first")
    sub.add_argument("text", metavar="TEXT")
    sub.add_argument("--kind", type=_family, help="search only this family")
    sub.add_argument("--limit", type=_positive, default=10, help="at most this many hits (default 10)")
    sub.set_defaults(run=_cmd_search)

    sub = command("related", "the records linked to a record, with the link's basis")
    sub.add_argument("key", metavar="KEY")
    sub.add_argument("--family", type=_family, help="look only in this family")
    sub.add_argument("--stated-only", action="store_true", help="only links a source states")
    sub.set_defaults(run=_cmd_related)

    sub = command("sources", "the source documents: id, date, publisher, title")
    sub.set_defaults(run=_cmd_sources)

    sub = command("export", "the whole dataset as JSON, CSV, a Data Package, or the JSON Schema", json=False)
    sub.add_argument("--format", required=True, choices=("json", "csv", "datapackage", "schema"))
    sub.add_argument("--output", metavar="PATH",
                     help="file (json, schema; default: stdout) or directory (csv, datapackage)")
    sub.set_defaults(run=_cmd_export)

    sub = command("info", "code and data versions, and each data file's record count and sha256")
    sub.set_defaults(run=_cmd_info)
    return parser


def _utf8(stream: Any) -> None:
    # Records quote Dutch and typographic characters; a legacy console codec must not crash on them.
    if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower().replace("-", "") != "utf8":
        stream.reconfigure(encoding="utf-8")


def main(argv: list[str] | None = None, *, prog: str = "flanders-s3") -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    _utf8(sys.stdout)
    parser = _parser(prog)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error argparse has reported
        return exc.code if isinstance(exc.code, int) else 2
    try:
        if args.command is None:
            return _overview(prog)
        status: int = args.run(args)
        return status
    except _Usage as exc:
        sys.stderr.write(f"{prog} {args.command}: error: {exc}\n")
        return 2
    except _Miss as exc:
        sys.stderr.write(f"{prog}: {exc}\n")
        return 1
    except DataError as exc:
        sys.stderr.write(f"{prog}: the packaged data is damaged: {exc}\n")
        return 1
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, and keep Python's exit flush quiet too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
