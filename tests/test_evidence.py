"""Provenance: every quote is in its source, every record cites one, nothing personal leaks."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import attrs

import flanders_s3 as fs
from conftest import ROOT, SOURCES_DIR, all_records, squash
from flanders_s3.lookup import normalise


def citations_in(value: Any) -> Iterator[fs.Citation]:
    if isinstance(value, fs.Citation):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from citations_in(item)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from citations_in(getattr(value, field.name))


def strings_in(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from strings_in(item)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from strings_in(getattr(value, field.name))


# A quote from a captured source is found in its text under sources/. A public page has no
# text here: its citations are checked by the page rules below instead (a note in the
# library's words, and a quote of no more than a name or a date: at most 12 words).
PAGE_QUOTE_WORDS = 12


def check_page_citation(citation: fs.Citation) -> None:
    assert citation.note is not None, (citation.source_id, citation.quote)
    assert citation.note.strip(), (citation.source_id, citation.quote)
    assert len(citation.quote.split()) <= PAGE_QUOTE_WORDS, (citation.source_id, citation.quote)


def test_every_quote_is_found_in_its_source(
    record: fs.Record, source_texts: dict[str, str], page_ids: frozenset[str]
) -> None:
    for citation in citations_in(record):
        if citation.source_id not in page_ids:  # an unknown source is a KeyError: it fails too
            assert squash(citation.quote) in source_texts[citation.source_id], citation.quote


def test_every_link_quote_is_found(source_texts: dict[str, str], page_ids: frozenset[str]) -> None:
    for link in fs.links():
        for citation in citations_in(link):
            if citation.source_id not in page_ids:
                assert squash(citation.quote) in source_texts[citation.source_id], citation.quote


def test_every_page_citation_has_a_note_and_a_short_quote(record: fs.Record, page_ids: frozenset[str]) -> None:
    for citation in citations_in(record):
        if citation.source_id in page_ids:
            check_page_citation(citation)


def test_every_page_citation_of_a_link_has_a_note_and_a_short_quote(page_ids: frozenset[str]) -> None:
    for link in fs.links():
        for citation in citations_in(link):
            if citation.source_id in page_ids:
                check_page_citation(citation)


def test_source_records_match_the_repo_copies() -> None:
    captured = [source for source in fs.sources() if source.file is not None]
    assert captured
    for source in captured:
        path = SOURCES_DIR / source.file
        assert hashlib.sha256(path.read_bytes()).hexdigest() == source.sha256, source.file
    for source in fs.sources():
        if source.date_earliest and source.date_latest:
            assert source.date_earliest.earliest <= source.date_latest.earliest


def test_a_public_page_has_no_capture() -> None:
    for source in fs.sources():
        if source.is_page:
            assert source.sha256 is None, source.id
            assert source.url, source.id
            assert source.consulted, source.id
            assert not (SOURCES_DIR / f"{source.id}.txt").exists(), source.id


def test_every_record_cites_a_source(record: fs.Record) -> None:
    if isinstance(record, fs.Source):
        return
    assert record.citations, record.id
    assert set(record.source_ids) <= {s.id for s in fs.sources()}


def test_supported_text_fields_are_in_their_quote(record: fs.Record) -> None:
    # A citation that says it supports a text field must contain that text.
    for citation in record.citations:
        value = getattr(record, citation.supports, None) if citation.supports else None
        if isinstance(value, str):
            assert normalise(value) in normalise(citation.quote), (citation.supports, value)


def test_numbers_appear_in_the_quotes_they_rest_on() -> None:
    for statistic in fs.region.statistics:
        digits = re.sub(r"\D", "", repr(statistic.value)).rstrip("0")
        assert digits in re.sub(r"\D", "", statistic.citation.quote), statistic
        if statistic.year is not None:
            assert str(statistic.year) in statistic.citation.quote
    for claim in fs.region.innovation_performance:
        assert claim.group in claim.citation.quote
        if claim.year is not None:
            assert str(claim.year) in claim.citation.quote


def test_conflicting_claims_are_kept_with_their_sources() -> None:
    # Each claim keeps its own source; where two sources classify the region,
    # both classifications are present rather than one picked.
    by_source: dict[str, set[str]] = {}
    for claim in fs.region.innovation_performance:
        by_source.setdefault(claim.citation.source_id, set()).add(claim.group)
    assert len(by_source) >= 2
    assert len({g for groups in by_source.values() for g in groups}) >= 2


def test_no_personal_contact_details_in_the_data() -> None:
    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    phone = re.compile(r"(?:tel|phone)\b|\+?\d{2}[-\s]\d[-\s]?\d{3}\s?\d{2}\s?\d{2}", re.I)
    # Every string of every record (names, milestones and periods included) and of every link.
    for item in [*all_records(), *fs.links()]:
        label = item.key if isinstance(item, fs.Record) else (item.from_id, item.relation, item.to_id)
        for text in strings_in(item):
            assert not email.search(text), (label, text)
            assert not phone.search(text), (label, text)


def test_data_files_are_canonical() -> None:
    subprocess.run([sys.executable, str(ROOT / "tools" / "build_data.py"), "--check"], check=True)
