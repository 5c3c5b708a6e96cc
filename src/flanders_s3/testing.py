"""Hypothesis strategies over the shipped records, for your own test suites.

Needs hypothesis: ``pip install 'flanders-s3[hypothesis]'``. Importing this
module, or calling a strategy function, reads no data; records are read when
hypothesis first draws from a strategy.

One strategy per family (:func:`clusters`, :func:`priorities` ...) draws real
records; :func:`records` draws from one family or all of them;
:func:`spellings` draws a record's id, name or an alias typed the way people
type it (random case, extra or missing spaces, hyphens, underscores and
apostrophes, accents added or dropped), which lookup must still resolve to
that very record; :func:`keys` does the same for any record of a family.

>>> from hypothesis import given, settings, strategies as st
>>> import flanders_s3 as fs
>>> from flanders_s3 import testing
>>> @settings(max_examples=25, deadline=None)
... @given(st.data())
... def test_a_cluster_is_found_however_it_is_typed(data):
...     cluster = data.draw(testing.clusters())
...     assert fs.get_cluster(data.draw(testing.spellings(cluster))) is cluster
>>> test_a_cluster_is_found_however_it_is_typed()
>>> @settings(max_examples=25, deadline=None)
... @given(testing.keys("priority"))
... def test_every_priority_key_resolves(key):
...     assert isinstance(fs.get_priority(key), fs.PriorityDomain)
>>> test_every_priority_key_resolves()
"""

from __future__ import annotations

import unicodedata
from typing import TypeVar

try:
    from hypothesis import strategies as st
except ImportError as _missing:  # only users who have hypothesis import this module
    raise ImportError(
        "flanders_s3.testing needs hypothesis; install it with: pip install 'flanders-s3[hypothesis]'"
    ) from _missing

from flanders_s3 import lookup
from flanders_s3.model import (
    Cluster,
    ClusterDomain,
    Code,
    EconomicSpecialisation,
    Edition,
    EUPriorityArea,
    Event,
    EyeRis3Priority,
    Initiative,
    InnovationHub,
    Network,
    Organisation,
    Person,
    Pilot,
    Policy,
    PriorityDomain,
    Record,
    Region,
    Source,
    check_family,
)

__all__ = [
    "cluster_domains",
    "clusters",
    "codes",
    "editions",
    "eu_priority_areas",
    "events",
    "eye_ris3_priorities",
    "initiatives",
    "innovation_hubs",
    "keys",
    "networks",
    "organisations",
    "people",
    "pilots",
    "policies",
    "priorities",
    "records",
    "regions",
    "sources",
    "specialisations",
    "spellings",
]

R = TypeVar("R", bound=Record)

# What people put between words, or by mistake inside them; normalise() drops every one.
_SEPARATORS = (" ", "  ", "-", "_", "'", "\u2019", ".", "\t")
# Accents to put on a letter; normalise() drops them.
_ACCENTS = ("\u0301", "\u0300", "\u0308", "\u0302")


def _all_of(family: str) -> st.SearchStrategy[Record]:
    def build() -> st.SearchStrategy[Record]:
        items = lookup.INDICES[family].all()
        if not items:
            raise ValueError(f"this data version ships no {family.replace('_', ' ')} records to draw from")
        return st.sampled_from(items)

    return st.deferred(build)  # deferred: the data is read on first draw, not here


def _of(cls: type[R]) -> st.SearchStrategy[R]:
    strategy: st.SearchStrategy[R] = _all_of(cls.family)  # type: ignore[assignment]
    return strategy


def sources() -> st.SearchStrategy[Source]:
    """Any shipped :class:`~flanders_s3.model.Source`."""
    return _of(Source)


def clusters() -> st.SearchStrategy[Cluster]:
    """Any shipped :class:`~flanders_s3.model.Cluster`."""
    return _of(Cluster)


def priorities() -> st.SearchStrategy[PriorityDomain]:
    """Any shipped :class:`~flanders_s3.model.PriorityDomain`."""
    return _of(PriorityDomain)


def regions() -> st.SearchStrategy[Region]:
    """Any shipped :class:`~flanders_s3.model.Region`."""
    return _of(Region)


def organisations() -> st.SearchStrategy[Organisation]:
    """Any shipped :class:`~flanders_s3.model.Organisation`."""
    return _of(Organisation)


def networks() -> st.SearchStrategy[Network]:
    """Any shipped :class:`~flanders_s3.model.Network`."""
    return _of(Network)


def people() -> st.SearchStrategy[Person]:
    """Any shipped :class:`~flanders_s3.model.Person`."""
    return _of(Person)


def cluster_domains() -> st.SearchStrategy[ClusterDomain]:
    """Any shipped :class:`~flanders_s3.model.ClusterDomain`."""
    return _of(ClusterDomain)


def innovation_hubs() -> st.SearchStrategy[InnovationHub]:
    """Any shipped :class:`~flanders_s3.model.InnovationHub`."""
    return _of(InnovationHub)


def eu_priority_areas() -> st.SearchStrategy[EUPriorityArea]:
    """Any shipped :class:`~flanders_s3.model.EUPriorityArea`."""
    return _of(EUPriorityArea)


def specialisations() -> st.SearchStrategy[EconomicSpecialisation]:
    """Any shipped :class:`~flanders_s3.model.EconomicSpecialisation`."""
    return _of(EconomicSpecialisation)


def policies() -> st.SearchStrategy[Policy]:
    """Any shipped :class:`~flanders_s3.model.Policy`."""
    return _of(Policy)


def pilots() -> st.SearchStrategy[Pilot]:
    """Any shipped :class:`~flanders_s3.model.Pilot`."""
    return _of(Pilot)


def events() -> st.SearchStrategy[Event]:
    """Any shipped :class:`~flanders_s3.model.Event`."""
    return _of(Event)


def initiatives() -> st.SearchStrategy[Initiative]:
    """Any shipped :class:`~flanders_s3.model.Initiative`."""
    return _of(Initiative)


def codes() -> st.SearchStrategy[Code]:
    """Any shipped :class:`~flanders_s3.model.Code`."""
    return _of(Code)


def editions() -> st.SearchStrategy[Edition]:
    """Any shipped :class:`~flanders_s3.model.Edition`."""
    return _of(Edition)


def eye_ris3_priorities() -> st.SearchStrategy[EyeRis3Priority]:
    """Any shipped :class:`~flanders_s3.model.EyeRis3Priority`."""
    return _of(EyeRis3Priority)


def records(family: str | None = None) -> st.SearchStrategy[Record]:
    """Any shipped record of ``family`` (a family name such as ``"cluster"``), or of every family."""
    if family is not None:
        return _all_of(check_family(family))

    def build() -> st.SearchStrategy[Record]:
        return st.sampled_from([r for index in lookup.INDICES.values() for r in index.all()])

    return st.deferred(build)


def _look_alikes(char: str) -> tuple[str, ...]:
    """``char`` in other case and with accents added or dropped: spellings normalise() maps to the same."""
    base = unicodedata.normalize("NFKD", char)[:1] or char
    forms = [char, char.upper(), char.lower(), base, base.upper()]
    if base.isascii() and base.isalpha():  # the accented letters Unicode has one code point for
        forms += [a for a in (unicodedata.normalize("NFC", base + accent) for accent in _ACCENTS) if len(a) == 1]
    same = lookup.normalise(char)
    # normalise() works character by character, so a per-character check keeps the whole key's form.
    return tuple(dict.fromkeys(f for f in forms if lookup.normalise(f) == same))


@st.composite
def _typed(draw: st.DrawFn, key: str) -> str:
    # Each draw shrinks towards the key as written: the first look-alike is the character itself.
    chars = [draw(st.sampled_from(_look_alikes(char))) for char in key]
    # Spaces, hyphens and apostrophes left out ...
    chars = [c for c in chars if lookup.normalise(c) or not draw(st.booleans())]
    # ... or put in where none belong.
    for at in draw(st.lists(st.integers(0, len(chars)), max_size=3)):
        chars.insert(at, draw(st.sampled_from(_SEPARATORS)))
    pad = st.sampled_from(("", " ", "  ", "\t"))
    return draw(pad) + "".join(chars) + draw(pad)


def spellings(record: Record) -> st.SearchStrategy[str]:
    """One of the record's keys (id, name, an alias or a name), typed carelessly; lookup still finds ``record``."""
    if not isinstance(record, Record):
        raise TypeError(f"record must be a Record, not {type(record).__name__}")
    return st.sampled_from(record.keys).flatmap(_typed)


def keys(family: str) -> st.SearchStrategy[str]:
    """A key of any shipped record of ``family``, typed carelessly (see :func:`spellings`)."""
    return records(check_family(family)).flatmap(spellings)
