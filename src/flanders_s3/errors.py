"""The exceptions flanders_s3 raises: one miss class per family, one data error."""

from __future__ import annotations

from types import MappingProxyType

__all__ = [
    "ClusterDomainNotFound",
    "ClusterNotFound",
    "CodeNotFound",
    "DataError",
    "EUPriorityAreaNotFound",
    "EventNotFound",
    "FlandersS3Error",
    "InitiativeNotFound",
    "InnovationHubNotFound",
    "NetworkNotFound",
    "OrganisationNotFound",
    "PersonNotFound",
    "PilotNotFound",
    "PolicyNotFound",
    "PriorityNotFound",
    "RecordNotFound",
    "RegionNotFound",
    "SourceNotFound",
    "SpecialisationNotFound",
]

# Queries are echoed in messages; a 1 MB query must not become a 1 MB message.
_ECHO_LIMIT = 80


class FlandersS3Error(Exception):
    """Base class of every error this library raises on purpose."""


class DataError(FlandersS3Error):
    """The packaged data is damaged: names the file, the record and the field.

    Raised on first access and again on every later access: damaged data is
    never served, not even in part.
    """

    def __init__(self, file: str, message: str, *, record: str | None = None, field: str | None = None):
        self.file = file
        self.record = record
        self.field = field
        where = file
        if record is not None:
            where += f", record {record}"
        if field is not None:
            where += f", field {field}"
        super().__init__(f"{where}: {message}")


class RecordNotFound(FlandersS3Error, LookupError):
    """No record of ``family`` matches ``query``; ``suggestions`` holds close names."""

    family: str = "record"

    def __init__(self, query: str, suggestions: tuple[str, ...] = ()):
        self.query = query
        self.suggestions = suggestions
        shown = query if len(query) <= _ECHO_LIMIT else query[:_ECHO_LIMIT] + "..."
        message = f"no {self.family.replace('_', ' ')} matches {shown!r}"
        if suggestions:
            message += "; did you mean " + " or ".join(repr(s) for s in suggestions) + "?"
        super().__init__(message)

    def __reduce__(self) -> tuple[type[RecordNotFound], tuple[str, tuple[str, ...]]]:
        # Keeps the error picklable (multiprocessing) despite the custom __init__.
        return (type(self), (self.query, self.suggestions))


class SourceNotFound(RecordNotFound):
    family = "source"


class ClusterNotFound(RecordNotFound):
    family = "cluster"


class PriorityNotFound(RecordNotFound):
    family = "priority"


class RegionNotFound(RecordNotFound):
    family = "region"


class OrganisationNotFound(RecordNotFound):
    family = "organisation"


class NetworkNotFound(RecordNotFound):
    family = "network"


class PersonNotFound(RecordNotFound):
    family = "person"


class ClusterDomainNotFound(RecordNotFound):
    family = "cluster_domain"


class InnovationHubNotFound(RecordNotFound):
    family = "innovation_hub"


class EUPriorityAreaNotFound(RecordNotFound):
    family = "eu_priority_area"


class SpecialisationNotFound(RecordNotFound):
    family = "specialisation"


class PolicyNotFound(RecordNotFound):
    family = "policy"


class PilotNotFound(RecordNotFound):
    family = "pilot"


class EventNotFound(RecordNotFound):
    family = "event"


class InitiativeNotFound(RecordNotFound):
    family = "initiative"


class CodeNotFound(RecordNotFound):
    family = "code"


NOT_FOUND: MappingProxyType[str, type[RecordNotFound]] = MappingProxyType(
    {cls.family: cls for cls in RecordNotFound.__subclasses__()}
)
