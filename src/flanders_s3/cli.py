"""The ``flanders-s3`` command line, also run as ``python -m flanders_s3``.

With no arguments it prints what the dataset holds and one example record.
Subcommands: ``list``, ``show``, ``search``, ``related``, ``crosswalk``,
``timeline``, ``sources``, ``export`` and ``info``; ``--json`` makes all but ``export`` print
JSON.

Exit status: 0 on success (also when the reader of standard output goes away,
as in ``| head``); 1 when nothing matches (the lookup's "did you mean" on
stderr), a search finds nothing, an output cannot be written in full, or the
data fails its checks; 2 on a usage error; 130 on Ctrl-C (SIGINT).

The command line uses only the package's public API (``flanders_s3``,
:mod:`flanders_s3.model`, :mod:`flanders_s3.export`), as any other client would.
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import json
import os
import re
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

import attrs

import flanders_s3
from flanders_s3.model import FAMILY_TYPES, NUMBERED, PLURALS, Citation, PartialDate, Record, check_family

__all__ = ["main"]

WIDTH = 100
EXAMPLE = "Flux50"  # the README's main job: print a cluster


class _Miss(Exception):
    """Nothing matched: the message goes to stderr and the exit status is 1."""


class _Usage(Exception):
    """Bad input that argparse cannot see: the message goes to stderr and the exit status is 2."""


class _WriteError(Exception):
    """Standard output took less than it was given, or refused it: one line on stderr, exit status 1."""


# --- writing --------------------------------------------------------------------------------


def _write_all(write: Callable[[Any], int | None], data: Any) -> None:
    """Call ``write`` until all of ``data`` (bytes or str) is taken; a write that takes nothing fails."""
    total = len(data)
    done = 0
    view = memoryview(data) if isinstance(data, bytes) else data
    while done < total:
        count = write(view[done:])
        if count is None:  # a non-blocking stream that would block
            raise _WriteError(f"cannot write to standard output: it would block ({done} of {total} written)")
        if count <= 0:
            raise _WriteError(f"cannot write to standard output: only {done} of {total} bytes written")
        done += count


def _out(text: str) -> None:
    """Write all of ``text`` to standard output, checking every write, and flush it.

    Bytes go straight to the lowest layer of ``sys.stdout`` (after flushing the
    layers above), so a short write cannot be lost in a buffer and nothing is
    left pending for Python's flush at exit. A closed pipe raises
    ``BrokenPipeError`` (``main`` ends quietly); any other failure is a
    ``_WriteError``.
    """
    stream = sys.stdout
    if stream is None:  # started with standard output closed (``>&-``)
        raise _WriteError("cannot write to standard output: it is closed")
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is None:  # a text-only stream (io.StringIO)
            _write_all(stream.write, text)
            stream.flush()
            return
        stream.flush()  # whatever the text layer holds goes first
        sink = getattr(buffer, "raw", None) or buffer
        _write_all(sink.write, text.encode("utf-8"))
        buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _WriteError(f"cannot write to standard output: {exc.strerror or exc}") from None
    except ValueError as exc:  # a closed or detached stream
        raise _WriteError(f"cannot write to standard output: {exc}") from None


def _err(text: str) -> None:
    """Write ``text`` to standard error; if that fails too, there is nowhere left to say so."""
    try:
        if sys.stderr is not None:
            sys.stderr.write(text)
            sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    """Point standard output at the null device, so Python's flush at exit cannot fail noisily.

    The pattern of the Python documentation's "Note on SIGPIPE" (signal module).
    """
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # no file descriptor (a test's stand-in)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


# --- families -------------------------------------------------------------------------------


def _plural(family: str) -> str:
    return PLURALS[family]


def _label(family: str) -> str:
    return family.replace("_", " ")


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


def _output(text: str) -> str:
    """argparse type of ``--output``: a path, or ``-`` for standard output; never empty."""
    if text == "":
        raise argparse.ArgumentTypeError("must not be empty (use - for standard output)")
    return text


def _records(family: str) -> tuple[Record, ...]:
    listing: Callable[[], tuple[Record, ...]] = getattr(flanders_s3, _plural(family))
    return listing()


def _get(family: str, key: str) -> Record:
    get: Callable[[str], Record] = getattr(flanders_s3, f"get_{family}")
    return get(key)


# --- text output ----------------------------------------------------------------------------


def _fit(line: str) -> str:
    """A line holding one token too long for its indent moves left, so a token of at most WIDTH fits."""
    if len(line) <= WIDTH:
        return line
    token = line.lstrip(" ")
    if " " in token:
        return line
    return " " * max(0, WIDTH - len(token)) + token


def _wrap(text: str, indent: int, first: str = "") -> list[str]:
    """``first`` then ``text``, wrapped to WIDTH with later lines indented by ``indent``.

    A word too long to follow ``first`` on its line gets a line of its own, unbroken.
    """
    later = " " * indent
    lines = textwrap.wrap(text, width=WIDTH, initial_indent=first, subsequent_indent=later,
                          break_long_words=False, break_on_hyphens=False)
    if lines and len(lines[0]) > WIDTH and first.strip():
        head = first.rstrip()
        lines = [head, *textwrap.wrap(text, width=WIDTH, initial_indent=later, subsequent_indent=later,
                                      break_long_words=False, break_on_hyphens=False)]
    return lines or [first.rstrip()]


def _table(
    rows: Sequence[Sequence[str]], right: Sequence[int] = (), width: int = WIDTH, stack: Sequence[int] = ()
) -> list[str]:
    """Rows as aligned columns (those in ``right`` right-aligned), wrapped to fit ``width``.

    While the table is too wide, the widest column wraps one character narrower
    (never narrower than its longest word, so ids and numbers stay whole). If
    even that does not fit, a column is stacked into the one before it (each
    cell starting a line of its own; the header joins their names with ``/``):
    first the columns ``stack`` names, in order, then the last one, until one
    column is left. A word longer than ``width`` then stands alone on its line.
    """
    if not rows:
        return []
    groups = [[i] for i in range(len(rows[0]))]  # the columns shown, each a group of the given ones
    pending = list(stack)

    def floors() -> list[int]:
        out = []
        for group in groups:
            parts = [row[i] for row in rows for i in group]
            natural = max(1, *(len(part) for part in parts))
            longest = max([0, *(len(w) for part in parts for w in part.split())])
            out.append(min(natural, max(12, longest)))
        return out

    while len(groups) > 1 and sum(floors()) + 2 * (len(groups) - 1) > width:
        column = pending.pop(0) if pending else groups[-1][0]
        at = next(g for g, group in enumerate(groups) if column in group)
        if at > 0:
            groups[at - 1] += groups.pop(at)
    floor = floors()
    count = len(groups)
    aligned_right = {g for g, group in enumerate(groups) if group == [group[0]] and group[0] in right}
    table = [[[" / ".join(rows[0][i] for i in group if rows[0][i])] for group in groups]]
    table += [[[row[i] for i in group if row[i]] or [""] for group in groups] for row in rows[1:]]
    widths = [max(1, *(len(part) for row in table for part in row[g])) for g in range(count)]
    if count == 1:  # one column: it wraps at the width, and only a longer word goes past it
        widths = [min(widths[0], width)]
    while sum(widths) + 2 * (count - 1) > width:
        shrinkable = [g for g in range(count) if widths[g] > floor[g]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=lambda g: widths[g])] -= 1
    lines = []
    for row in table:
        cells = [[line for part in parts
                  for line in textwrap.wrap(part, width=w, break_long_words=False, break_on_hyphens=False) or [""]]
                 for parts, w in zip(row, widths, strict=True)]
        for depth in range(max(len(c) for c in cells)):
            texts = [c[depth] if depth < len(c) else "" for c in cells]
            pairs = enumerate(zip(texts, widths, strict=True))
            lines.append("  ".join(t.rjust(w) if g in aligned_right else t.ljust(w) for g, (t, w) in pairs).rstrip())
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
    """A nested value on one line: its fields, then its citations' sources in brackets."""
    parts = []
    cited: list[str] = []
    for field in attrs.fields(type(value)):
        item = getattr(value, field.name)
        if isinstance(item, Citation):
            cited.append(item.source_id)
        elif isinstance(item, tuple) and item and all(isinstance(c, Citation) for c in item):
            cited += [c.source_id for c in item]
        elif item is not None and item != ():
            parts.append(f"{field.name}: {_text(item)}")
    sources = ", ".join(dict.fromkeys(cited))
    return "; ".join(parts) + (f" [{sources}]" if sources else "")


def _render(record: Record) -> list[str]:
    """A record as readable text: its family and name, its fields, then its citations."""
    lines = _wrap(record.name, 2, f"{_label(record.family)}: ")
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
            lines += _wrap(f"{citation.source_id}{supports}", 8, f"    [{number}] ")
            lines += _wrap(f"“{citation.quote}”", 8, " " * 8)
    return lines


def _print(lines: Sequence[str]) -> None:
    _out("".join(_fit(line) + "\n" for line in lines))


def _print_json(value: Any) -> None:
    # allow_nan=False: NaN is not JSON; printing it would hand the reader invalid JSON.
    _out(json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False) + "\n")


def _plain(value: Any) -> Any:
    from flanders_s3 import export  # imports cattrs: only the JSON output needs it

    return export.to_dict(value)


def _brief(record: Record) -> dict[str, str]:
    return {"family": record.family, "id": record.id, "name": record.name}


# --- lookups --------------------------------------------------------------------------------


_NUMBER = re.compile(r"\s*[+-]?\d+\s*")


def _number_range(family: str) -> str | None:
    """``"1 to 10"`` for a numbered family, from its records' numbers."""
    numbers = [getattr(record, "number") for record in _records(family)]  # noqa: B009
    return f"{min(numbers)} to {max(numbers)}" if numbers else None


def _matches(key: str, family: str | None) -> list[Record]:
    """The records ``key`` finds: in ``family``, or in every family (all matches, never a guess).

    On a miss, the message gives the suggestions the library's own lookups
    raise (``RecordNotFound.suggestions``), family by family and in their order.
    """
    numeric = _NUMBER.fullmatch(key) is not None
    if family is not None:
        try:
            return [_get(family, key)]
        except flanders_s3.RecordNotFound as exc:
            message = str(exc)
            span = _number_range(family) if numeric and family in NUMBERED else None
            if span is not None:
                message += f" ({_label(family)} numbers run from {span})"
            raise _Miss(message) from None
    found: list[Record] = []
    suggestions: list[tuple[str, tuple[str, ...]]] = []
    for name in FAMILY_TYPES:
        try:
            found.append(_get(name, key))
        except flanders_s3.RecordNotFound as exc:
            if exc.suggestions:
                suggestions.append((name, exc.suggestions))
    if found:
        return found
    shown = key if len(key) <= 80 else key[:80] + "..."
    lines = [f"no record matches {shown!r}"]
    if suggestions:
        lines[0] += "; did you mean one of these?"
        for name, names in suggestions:
            lines += _wrap(" or ".join(repr(s) for s in names), 4, f"  {_label(name)}: ")
    if numeric:
        spans = [(name, _number_range(name)) for name in FAMILY_TYPES if name in NUMBERED]
        lines += _wrap(", ".join(f"{_label(n)} {s}" for n, s in spans if s), 4, "  the numbers run: ")
    raise _Miss("\n".join(lines))


def _key(words: Sequence[str]) -> str:
    """The words of KEY, as typed unquoted (``show flux 50``) or quoted (``show "flux 50"``)."""
    return " ".join(words)


# --- commands -------------------------------------------------------------------------------


def _day(text: str) -> dt.date:
    # Only the one form the help shows: fromisoformat alone would also take "20190601" or weeks.
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"not a day YYYY-MM-DD: {text!r}")


def _cmd_list(args: argparse.Namespace) -> int:
    if args.as_of is not None and args.family is None:
        raise _Usage("--as-of needs a FAMILY: flanders-s3 list clusters --as-of 2017-06-01")
    if args.family is None:
        counts = [(family, len(_records(family))) for family in FAMILY_TYPES]
        if args.json:
            _print_json([{"family": f, "table": _plural(f), "records": n} for f, n in counts])
        else:
            _print(_table([("family", "records"), *((_plural(f), str(n)) for f, n in counts)], right=(1,)))
        return 0
    if args.as_of is not None:
        records = getattr(flanders_s3, _plural(args.family))(as_of=args.as_of)
    else:
        records = _records(args.family)
    numbered = args.family in NUMBERED
    if args.json:
        _print_json([{**({"number": getattr(r, "number")} if numbered else {}),  # noqa: B009
                      "id": r.id, "name": r.name} for r in records])
        return 0
    header = ("number", "id", "name") if numbered else ("id", "name")
    body = [((str(getattr(r, "number")),) if numbered else ()) + (r.id, r.name) for r in records]  # noqa: B009
    _print(_table([header, *body], right=(0,) if numbered else ()))
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    key = _key(args.key)
    records = _matches(key, args.family)
    if args.json:
        _print_json([{"family": r.family, "record": _plain(r)} for r in records])
        return 0
    lines: list[str] = []
    if len(records) > 1:
        names = ", ".join(_label(r.family) for r in records)
        lines += [*_wrap(f"{key!r} matches {len(records)} records ({names}); all are shown.", 0), ""]
    for number, record in enumerate(records):
        lines += ([""] if number else []) + _render(record)
    _print(lines)
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    text = _key(args.text)
    if not text.strip():
        raise _Usage("search text must not be empty")
    try:
        hits = flanders_s3.search(text, kind=args.kind, limit=args.limit)
    except ValueError as exc:
        raise _Usage(str(exc)) from None
    if args.json:
        _print_json([
            {"family": h.record.family, "id": h.record.id, "name": h.record.name,
             "score": h.score, "field": h.field, "matched": h.matched}
            for h in hits
        ])
    elif hits:
        rows = [("score", "family", "id", "name", "matched")]
        rows += [(f"{h.score:.2f}", h.record.family, h.record.id, h.record.name, f"{h.field}: {h.matched}")
                 for h in hits]
        _print(_table(rows, right=(0,)))
    if not hits:  # in every output mode: a script can test the status alone
        shown = text if len(text) <= 80 else text[:80] + "..."
        raise _Miss(f"nothing matches {shown!r}")
    return 0


def _cmd_related(args: argparse.Namespace) -> int:
    records = _matches(_key(args.key), args.family)
    if args.json:
        _print_json([
            {"family": r.family, "id": r.id, "relations": [
                {"direction": rel.direction, "link": _plain(rel.link), "other": _brief(rel.other)}
                for rel in flanders_s3.related(r, stated_only=args.stated_only)
            ]}
            for r in records
        ])
        return 0
    lines: list[str] = []
    for number, record in enumerate(records):
        relations = flanders_s3.related(record, stated_only=args.stated_only)
        lines += ([""] if number else []) + _wrap(f"{record.name} ({record.id})", 2, f"{_label(record.family)}: ")
        if not relations:
            lines.append("  no links")
            continue
        rows = [("", "relation", "family", "basis", "id", "name")]
        rows += [
            ("->" if rel.direction == "out" else "<-", rel.link.relation, rel.other.family, rel.link.basis.value,
             rel.other.id, rel.other.name)
            for rel in relations
        ]
        lines += ["  " + line for line in _table(rows, width=WIDTH - 2)]
    _print(lines)
    return 0


def _cmd_crosswalk(args: argparse.Namespace) -> int:
    links = flanders_s3.crosswalk(args.from_family, args.to_family, stated_only=args.stated_only)
    if args.json:
        _print_json([{**_plain(link), "from_name": link.source.name, "to_name": link.target.name}
                     for link in links])
        return 0
    first, second = _label(args.from_family), _label(args.to_family)
    lines = [f"{first} -> {second}: {len(links)} link{'' if len(links) == 1 else 's'}"]
    if links:
        rows = [(first, "name", "relation", second, "name", "basis")]
        rows += [(link.from_id, link.source.name, link.relation, link.to_id, link.target.name, link.basis.value)
                 for link in links]
        lines += _table(rows, stack=(1, 4, 5))  # if need be, each end's name under its id
    _print(lines)
    return 0


def _cmd_timeline(args: argparse.Namespace) -> int:
    entries = flanders_s3.timeline(args.family)
    if args.json:
        _print_json([{"date": _plain(e.date), "what": e.what, "record": e.record.key, "name": e.record.name,
                      "other": e.other.key if e.other else None, "basis": e.basis.value,
                      "reason": e.reason, "sources": list(e.source_ids)} for e in entries])
        return 0
    # The record by its key (the name is one `show` away); an inferred date says so beside what happened.
    rows = [("date", "record", "what", "sources")]
    rows += [(e.date.iso, e.record.key,
              e.what + (f" {e.other.key}" if e.other else "") + (" (inferred)" if e.basis.value == "inferred" else ""),
              ", ".join(e.source_ids)) for e in entries]
    _print(_table(rows, stack=(3,)))
    return 0


def _date(source: Any) -> str:
    first, last = source.date_earliest, source.date_latest
    if first is None and last is None:
        return "undated"
    if first is None or last is None or first == last:
        return (first or last).iso  # type: ignore[no-any-return]
    return f"{first.iso}/{last.iso}"  # an ISO 8601 interval


def _cmd_sources(args: argparse.Namespace) -> int:
    sources = flanders_s3.sources()
    if args.json:
        _print_json([_plain(s) for s in sources])
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

    directory = args.format in ("csv", "datapackage")
    if directory and args.output in (None, "-"):
        raise _Usage(f"--format {args.format} writes a directory of files: give it with --output DIR")
    try:
        if args.format == "csv":
            paths = export.write_csv(args.output)
            _print([f"wrote {len(paths)} CSV files to {args.output}"])
        elif args.format == "datapackage":
            path = export.write_datapackage(args.output)
            _print([f"wrote {path}"])
        elif args.output in (None, "-"):
            _out(export.to_json() if args.format == "json" else export.json_schema_text())
        elif args.format == "json":
            export.write_json(args.output)
        else:
            export.write_schema(args.output)
    except BrokenPipeError:
        raise  # standard output's reader went away: main() ends quietly
    except OSError as exc:
        # The writers are atomic: whatever stood at the path before is still there, unchanged.
        raise _Miss(f"cannot write {args.output}: {exc.strerror or exc}") from None
    return 0


def _overview(prog: str) -> int:
    counts = [(family, len(_records(family))) for family in FAMILY_TYPES]
    lines = [
        "flanders_s3: Flanders' smart specialisation strategy (S3 / RIS3) as cited records",
        f"code {flanders_s3.__version__}, data {flanders_s3.DATA_VERSION}; "
        f"{sum(n for _, n in counts)} records, {len(flanders_s3.links())} links between them",
        "",
        *_table([("family", "records"), *((_plural(f), str(n)) for f, n in counts)], right=(1,)),
        "",
        *_wrap(f"{prog} list clusters | show KEY | search TEXT | related KEY | crosswalk FAMILY FAMILY "
               "| sources | info", 10, "Commands: "),
        *_wrap(f"{prog} export --format json|csv|datapackage|schema [--output PATH] | --help", 10, " " * 10),
    ]
    example = flanders_s3.find_cluster(EXAMPLE)
    if example is not None:
        lines += ["", f"An example ({prog} show {EXAMPLE}):", "", *_render(example)]
    _print(lines)
    return 0


# --- the parser -----------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse, with its help, usage and version text written through the checked writer."""

    def _print_message(self, message: str, file: Any = None) -> None:
        if not message:
            return
        if file is None or file is sys.stdout:
            _out(message)
        else:
            _err(message)


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = _Parser(
        prog=prog,
        description="Flanders' smart specialisation strategy (S3 / RIS3) as cited records.",
        epilog="With no command: an overview of the dataset and one example record. "
               "Exit status: 0 success, 1 no match / no hit / output not written, 2 usage error, 130 Ctrl-C.",
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
    sub.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD",
                     help="only the records whose cited period covers that day")
    sub.set_defaults(run=_cmd_list)

    sub = command("show", "a record's fields and citations, looked up by id, name or alias")
    sub.add_argument("key", nargs="+", metavar="KEY", help="an id, name, alias or number; quotes are optional")
    sub.add_argument("--family", type=_family, help="look only in this family")
    sub.set_defaults(run=_cmd_show)

    sub = command("search", "records whose keys or text match TEXT, best first")
    sub.add_argument("text", nargs="+", metavar="TEXT", help="words to look for; quotes are optional")
    sub.add_argument("--kind", type=_family, help="search only this family")
    sub.add_argument("--limit", type=_positive, default=10, help="at most this many hits (default 10)")
    sub.set_defaults(run=_cmd_search)

    sub = command("related", "the records linked to a record, with the link's basis")
    sub.add_argument("key", nargs="+", metavar="KEY", help="an id, name, alias or number; quotes are optional")
    sub.add_argument("--family", type=_family, help="look only in this family")
    sub.add_argument("--stated-only", action="store_true", help="only links a source states")
    sub.set_defaults(run=_cmd_related)

    sub = command("crosswalk", "every link between two families, with the names of both ends")
    sub.add_argument("from_family", type=_family, metavar="FAMILY", help="the family the links are read from")
    sub.add_argument("to_family", type=_family, metavar="FAMILY", help="the family they lead to")
    sub.add_argument("--stated-only", action="store_true", help="only links a source states")
    sub.set_defaults(run=_cmd_crosswalk)

    sub = command("timeline", "every dated fact in date order: milestones, periods, successions, events")
    sub.add_argument("--family", type=_family, help="only this family's records")
    sub.set_defaults(run=_cmd_timeline)

    sub = command("sources", "the source documents: id, date, publisher, title")
    sub.set_defaults(run=_cmd_sources)

    sub = command("export", "the whole dataset as JSON, CSV, a Data Package, or the JSON Schema", json=False)
    sub.add_argument("--format", required=True, choices=("json", "csv", "datapackage", "schema"))
    sub.add_argument("--output", metavar="PATH", type=_output,
                     help="file (json, schema; default or -: stdout) or directory (csv, datapackage); "
                          "written atomically")
    sub.set_defaults(run=_cmd_export)

    sub = command("info", "code and data versions, and each data file's record count and sha256")
    sub.set_defaults(run=_cmd_info)
    return parser


def _run(argv: list[str] | None, prog: str) -> int:
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
        _err(f"{prog} {args.command}: error: {exc}\n")
        return 2
    except _Miss as exc:
        _err(f"{prog}: {exc}\n")
        return 1
    except flanders_s3.DataError as exc:
        _err(f"{prog}: the packaged data is damaged: {exc}\n")
        return 1


def main(argv: list[str] | None = None, *, prog: str = "flanders-s3") -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    try:
        return _run(argv, prog)
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as coreutils' tools do.
        _silence_stdout()
        return 0
    except _WriteError as exc:
        # A full device or a short write: the output is incomplete, so say so and fail.
        _silence_stdout()  # and keep Python's flush at exit from repeating the error
        _err(f"{prog}: {exc}\n")
        return 1
    except KeyboardInterrupt:
        _err(f"{prog}: interrupted\n")
        return 130
