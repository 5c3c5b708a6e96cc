"""People."""

from __future__ import annotations

from typing import ClassVar

import attrs
from attrs import frozen

from flanders_s3.model._base import Record
from flanders_s3.model._values import Role


@frozen(kw_only=True, repr=False, cache_hash=True)
class Person(Record):
    """A person the sources show in a role."""

    family: ClassVar[str] = "person"

    roles: tuple[Role, ...] = attrs.field(
        default=(), metadata={"doc": "Roles the person holds, each with its date and organisation."}
    )
