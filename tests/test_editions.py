"""The strategy's sets of priorities: each an Edition, each record pointing back to it."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given

import flanders_s3 as fs
from flanders_s3 import testing
from flanders_s3.lookup import INDICES
from flanders_s3.model import _EDITION_FAMILIES

EDITION_FAMILIES = sorted(_EDITION_FAMILIES)


def test_each_family_of_priorities_is_one_edition() -> None:
    assert sorted(e.record_family for e in fs.editions()) == EDITION_FAMILIES


@pytest.mark.parametrize("family", EDITION_FAMILIES)
def test_every_record_of_a_set_points_to_its_edition(family: str) -> None:
    [edition] = [e for e in fs.editions() if e.record_family == family]
    records = INDICES[family].all()
    assert records, family
    assert all(r.edition_id == edition.id and r.edition is edition for r in records)
    assert edition.records == records  # the source's order, every record


@given(testing.editions())
def test_a_printed_count_is_the_number_of_records(edition: fs.Edition) -> None:
    if edition.count_printed is not None:
        assert len(edition.records) == edition.count_printed


def test_the_counts_as_words_are_printed() -> None:
    assert "Six" in fs.get_edition("innovation-hubs").citations[0].quote
    assert "Seven" in fs.get_edition("strategic-cluster-domains").citations[0].quote
    assert "10" in fs.get_edition("ris3-priority-domains").citations[0].quote


def test_the_current_domains_keep_their_numbers_and_the_eye_ris3_set_none() -> None:
    assert [p.number for p in fs.priorities()] == list(range(1, 11))
    assert not hasattr(fs.get_eye_ris3_priority("smart systems"), "number")


def test_an_edition_of_a_family_that_holds_no_priorities_is_refused() -> None:
    edition = fs.get_edition("innovation-hubs")
    with pytest.raises(ValueError, match="record_family 'cluster' is not a family of priorities"):
        attrs.evolve(edition, record_family="cluster")


def test_each_eye_ris3_priority_is_named_as_the_s3_platform_lists_it() -> None:
    source = fs.get_edition("eye-ris3-priorities").source
    assert source.is_page
    assert source.url == "https://s3platform.jrc.ec.europa.eu/regions/BE2/tags/BE2"
    for priority in fs.eye_ris3_priorities():
        [citation] = priority.citations
        assert (citation.source_id, citation.quote, citation.supports) == (source.id, priority.name, "name")
        assert citation.note


def test_names_repeat_across_editions_without_breaking_lookups() -> None:
    eye = fs.get_eye_ris3_priority("Sustainable chemistry")
    domain = fs.get_cluster_domain("Sustainable chemistry")
    priority = fs.get_priority("Sustainable chemistry")
    assert len({eye.key, domain.key, priority.key}) == 3
    assert eye.edition is not domain.edition is not priority.edition


def test_editions_compare_through_the_crosswalk_with_each_links_basis() -> None:
    links = fs.crosswalk("eye_ris3_priority", "cluster_domain")
    assert links
    for link in links:
        assert link.basis is fs.Basis.INFERRED
        assert link.reason is not None
        assert "no source maps one list onto the other" in link.reason


def test_no_edition_claims_a_period_no_source_gives() -> None:
    assert all(e.period is None for e in fs.editions())
    assert fs.editions(as_of=dt.date(2016, 1, 1)) == ()
    assert {(e.id, m.kind.value) for e in fs.editions() for m in e.milestones} == {
        ("innovation-hubs", "started"), ("ris3-priority-domains", "updated")}


def test_edition_milestones_are_on_the_timeline() -> None:
    entries = fs.timeline(family="edition")
    assert {(t.record.id, t.date.iso) for t in entries} == {("innovation-hubs", "2010"),
                                                            ("ris3-priority-domains", "2023-03")}
