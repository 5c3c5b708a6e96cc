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


def test_every_quote_is_found_in_its_source(record: fs.Record, source_texts: dict[str, str]) -> None:
    for citation in citations_in(record):
        assert squash(citation.quote) in source_texts[citation.source_id], citation.quote


def test_every_link_quote_is_found(source_texts: dict[str, str]) -> None:
    for link in fs.links():
        for citation in citations_in(link):
            assert squash(citation.quote) in source_texts[citation.source_id], citation.quote


def test_source_records_match_the_repo_copies() -> None:
    for source in fs.sources():
        path = SOURCES_DIR / source.file
        assert hashlib.sha256(path.read_bytes()).hexdigest() == source.sha256, source.file
        if source.date_earliest and source.date_latest:
            assert source.date_earliest.earliest <= source.date_latest.earliest


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
    for record in all_records():
        for text in strings_in(record):
            assert not email.search(text), (record.id, text)
            assert not phone.search(text), (record.id, text)


def test_data_files_are_canonical() -> None:
    subprocess.run([sys.executable, str(ROOT / "tools" / "build_data.py"), "--check"], check=True)
