"""The records' history: public pages as sources, names by language, milestones, periods, successions.

The history rests on public pages the library cites and does not copy. So a page citation
carries a note in the library's words and a quote of no more than a name or a date; every
date has its evidence (and an inferred one its reason); a period starts on a kept milestone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib import resources
from typing import Any

import attrs
import pytest

import flanders_s3 as fs
from conftest import all_records
from flanders_s3 import _load
from flanders_s3._keys import words
from flanders_s3.model import Basis, CitedDate, Precision

PAGE_QUOTE_WORDS = 12


def walk(value: Any, kind: type) -> Iterator[Any]:
    """Every value of type ``kind`` inside ``value`` (records, links, their fields, nested)."""
    if isinstance(value, kind):
        yield value
    if isinstance(value, tuple):
        for item in value:
            yield from walk(item, kind)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from walk(getattr(value, field.name), kind)


def everything() -> list[Any]:
    return [*all_records(), *fs.links()]


def pages() -> list[fs.Source]:
    return [s for s in fs.sources() if s.is_page]


def link(from_key: str, relation: str, to_key: str) -> fs.Link:
    (ff, fid), (tf, tid) = from_key.split(":"), to_key.split(":")
    found = [x for x in fs.links() if (x.from_family, x.from_id, x.relation, x.to_family, x.to_id)
             == (ff, fid, relation, tf, tid)]
    assert len(found) == 1, (from_key, relation, to_key, found)
    return found[0]


# --- public pages -------------------------------------------------------------------------------


def test_there_are_public_pages_and_each_is_described() -> None:
    assert len(pages()) > 100
    for page in pages():
        assert page.url, page.id
        assert page.url.startswith(("http://", "https://")), page.id
        assert page.publisher.strip(), page.id
        assert page.consulted is not None, page.id
        assert page.consulted.precision is Precision.DAY, page.id
        assert page.languages, page.id
        assert page.name_language == page.languages[0], page.id
        assert page.file is None, page.id
        assert page.sha256 is None, page.id
        assert page.date_earliest == page.date_latest, page.id
        assert not page.date_inferred, page.id
        expected = "Printed on the page." if page.date_earliest else "The page shows no date."
        assert page.date_note.startswith(expected), page.id


def test_a_page_is_one_source_however_many_claims_cite_it() -> None:
    urls = [s.url for s in fs.sources() if s.url]
    assert len(urls) == len(set(urls))


def test_a_page_without_a_title_is_named_by_its_address() -> None:
    untitled = [p for p in pages() if p.date_note.endswith("The stored copy shows no title; named by its address.")]
    assert untitled
    for page in untitled:
        assert page.url is not None
        assert page.name.startswith(f"{page.publisher}: "), page.id
        assert page.url.split("://", 1)[1].split("?")[0] == page.name.removeprefix(f"{page.publisher}: "), page.id


def test_no_page_citation_holds_more_than_a_short_quote_or_lacks_a_note() -> None:
    ids = {p.id for p in pages()}
    seen = 0
    for item in everything():
        for citation in walk(item, fs.Citation):
            if citation.source_id in ids:
                seen += 1
                assert citation.note, citation
                assert citation.note.strip(), citation
                assert len(citation.quote.split()) <= PAGE_QUOTE_WORDS, citation
    assert seen > 200


# --- dates, milestones and periods --------------------------------------------------------------


def test_every_cited_date_has_its_evidence() -> None:
    dates = [d for item in everything() for d in walk(item, CitedDate)]
    assert len(dates) > 100
    for date in dates:
        assert date.citations, date
        if date.basis is Basis.INFERRED:
            assert date.reason, date
            assert date.reason.strip(), date
        else:
            assert date.reason is None, date


def test_every_period_starts_on_one_of_its_records_milestones() -> None:
    with_period = [r for r in all_records() if r.period is not None]
    assert len(with_period) >= 15
    for record in with_period:
        assert record.period is not None
        assert record.period.start in [m.date for m in record.milestones], record.key


def test_a_clusters_period_is_its_time_as_spearhead_cluster_and_it_still_holds() -> None:
    for cluster in fs.clusters():
        assert cluster.period is not None, cluster.id
        assert cluster.period.end is None, cluster.id
        assert cluster.period.start.date.earliest.year >= 2016, cluster.id  # the spearhead-cluster policy's time


@pytest.mark.parametrize(("key", "start", "end"), [
    ("cluster:sim", "2017-01-01", None),
    ("cluster:flux50", "2016-12-15", None),
    ("organisation:iminds", "2004-04-22", "2016-09-21"),
    ("organisation:fisch", "2012-03", "2016-12-19"),
    ("organisation:iwt", "1991", "2015"),
])
def test_periods_rest_on_the_claims_they_were_taken_from(key: str, start: str, end: str | None) -> None:
    family, record_id = key.split(":")
    period = fs.lookup.get_by_id(family, record_id).period
    assert period is not None
    assert period.start.date.iso == start
    assert (period.end.date.iso if period.end else None) == end


def test_an_organisation_a_page_shows_ended_without_a_date_has_no_period() -> None:
    # Flanders' Maritime Cluster merged into the Blue Cluster on a day no page gives: a period
    # without an end would say it still holds, so it has none (its founding stays a milestone).
    fmc = fs.get_organisation("flanders-maritime-cluster")
    assert fmc.period is None
    assert [m.kind for m in fmc.milestones] == [fs.MilestoneKind.FOUNDED]


def test_sources_that_disagree_are_separate_milestones() -> None:
    imec = fs.get_organisation("imec")
    founded = {m.date.date.iso for m in imec.milestones if m.kind is fs.MilestoneKind.FOUNDED}
    assert {"1984", "1984-03-15", "1984-03-16"} <= founded
    vanguard = fs.get_network("vanguard-initiative")
    years = {m.date.date.iso for m in vanguard.milestones if m.kind is fs.MilestoneKind.FOUNDED}
    assert years == {"2013", "2014"}


def test_a_cluster_pact_is_an_agreement() -> None:
    pacts = {c.id: [m.date.date.iso for m in c.milestones if m.kind is fs.MilestoneKind.AGREEMENT]
             for c in fs.clusters()}
    assert pacts["catalisti"] == ["2017-06-09"]
    assert pacts["sim"] == ["2017-06-09"]


# --- successions --------------------------------------------------------------------------------


SUCCESSIONS = [
    ("cluster:catalisti", "continues", "organisation:fisch", "2016-12-19"),
    ("cluster:catalisti", "continues", "organisation:flanders-plasticvision", "2016-12-19"),
    ("organisation:imec", "absorbed", "organisation:iminds", "2016-09-21"),
    ("cluster:medvia", "absorbed", "organisation:medtech-flanders", "2022-12"),
    ("organisation:flanders-make", "is the new name of",
     "organisation:new-strategic-research-centre-for-manufacturing", "2014-10"),
    ("organisation:vlaio", "was formed by merging", "organisation:iwt", "2016-01-01"),
    ("organisation:vlaio", "was formed by merging", "organisation:agentschap-ondernemen", "2016"),
    ("organisation:flanders-make", "succeeds", "organisation:fmtc", None),
    ("organisation:flanders-make", "succeeds", "organisation:flanders-drive", None),
    ("cluster:blue-cluster", "merged with", "organisation:flanders-maritime-cluster", None),
]


@pytest.mark.parametrize(("frm", "relation", "to", "date"), SUCCESSIONS, ids=lambda v: str(v))
def test_the_succession_links_exist_dated_where_a_page_dates_them(
    frm: str, relation: str, to: str, date: str | None
) -> None:
    found = link(frm, relation, to)
    assert (found.date.date.iso if found.date else None) == date


def _names(quote: str, key: str) -> bool:
    k, q = words(key), words(quote)
    return any(q[i : i + len(k)] == k for i in range(len(q) - len(k) + 1))


def test_a_stated_succession_names_both_ends_in_its_quotes() -> None:
    successions = {relation for _, relation, _, _ in SUCCESSIONS}
    checked = 0
    for item in fs.links():
        if item.relation not in successions or item.basis is not Basis.STATED:
            continue
        checked += 1
        quotes = [c.quote for c in item.citations]
        for end in (item.source, item.target):
            assert any(_names(q, key) for q in quotes for key in end.keys), (item.from_id, item.to_id, end.key)
    assert checked >= 7


def test_every_succession_reads_backwards() -> None:
    from flanders_s3._crosswalk import INVERSE, reverse

    for item in fs.links():
        if item.date is not None:
            assert item.relation in INVERSE, item.relation
            assert reverse(reverse(item)) == item


def test_catalisti_is_found_from_fisch_by_its_backward_reading() -> None:
    relations = [(r.link.relation, r.direction, r.other.id) for r in fs.related(fs.get_organisation("fisch"))]
    assert ("continues", "in", "catalisti") in relations


# --- names --------------------------------------------------------------------------------------


def test_the_dutch_priority_names_find_their_domains() -> None:
    assert fs.get_priority("Duurzame chemie").id == "sustainable-chemistry"
    assert fs.get_priority("Blauwe economie").id == "blue-economy"
    for priority in fs.priorities():
        assert [n.language for n in priority.names] == ["nl"], priority.id


def test_a_former_name_is_a_name_not_a_record() -> None:
    medvia = fs.get_cluster("flanders.healthTech")
    assert medvia.id == "medvia"
    assert fs.MilestoneKind.RENAMED in [m.kind for m in medvia.milestones]
    assert fs.find_organisation("flanders-healthtech") is None
    assert fs.get_organisation("IBBT").id == "iminds"


def test_names_are_cited_from_pages_and_one_per_text_and_language() -> None:
    ids = {p.id for p in pages()}
    for record in all_records():
        pairs = [(n.text, n.language) for n in record.names]
        assert len(pairs) == len(set(pairs)), record.key
        for name in record.names:
            assert name.citation.source_id in ids, (record.key, name.text)


# --- no contact details -------------------------------------------------------------------------


def test_no_email_address_or_phone_number_in_any_data_file() -> None:
    # The raw files, every string in them: what the records show and what they do not.
    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    phone = re.compile(r"(?:tel|phone)\b|\+?\d{2}[-\s]\d[-\s]?\d{3}\s?\d{2}\s?\d{2}", re.I)

    def strings(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                yield key
                yield from strings(item)

    data = resources.files("flanders_s3") / "data"
    for name in [*_load.FILES.values(), _load.LINKS_FILE]:
        for text in strings(json.loads((data / name).read_text(encoding="utf-8"))):
            assert not email.search(text), (name, text)
            assert not phone.search(text), (name, text)
