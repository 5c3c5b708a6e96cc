"""The exceptions flanders_s3 raises: one miss class per family, one data error."""

from __future__ import annotations

from types import MappingProxyType

__all__ = [
    "ClusterDomainNotFound",
    "ClusterNotFound",
    "CodeNotFound",
    "DataError",
    "EUPriorityAreaNotFound",
    "EditionNotFound",
    "EventNotFound",
    "EyeRis3PriorityNotFound",
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
    never served, not even in part. The location is also kept in fixed fields,
    so a program can act on it without parsing the message:

    ``file``
        the data file, e.g. ``"clusters.json"``;
    ``family``
        the record family the file holds, e.g. ``"cluster"``, or ``None`` for
        a file that holds no record family (``manifest.json``, ``links.json``);
    ``record``
        the damaged record as the message names it: its id in quotes
        (``"'flux50'"``), or ``#`` and its position from 0 when it has no
        usable id (``"#3"``); ``None`` when the damage is not inside one record;
    ``field``
        the path to the damaged field inside the record (or, for a file of no
        records, inside the file), such as ``"citations[0].quote"``; ``None``
        when no single field is at fault;
    ``reason``
        what is wrong, without the location.

    ``str(error)`` is the location followed by the reason:
    ``clusters.json, record 'flux50', field aliases: expected list, got str``.
    The error survives ``pickle`` and ``copy`` with its message and every
    field, so it crosses process boundaries (``multiprocessing``) intact.
    """

    def __init__(self, file: str, message: str, *, record: str | None = None, field: str | None = None,
                 family: str | None = None):
        self.file = file
        self.family = family
        self.record = record
        self.field = field
        self.reason = message
        where = file
        if record is not None:
            where += f", record {record}"
        if field is not None:
            where += f", field {field}"
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[object, ...]:
        # The default reduction would call DataError(message) and fail: rebuild
        # from the fields instead, and carry any other state (``__notes__``).
        state = {k: v for k, v in self.__dict__.items() if k not in _DATA_ERROR_FIELDS}
        return (_rebuild_data_error, (type(self), self.file, self.reason, self.record, self.field, self.family),
                state or None)


_DATA_ERROR_FIELDS = frozenset({"file", "family", "record", "field", "reason"})


def _rebuild_data_error(cls: type[DataError], file: str, reason: str, record: str | None, field: str | None,
                        family: str | None) -> DataError:
    return cls(file, reason, record=record, field=field, family=family)


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

    def __reduce__(self) -> tuple[object, ...]:
        # Keeps the error picklable (multiprocessing) despite the custom __init__,
        # with any other state (``__notes__``) too.
        state = {k: v for k, v in self.__dict__.items() if k not in ("query", "suggestions")}
        return (type(self), (self.query, self.suggestions), state or None)


class SourceNotFound(RecordNotFound):
    """No source matches the key (``get_*`` raises it; a ``LookupError``)."""

    family = "source"


class ClusterNotFound(RecordNotFound):
    """No spearhead cluster matches the key (``get_*`` raises it; a ``LookupError``)."""

    family = "cluster"


class PriorityNotFound(RecordNotFound):
    """No RIS3 priority domain matches the key (``get_*`` raises it; a ``LookupError``)."""

    family = "priority"


class RegionNotFound(RecordNotFound):
    """No region matches the key (``get_*`` raises it; a ``LookupError``)."""

    family = "region"


class OrganisationNotFound(RecordNotFound):
    """No organisation matches the key (``get_*`` raises it; a ``LookupError``)."""

    family = "organisation"


class NetworkNotFound(RecordNotFound):
    """No network matches the key (``get_*`` raises it; a ``LookupError``)."""

    family = "network"


class PersonNotFound(RecordNotFound):
    """No person matches the key (``get_*`` raises it; a ``LookupError``)."""

    family = "person"


class ClusterDomainNotFound(RecordNotFound):
    """No strategic cluster domain matches the key (``get_*`` raises it; a ``LookupError``)."""

    family = "cluster_domain"


class InnovationHubNotFound(RecordNotFound):
    """No innovation hub matches the key (``get_*`` raises it; a ``LookupError``)."""

    family = "innovation_hub"


class EUPriorityAreaNotFound(RecordNotFound):
    """No EU priority area matches the key (``get_*`` raises it; a ``LookupError``)."""

    family = "eu_priority_area"


class SpecialisationNotFound(RecordNotFound):
    """No economic specialisation matches the key (``get_*`` raises it; a ``LookupError``)."""

    family = "specialisation"


class PolicyNotFound(RecordNotFound):
    """No policy matches the key (``get_*`` raises it; a ``LookupError``)."""

    family = "policy"


class PilotNotFound(RecordNotFound):
    """No Vanguard pilot matches the key (``get_*`` raises it; a ``LookupError``)."""

    family = "pilot"


class EventNotFound(RecordNotFound):
    """No event matches the key (``get_*`` raises it; a ``LookupError``)."""

    family = "event"


class InitiativeNotFound(RecordNotFound):
    """No initiative matches the key (``get_*`` raises it; a ``LookupError``)."""

    family = "initiative"


class CodeNotFound(RecordNotFound):
    """No code matches the key (``get_*`` raises it; a ``LookupError``)."""

    family = "code"


class EditionNotFound(RecordNotFound):
    """No edition (set of priorities) matches the key (``get_*`` raises it; a ``LookupError``)."""

    family = "edition"


class EyeRis3PriorityNotFound(RecordNotFound):
    """No Eye@RIS3 priority matches the key (``get_*`` raises it; a ``LookupError``)."""

    family = "eye_ris3_priority"


NOT_FOUND: MappingProxyType[str, type[RecordNotFound]] = MappingProxyType(
    {cls.family: cls for cls in RecordNotFound.__subclasses__()}
)
