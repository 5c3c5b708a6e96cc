"""The vocabulary of flanders_s3: frozen, slotted attrs records and their enums.

Each field carries its meaning in ``metadata["doc"]``, data that ``python -OO``
keeps (it drops docstrings); the JSON Schema export and the data dictionary read
it from there. A class's own description is its docstring, which the schema export
reads from the source where ``-OO`` has dropped it.

No I/O happens here. Links between records are stored as ids (fields ending in
``_id`` / ``_ids``) and resolved through the registry by properties, so records
stay acyclic and pickle, copy and unstructure cleanly.

The classes live in one private module per family (``_cluster``, ``_region``
...) beside ``_base`` (what every record holds) and ``_values`` (the value
objects of the region profile, networks and people). This package imports
none of them until a name is asked for, so a first ``get_cluster()`` builds
only :class:`Record`, its value objects and :class:`Cluster`: building attrs
classes is most of what a cold first lookup costs. Every name is importable
from here as before (``from flanders_s3.model import Cluster``).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType

# Not ``typing.TYPE_CHECKING``: type checkers treat this name as True, and the
# package stays free of imports until a class is asked for.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from flanders_s3.model._base import (
        Basis as Basis,
        Citation as Citation,
        CitedDate as CitedDate,
        Milestone as Milestone,
        MilestoneKind as MilestoneKind,
        Name as Name,
        PartialDate as PartialDate,
        Period as Period,
        Precision as Precision,
        Record as Record,
    )
    from flanders_s3.model._cluster import (
        Cluster as Cluster,
    )
    from flanders_s3.model._cluster_domain import (
        ClusterDomain as ClusterDomain,
    )
    from flanders_s3.model._code import (
        Code as Code,
        CodeScheme as CodeScheme,
    )
    from flanders_s3.model._edition import (
        Edition as Edition,
    )
    from flanders_s3.model._eu_priority_area import (
        EUPriorityArea as EUPriorityArea,
    )
    from flanders_s3.model._event import (
        Event as Event,
        EventKind as EventKind,
    )
    from flanders_s3.model._eye_ris3_priority import (
        EyeRis3Priority as EyeRis3Priority,
    )
    from flanders_s3.model._initiative import (
        Initiative as Initiative,
    )
    from flanders_s3.model._innovation_hub import (
        InnovationHub as InnovationHub,
    )
    from flanders_s3.model._link import (
        Link as Link,
    )
    from flanders_s3.model._network import (
        Network as Network,
        NetworkKind as NetworkKind,
    )
    from flanders_s3.model._organisation import (
        Organisation as Organisation,
        OrganisationKind as OrganisationKind,
    )
    from flanders_s3.model._person import (
        Person as Person,
    )
    from flanders_s3.model._pilot import (
        Pilot as Pilot,
    )
    from flanders_s3.model._policy import (
        Policy as Policy,
        PolicyKind as PolicyKind,
    )
    from flanders_s3.model._priority import (
        PriorityDomain as PriorityDomain,
    )
    from flanders_s3.model._region import (
        Region as Region,
    )
    from flanders_s3.model._source import (
        Source as Source,
        SourceKind as SourceKind,
    )
    from flanders_s3.model._specialisation import (
        EconomicSpecialisation as EconomicSpecialisation,
    )
    from flanders_s3.model._values import (
        Address as Address,
        ListEntry as ListEntry,
        Membership as Membership,
        MembershipStatus as MembershipStatus,
        PerformanceGroup as PerformanceGroup,
        ProfileAnswer as ProfileAnswer,
        ProfileOrganisation as ProfileOrganisation,
        Rating as Rating,
        RatingLevel as RatingLevel,
        Role as Role,
        Statement as Statement,
        Statistic as Statistic,
    )

__all__ = [
    "Address",
    "Basis",
    "Citation",
    "CitedDate",
    "Cluster",
    "ClusterDomain",
    "Code",
    "CodeScheme",
    "EUPriorityArea",
    "EconomicSpecialisation",
    "Edition",
    "Event",
    "EventKind",
    "EyeRis3Priority",
    "Initiative",
    "InnovationHub",
    "Link",
    "ListEntry",
    "Membership",
    "MembershipStatus",
    "Milestone",
    "MilestoneKind",
    "Name",
    "Network",
    "NetworkKind",
    "Organisation",
    "OrganisationKind",
    "PartialDate",
    "PerformanceGroup",
    "Period",
    "Person",
    "Pilot",
    "Policy",
    "PolicyKind",
    "Precision",
    "PriorityDomain",
    "ProfileAnswer",
    "ProfileOrganisation",
    "Rating",
    "RatingLevel",
    "Record",
    "Region",
    "Role",
    "Source",
    "SourceKind",
    "Statement",
    "Statistic",
]

# Where each public name is defined; the module is imported on first access.
_MODULE_OF: dict[str, str] = {
    **dict.fromkeys(
        (
            "Basis",
            "Citation",
            "CitedDate",
            "Milestone",
            "MilestoneKind",
            "Name",
            "PartialDate",
            "Period",
            "Precision",
            "Record",
        ),
        "_base",
    ),
    **dict.fromkeys(('Cluster',), "_cluster"),
    **dict.fromkeys(('ClusterDomain',), "_cluster_domain"),
    **dict.fromkeys(('Code', 'CodeScheme'), "_code"),
    **dict.fromkeys(('Edition',), "_edition"),
    **dict.fromkeys(('EUPriorityArea',), "_eu_priority_area"),
    **dict.fromkeys(('Event', 'EventKind'), "_event"),
    **dict.fromkeys(('EyeRis3Priority',), "_eye_ris3_priority"),
    **dict.fromkeys(('Initiative',), "_initiative"),
    **dict.fromkeys(('InnovationHub',), "_innovation_hub"),
    **dict.fromkeys(('Link',), "_link"),
    **dict.fromkeys(('Network', 'NetworkKind'), "_network"),
    **dict.fromkeys(('Organisation', 'OrganisationKind'), "_organisation"),
    **dict.fromkeys(('Person',), "_person"),
    **dict.fromkeys(('Pilot',), "_pilot"),
    **dict.fromkeys(('Policy', 'PolicyKind'), "_policy"),
    **dict.fromkeys(('PriorityDomain',), "_priority"),
    **dict.fromkeys(('Region',), "_region"),
    **dict.fromkeys(('Source', 'SourceKind'), "_source"),
    **dict.fromkeys(('EconomicSpecialisation',), "_specialisation"),
    **dict.fromkeys(
        (
            "Address",
            "ListEntry",
            "Membership",
            "MembershipStatus",
            "PerformanceGroup",
            "ProfileAnswer",
            "ProfileOrganisation",
            "Rating",
            "RatingLevel",
            "Role",
            "Statement",
            "Statistic",
        ),
        "_values",
    ),
}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later accesses are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


# Each family's plural as its data file and the command line spell it; the
# order is the export order.
PLURALS: MappingProxyType[str, str] = MappingProxyType({
    "source": "sources",
    "cluster": "clusters",
    "priority": "priorities",
    "region": "regions",
    "organisation": "organisations",
    "network": "networks",
    "person": "people",
    "cluster_domain": "cluster_domains",
    "innovation_hub": "innovation_hubs",
    "eu_priority_area": "eu_priority_areas",
    "specialisation": "specialisations",
    "policy": "policies",
    "pilot": "pilots",
    "event": "events",
    "initiative": "initiatives",
    "code": "codes",
    "edition": "editions",
    "eye_ris3_priority": "eye_ris3_priorities",
})

# Each family's record class, by name; FAMILY_TYPES imports one on first use.
_CLASS_OF: MappingProxyType[str, str] = MappingProxyType({
    "source": "Source",
    "cluster": "Cluster",
    "priority": "PriorityDomain",
    "region": "Region",
    "organisation": "Organisation",
    "network": "Network",
    "person": "Person",
    "cluster_domain": "ClusterDomain",
    "innovation_hub": "InnovationHub",
    "eu_priority_area": "EUPriorityArea",
    "specialisation": "EconomicSpecialisation",
    "policy": "Policy",
    "pilot": "Pilot",
    "event": "Event",
    "initiative": "Initiative",
    "code": "Code",
    "edition": "Edition",
    "eye_ris3_priority": "EyeRis3Priority",
})


class _FamilyTypes(Mapping[str, "type[Record]"]):
    """Family -> record class, a read-only mapping that builds a class only when it is looked up."""

    __slots__ = ()

    def __getitem__(self, family: str) -> type[Record]:
        cls: type[Record] = __getattr__(_CLASS_OF[family])
        return cls

    def __iter__(self) -> Iterator[str]:
        return iter(_CLASS_OF)

    def __len__(self) -> int:
        return len(_CLASS_OF)

    def __repr__(self) -> str:
        return f"FAMILY_TYPES({', '.join(_CLASS_OF)})"


# Every record family, in the order the exports list them.
FAMILY_TYPES: Mapping[str, type[Record]] = _FamilyTypes()

# Families whose records carry the source's number, and are also looked up by it
# (``get_priority(8)``). Written out rather than read from the classes, which would
# build them all; a test checks it against the classes' fields.
NUMBERED: frozenset[str] = frozenset({"priority", "innovation_hub", "eu_priority_area", "initiative"})

# The families that hold a set of priorities, each an edition's records.
_EDITION_FAMILIES = frozenset({"innovation_hub", "cluster_domain", "eye_ris3_priority", "priority"})


def _family_named(key: str) -> str | None:
    # Worked out on each call, not kept in a table built at import: mutation testing links
    # code to the tests that run it, and code run at import runs in none (docs/testing.md).
    key = key.replace("ization", "isation")  # the US spelling users type: organizations
    for family, plural in PLURALS.items():
        if key in (family, plural):
            return family
    return None


_SEPARATORS = re.compile(r"[-\s]+")


def _family_key(text: str) -> str:
    return _SEPARATORS.sub("_", text.strip().casefold())


def check_family(value: object, name: str = "family") -> str:
    """The family ``value`` names, in its canonical singular form (``"cluster_domain"``).

    Every entry point (search's ``kind``, ``crosswalk``, ``to_dataframe``, the
    strategies, the command line) reads a family through this one function, so
    they all accept the same spellings: singular or plural, ``-``, ``_`` or a
    space between words, any case, and the US "-ization" forms.

    >>> check_family("Cluster-Domains"), check_family("organizations"), check_family("people")
    ('cluster_domain', 'organisation', 'person')

    Raises ``TypeError`` for a value that is not a ``str`` and ``ValueError``,
    listing the families, for an unknown name.
    """
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    family = _family_named(_family_key(value))
    if family is None:
        known = ", ".join(f"{f} ({p})" for f, p in PLURALS.items())
        raise ValueError(
            f"unknown {name} {value!r}; one of: {known} (singular or plural; '-', '_' or a space; any case)"
        )
    return family
