"""The crosswalk: curated and derived links resolve, every stored reference is a link, and
every view of a link (related, crosswalk, reverse) is the same edge seen from one end."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from itertools import product
from typing import Any

import attrs
import pytest

import flanders_s3 as fs
from flanders_s3 import _crosswalk as cw, _load
from flanders_s3._crosswalk import Relation, crosswalk, links as all_links, related, reverse
from flanders_s3.lookup import INDICES, get_by_id
from flanders_s3.model import FAMILY_TYPES, Basis, Citation, Link

FAMILIES = list(FAMILY_TYPES)


def derived() -> tuple[Link, ...]:
    return all_links()[len(_load.links()):]


def citations_in(value: object) -> Iterator[Citation]:
    if isinstance(value, Citation):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from citations_in(item)
    elif attrs.has(cls := type(value)):
        for field in attrs.fields(cls):
            yield from citations_in(getattr(value, field.name))


def edge(link: Link) -> tuple[Any, ...]:
    """A link as an undirected edge with its evidence, whichever way it is read."""
    ends = frozenset({(link.from_family, link.from_id), (link.to_family, link.to_id)})
    return ends, link.basis, link.citations, link.reason


def test_curated_links_come_first_then_derived_ones() -> None:
    links = all_links()
    assert links[:len(_load.links())] == _load.links()
    assert len(set(links)) == len(links)
    assert all_links() is links  # computed once


def test_every_link_resolves_at_both_ends() -> None:
    for link in all_links():
        source, target = link.source, link.target
        assert (source.family, source.id) == (link.from_family, link.from_id)
        assert (target.family, target.id) == (link.to_family, link.to_id)


def test_every_stored_reference_is_a_stated_link() -> None:
    # The loader's own reference walker, independent of the crosswalk's.
    references = {
        (family, record.id, target_family, target_id)
        for family in FAMILIES
        for record in INDICES[family].all()
        for path, target_family, target_id in _load._references(record, "")
        if not path.endswith("source_id")  # a citation's source is evidence, not an edge
    }
    derived_ends = {(link.from_family, link.from_id, link.to_family, link.to_id) for link in derived()}
    # A derived link equal to a curated one is listed once, as the curated one.
    curated = {(link.from_family, link.from_id, link.to_family, link.to_id) for link in _load.links()}
    assert derived_ends <= references
    assert references - derived_ends <= curated


def test_a_derived_link_cites_only_its_two_records_own_evidence() -> None:
    for link in derived():
        assert link.citations or link.basis is Basis.INFERRED
        assert set(link.citations) <= {*citations_in(link.source), *citations_in(link.target)}
        assert link.relation != cw.FALLBACK, f"add a phrase for {link.from_family} -> {link.to_family}"


def test_a_derived_link_is_stated_exactly_when_its_quotes_name_both_ends() -> None:
    for link in derived():
        both = cw.names(link.source, link.citations) and cw.names(link.target, link.citations)
        assert (link.basis is Basis.STATED) == both, link
        if link.basis is Basis.INFERRED:
            assert link.reason is not None
            assert "no quote of the sources names both ends" in link.reason


def names_of(record: fs.Record) -> list[str]:
    return [n.casefold() for n in (record.name, *record.aliases)]


def test_a_derived_link_cites_the_quote_that_names_its_target() -> None:
    # Top-level references (no nested value with its own citation): a quote naming the target wins.
    for link in derived():
        record = link.source
        if len(link.citations) != 1 or link.citations[0] not in record.citations:
            continue  # the citation of a nested value (role, membership, list entry ...)
        naming = [c for c in record.citations if any(n in c.quote.casefold() for n in names_of(link.target))]
        if naming:
            assert link.citations[0] in naming, link


def test_a_membership_link_carries_the_membership_citation_and_status() -> None:
    region = fs.region
    links = [link for link in derived() if link.from_id == region.id and link.to_family == "network"
             and "member" in link.relation]
    assert Counter((m.network_id, m.citations) for m in region.memberships) == Counter(
        (link.to_id, link.citations) for link in links)
    for link in links:
        member = next(m for m in region.memberships if m.citations == link.citations)
        assert ("not" in link.relation) == (member.status is fs.MembershipStatus.NO)


def test_related_is_symmetric() -> None:
    for link in all_links():
        source, target = link.source, link.target
        assert Relation(link, target, "out") in related(source)
        assert Relation(link, source, "in") in related(target)


def test_related_holds_only_the_records_links_in_all_links_order(record: fs.Record) -> None:
    order = {link: n for n, link in enumerate(all_links())}
    relations = related(record)
    assert [order[r.link] for r in relations] == sorted(order[r.link] for r in relations)
    for relation in relations:
        link = relation.link
        here = (link.from_family, link.from_id) if relation.direction == "out" else (link.to_family, link.to_id)
        there = relation.other
        assert here == (record.family, record.id)
        assert there is (link.target if relation.direction == "out" else link.source)
    touching = [link for link in all_links() if record.id in {link.from_id, link.to_id}
                and record.family in {link.from_family, link.to_family}]
    assert len(relations) == len(touching)


def test_stated_only_drops_every_inferred_link_and_nothing_else() -> None:
    assert all_links(stated_only=True) == tuple(link for link in all_links() if link.basis is Basis.STATED)
    for family in FAMILIES:
        for record in INDICES[family].all():
            assert related(record, stated_only=True) == tuple(
                r for r in related(record) if r.link.basis is Basis.STATED)


@pytest.mark.parametrize(("a", "b"), list(product(FAMILIES, repeat=2)))
def test_crosswalk_both_ways_holds_the_same_edges(a: str, b: str) -> None:
    forward, backward = crosswalk(a, b), crosswalk(b, a)
    assert all((link.from_family, link.to_family) == (a, b) for link in forward)
    assert Counter(map(edge, forward)) == Counter(map(edge, backward))
    between = [link for link in all_links() if {link.from_family, link.to_family} == {a, b}]
    assert len(forward) == len(between)
    if a != b:
        assert Counter(backward) == Counter(map(reverse, forward))
    stated = crosswalk(a, b, stated_only=True)
    assert stated == tuple(link for link in forward if link.basis is Basis.STATED)


def test_reverse_is_an_involution_with_a_readable_relation() -> None:
    for link in all_links():
        back = reverse(link)
        assert reverse(back) == link
        assert (back.from_family, back.from_id, back.to_family, back.to_id) == (
            link.to_family, link.to_id, link.from_family, link.from_id)
        assert (back.basis, back.citations, back.reason) == (link.basis, link.citations, link.reason)
    for relation, inverse in cw.INVERSE.items():
        assert cw.INVERSE[inverse] == relation
    unknown = attrs.evolve(all_links()[0], relation="is the twin of") if all_links() else None
    if unknown is not None:
        assert reverse(unknown).relation == "inverse of 'is the twin of'"
        assert reverse(reverse(unknown)) == unknown


def test_the_priority_domains_lead_is_a_link() -> None:
    for priority in fs.priorities():
        out = [r for r in related(priority) if r.direction == "out" and r.link.relation == "names"]
        assert [r.other for r in out] == [priority.named]


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, "flux50", 3, fs.Citation(source_id="x", quote="y")])
def test_related_needs_a_record(value: Any) -> None:
    with pytest.raises(TypeError, match=type(value).__name__):
        related(value)


def test_related_refuses_a_record_that_is_not_the_datasets() -> None:
    flux = fs.get_cluster("flux50")
    with pytest.raises(ValueError, match="flux50"):
        related(attrs.evolve(flux, tagline="changed"))
    with pytest.raises(ValueError, match="no-such-cluster"):
        related(attrs.evolve(flux, id="no-such-cluster"))
    with pytest.raises(ValueError, match="family"):
        related(fs.Record(id="x", name="x"))
    assert related(get_by_id("cluster", "flux50")) == related(flux)


def test_crosswalk_checks_its_families() -> None:
    with pytest.raises(ValueError, match="clustre") as info:
        crosswalk("clustre", "priority")
    assert all(family in str(info.value) for family in FAMILIES)
    with pytest.raises(ValueError, match="priorites"):
        crosswalk("cluster", "priorites")
    assert crosswalk("Clusters", "priorities") == crosswalk("cluster", "priority")
    with pytest.raises(TypeError, match="NoneType"):
        crosswalk(None, "cluster")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Link"):
        reverse("x")  # type: ignore[arg-type]


def test_threads_compute_the_links_once() -> None:
    code = (
        "import threading\n"
        "from flanders_s3 import _crosswalk as crosswalk\n"
        "calls = []\n"
        "derive = crosswalk._derive\n"
        "crosswalk._derive = lambda: calls.append(1) or derive()\n"
        "barrier = threading.Barrier(8)\n"
        "seen = []\n"
        "def work():\n"
        "    barrier.wait()\n"
        "    seen.append(crosswalk.links())\n"
        "threads = [threading.Thread(target=work) for _ in range(8)]\n"
        "[t.start() for t in threads]\n"
        "[t.join() for t in threads]\n"
        "print(len(calls), all(s is seen[0] for s in seen), len(seen))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "True", "8"]


def test_import_reads_no_data() -> None:
    code = "from flanders_s3 import _crosswalk as crosswalk, _load\nprint(len(_load._records), len(_load._links))\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert result.stdout.split() == ["0", "0"], result.stderr


def test_no_link_claims_to_lead() -> None:
    # The sources print a name beside a domain; none says that anyone leads anything.
    for link in fs.links():
        assert "lead" not in link.relation.casefold(), link
    for priority in fs.priorities():
        out = [r for r in fs.related(priority) if r.direction == "out" and r.other is priority.named]
        assert [r.link.relation for r in out] == ["names"]
        back = [r for r in fs.related(priority.named) if r.other is priority]
        assert ("in", "names") in [(r.direction, r.link.relation) for r in back]
    assert fs.crosswalk("cluster", "priority")[0].relation == "is named by"
