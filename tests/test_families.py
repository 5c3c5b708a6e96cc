"""One family vocabulary: every entry point reads a family through model.check_family."""

from __future__ import annotations

import pytest
from hypothesis import find, given, strategies as st

import flanders_s3 as fs
from flanders_s3 import cli, testing
from flanders_s3.model import FAMILY_TYPES, PLURALS, check_family


def test_plurals_cover_every_family_in_order() -> None:
    assert list(PLURALS) == list(FAMILY_TYPES)


@st.composite
def spellings(draw: st.DrawFn) -> tuple[str, str]:
    """(family, one way a user may type it)."""
    family = draw(st.sampled_from(list(PLURALS)))
    text = draw(st.sampled_from([family, PLURALS[family]]))
    if "isation" in text and draw(st.booleans()):
        text = text.replace("isation", "ization")
    separator = draw(st.sampled_from(["_", "-", " "]))
    text = text.replace("_", separator)
    text = "".join(c.upper() if draw(st.booleans()) else c for c in text)
    return family, text


@given(spellings())
def test_every_spelling_names_its_family(case: tuple[str, str]) -> None:
    family, text = case
    assert check_family(text) == family
    assert check_family(f"  {text} ") == family


@pytest.mark.parametrize("text", ["organizations", "Organization", "specializations", "People", "cluster-domains",
                                  "Cluster Domains", "EU_PRIORITY_AREAS", "innovation hub"])
def test_every_entry_point_accepts_the_same_spellings(text: str) -> None:
    family = check_family(text)
    assert fs.search("a", kind=text) == fs.search("a", kind=family)
    assert fs.crosswalk(text, "source") == fs.crosswalk(family, "source")
    assert len(fs.to_dataframe(text)) == len(fs.to_dataframe(family)) == len(fs.lookup.INDICES[family].all())
    assert find(testing.records(text), lambda _: True).family == family
    assert cli._family(text) == family


@pytest.mark.parametrize("text", ["", "clusterz", "cluster__domain", "clusters s", "records_"])
def test_an_unknown_family_is_refused_with_the_list(text: str) -> None:
    with pytest.raises(ValueError, match="one of: source \\(sources\\), cluster \\(clusters\\)") as info:
        check_family(text)
    assert all(f"{f} ({p})" in str(info.value) for f, p in PLURALS.items())


@pytest.mark.parametrize("value", [None, 1, b"cluster", ["cluster"]])
def test_a_family_that_is_not_a_str_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError, match=f"family must be a str, not {type(value).__name__}"):
        check_family(value)
