"""Pages generated from the model and the data at build time, into ``docs/_generated/``.

- ``data-dictionary.md``: every family, every field, its type, its meaning and the
  source files its values are cited from (computed from the data's citations);
  the value types and enums the families use.
- ``sources.md``: the sources with their dates, and the disagreements the data keeps.
- ``connections.svg``: priority domains, the clusters and organisations they are
  named for, and the cluster domains those organisations support.
- ``timeline.svg``: every record with a cited period as a bar, its milestones as dots.
- ``api.md``: the API reference: the package, one section per public module, and the
  top-level search and crosswalk functions (their modules are private).

Run by Sphinx (``builder-inited``), or by hand: ``python docs/_ext/flanders_docs.py``.
A model field without a meaning (``metadata["doc"]`` in :mod:`flanders_s3.model`)
is a warning, so ``sphinx -W`` fails until the new field is described there.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
import importlib.util
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

DOCS = Path(__file__).resolve().parent.parent
OUT = DOCS / "_generated"

def _meaning(cls: type, field: str) -> str | None:
    # The meaning lives beside the field, in its attrs metadata (see flanders_s3.model).
    meaning: str | None = attrs.fields_dict(cls)[field].metadata.get("doc")
    return meaning


def _families() -> dict[str, type]:
    from flanders_s3.model import FAMILY_TYPES

    return dict(FAMILY_TYPES)


def _value_types() -> list[type]:
    """attrs classes and enums reachable from the families' field types (and Link), in first-use order."""
    from flanders_s3 import model

    seen: dict[type, None] = {}
    queue: list[type] = [*_families().values(), model.Link]
    while queue:
        cls = queue.pop(0)
        for field in attrs.fields(cls):
            for name in _names_in(str(field.type)):
                target = getattr(model, name, None)
                if not isinstance(target, type):
                    continue
                wanted = attrs.has(target) or issubclass(target, enum.Enum)
                if wanted and target not in seen and target not in _families().values() and target is not model.Record:
                    seen[target] = None
                    if attrs.has(target):
                        queue.append(target)
    seen.setdefault(model.Link, None)
    return list(seen)


def _names_in(annotation: str) -> list[str]:
    out, word = [], ""
    for ch in annotation + " ":
        if ch.isalnum() or ch == "_":
            word += ch
        else:
            if word:
                out.append(word)
            word = ""
    return out


def _walk_citations(value: Any) -> Iterator[Any]:
    from flanders_s3.model import Citation

    if isinstance(value, Citation):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _walk_citations(item)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _walk_citations(getattr(value, field.name))


def field_sources(family: str) -> tuple[dict[str, Counter[str]], Counter[str]]:
    """Per field: source id -> number of records whose values in that field are cited from it.

    A field's sources are the citations nested in its value, plus the record's own
    citations whose ``supports`` names it. Also returns the family's sources overall.
    """
    from flanders_s3.lookup import INDICES

    per_field: dict[str, Counter[str]] = defaultdict(Counter)
    overall: Counter[str] = Counter()
    for record in INDICES[family].all():
        hits: dict[str, set[str]] = defaultdict(set)
        for field in attrs.fields(type(record)):
            if field.name == "citations":
                continue
            for citation in _walk_citations(getattr(record, field.name)):
                hits[field.name].add(citation.source_id)
        for citation in record.citations:
            if citation.supports:
                hits[citation.supports.split(".")[0].split("[")[0]].add(citation.source_id)
        for field_name, ids in hits.items():
            per_field[field_name].update(ids)
        overall.update({c.source_id for c in _walk_citations(record)})
    return per_field, overall


def _files() -> dict[str, str]:
    import flanders_s3 as fs

    # A public page has no capture: it is named by its id.
    return {s.id: s.file for s in fs.sources() if s.file is not None}


def _sources_cell(counter: Counter[str], files: dict[str, str]) -> str:
    if not counter:
        return "—"
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return "<br>".join(f"`{files.get(sid, sid)}` ({n})" for sid, n in ranked)


def _type_name(tp: Any) -> str:
    """``str | None``, ``tuple[Citation, ...]``: the annotation as the model writes it."""
    if isinstance(tp, str):  # an unresolved (string) annotation is already that
        return tp
    if isinstance(tp, type) and not getattr(tp, "__args__", None):
        return tp.__name__
    return repr(tp).replace("flanders_s3.model.", "").replace("typing.", "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _doc(cls: type) -> str:
    doc = cls.__doc__ or ""
    if cls.__doc__ and cls.__doc__.startswith(cls.__name__ + "("):  # attrs' generated signature, not a doc
        doc = ""
    return " ".join(doc.split())


def data_dictionary(missing: list[str]) -> str:
    """The data dictionary page; appends "Class.field" of every undocumented field to ``missing``."""
    import flanders_s3 as fs
    from flanders_s3 import _load

    files = _files()
    lines = [
        "<!-- generated by docs/_ext/flanders_docs.py: do not edit -->",
        "",
        f"Generated from `flanders_s3.model` and the data of flanders_s3 {fs.__version__}, "
        f"data version {fs.DATA_VERSION}. *From sources* counts, per source file, the records "
        "whose value in that field is cited from it.",
        "",
    ]
    for family, cls in _families().items():
        per_field, overall = field_sources(family)
        count = len(_load.records(family))
        lines += [
            f"## `{family}`: {cls.__name__}",
            "",
            f"{_doc(cls) or '(no class docstring)'}",
            "",
            f"Class {{py:class}}`~flanders_s3.model.{cls.__name__}`; file `data/{_load.FILES[family]}`, "
            f"{count} record{'s' if count != 1 else ''}; "
            f"cited sources: {_sources_cell(overall, files).replace('<br>', ', ') if overall else 'none'}.",
            "",
            "| field | type | meaning | from sources |",
            "|---|---|---|---|",
        ]
        for field in attrs.fields(cls):
            meaning = _meaning(cls, field.name)
            if meaning is None:
                missing.append(f"{cls.__name__}.{field.name}")
                meaning = "(undocumented)"
            lines.append(
                f"| `{field.name}` | `{_cell(_type_name(field.type))}` | {_cell(meaning)} | "
                f"{_sources_cell(per_field.get(field.name, Counter()), files)} |"
            )
        lines.append("")
    lines += ["## Value types and vocabularies", "",
              "Values nested in records; they have no id of their own.", ""]
    for cls in _value_types():
        lines += [f"### {cls.__name__}", "", _doc(cls) or "", ""]
        if issubclass(cls, enum.Enum):
            lines += ["| member | value |", "|---|---|"]
            lines += [f"| `{m.name}` | `{_cell(repr(m.value))}` |" for m in cls]
        else:
            lines += ["| field | type | meaning |", "|---|---|---|"]
            for field in attrs.fields(cls):  # type: ignore[arg-type]  # attrs.has(cls) holds here
                meaning = _meaning(cls, field.name)
                if meaning is None:
                    missing.append(f"{cls.__name__}.{field.name}")
                    meaning = "(undocumented)"
                lines.append(f"| `{field.name}` | `{_cell(_type_name(field.type))}` | {_cell(meaning)} |")
        lines.append("")
    return "\n".join(lines)


# --- sources and disagreements ----------------------------------------------------------


def _date(value: Any) -> str:
    return "—" if value is None else f"{value.iso} ({value.precision.value})"


def sources_page() -> str:
    import flanders_s3 as fs

    lines = [
        "<!-- generated by docs/_ext/flanders_docs.py: do not edit -->",
        "",
        "| id | document | publisher | earliest | latest | inferred | file or page |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in fs.sources():
        # A captured source shows its file under sources/; a public page its address and the day it was read.
        where = f"`{s.file}`" if s.file is not None else f"<{s.url}> (consulted {s.consulted})"
        lines.append(
            f"| `{s.id}` | {_cell(s.name)} | {_cell(s.publisher)} | {_date(s.date_earliest)} | "
            f"{_date(s.date_latest)} | {'yes' if s.date_inferred else 'no'} | {where} |"
        )
    lines += ["", "How each date was established:", ""]
    lines += [f"- `{s.id}`: {s.date_note}" for s in fs.sources()]
    lines += ["", "## Where the sources disagree", "",
              "Each claim is kept with its source; none is silently picked. Listed from the data:", ""]
    lines += list(disagreements())
    return "\n".join(lines) + "\n"


def _q(citation: Any) -> str:
    return f"“{_cell(' '.join(citation.quote.split()))}” (`{citation.source_id}`)"


def disagreements() -> Iterator[str]:
    import flanders_s3 as fs

    region = fs.region
    groups = {(g.group, g.year) for g in region.innovation_performance}
    if len(groups) > 1:
        yield "**Innovation performance.** The region is classified differently by different sources:"
        yield ""
        for g in region.innovation_performance:
            yield f"- {g.group!r}{f' ({g.year})' if g.year else ''}: {_q(g.citation)}"
        yield ""
        yield "Both stay in `fs.region.innovation_performance`."
        yield ""

    spelled = [p for p in fs.priorities() if p.named_as != p.named.name]
    if spelled:
        yield ("**Spellings.** A priority domain names its cluster or organisation as the profile spells it "
               "(`named_as`); the record keeps its own name, and the other spelling is an alias where it differs "
               "by more than case, so both look-ups work:")
        yield ""
        yield "| priority domain | the profile writes | the record is named | found by the profile's spelling |"
        yield "|---|---|---|---|"
        for p in spelled:
            lead = p.named
            getter = fs.get_cluster if p.cluster_id else fs.get_organisation
            try:
                found = "yes" if getter(p.named_as) is lead else "no"
            except LookupError:
                found = "no"
            yield (f"| {p.number}. {p.name} | {p.named_as!r} | {lead.name!r} ({lead.family}, "
                   f"`{', '.join(lead.source_ids)}`) | {found} |")
        yield ""

    clusters, priorities = fs.clusters(), fs.priorities()
    by_cluster = [p for p in priorities if p.cluster_id]
    by_org = [p for p in priorities if p.organisation_id]
    unnamed = [c for c in clusters if not c.priorities]
    cluster_sources = sorted({sid for c in clusters for sid in c.source_ids})
    priority_sources = sorted({sid for p in priorities for sid in p.source_ids})
    yield (f"**{len(clusters)} spearhead clusters against {len(priorities)} priority domains.** "
           f"The clusters come from `{', '.join(cluster_sources)}`; the priority domains from "
           f"`{', '.join(priority_sources)}`. {len(by_cluster)} domains are named for a spearhead cluster, "
           f"{len(by_org)} for an organisation that is not one.")
    if unnamed:
        yield f"No domain is named for: {', '.join(c.name for c in unnamed)}."
    yield ""
    if by_org:
        yield "**Priority domains named for research centres and other organisations, not clusters:**"
        yield ""
        for p in by_org:
            org = p.organisation
            assert org is not None
            yield f"- {p.number}. {p.name}: {org.name} ({org.kind.value})"
        yield ""
    domains = fs.cluster_domains()
    if domains:
        yield (f"**A third list.** The policy text on strategic cluster domains names {len(domains)} "
               f"domains: {', '.join(d.name for d in domains)}.")
        yield ""


# --- the picture --------------------------------------------------------------------------

_FONT = 13
_CHAR = 6.8  # average glyph width at 13px sans-serif, to size the boxes
_ROW = 30
_PAD = 8
_COLOURS = {
    "priority": ("#e8f0fe", "#3b6fd4"),
    "cluster": ("#e6f4ea", "#2e8b57"),
    "organisation": ("#fff4e5", "#c77700"),
    "cluster_domain": ("#f3e8fd", "#7b3fb6"),
}
_TITLES = {
    "priority": "RIS3 priority domains",
    "cluster": "spearhead clusters",
    "organisation": "organisations",
    "cluster_domain": "strategic cluster domains",
}


def graph() -> tuple[list[list[tuple[str, str, str]]], list[tuple[tuple[str, str], tuple[str, str], str]]]:
    """Columns of (family, id, label) and edges ((family, id), (family, id), style)."""
    import flanders_s3 as fs

    left = [("priority", p.id, f"{p.number}. {p.name}") for p in fs.priorities()]
    # The middle column in the order the priority domains name its members, so most
    # edges run straight across; then clusters no domain names, then organisations
    # only a cluster domain names.
    middle: dict[tuple[str, str], str] = {}
    edges: list[tuple[tuple[str, str], tuple[str, str], str]] = []
    for p in fs.priorities():
        lead = p.named
        middle.setdefault((lead.family, lead.id), lead.name)
        edges.append((("priority", p.id), (lead.family, lead.id), "named"))
    for c in fs.clusters():
        middle.setdefault(("cluster", c.id), c.name)
    right = [("cluster_domain", d.id, d.name) for d in fs.cluster_domains()]
    for d in fs.cluster_domains():
        for org in d.supported_by:
            middle.setdefault(("organisation", org.id), org.name)
            edges.append((("cluster_domain", d.id), ("organisation", org.id), "supports"))
    drawn = {("priority", p.id) for p in fs.priorities()} | set(middle) | {(f, i) for f, i, _ in right}
    # fs.links() also holds the links read off the stored references drawn above (a priority
    # domain's lead, a cluster domain's supporters): each pair of boxes gets one edge.
    joined = {frozenset((a, b)) for a, b, _ in edges}
    for link in fs.links():
        a, b = (link.from_family, link.from_id), (link.to_family, link.to_id)
        if a in drawn and b in drawn and a[0] != b[0] and frozenset((a, b)) not in joined:
            joined.add(frozenset((a, b)))
            edges.append((a, b, "inferred" if link.basis.value == "inferred" else "stated"))
    mid = [(f, i, label) for (f, i), label in middle.items()]
    return [col for col in (left, mid, right) if col], edges


def _title(col: list[tuple[str, str, str]]) -> str:
    families = sorted({f for f, _, _ in col}, key=list(_COLOURS).index)
    return " and ".join(_TITLES[f] for f in families)


def connections_svg() -> str:
    columns, edges = graph()
    titles = [_title(col) for col in columns]
    widths = [max([len(label) for _, _, label in col] + [len(t)]) * _CHAR + 2 * _PAD
              for col, t in zip(columns, titles, strict=True)]
    gap = 140
    xs, x = [], 20.0
    for w in widths:
        xs.append(x)
        x += w + gap
    width = max(x - gap + 20, 760)
    rows = max(len(col) for col in columns)
    height = 70 + rows * _ROW + 50
    pos: dict[tuple[str, str], tuple[float, float, float]] = {}
    parts: list[str] = []
    for ci, col in enumerate(columns):
        top = 60  # top-aligned: domain n sits level with the n-th thing named, edges run flat
        for ri, (family, rid, _) in enumerate(col):
            pos[(family, rid)] = (xs[ci], top + ri * _ROW, widths[ci])
    for a, b, style in edges:
        (xa, ya, wa), (xb, yb, _) = sorted((pos[a], pos[b]))
        x1, y1, x2, y2 = xa + wa, ya + 11, xb, yb + 11
        dash = ' stroke-dasharray="5 4"' if style in ("supports", "inferred") else ""
        colour = "#7b3fb6" if style == "supports" else "#555"
        parts.append(f'<path d="M{x1:.1f},{y1:.1f} C{x1 + gap / 2:.1f},{y1:.1f} {x2 - gap / 2:.1f},{y2:.1f} '
                     f'{x2:.1f},{y2:.1f}" fill="none" stroke="{colour}" stroke-width="1.3"{dash}/>')
    for ci, col in enumerate(columns):
        parts.append(f'<text x="{xs[ci]:.1f}" y="40" font-weight="bold">{html.escape(titles[ci])}</text>')
        for family, rid, label in col:
            x0, y0, w = pos[(family, rid)]
            fill, stroke = _COLOURS[family]
            parts.append(f'<g><title>{family}:{rid}</title><rect x="{x0:.1f}" y="{y0:.1f}" width="{w:.1f}" '
                         f'height="22" rx="4" fill="{fill}" stroke="{stroke}"/><text x="{x0 + _PAD:.1f}" '
                         f'y="{y0 + 15:.1f}">{html.escape(label)}</text></g>')
    legend = ["green: spearhead cluster", "orange: organisation", "solid: the priority domain is named for it"]
    if any(style == "supports" for *_, style in edges):
        legend.append("dashed purple: the organisation supports the cluster domain")
    if any(style in ("stated", "inferred") for *_, style in edges):
        legend.append("grey: a crosswalk link (dashed when inferred)")
    parts.append(f'<text x="20" y="{height - 20:.0f}" fill="#333">{html.escape(" · ".join(legend))}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="sans-serif" font-size="{_FONT}">\n'
            f'<rect width="100%" height="100%" fill="white"/>\n' + "\n".join(parts) + "\n</svg>\n")


# --- the timeline picture -----------------------------------------------------------------


def timeline_rows() -> list[tuple[Any, list[Any]]]:
    """The records the picture draws (those with a period), each with its timeline entries."""
    import flanders_s3 as fs
    from flanders_s3.model import PLURALS

    dated = [r for plural in PLURALS.values() for r in getattr(fs, plural)() if r.period is not None]
    entries = fs.timeline()
    return [(r, [e for e in entries if e.record == r]) for r in dated]


def timeline_svg() -> str:
    """Each record with a cited period as a bar (hatched where a bound is inferred), its milestones as dots."""
    rows = timeline_rows()
    first: int = min(e.date.earliest.year for _, es in rows for e in es)
    last: int = max(max(e.date.latest.year for _, es in rows for e in es), 2026)
    label_w, year_w, top = 300, 22, 50
    width = label_w + (last - first + 1) * year_w + 40
    height = top + len(rows) * _ROW + 60

    def x(day: dt.date) -> float:
        return label_w + (day.year - first + (day.timetuple().tm_yday - 1) / 366) * year_w

    parts: list[str] = []
    for year in range(first, last + 1):
        gx = label_w + (year - first) * year_w
        parts.append(f'<line x1="{gx}" y1="{top - 10}" x2="{gx}" y2="{height - 50}" stroke="#eee"/>')
        if year % 5 == 0:
            parts.append(f'<text x="{gx + 2}" y="{top - 16}" fill="#555">{year}</text>')
    for i, (record, entries) in enumerate(rows):
        y = top + i * _ROW
        period = record.period
        start = x(period.start.date.earliest)
        end = x(period.end.date.latest) if period.end is not None else width - 40
        inferred = "inferred" in (period.start.basis.value, period.end.basis.value if period.end else "")
        fill = "#cfe8cf" if record.family == "cluster" else "#fde2c4"
        dash = ' stroke-dasharray="4 3"' if inferred else ""
        parts.append(f'<text x="10" y="{y + 15}">{html.escape(record.name[:40])}</text>')
        parts.append(f'<g><title>{record.key}: {period.start.date}–{period.end.date if period.end else "open"}'
                     f'</title><rect x="{start:.1f}" y="{y + 3}" width="{max(end - start, 2):.1f}" height="16" '
                     f'rx="3" fill="{fill}" stroke="#777"{dash}/></g>')
        for entry in entries:
            if entry.what.startswith("period "):
                continue
            colour = "#777" if entry.basis.value == "inferred" else "#222"
            parts.append(f'<g><title>{html.escape(entry.date.iso)} {html.escape(entry.what)} '
                         f'({", ".join(entry.source_ids)})</title><circle cx="{x(entry.date.earliest):.1f}" '
                         f'cy="{y + 11}" r="3" fill="{colour}"/></g>')
    legend = "green: spearhead cluster · orange: organisation · bar: cited period (dashed where a bound is inferred)"
    legend += " · dot: a milestone or succession (grey where inferred)"
    parts.append(f'<text x="10" y="{height - 20}" fill="#333">{html.escape(legend)}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="sans-serif" font-size="{_FONT}">\n'
            f'<rect width="100%" height="100%" fill="white"/>\n' + "\n".join(parts) + "\n</svg>\n")



# --- the API reference ------------------------------------------------------------------

# Sections of the API page, in order: a public module, or None for the top-level search and
# crosswalk names (implemented in the private modules flanders_s3._search and _crosswalk).
_MODULES: list[tuple[str | None, str]] = [
    ("flanders_s3.model", "The records and their vocabularies"),
    ("flanders_s3.lookup", "Look-ups"),
    ("flanders_s3.errors", "Errors"),
    (None, "Search, crosswalk and timeline"),
    ("flanders_s3.export", "Export"),
    ("flanders_s3.cli", "Command line"),
    ("flanders_s3.testing", "Hypothesis strategies"),
]

# The top-level names of that section: (autodoc directive, name in flanders_s3).
SEARCH_AND_CROSSWALK = (
    ("autofunction", "search"),
    ("autoclass", "Hit"),
    ("autofunction", "related"),
    ("autoclass", "Relation"),
    ("autofunction", "crosswalk"),
    ("autofunction", "links"),
    ("autofunction", "timeline"),
    ("autoclass", "TimelineEntry"),
)

# Meanings of the fields of those two result classes, for the API reference.
RESULT_FIELD_DOCS: dict[str, str] = {
    "Hit.record": "The record found.",
    "Hit.kind": "The record's family (``cluster``, ``priority`` ...).",
    "Hit.score": "How well it matched: ``0 < score <= 1``, higher is better.",
    "Hit.field": "The field that matched best.",
    "Hit.matched": "That field's text (one item of a tuple field).",
    "Relation.link": "The link, as stored (or derived): read from its ``from`` end to its ``to`` end.",
    "Relation.other": "The record at the other end of the link.",
    "Relation.direction": "``out`` where the record asked about is the link's ``from`` end, else ``in``.",
    "TimelineEntry.date": "The date, at the precision its evidence gives.",
    "TimelineEntry.what": (
        "What happened: a milestone's kind, a period bound, a succession's relation, an event's kind."
    ),
    "TimelineEntry.record": "The record it happened to.",
    "TimelineEntry.other": "For a succession, the record at the link's other end; else ``None``.",
    "TimelineEntry.basis": "``stated`` where a source prints the date, else ``inferred``.",
    "TimelineEntry.citations": "The evidence for the date.",
    "TimelineEntry.reason": "Why an inferred date holds.",
}


def _lookup_table() -> Iterable[str]:
    from flanders_s3 import lookup

    yield "| family | get | find | all |"
    yield "|---|---|---|---|"
    for family in lookup.INDICES:
        plural = {"priority": "priorities", "policy": "policies", "person": "people"}.get(family, family + "s")
        yield f"| `{family}` | `get_{family}` | `find_{family}` | `{plural}()` |"


def _search_and_crosswalk(title: str) -> list[str]:
    lines = [
        f"## {title}",
        "",
        "Names of `flanders_s3` itself, implemented in private modules: use them from the package "
        "(`fs.search`, `fs.related` ...), which loads them on first use. "
        "`fs.to_dataframe` is {py:func}`flanders_s3.export.to_dataframe`, documented under *Export*.",
        "",
        "```{eval-rst}",
    ]
    for directive, name in SEARCH_AND_CROSSWALK:
        lines.append(f".. {directive}:: flanders_s3.{name}")
        if directive == "autoclass":
            lines += ["   :members:", "   :undoc-members:"]
        lines.append("")
    return [*lines, "```", ""]


def api_page() -> str:
    lines = [
        "<!-- generated by docs/_ext/flanders_docs.py: do not edit -->",
        "",
        "## The package",
        "",
        "```{eval-rst}",
        ".. automodule:: flanders_s3",
        "   :no-members:",
        "",
        ".. autodata:: flanders_s3.__version__",
        "   :no-value:",
        "",
        ".. autodata:: flanders_s3.DATA_VERSION",
        "   :no-value:",
        "",
        ".. autodata:: flanders_s3.REGION_ID",
        "",
        ".. autofunction:: flanders_s3.manifest",
        "```",
        "",
        "`flanders_s3.region` is the {py:class}`~flanders_s3.model.Region` record `REGION_ID` names, "
        "resolved on each access. Every other public name of `flanders_s3` is re-exported from the "
        "modules below and documented there.",
        "",
    ]
    for module, title in _MODULES:
        if module is None:
            lines += _search_and_crosswalk(title)
            continue
        if importlib.util.find_spec(module) is None:
            continue
        lines += [f"## {title}", "", "```{eval-rst}", f".. automodule:: {module}"]
        if module == "flanders_s3.lookup":
            lines += ["   :members: get_by_id, normalise, preload", "", "```", "",
                      "Every family has the same three functions (`find_*` takes a `default`; "
                      "numbered families also take an `int`):", "", *_lookup_table(), "",
                      "```{eval-rst}",
                      ".. autoclass:: flanders_s3.lookup._Index",
                      "   :members: get, find, all",
                      "```", ""]
            continue
        if module == "flanders_s3.model":
            lines += ["   :members:", "   :undoc-members:", "   :show-inheritance:",
                      "   :member-order: bysource"]
        else:
            lines += ["   :members:", "   :show-inheritance:"]
        lines += ["```", ""]
    return "\n".join(lines)


# --- driver -------------------------------------------------------------------------------


def _write(path: Path, text: str) -> None:
    # Only on change: an unchanged file keeps its mtime, so Sphinx does not re-read it.
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8", newline="\n")


def generate(out: Path = OUT) -> list[str]:
    """Write every generated page; returns the fields that have no documented meaning."""
    out.mkdir(exist_ok=True)
    missing: list[str] = []
    _write(out / "data-dictionary.md", data_dictionary(missing))
    _write(out / "sources.md", sources_page())
    _write(out / "connections.svg", connections_svg())
    _write(out / "timeline.svg", timeline_svg())
    _write(out / "api.md", api_page())
    return missing


def _on_builder_inited(app: Any) -> None:
    from sphinx.util import logging

    logger = logging.getLogger(__name__)
    for name in generate():
        logger.warning(
            "data dictionary: field %s has no meaning; give it metadata['doc'] in flanders_s3/model.py", name
        )


def _on_docstring(app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:
    # attrs fields have no docstrings of their own: give the API reference the data dictionary's meaning.
    if what != "attribute" or lines:
        return
    meaning = RESULT_FIELD_DOCS.get(name.removeprefix("flanders_s3."))
    if meaning is not None:
        lines.append(meaning)
        return
    if not name.startswith("flanders_s3.model."):
        return
    from flanders_s3 import model

    class_name, _, field = name.removeprefix("flanders_s3.model.").rpartition(".")
    cls = getattr(model, class_name, None)
    if isinstance(cls, type) and attrs.has(cls) and field in attrs.fields_dict(cls):
        meaning = _meaning(cls, field)
        if meaning:
            lines.append(meaning)


def _public_bases(_app: Any, _name: str, _obj: Any, _options: Any, bases: list[type]) -> None:
    # A private mixin (the ``edition`` property) is an implementation detail, not a documented base.
    bases[:] = [base for base in bases if not base.__name__.startswith("_")]


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _on_builder_inited)
    app.connect("autodoc-process-docstring", _on_docstring)
    app.connect("autodoc-process-bases", _public_bases)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    missing = generate()
    for name in missing:
        print(f"undocumented field: {name}", file=sys.stderr)
    sys.exit(1 if missing else 0)
