"""A user's script, checked by ``mypy --strict`` in CI: the public API is typed exactly.

``assert_type`` fails the type check (not the run) when a public name's type
drifts, e.g. ``get_cluster`` returning ``Record`` instead of ``Cluster``, or
``find_cluster`` losing ``| None``.
"""

from __future__ import annotations

from typing import Any, assert_type

import pandas

import flanders_s3 as fs

flux = fs.get_cluster("flux 50")
assert_type(flux, fs.Cluster)
assert_type(flux.name, str)
assert_type(flux.focus_areas, tuple[str, ...])
assert_type(fs.find_cluster("Flx50"), fs.Cluster | None)
assert_type(fs.find_cluster("Flx50", flux), fs.Cluster)
assert_type(fs.clusters(), tuple[fs.Cluster, ...])

energy = fs.get_priority(8)
assert_type(energy, fs.PriorityDomain)
assert_type(energy.named, fs.Cluster | fs.Organisation)
assert_type(fs.priorities(), tuple[fs.PriorityDomain, ...])

region = fs.region
assert_type(region, fs.Region)
assert_type(region.memberships, tuple[fs.Membership, ...])
assert_type(region.memberships[0].status, fs.MembershipStatus)
assert_type(region.statistics[0].value, int | float)

assert_type(fs.get_source("fit-spearhead-clusters"), fs.Source)
assert_type(fs.get_organisation("imec").kind, fs.OrganisationKind)
assert_type(fs.search("enrgy"), tuple[fs.Hit, ...])
assert_type(fs.related(flux), tuple[fs.Relation, ...])
assert_type(fs.links(stated_only=True), tuple[fs.Link, ...])
assert_type(fs.__version__, str)
assert_type(fs.DATA_VERSION, str)
assert_type(sorted(fs.clusters()), list[fs.Cluster])
assert_type(fs.get_by_key("cluster:flux50"), fs.Record)
assert_type(fs.find_initiative(1), fs.Initiative | None)
assert_type(fs.find_cluster("x", default="none"), fs.Cluster | str)
assert_type(fs.to_dict(flux), dict[str, Any])
assert_type(fs.to_dataframe("clusters"), pandas.DataFrame)

try:
    fs.get_cluster("Flx50")
except fs.ClusterNotFound as miss:
    assert_type(miss.suggestions, tuple[str, ...])
