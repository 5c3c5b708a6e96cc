"""The value types the data's history and evidence rest on: names, cited dates, periods,
several citations per link and membership, public-page sources. One failing case per rule."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given, strategies as st

import flanders_s3 as fs
from flanders_s3.model import (
    Basis,
    Citation,
    CitedDate,
    Link,
    Membership,
    MembershipStatus,
    Name,
    PartialDate,
    Period,
    Precision as P,
)

QUOTE = Citation("fit-spearhead-clusters", "Flux50")
PAGE_NOTE = Citation("fit-spearhead-clusters", "Flux50", None, "The page names the cluster.")


def day(iso: str) -> CitedDate:
    precision = {4: P.YEAR, 7: P.MONTH, 10: P.DAY}[len(iso)]
    return CitedDate(PartialDate(iso, precision), Basis.STATED, (QUOTE,))


# --- PartialDate bounds -------------------------------------------------------------------------


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_each_precision_covers_exactly_its_days(d: dt.date) -> None:
    year = PartialDate(f"{d.year:04d}", P.YEAR)
    month = PartialDate(f"{d.year:04d}-{d.month:02d}", P.MONTH)
    exact = PartialDate(d.isoformat(), P.DAY)
    assert (year.earliest, year.latest) == (dt.date(d.year, 1, 1), dt.date(d.year, 12, 31))
    last = calendar.monthrange(d.year, d.month)[1]
    assert (month.earliest, month.latest) == (dt.date(d.year, d.month, 1), dt.date(d.year, d.month, last))
    assert exact.earliest == exact.latest == d
    for partial in (year, month, exact):
        assert partial.covers(d)
        assert not partial.covers(partial.latest + dt.timedelta(days=1))
        assert not partial.covers(partial.earliest - dt.timedelta(days=1))


def test_a_december_and_a_leap_february_end_where_the_calendar_does() -> None:
    assert PartialDate("2016-12", P.MONTH).latest == dt.date(2016, 12, 31)
    assert PartialDate("2016-02", P.MONTH).latest == dt.date(2016, 2, 29)


# --- CitedDate and Period -----------------------------------------------------------------------


def test_a_date_without_a_citation_is_refused() -> None:
    with pytest.raises(ValueError, match="a date needs the citation it rests on"):
        CitedDate(PartialDate("2016", P.YEAR), Basis.STATED, ())


def test_an_inferred_date_needs_its_reason_and_a_blank_one_is_none() -> None:
    with pytest.raises(ValueError, match="an inferred date needs its reason"):
        CitedDate(PartialDate("2016", P.YEAR), Basis.INFERRED, (QUOTE,))
    with pytest.raises(ValueError, match="reason must not be blank"):
        CitedDate(PartialDate("2016", P.YEAR), Basis.INFERRED, (QUOTE,), "  ")
    inferred = CitedDate(PartialDate("2016", P.YEAR), Basis.INFERRED, (QUOTE,), "the article is of 2016")
    assert inferred.reason == "the article is of 2016"


def test_a_period_may_not_end_before_it_starts_but_may_end_in_its_start_year() -> None:
    with pytest.raises(ValueError, match=r"period ends \(2015\) before it starts \(2016-03\)"):
        Period(day("2016-03"), day("2015"))
    # A partial end covers to its latest day: a period from March 2016 "to 2016" is whole.
    assert Period(day("2016-03"), day("2016")).covers(dt.date(2016, 12, 31))
    one_day = Period(day("2016-12-19"), day("2016-12-19"))  # ends on the day it starts
    assert one_day.covers(dt.date(2016, 12, 19))


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
       st.sampled_from(["2016", "2016-12", "2016-12-19"]),
       st.one_of(st.none(), st.sampled_from(["2017", "2018-05", "2020-01-01"])))
def test_a_period_covers_exactly_the_days_from_its_earliest_start_to_its_latest_end(
    d: dt.date, start: str, end: str | None,
) -> None:
    period = Period(day(start), None if end is None else day(end))
    expected = period.start.date.earliest <= d and (end is None or d <= period.end.date.latest)  # type: ignore[union-attr]
    assert period.covers(d) is expected


@pytest.mark.parametrize("start", ["2016", "2016-12", "2016-12-19"])
@pytest.mark.parametrize("end", ["2017", "2018-05", "2020-01-01"])
def test_a_period_covers_its_first_and_last_days_and_neither_day_beside_them(start: str, end: str) -> None:
    period = Period(day(start), day(end))
    first, last = period.start.date.earliest, period.end.date.latest  # type: ignore[union-attr]
    assert period.covers(first)
    assert period.covers(last)
    assert not period.covers(first - dt.timedelta(days=1))
    assert not period.covers(last + dt.timedelta(days=1))
    assert Period(day(start)).covers(first)
    assert not Period(day(start)).covers(first - dt.timedelta(days=1))


# --- Names --------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["NL", "nld", "n", "", "dutch"])
def test_a_name_language_is_two_lower_case_letters(language: str) -> None:
    with pytest.raises(ValueError, match="is not an ISO 639-1 code"):
        Name("Duurzame chemie", language, QUOTE)


def test_a_blank_name_is_refused() -> None:
    with pytest.raises(ValueError, match="text must not be blank"):
        Name(" ", "nl", QUOTE)


def test_a_record_name_language_is_checked_like_a_names() -> None:
    flux = fs.get_cluster("Flux50")
    assert attrs.evolve(flux, name_language="en").name_language == "en"
    with pytest.raises(ValueError, match="name_language 'EN' is not an ISO 639-1 code"):
        attrs.evolve(flux, name_language="EN")


def test_keys_are_id_name_aliases_and_names_once_each_and_never_a_former_id() -> None:
    name = Name("Vlaamse Energiecluster", "nl", QUOTE)
    flux = attrs.evolve(fs.get_cluster("Flux50"), names=(name, Name("Flux50", "en", QUOTE)),
                        former_ids=("old-flux",))
    assert flux.keys == ("flux50", "Flux50", *flux.aliases, "Vlaamse Energiecluster")


# --- Several citations --------------------------------------------------------------------------


def test_a_membership_needs_at_least_one_citation() -> None:
    with pytest.raises(ValueError, match="citations must hold at least one citation"):
        Membership(network_id="vanguard-initiative", status=MembershipStatus.YES, citations=())


def test_agreeing_sources_make_one_membership_with_each_citation() -> None:
    vanguard = [m for m in fs.region.memberships if m.network_id == "vanguard-initiative"]
    assert len(vanguard) == 1
    assert {c.source_id for c in vanguard[0].citations} == {
        "vanguard-member-profile-flanders", "saphire-observatory-profile-flanders"}


def test_no_two_memberships_make_the_same_claim() -> None:
    claims = [(m.network_id, m.status) for m in fs.region.memberships]
    assert len(claims) == len(set(claims))


def link(**changes: Any) -> Link:
    fields: dict[str, Any] = dict(from_family="cluster", from_id="flux50", relation="is the new name of",
                                  to_family="organisation", to_id="fisch", basis=Basis.STATED, citations=(QUOTE,))
    return Link(**{**fields, **changes})


def test_a_stated_link_needs_a_citation_and_an_inferred_one_a_reason() -> None:
    with pytest.raises(ValueError, match="a stated link needs the citations that state it"):
        link(citations=())
    with pytest.raises(ValueError, match="an inferred link needs its reason"):
        link(basis=Basis.INFERRED)
    assert link(basis=Basis.INFERRED, citations=(), reason="the pages name both").citations == ()


def test_a_succession_link_carries_its_cited_date() -> None:
    dated = link(date=day("2017-05-10"))
    assert dated.date is not None
    assert dated.date.date.earliest == dt.date(2017, 5, 10)


# --- Public pages as sources --------------------------------------------------------------------


def source(**changes: Any) -> fs.Source:
    return attrs.evolve(fs.get_source("fit-spearhead-clusters"), **changes)


def test_a_captured_source_has_both_file_and_hash() -> None:
    with pytest.raises(ValueError, match="a captured source needs both file and sha256"):
        source(sha256=None)
    with pytest.raises(ValueError, match="a captured source needs both file and sha256"):
        source(file=None)


def test_a_page_needs_its_url_and_the_day_it_was_consulted() -> None:
    consulted = PartialDate("2026-12-02", P.DAY)
    with pytest.raises(ValueError, match=r"a public page .* needs its url and the date it was consulted"):
        source(file=None, sha256=None, url="https://example.org/page")
    with pytest.raises(ValueError, match=r"a public page .* needs its url and the date it was consulted"):
        source(file=None, sha256=None, url=None, consulted=consulted)
    page = source(file=None, sha256=None, url="https://example.org/page", consulted=consulted)
    assert page.is_page
    assert not fs.get_source("fit-spearhead-clusters").is_page


def test_a_citation_note_may_be_missing_but_not_blank() -> None:
    assert PAGE_NOTE.note == "The page names the cluster."
    with pytest.raises(ValueError, match="note must not be blank"):
        Citation("fit-spearhead-clusters", "Flux50", None, " ")


# --- small accessors that no shipped record reaches -------------------------------------------


def test_rating_levels_rank_in_the_order_the_source_gives() -> None:
    from flanders_s3.model._values import RatingLevel

    assert [level.rank for level in RatingLevel] == [1, 2, 3]
    assert sorted(RatingLevel, key=lambda level: level.rank, reverse=True)[0] is RatingLevel.VERY_HIGH


def test_a_role_resolves_its_organisation_or_has_none() -> None:
    from flanders_s3.model._values import Role

    person = fs.people()[0]
    role = person.roles[0]
    assert role.organisation is None  # no shipped role names its organisation
    organisation = fs.organisations()[0]
    assert attrs.evolve(role, organisation_id=organisation.id).organisation is organisation
    assert isinstance(role, Role)


def test_the_family_types_mapping_shows_its_families() -> None:
    from flanders_s3.model import FAMILY_TYPES

    assert repr(FAMILY_TYPES) == f"FAMILY_TYPES({', '.join(FAMILY_TYPES)})"
    assert len(FAMILY_TYPES) == len(list(FAMILY_TYPES)) == 18


def test_the_model_package_lists_its_names_for_dir() -> None:
    import flanders_s3.model as model

    names = dir(model)
    assert names == sorted(names)
    assert set(model.__all__) <= set(names)
    assert "Cluster" in names
    assert "FAMILY_TYPES" in names


def test_a_name_the_model_does_not_define_is_an_attribute_error_naming_it() -> None:
    from flanders_s3 import model

    with pytest.raises(AttributeError, match=r"^module 'flanders_s3\.model' has no attribute 'Nope'$"):
        model.Nope  # noqa: B018
