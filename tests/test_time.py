"""as_of= on every listing function and the timeline: both read the records' cited periods."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections import Counter

import attrs
import pytest
from hypothesis import given, settings, strategies as st

import flanders_s3 as fs
from flanders_s3 import _time, cli
from flanders_s3.lookup import INDICES
from flanders_s3.model import FAMILY_TYPES, PLURALS, Basis, Citation, Precision

LISTINGS = {family: getattr(fs, PLURALS[family]) for family in FAMILY_TYPES}
DAYS = st.dates(min_value=dt.date(1980, 1, 1), max_value=dt.date(2030, 12, 31))


@pytest.mark.parametrize("family", sorted(FAMILY_TYPES))  # every family's listing, whatever the draw
@settings(max_examples=20)
@given(day=DAYS)
def test_a_record_is_listed_as_of_a_day_exactly_when_its_period_covers_it(family: str, day: dt.date) -> None:
    listed = LISTINGS[family](as_of=day)
    everyone = LISTINGS[family]()
    expected = tuple(
        r for r in everyone
        if r.period is not None and r.period.start.date.earliest <= day
        and (r.period.end is None or day <= r.period.end.date.latest)
    )
    assert listed == expected


@pytest.mark.parametrize("family", sorted(FAMILY_TYPES))
def test_without_as_of_a_listing_returns_every_record_whatever_its_period(family: str) -> None:
    assert LISTINGS[family]() == INDICES[family].all()
    assert LISTINGS[family](as_of=None) == INDICES[family].all()


def test_a_record_without_a_period_is_never_listed_as_of_any_day() -> None:
    undated = [r for r in fs.organisations() if r.period is None]
    assert undated  # most records: no source gives their period
    for day in (dt.date(1900, 1, 1), dt.date(2016, 6, 1), dt.date.today()):
        listed = set(fs.organisations(as_of=day))
        assert not listed & set(undated)


@pytest.mark.parametrize("bad", ["2016-06-01", 2016, dt.datetime(2016, 6, 1), 20160601.0])
def test_as_of_takes_a_date_only(bad: object) -> None:
    with pytest.raises(TypeError, match=r"as_of must be a datetime\.date, not"):
        fs.clusters(as_of=bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"as_of must be a datetime\.date"):
        fs.sources(as_of=bad)  # type: ignore[arg-type]


def test_a_datetime_is_refused_with_the_way_out() -> None:
    with pytest.raises(TypeError, match=r"pass its \.date\(\)"):
        fs.clusters(as_of=dt.datetime(2016, 6, 1))  # type: ignore[arg-type]


# --- the timeline ---------------------------------------------------------------------------------


def test_the_timeline_is_in_date_order_coarse_before_fine() -> None:
    entries = fs.timeline()
    assert entries
    keys = [e.sort_key for e in entries]
    assert keys == sorted(keys)
    for a, b in itertools.pairwise(entries):
        assert a.date.earliest <= b.date.earliest


def test_the_timeline_holds_every_milestone_and_period_bound_once() -> None:
    entries = fs.timeline()
    expected = []
    for family in FAMILY_TYPES:
        for r in INDICES[family].all():
            expected += [(r.key, m.kind.value, m.date.date) for m in r.milestones]
            if r.period is not None:
                expected.append((r.key, "period start", r.period.start.date))
                if r.period.end is not None:
                    expected.append((r.key, "period end", r.period.end.date))

    got = Counter((e.record.key, e.what, e.date) for e in entries)
    for item, count in Counter(expected).items():
        assert got[item] >= count, item


def test_the_timeline_holds_every_dated_link_at_its_source_end() -> None:
    dated = [link for link in fs.links() if link.date is not None]
    entries = {(e.record.key, e.what, e.other.key if e.other else None, e.date) for e in fs.timeline()}
    for link in dated:
        assert link.date is not None
        assert (link.source.key, link.relation, link.target.key, link.date.date) in entries


def test_documents_dates_are_on_the_timeline_with_the_quote_that_prints_them() -> None:
    launch = next(e for e in fs.timeline() if e.record.key == "event:launch-of-the-vanguard-initiative")
    assert launch.date.iso == "2013-11-08"
    assert launch.what == "launch"
    assert any("8 November 2013" in c.quote for c in launch.citations)
    for e in fs.timeline():
        assert e.citations, e
        assert (e.basis is Basis.INFERRED) == (e.reason is not None) or e.basis is Basis.STATED, e


def test_timeline_of_a_family_is_that_familys_part_of_the_whole() -> None:
    whole = fs.timeline()
    for family in ("event", "Events", "cluster-domains", "organisations"):
        part = fs.timeline(family)
        wanted = fs.model.check_family(family)
        assert part == tuple(e for e in whole if e.record.family == wanted)
    with pytest.raises(ValueError, match="unknown family 'clusterz'"):
        fs.timeline("clusterz")


def test_timeline_entries_are_immutable_and_name_their_sources() -> None:
    import attrs

    entry = fs.timeline()[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        entry.what = "x"  # type: ignore[misc]
    assert entry.source_ids == tuple(dict.fromkeys(c.source_id for c in entry.citations))
    assert entry.precision is entry.date.precision


# --- the command line -------------------------------------------------------------------------------


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv, prog="flanders-s3")
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_timeline_json_is_the_librarys_timeline(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["timeline", "--json"], capsys)
    assert code == 0
    rows = json.loads(out)
    assert [(r["date"]["iso"], r["record"], r["what"]) for r in rows] == [
        (e.date.iso, e.record.key, e.what) for e in fs.timeline()]


def test_cli_timeline_text_lists_each_entry_with_its_sources(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["timeline", "--family", "events"], capsys)
    assert code == 0
    assert "2013-11-08" in out
    assert "event:launch-of-the-vanguard-initiative" in out
    assert all(len(line) <= cli.WIDTH for line in out.splitlines())


def test_cli_list_as_of_lists_what_the_library_lists(capsys: pytest.CaptureFixture[str]) -> None:
    day = dt.date(2019, 6, 1)
    code, out, _ = run(["list", "organisations", "--as-of", day.isoformat(), "--json"], capsys)
    assert code == 0
    assert [r["id"] for r in json.loads(out)] == [r.id for r in fs.organisations(as_of=day)]


@pytest.mark.parametrize("bad", ["2019", "2019-06", "01/06/2019", "2019-02-30"])
def test_cli_as_of_wants_a_whole_day(bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["list", "clusters", "--as-of", bad], capsys)
    assert code == 2
    assert "not a day YYYY-MM-DD" in err


def test_cli_as_of_needs_a_family(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["list", "--as-of", "2019-06-01"], capsys)
    assert code == 2
    assert "--as-of needs a FAMILY" in err


def _dated(family: str, field: str) -> fs.Record:
    record: fs.Record = next(r for r in INDICES[family].all() if getattr(r, field) is not None)
    return record


@pytest.mark.parametrize(("family", "field"), [("event", "date"), ("network", "launched"), ("policy", "date")])
def test_a_document_date_cites_its_field_then_its_year_then_everything(family: str, field: str) -> None:
    record = _dated(family, field)
    year = getattr(record, field).iso[:4]
    cited = Citation("a-source", "the date's own citation", supports=field)
    printing = Citation("a-source", f"something happened in {year}, it says")
    other = Citation("a-source", "no year here")
    # The event's and the network's dates are finer than a year, so the year is cut from a longer iso.
    assert getattr(record, field).precision is not Precision.YEAR or family == "policy"

    def cites(*citations: Citation) -> tuple[Citation, ...]:
        (entry,) = [e for e in _time._entries(attrs.evolve(record, citations=citations, milestones=(),
                                                           period=None))]
        return entry.citations

    assert cites(other, printing, cited) == (cited,)  # the one cited for the field, first
    elsewhere = Citation("a-source", f"also {year}", supports="name")
    assert cites(other, printing) == (printing,)  # else the ones that print its year,
    assert cites(elsewhere, other, printing) == (elsewhere, printing)  # whatever else they support
    named = Citation("a-source", "x", supports="name")
    assert cites(other, named) == (other, named)  # else all of them


def test_every_document_date_is_on_the_timeline_once_with_what_it_dates() -> None:
    documents = ("event", "network", "policy")
    expected: Counter[tuple[object, ...]] = Counter()
    for record in (r for family in documents for r in INDICES[family].all()):
        bounds = [] if record.period is None else [("period start", record.period.start), ("period end",
                                                                                          record.period.end)]
        for what, dated in [(m.kind.value, m.date) for m in record.milestones] + bounds:
            if dated is not None:
                expected[(record.key, what, dated.date, dated.basis, dated.reason)] += 1
    dates = [(e.key, e.kind.value, e.date, Basis.INFERRED if e.date_inferred else Basis.STATED,
              e.date_note if e.date_inferred else None) for e in fs.events() if e.date is not None]
    dates += [(n.key, "launched", n.launched, Basis.STATED, None) for n in fs.networks() if n.launched]
    dates += [(p.key, "dated", p.date, Basis.STATED, None) for p in fs.policies() if p.date]
    assert {key.partition(":")[0] for key, *_ in dates} == set(documents)  # each kind is in the data
    expected.update(dates)
    got = Counter((e.record.key, e.what, e.date, e.basis, e.reason) for e in fs.timeline()
                  if e.record.family in documents and e.other is None)
    assert got == expected
