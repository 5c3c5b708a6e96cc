"""A failing case for every rule the data must keep: one table, one case per rule.

Each case breaks exactly one rule in one packaged file (a validator of the model, a
check of the loader, a check of an index) and asserts the whole :class:`DataError`:
its file, family, record, field and reason. The loader runs in this process over the
shipped files with the damaged one swapped in (the manifest's hash of it updated, so
only the planted damage is refused), against empty caches that are put back after.

``docs/testing.md`` lists the same rules, by the same names, in the same order; a test
below keeps the two lists one to one.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

from flanders_s3 import _load, lookup
from flanders_s3.errors import DataError

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(_load.__file__).parent / "data"
DROP = object()  # a field removed rather than set
MISSING = b""  # a file that cannot be read


def shipped(name: str) -> Any:
    return json.loads((DATA / name).read_bytes())


def encode(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


Files = dict[str, bytes]


def at(file: str, record: str | int, path: str, value: Any) -> Callable[[], Files]:
    """The file with one value of one record (by id, or position) set, or dropped with DROP.

    ``path`` is dotted; a number is a list index ("citations.0.quote").
    """

    def damage() -> Files:
        data = shipped(file)
        target = data[record] if isinstance(record, int) else next(d for d in data if d.get("id") == record)
        *steps, last = [int(step) if step.isdigit() else step for step in path.split(".")]
        for step in steps:
            target = target[step]
        if value is DROP:
            del target[last]
        else:
            target[last] = value
        return {file: encode(data)}

    return damage


def edited(file: str, change: Callable[[Any], Any]) -> Callable[[], Files]:
    """The file after ``change`` (which edits the parsed data in place, or returns new data)."""

    def damage() -> Files:
        data = shipped(file)
        result = change(data)
        return {file: encode(data if result is None else result)}

    return damage


def raw(file: str, text: bytes) -> Callable[[], Files]:
    return lambda: {file: text}


def spelled(file: str, record: str | int, field: str, text: str) -> Callable[[], Files]:
    """The file with one top-level value of one record written as ``text`` (JSON itself cannot write NaN)."""

    def damage() -> Files:
        placeholder = 918273645
        (content,) = at(file, record, field, placeholder)().values()
        assert content.count(str(placeholder).encode()) == 1
        return {file: content.replace(str(placeholder).encode(), text.encode())}

    return damage


def manifest_edited(change: Callable[[dict[str, Any]], Any]) -> Callable[[], Files]:
    """A damaged manifest: its hashes are not brought up to date."""

    def damage() -> Files:
        data = shipped("manifest.json")
        change(data)
        return {"manifest.json": encode(data), "!": b""}  # "!": keep this manifest as written

    return damage


def install(monkeypatch: pytest.MonkeyPatch, files: Files) -> None:
    """The loader reads ``files`` in place of the shipped ones, from empty caches."""
    files = dict(files)
    as_written = files.pop("!", None) is not None
    real = _load._package_reader()
    if not as_written:
        manifest = json.loads(files.get("manifest.json") or real("manifest.json"))
        for name, content in files.items():
            if name in manifest["files"] and content is not MISSING:
                manifest["files"][name]["sha256"] = hashlib.sha256(content).hexdigest()
        files["manifest.json"] = encode(manifest)

    def reader(name: str) -> bytes:
        if name in files:
            if files[name] is MISSING:
                raise FileNotFoundError(name)
            return files[name]
        return real(name)

    monkeypatch.setattr(_load, "_reader", [reader])
    for cache in ("_records", "_ids", "_in_progress"):
        monkeypatch.setattr(_load, cache, {})
    for cache in ("_links", "_manifest"):
        monkeypatch.setattr(_load, cache, [])


def loader(what: str) -> Callable[[], object]:
    """``records:<family>``, ``links``, ``manifest``, or ``index:<family>`` (a lookup index of its own)."""
    kind, _, family = what.partition(":")
    if kind == "records":
        return lambda: _load.records(family)
    if kind == "index":
        return lookup._Index(family).all
    return _load.links if kind == "links" else _load.manifest


def published(what: str, load: Callable[[], object]) -> bool:
    """Whether anything of a failed load was kept: a cached family, links, manifest or index."""
    kind, _, family = what.partition(":")
    if kind == "index":
        index: lookup._Index[Any] = load.__self__  # type: ignore[attr-defined]
        return index._records is not None or bool(index._exact)
    if kind == "records":
        return family in _load._records or family in _load._ids
    return bool(_load._links if kind == "links" else _load._manifest)


@attrs.frozen
class Rule:
    name: str  # as docs/testing.md names it
    damage: Callable[[], Files]
    call: str
    file: str
    record: str | None
    field: str | None
    reason: str


FLUX = "'flux50'"
FLUX_AT = next(i for i, c in enumerate(shipped("clusters.json")) if c["id"] == "flux50")
SLUG = "is not a slug ([a-z0-9]+(-[a-z0-9]+)*)"
STATED_LINK = next(i for i, link in enumerate(shipped("links.json")) if link["basis"] == "stated")
INFERRED_LINK = next(i for i, link in enumerate(shipped("links.json")) if link["basis"] == "inferred")
PAGE = next(s["id"] for s in shipped("sources.json") if s["file"] is None)
CAPTURED = next(s["id"] for s in shipped("sources.json") if s["file"] is not None)
PRIORITY = shipped("priorities.json")[0]["id"]
SECOND_PRIORITY = shipped("priorities.json")[1]
CITATION = shipped("clusters.json")[0]["citations"][0]


def two_of(key: str, text: str) -> Callable[[Any], None]:
    """Give the second cluster ``key`` = ``text`` (a clash with the first's)."""
    return lambda data: data[1].update({key: text}) if key != "aliases" else data[1].update(aliases=[text])


RULES: list[Rule] = [
    # --- the model's validators ------------------------------------------------------------
    Rule("id is a slug", at("clusters.json", "flux50", "id", "Flux50"), "records:cluster",
         "clusters.json", "'Flux50'", "id", f"id 'Flux50' {SLUG}"),
    Rule("a slug is anchored at its end", at("clusters.json", "flux50", "id", "flux50_x"), "records:cluster",
         "clusters.json", "'flux50_x'", "id", f"id 'flux50_x' {SLUG}"),
    Rule("a slug has no empty part", at("clusters.json", "flux50", "id", "flux--50"), "records:cluster",
         "clusters.json", "'flux--50'", "id", f"id 'flux--50' {SLUG}"),
    Rule("a former id is a slug", at("clusters.json", "flux50", "former_ids", ["flux 50"]), "records:cluster",
         "clusters.json", FLUX, "former_ids", f"former_ids 'flux 50' {SLUG}"),
    Rule("a citation's source id is a slug", at("clusters.json", "flux50", "citations.0.source_id", "EWI"),
         "records:cluster", "clusters.json", FLUX, "citations[0].source_id", f"source_id 'EWI' {SLUG}"),
    Rule("a name is not blank", at("clusters.json", "flux50", "name", " \t\n"), "records:cluster",
         "clusters.json", FLUX, "name", "name must not be blank"),
    Rule("a quote is not blank", at("clusters.json", "flux50", "citations.0.quote", "  "), "records:cluster",
         "clusters.json", FLUX, "citations[0].quote", "quote must not be blank"),
    Rule("a citation's note is not blank", at("clusters.json", "flux50", "citations.0.note", "\u00a0"),
         "records:cluster", "clusters.json", FLUX, "citations[0].note", "note must not be blank"),
    Rule("a former name is not blank", at("clusters.json", "flux50", "former_names", [" "]), "records:cluster",
         "clusters.json", FLUX, "former_names", "former_names must not be blank"),
    Rule("a membership holds a citation", at("regions.json", 0, "memberships.0.citations", []), "records:region",
         "regions.json", repr(shipped("regions.json")[0]["id"]), "memberships[0].citations",
         "citations must hold at least one citation"),
    Rule("a language is two lower-case letters", at("clusters.json", "flux50", "name_language", "NL"),
         "records:cluster", "clusters.json", FLUX, "name_language",
         "name_language 'NL' is not an ISO 639-1 code (two lower-case letters)"),
    Rule("a date has the shape of its precision",
         at("clusters.json", "flux50", "period.start.date", {"iso": "2016-12", "precision": "day"}),
         "records:cluster", "clusters.json", FLUX, "period.start.date", "date '2016-12' is not of day precision"),
    Rule("a date exists in the calendar",
         at("clusters.json", "flux50", "period.start.date", {"iso": "2013-02-30", "precision": "day"}),
         "records:cluster", "clusters.json", FLUX, "period.start.date", "day is out of range for month"),
    Rule("a month exists in the calendar",
         at("clusters.json", "flux50", "period.start.date", {"iso": "2013-13", "precision": "month"}),
         "records:cluster", "clusters.json", FLUX, "period.start.date", "month must be in 1..12"),
    Rule("a date rests on a citation", at("clusters.json", "flux50", "period.start.citations", []),
         "records:cluster", "clusters.json", FLUX, "period.start", "a date needs the citation it rests on"),
    Rule("an inferred date has its reason", at("clusters.json", "flux50", "period.start.basis", "inferred"),
         "records:cluster", "clusters.json", FLUX, "period.start", "an inferred date needs its reason"),
    Rule("a period does not end before it starts",
         at("clusters.json", "flux50", "period.end", {
             "date": {"iso": "2016-12-14", "precision": "day"}, "basis": "stated",
             "citations": [CITATION], "reason": None}),
         "records:cluster", "clusters.json", FLUX, "period",
         "period ends (2016-12-14) before it starts (2016-12-15)"),
    Rule("a stated link has its citations", at("links.json", STATED_LINK, "citations", []), "links",
         "links.json", f"#{STATED_LINK}", None, "a stated link needs the citations that state it"),
    Rule("an inferred link has its reason", at("links.json", INFERRED_LINK, "reason", None), "links",
         "links.json", f"#{INFERRED_LINK}", None, "an inferred link needs its reason"),
    Rule("a priority names one cluster or one organisation",
         at("priorities.json", PRIORITY, "organisation_id", "flux50"), "records:priority",
         "priorities.json", repr(PRIORITY), None, "exactly one of cluster_id and organisation_id must be set"),
    Rule("an edition lists a family of priorities", at("editions.json", "innovation-hubs", "record_family", "cluster"),
         "records:edition", "editions.json", "'innovation-hubs'", None,
         "record_family 'cluster' is not a family of priorities; "
         "one of: cluster_domain, eye_ris3_priority, innovation_hub, priority"),
    Rule("a captured source has its file and hash", at("sources.json", CAPTURED, "sha256", None),
         "records:source", "sources.json", repr(CAPTURED), None, "a captured source needs both file and sha256"),
    Rule("a page has its url and consulted date", at("sources.json", PAGE, "consulted", None),
         "records:source", "sources.json", repr(PAGE), None,
         "a public page (no file) needs its url and the date it was consulted"),
    # --- the loader's checks ---------------------------------------------------------------
    Rule("a data file can be read", raw("clusters.json", MISSING), "records:cluster",
         "clusters.json", None, None, "cannot be read (FileNotFoundError)"),
    Rule("a data file is UTF-8 JSON", raw("clusters.json", b'[{"id": "flux50",]'), "records:cluster",
         "clusters.json", None, None,
         "is not valid UTF-8 JSON (Expecting property name enclosed in double quotes: line 1 column 18 (char 17))"),
    Rule("a data file is not nested too deeply", raw("clusters.json", b"[" * 100_000 + b"]" * 100_000),
         "records:cluster", "clusters.json", None, None, "is nested too deeply to parse"),
    Rule("no NaN or Infinity", spelled("clusters.json", "flux50", "support_max_years", "NaN"), "records:cluster",
         "clusters.json", FLUX, "support_max_years", "NaN is not a JSON number (only finite numbers are)"),
    Rule("a NaN in a record without an id is named by its position",
         spelled("links.json", INFERRED_LINK, "reason", "Infinity"), "links", "links.json", f"#{INFERRED_LINK}",
         "reason", "Infinity is not a JSON number (only finite numbers are)"),
    Rule("no key given twice", raw("clusters.json", (DATA / "clusters.json").read_bytes().replace(
         b'"tagline": "powering smart energy"', b'"tagline": "x", "tagline": "powering smart energy"', 1)),
         "records:cluster", "clusters.json", FLUX, "tagline", "key 'tagline' is given twice in one object"),
    Rule("a data file is listed in the manifest", manifest_edited(lambda m: m["files"].pop("clusters.json")),
         "records:cluster", "clusters.json", None, None, "is not listed in the manifest"),
    Rule("a data file has the manifest's hash", manifest_edited(
         lambda m: m["files"]["clusters.json"].update(sha256="0" * 64)), "records:cluster",
         "clusters.json", None, None, "sha256 {actual} differs from the manifest's " + "0" * 64),
    Rule("the manifest is an object", lambda: {"manifest.json": b"[]", "!": b""}, "manifest",
         "manifest.json", None, None, "must hold a JSON object, not list"),
    Rule("the manifest has a data version", manifest_edited(lambda m: m.pop("data_version")), "manifest",
         "manifest.json", None, "data_version", "has no data_version"),
    Rule("the data version is text", manifest_edited(lambda m: m.update(data_version=2)), "manifest",
         "manifest.json", None, "data_version", "expected str, got int"),
    Rule("the manifest has its files object", manifest_edited(lambda m: m.pop("files")), "manifest",
         "manifest.json", None, "files", "has no 'files' object"),
    Rule("a manifest entry is an object", manifest_edited(lambda m: m["files"].update({"clusters.json": "x"})),
         "manifest", "manifest.json", None, "files['clusters.json']", "expected dict, got str"),
    Rule("a manifest entry has its hash", manifest_edited(lambda m: m["files"]["clusters.json"].pop("sha256")),
         "manifest", "manifest.json", None, "files['clusters.json'].sha256", "required field missing"),
    Rule("a manifest entry's count is an int", manifest_edited(
         lambda m: m["files"]["clusters.json"].update(records="12")), "manifest",
         "manifest.json", None, "files['clusters.json'].records", "expected int, got str"),
    Rule("a data file is an array", raw("clusters.json", b'{"id": "flux50"}'), "records:cluster",
         "clusters.json", None, None, "must hold a JSON array of records"),
    Rule("a record is an object", raw("clusters.json", b'[5]'), "records:cluster",
         "clusters.json", "#0", None, "expected dict, got int"),
    Rule("an int is not read from a string", at("clusters.json", "flux50", "support_max_years", "10"),
         "records:cluster", "clusters.json", FLUX, "support_max_years", "expected int, got str"),
    Rule("a string is not read from an int", at("clusters.json", "flux50", "tagline", 5),
         "records:cluster", "clusters.json", FLUX, "tagline", "expected str, got int"),
    Rule("a figure is an int or a float", at("regions.json", 0, "statistics.0.value", "1.2"), "records:region",
         "regions.json", repr(shipped("regions.json")[0]["id"]), "statistics[0].value",
         "expected int or float, got str"),
    Rule("a list is not read from a string", at("clusters.json", "flux50", "aliases", "Flux 50"),
         "records:cluster", "clusters.json", FLUX, "aliases", "expected list, got str"),
    Rule("an object is not read from a list", at("clusters.json", "flux50", "period", []),
         "records:cluster", "clusters.json", FLUX, "period", "expected dict, got list"),
    Rule("no unknown field", edited("clusters.json", lambda d: d[FLUX_AT].update(zeta=1, leader="x")),
         "records:cluster", "clusters.json", FLUX, "leader", "unknown field(s) leader, zeta"),
    Rule("no unknown field in a nested value", at("clusters.json", "flux50", "citations.0.page", 3),
         "records:cluster", "clusters.json", FLUX, "citations[0].page", "unknown field(s) page"),
    Rule("no required field missing", at("clusters.json", "flux50", "name", DROP), "records:cluster",
         "clusters.json", FLUX, "name", "required field missing"),
    Rule("an enum value is in its vocabulary", at("clusters.json", "flux50", "period.start.basis", "likely"),
         "records:cluster", "clusters.json", FLUX, "period.start.basis",
         "'likely' is not one of 'stated', 'inferred'"),
    Rule("an id is used once", edited("clusters.json", lambda d: d[1].update(id=d[0]["id"])), "records:cluster",
         "clusters.json", repr(shipped("clusters.json")[0]["id"]), "id", "id is used twice"),
    Rule("a referenced file is an array", raw("clusters.json", b'{"id": "catalisti"}'), "records:priority",
         "clusters.json", None, None, "must hold a JSON array of records"),
    Rule("a reference resolves", at("priorities.json", PRIORITY, "cluster_id", "no-such-cluster"),
         "records:priority", "priorities.json", repr(PRIORITY), "cluster_id",
         "refers to a cluster 'no-such-cluster' that does not exist"),
    Rule("a citation's source exists", at("clusters.json", "flux50", "citations.0.source_id", "no-such-source"),
         "records:cluster", "clusters.json", FLUX, "citations[0].source_id",
         "refers to a source 'no-such-source' that does not exist"),
    Rule("a link's family exists", at("links.json", STATED_LINK, "to_family", "company"), "links",
         "links.json", f"#{STATED_LINK}", "to_family", "names an unknown family 'company'"),
    Rule("a link's citation source exists",
         at("links.json", STATED_LINK, "citations.0.source_id", "no-such-source"), "links",
         "links.json", f"#{STATED_LINK}", "citations[0].source_id",
         "refers to a source 'no-such-source' that does not exist"),
    Rule("a link's start exists", at("links.json", STATED_LINK, "from_id", "no-such-domain"), "links",
         "links.json", f"#{STATED_LINK}", "from_id", "refers to a cluster_domain 'no-such-domain' that does not exist"),
    Rule("a link's end exists", at("links.json", STATED_LINK, "to_id", "no-such-organisation"), "links",
         "links.json", f"#{STATED_LINK}", "to_id",
         "refers to a organisation 'no-such-organisation' that does not exist"),
    # --- the lookup index's checks ---------------------------------------------------------
    Rule("a key has a letter or digit", edited("clusters.json", lambda d: d[0].update(aliases=["-"])),
         "index:cluster", "clusters.json", repr(shipped("clusters.json")[0]["id"]), "aliases",
         "key '-' has no letter or digit"),
    Rule("a key finds one record", edited("clusters.json", two_of("aliases", shipped("clusters.json")[0]["name"])),
         "index:cluster", "clusters.json", repr(shipped("clusters.json")[1]["id"]), "aliases",
         f"key {shipped('clusters.json')[0]['name']!r} also finds {shipped('clusters.json')[0]['id']!r}"),
    Rule("an id is no other record's key", edited("clusters.json", lambda d: d[1].update(id="bluecluster")),
         "index:cluster", "clusters.json", "'bluecluster'", "id",
         f"key 'bluecluster' also finds {shipped('clusters.json')[0]['id']!r}"),
    Rule("a number finds one record", edited("priorities.json", lambda d: d[1].update(number=d[0]["number"])),
         "index:priority", "priorities.json", repr(SECOND_PRIORITY["id"]), "number",
         f"number {shipped('priorities.json')[0]['number']} also finds {PRIORITY!r}"),
    Rule("a former id finds no other record", edited(
         "clusters.json", lambda d: d[1].update(former_ids=[d[0]["id"]])), "index:cluster",
         "clusters.json", repr(shipped("clusters.json")[1]["id"]), "former_ids",
         f"former id {shipped('clusters.json')[0]['id']!r} also finds {shipped('clusters.json')[0]['id']!r}"),
]


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_breaking_a_rule_raises_its_data_error(monkeypatch: pytest.MonkeyPatch, rule: Rule) -> None:
    files = rule.damage()
    install(monkeypatch, files)
    load = loader(rule.call)
    with pytest.raises(DataError) as caught:
        load()
    error = caught.value
    reason = rule.reason
    if "{actual}" in reason:
        reason = reason.format(actual=hashlib.sha256((DATA / rule.file).read_bytes()).hexdigest())
    assert (error.file, error.family, error.record, error.field, error.reason) == (
        rule.file, _load._FAMILY_OF.get(rule.file), rule.record, rule.field, reason)
    # Nothing half-made is left behind: no marker of the failed load, nothing cached.
    assert not _load._in_progress
    assert not published(rule.call, load)
    with pytest.raises(DataError) as again:  # and the next call meets the same damage, not a cache
        load()
    assert again.value.reason == error.reason


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_the_same_file_undamaged_loads(monkeypatch: pytest.MonkeyPatch, rule: Rule) -> None:
    # The harness swaps in the shipped bytes unchanged: the loader then accepts them, so each
    # error above comes from its planted damage and not from the way the files were swapped.
    install(monkeypatch, {name: (DATA / name).read_bytes() for name in rule.damage() if name != "!"})
    assert loader(rule.call)()


def test_docs_list_the_same_rules_in_the_same_order() -> None:
    text = (ROOT / "docs" / "testing.md").read_text(encoding="utf-8")
    table = text.split("<!-- rules -->")[1].split("<!-- end of rules -->")[0]
    rows = re.findall(r"^\| (.+?) \|", table, flags=re.MULTILINE)
    listed = [row for row in rows if set(row) - set("-: ")][1:]  # past the header and its rule
    assert listed == [rule.name for rule in RULES]
    assert len(set(listed)) == len(listed)


def test_the_two_reference_walks_must_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast walk finds that an id does not resolve, the slow one names it: if they disagree, say so."""
    install(monkeypatch, {})
    monkeypatch.setattr(_load._structure, "references", lambda cls: lambda item, refs, family: refs.append(
        ("cluster", "an-id-no-field-holds")))
    first = repr(shipped("clusters.json")[0]["id"])
    with pytest.raises(AssertionError, match=f"^the fast and the slow reference walks disagree on {first} in "
                       "clusters.json$"):
        _load.records("cluster")


def test_damage_found_by_the_first_parse_must_be_named_by_the_second(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sound file is parsed once; a damaged one again, to name where: if nothing were named, say so."""
    install(monkeypatch, spelled("clusters.json", "flux50", "support_max_years", "NaN")())
    monkeypatch.setattr(_load, "_check_parsed", lambda name, data: None)
    with pytest.raises(AssertionError, match=r"^clusters\.json: the first parse found damage that the second did not$"):
        _load.records("cluster")
