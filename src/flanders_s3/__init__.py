"""flanders_s3: Flanders' smart specialisation strategy (S3 / RIS3) as typed, cited records.

>>> import flanders_s3 as fs
>>> fs.get_cluster("flux 50").name
'Flux50'

Nothing is read at import; each family loads on first use (or all at once
with :func:`flanders_s3.preload() <flanders_s3.lookup.preload>`).
"""

from __future__ import annotations

import importlib

from flanders_s3.errors import (
    ClusterDomainNotFound,
    ClusterNotFound,
    CodeNotFound,
    DataError,
    EditionNotFound,
    EUPriorityAreaNotFound,
    EventNotFound,
    EyeRis3PriorityNotFound,
    FlandersS3Error,
    InitiativeNotFound,
    InnovationHubNotFound,
    NetworkNotFound,
    OrganisationNotFound,
    PersonNotFound,
    PilotNotFound,
    PolicyNotFound,
    PriorityNotFound,
    RecordNotFound,
    RegionNotFound,
    SourceNotFound,
    SpecialisationNotFound,
)

# Not ``typing.TYPE_CHECKING``: importing typing would cost a bare ``import
# flanders_s3`` a third of its time. Type checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import MappingProxyType
    from typing import Any

    from flanders_s3._crosswalk import (
        Relation as Relation,
        crosswalk as crosswalk,
        links as links,
        related as related,
    )
    from flanders_s3._search import Hit as Hit, search as search
    from flanders_s3._time import TimelineEntry as TimelineEntry, timeline as timeline
    from flanders_s3.export import to_dataframe as to_dataframe, to_dict as to_dict
    from flanders_s3.lookup import (
        cluster_domains as cluster_domains,
        clusters as clusters,
        codes as codes,
        editions as editions,
        eu_priority_areas as eu_priority_areas,
        events as events,
        eye_ris3_priorities as eye_ris3_priorities,
        find_cluster as find_cluster,
        find_cluster_domain as find_cluster_domain,
        find_code as find_code,
        find_edition as find_edition,
        find_eu_priority_area as find_eu_priority_area,
        find_event as find_event,
        find_eye_ris3_priority as find_eye_ris3_priority,
        find_initiative as find_initiative,
        find_innovation_hub as find_innovation_hub,
        find_network as find_network,
        find_organisation as find_organisation,
        find_person as find_person,
        find_pilot as find_pilot,
        find_policy as find_policy,
        find_priority as find_priority,
        find_region as find_region,
        find_source as find_source,
        find_specialisation as find_specialisation,
        get_by_id as get_by_id,
        get_by_key as get_by_key,
        get_cluster as get_cluster,
        get_cluster_domain as get_cluster_domain,
        get_code as get_code,
        get_edition as get_edition,
        get_eu_priority_area as get_eu_priority_area,
        get_event as get_event,
        get_eye_ris3_priority as get_eye_ris3_priority,
        get_initiative as get_initiative,
        get_innovation_hub as get_innovation_hub,
        get_network as get_network,
        get_organisation as get_organisation,
        get_person as get_person,
        get_pilot as get_pilot,
        get_policy as get_policy,
        get_priority as get_priority,
        get_region as get_region,
        get_source as get_source,
        get_specialisation as get_specialisation,
        initiatives as initiatives,
        innovation_hubs as innovation_hubs,
        networks as networks,
        normalise as normalise,
        organisations as organisations,
        people as people,
        pilots as pilots,
        policies as policies,
        preload as preload,
        priorities as priorities,
        regions as regions,
        sources as sources,
        specialisations as specialisations,
    )
    from flanders_s3.model import (
        Address as Address,
        Basis as Basis,
        Citation as Citation,
        CitedDate as CitedDate,
        Cluster as Cluster,
        ClusterDomain as ClusterDomain,
        Code as Code,
        CodeScheme as CodeScheme,
        EconomicSpecialisation as EconomicSpecialisation,
        Edition as Edition,
        EUPriorityArea as EUPriorityArea,
        Event as Event,
        EventKind as EventKind,
        EyeRis3Priority as EyeRis3Priority,
        Initiative as Initiative,
        InnovationHub as InnovationHub,
        Link as Link,
        ListEntry as ListEntry,
        Membership as Membership,
        MembershipStatus as MembershipStatus,
        Milestone as Milestone,
        MilestoneKind as MilestoneKind,
        Name as Name,
        Network as Network,
        NetworkKind as NetworkKind,
        Organisation as Organisation,
        OrganisationKind as OrganisationKind,
        PartialDate as PartialDate,
        PerformanceGroup as PerformanceGroup,
        Period as Period,
        Person as Person,
        Pilot as Pilot,
        Policy as Policy,
        PolicyKind as PolicyKind,
        Precision as Precision,
        PriorityDomain as PriorityDomain,
        ProfileAnswer as ProfileAnswer,
        ProfileOrganisation as ProfileOrganisation,
        Rating as Rating,
        RatingLevel as RatingLevel,
        Record as Record,
        Region as Region,
        Role as Role,
        Source as Source,
        SourceKind as SourceKind,
        Statement as Statement,
        Statistic as Statistic,
    )
# Static strings, so import costs no metadata look-up; tests check them against
# pyproject.toml's build and data/manifest.json.
__version__ = "0.1.0"
DATA_VERSION = "2026.12.02"

# The one region of the dataset; resolved on first access (module __getattr__).
REGION_ID = "flemish-region"
region: Region


# Public names that live in other modules, imported on first access (PEP 562):
# ``import flanders_s3`` then costs neither attrs, the model classes nor the data.
_LAZY: dict[str, str] = {
    **dict.fromkeys(
        (
            "cluster_domains", "clusters", "codes", "editions", "eu_priority_areas", "events",
            "eye_ris3_priorities", "find_edition", "find_eye_ris3_priority", "get_edition",
            "get_eye_ris3_priority", "find_cluster",
            "find_cluster_domain", "find_code", "find_eu_priority_area", "find_event",
            "find_initiative", "find_innovation_hub", "find_network", "find_organisation",
            "find_person", "find_pilot", "find_policy", "find_priority", "find_region",
            "find_source", "find_specialisation", "get_by_id", "get_by_key", "get_cluster",
            "get_cluster_domain", "get_code",
            "get_eu_priority_area", "get_event", "get_initiative", "get_innovation_hub",
            "get_network", "get_organisation", "get_person", "get_pilot", "get_policy",
            "get_priority", "get_region", "get_source", "get_specialisation", "initiatives",
            "innovation_hubs", "networks", "normalise", "organisations", "people",
            "pilots", "policies", "preload", "priorities", "regions", "sources", "specialisations",
        ),
        "flanders_s3.lookup",
    ),
    **dict.fromkeys(
        (
            "Address", "Basis", "Citation", "Cluster", "ClusterDomain", "Code", "CodeScheme",
            "EconomicSpecialisation", "Edition", "EUPriorityArea", "Event", "EventKind",
            "EyeRis3Priority", "Initiative",
            "InnovationHub", "Link", "ListEntry", "Membership", "MembershipStatus", "Network",
            "NetworkKind", "Organisation", "OrganisationKind", "PartialDate", "PerformanceGroup",
            "CitedDate", "Milestone", "MilestoneKind", "Name", "Period", "Person", "Pilot", "Policy",
            "PolicyKind", "Precision", "PriorityDomain",
            "ProfileAnswer", "ProfileOrganisation", "Rating", "RatingLevel", "Record", "Region",
            "Role", "Source", "SourceKind", "Statement", "Statistic",
        ),
        "flanders_s3.model",
    ),
    **dict.fromkeys(("Relation", "crosswalk", "links", "related"), "flanders_s3._crosswalk"),
    **dict.fromkeys(("Hit", "search"), "flanders_s3._search"),
    **dict.fromkeys(("TimelineEntry", "timeline"), "flanders_s3._time"),
    **dict.fromkeys(("to_dataframe", "to_dict"), "flanders_s3.export"),
}


def __getattr__(name: str) -> Any:
    if name == "region":  # not cached: it is a record, resolved through the registry
        from flanders_s3.lookup import get_region

        return get_region(REGION_ID)
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'flanders_s3' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later accesses are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def manifest() -> MappingProxyType[str, Any]:
    """The data manifest: ``data_version`` and each data file's sha256 and record count."""
    from flanders_s3 import _load

    return _load.manifest()


__all__ = [
    "DATA_VERSION",
    "REGION_ID",
    "Address",
    "Basis",
    "Citation",
    "CitedDate",
    "Cluster",
    "ClusterDomain",
    "ClusterDomainNotFound",
    "ClusterNotFound",
    "Code",
    "CodeNotFound",
    "CodeScheme",
    "DataError",
    "EUPriorityArea",
    "EUPriorityAreaNotFound",
    "EconomicSpecialisation",
    "Edition",
    "EditionNotFound",
    "Event",
    "EventKind",
    "EventNotFound",
    "EyeRis3Priority",
    "EyeRis3PriorityNotFound",
    "FlandersS3Error",
    "Hit",
    "Initiative",
    "InitiativeNotFound",
    "InnovationHub",
    "InnovationHubNotFound",
    "Link",
    "ListEntry",
    "Membership",
    "MembershipStatus",
    "Milestone",
    "MilestoneKind",
    "Name",
    "Network",
    "NetworkKind",
    "NetworkNotFound",
    "Organisation",
    "OrganisationKind",
    "OrganisationNotFound",
    "PartialDate",
    "PerformanceGroup",
    "Period",
    "Person",
    "PersonNotFound",
    "Pilot",
    "PilotNotFound",
    "Policy",
    "PolicyKind",
    "PolicyNotFound",
    "Precision",
    "PriorityDomain",
    "PriorityNotFound",
    "ProfileAnswer",
    "ProfileOrganisation",
    "Rating",
    "RatingLevel",
    "Record",
    "RecordNotFound",
    "Region",
    "RegionNotFound",
    "Relation",
    "Role",
    "Source",
    "SourceKind",
    "SourceNotFound",
    "SpecialisationNotFound",
    "Statement",
    "Statistic",
    "TimelineEntry",
    "__version__",
    "cluster_domains",
    "clusters",
    "codes",
    "crosswalk",
    "editions",
    "eu_priority_areas",
    "events",
    "eye_ris3_priorities",
    "find_cluster",
    "find_cluster_domain",
    "find_code",
    "find_edition",
    "find_eu_priority_area",
    "find_event",
    "find_eye_ris3_priority",
    "find_initiative",
    "find_innovation_hub",
    "find_network",
    "find_organisation",
    "find_person",
    "find_pilot",
    "find_policy",
    "find_priority",
    "find_region",
    "find_source",
    "find_specialisation",
    "get_by_id",
    "get_by_key",
    "get_cluster",
    "get_cluster_domain",
    "get_code",
    "get_edition",
    "get_eu_priority_area",
    "get_event",
    "get_eye_ris3_priority",
    "get_initiative",
    "get_innovation_hub",
    "get_network",
    "get_organisation",
    "get_person",
    "get_pilot",
    "get_policy",
    "get_priority",
    "get_region",
    "get_source",
    "get_specialisation",
    "initiatives",
    "innovation_hubs",
    "links",
    "manifest",
    "networks",
    "normalise",
    "organisations",
    "people",
    "pilots",
    "policies",
    "preload",
    "priorities",
    "region",
    "regions",
    "related",
    "search",
    "sources",
    "specialisations",
    "timeline",
    "to_dataframe",
    "to_dict",
]
