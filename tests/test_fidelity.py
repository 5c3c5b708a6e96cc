"""Say only what the sources say: rules over the whole dataset, each with the defect it keeps out."""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs
import pytest

import flanders_s3 as fs
from flanders_s3 import lookup
from flanders_s3._keys import words

# Inferred links dropped after review: each rested on one shared word, on a different
# classification, or on knowledge of a classification that no source states.
REJECTED = [
    ("specialisation", "printing-and-reproduction-of-recorded-media", "code", "nace-c"),
    ("specialisation", "chemical-products", "code", "nace-c"),
    ("specialisation", "other-industrial-products", "code", "nace-c"),
    ("specialisation", "food-products", "code", "nace-c"),
    ("specialisation", "textiles-and-wearing-apparel", "code", "nace-c"),
    ("pilot", "smart-health", "priority", "health-and-life-sciences"),
    ("pilot", "adma-energy", "priority", "energy"),
    ("innovation_hub", "social-innovation", "code", "policy-objective-i"),
    ("innovation_hub", "innovation-in-care", "code", "policy-objective-i-59"),
    ("cluster_domain", "personalised-cure-and-care", "code", "nace-c-21"),
    ("cluster_domain", "personalised-cure-and-care", "code", "nabs07"),
    ("pilot", "smart-health", "cluster_domain", "personalised-cure-and-care"),
    ("pilot", "smart-health", "code", "nabs07"),
]


@pytest.mark.parametrize("ends", REJECTED, ids=lambda e: f"{e[1]}->{e[3]}")
def test_a_rejected_inferred_link_stays_out(ends: tuple[str, str, str, str]) -> None:
    for link in fs.links():
        assert {(link.from_family, link.from_id), (link.to_family, link.to_id)} != {ends[:2], ends[2:]}, link


def test_no_inferred_link_reasons_from_a_classification_no_source_states() -> None:
    for link in fs.links():
        if link.reason is not None:
            assert "NACE Rev" not in link.reason, link


def test_a_title_or_a_copyright_credit_is_not_a_role() -> None:
    for person in fs.people():
        for role in person.roles:
            assert not re.fullmatch(r"(?:Prof\.|Dr\.|\s)+", role.title), (person.id, role)
            assert "©" not in role.title
            # "© BIS Company" credits a slide; it does not say the person works there.
            if role.organisation_id is not None:
                organisation = fs.get_organisation(role.organisation_id)
                assert f"© {organisation.name}" not in role.citation.quote, (person.id, role)


def test_a_code_scheme_is_named_as_its_source_names_it(source_texts: dict[str, str]) -> None:
    for code in fs.codes():
        for source_id in code.source_ids:
            assert code.scheme.value.casefold() in source_texts[source_id].casefold(), code
    assert fs.CodeScheme.NACE.value == "NACE"


def _plain(text: str) -> str:
    """Lower case, accents and punctuation dropped, spaces squeezed: written here, apart from _keys."""
    import unicodedata

    text = unicodedata.normalize("NFKD", text).casefold()
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _named(record: fs.Record, quotes: str) -> bool:
    if record.family == "region":  # the region whose profile it is counts as named
        return True
    keys = (record.id.replace("-", " "), record.name, *record.aliases, *(n.text for n in record.names))
    words = f" {_plain(quotes)} "
    squeezed = words.replace(" ", "")
    return any(f" {_plain(k)} " in words or _plain(k).replace(" ", "") in squeezed for k in keys if _plain(k))


def test_every_stated_link_names_both_its_ends_in_its_quotes() -> None:
    unnamed = []
    for link in fs.links(stated_only=True):
        quotes = " ".join(c.quote for c in link.citations)
        for end in (link.source, link.target):
            if not _named(end, quotes):
                unnamed.append((link.from_family, link.from_id, link.relation, link.to_id, end.key))
    assert unnamed == []


def test_no_stated_link_claims_a_lead() -> None:
    for link in fs.links(stated_only=True):
        assert not re.search(r"\b(leads|led by)\b", link.relation), link


def test_no_claim_is_listed_twice() -> None:
    curated = [(k.from_family, k.from_id, k.relation, k.to_family, k.to_id) for k in fs._load.links()]
    assert len(curated) == len(set(curated))
    every = [(k.from_family, k.from_id, k.relation, k.to_family, k.to_id, k.basis) for k in fs.links()]
    assert len(every) == len(set(every))
    for record in (r for family in fs.model.FAMILY_TYPES for r in fs.lookup.INDICES[family].all()):
        names = [(n.text, n.language) for n in record.names]
        assert len(names) == len(set(names)), record.key


def test_a_number_the_source_does_not_print_says_it_is_the_list_position(source_texts: dict[str, str]) -> None:
    for area in fs.eu_priority_areas():
        text = " ".join(source_texts[c.source_id] for c in area.citations)
        printed = re.search(rf"\b{area.number}\.\s*{re.escape(area.name[:12])}", text) is not None
        assert area.number_printed is printed, area.key
    assert [a.number for a in fs.eu_priority_areas()] == list(range(1, 7))


def test_one_thing_in_two_families_is_linked_as_the_same() -> None:
    same = {(k.from_family, k.from_id, k.to_family, k.to_id) for k in fs.links() if k.relation == "is the same as"}
    assert ("organisation", "saphire", "initiative", "saphire") in same
    assert ("network", "s3p4pm", "initiative", "s3p4pm") in same
    for link in fs.links():
        if link.relation == "is the same as":  # an identity is a judgement: never claimed as stated
            assert link.basis is fs.Basis.INFERRED
            assert link.reason is not None
            assert len(link.reason.split()) > 8


@pytest.mark.parametrize("centre", ["vib", "imec", "vito"])
def test_the_research_centres_initiatives_name_their_centre(centre: str) -> None:
    links = fs.crosswalk("initiative", "organisation", stated_only=True)
    assert (f"{centre}-strategic-research-centra", "names", centre) in {(k.from_id, k.relation, k.to_id) for k in links}


def test_the_regions_policy_documents_point_to_their_policy_records() -> None:
    for entry in fs.region.policy_documents:
        assert entry.record_id is not None
        assert fs.get_policy(entry.record_id).name in (entry.text or "")


def test_a_date_on_a_record_is_printed_in_a_quote_of_that_record() -> None:
    for network in fs.networks():
        if network.launched is not None:
            cited = [c for c in network.citations if c.supports == "launched"]
            assert cited, network.key
            day = network.launched.earliest
            assert any(str(day.year) in c.quote for c in cited), network.key


@pytest.mark.parametrize("family", ["priority", "cluster_domain", "innovation_hub", "eu_priority_area"])
def test_names_taken_from_english_texts_say_so(family: str, source_texts: dict[str, str]) -> None:
    for record in fs.lookup.INDICES[family].all():
        assert record.name_language == "en"
        assert all("en" in c.source.languages for c in record.citations)


def test_an_event_date_whose_year_no_quote_prints_is_marked_inferred() -> None:
    for event in fs.events():
        if event.date is None:
            assert not event.date_inferred
            continue
        quotes = [c.quote for c in event.citations if c.supports == "date"] or [c.quote for c in event.citations]
        printed = any(event.date.iso[:4] in q for q in quotes)
        assert event.date_inferred is not printed, event.key
        assert (event.date_note is not None) is event.date_inferred, event.key
    coalition = fs.get_event("vanguard-coalition-building")
    on_timeline = next(e for e in fs.timeline("event") if e.record == coalition)
    assert on_timeline.basis is fs.Basis.INFERRED
    assert on_timeline.reason == coalition.date_note


# A word that states each kind, in the languages of the sources. A kind is given only where a
# quote of the record, or a form of its name that a source uses, says it; else it is "unknown".
KIND_WORDS = {
    "research centre": r"research cent|research institut|onderzoekscentr|onderzoeksinstitu|instituut|institute"
                       r"|centrum|center|centre|laborator",
    "university unit": r"universit|departement|department",
    "hospital": r"hospital|ziekenhuis",
    "government": r"government|regering|overheid",
    "agency": r"agency|agentschap|agentur",
    "cluster organisation": r"cluster",
    "innovation platform": r"innovatieplatform|innovation platform|innovation hub",
    "company": r"company|bedrijf",
    "investor": r"investor|investeerder",
    "infrastructure": r"infrastructure",
    "project": r"project",
    "network": r"network|netwerk",
    "macro-region": r"macro-?region",
    "partnership": r"partnership|partnerschap",
    "initiative": r"initiative",
}


def _kind_evidence(record: fs.Record) -> list[str]:
    texts = [c.quote for c in record.citations] + list(record.keys)
    texts += [c.quote for m in record.milestones for c in m.date.citations]
    texts += [s.text for s in getattr(record, "statements", ())]
    return texts


@pytest.mark.parametrize("family", ["organisation", "network"])
def test_a_kind_is_one_a_source_states_or_unknown(family: str) -> None:
    unstated = []
    for record in fs.lookup.INDICES[family].all():
        kind = record.kind.value  # type: ignore[attr-defined]
        if kind == "unknown":
            continue
        if not any(re.search(KIND_WORDS[kind], text, re.IGNORECASE) for text in _kind_evidence(record)):
            unstated.append((record.key, kind))
    assert unstated == []


def _quotes(value: object, out: list[str]) -> list[str]:
    """Every quote and cited name text held anywhere in ``value``."""
    if isinstance(value, fs.Citation):
        out.append(value.quote)
    elif isinstance(value, fs.Name):
        out.append(value.text)
        _quotes(value.citation, out)
    elif isinstance(value, tuple):
        for item in value:
            _quotes(item, out)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            _quotes(getattr(value, field.name), out)
    return out


def _in_words(needle: str, haystacks: list[list[str]]) -> bool:
    """``needle``'s words, in order and adjacent, in one of the haystacks (folded as lookups fold)."""
    want = words(needle)
    n = len(want)
    return any(hay[i:i + n] == want for hay in haystacks for i in range(len(hay) - n + 1))


NON_SOURCES = [f for f in lookup.INDICES if f != "source"]


@pytest.mark.parametrize("family", NON_SOURCES)
def test_a_records_name_and_aliases_are_forms_its_citations_print(family: str) -> None:
    # A source's own name is its title, which its record holds rather than quotes.
    for record in lookup.INDICES[family].all():
        quoted = [words(q) for q in _quotes(record, [])]
        for text in (record.name, *record.aliases):
            assert _in_words(text, quoted), (record.key, text)


# Text fields whose values are this library's words, not a source's; each says so in its doc.
LIBRARY_WORDS = {
    "description": "a summary in the library's words where its doc says so; the citations hold the source's",
    "reason": "why a link or date is inferred: the library's reasoning, by definition",
    "date_note": "how a date was read, in the library's words",
}
# Fields that are not claims of a source at all.
NOT_CLAIMS = {"id", "record_family", "former_ids", "former_names", "name_language", "language", "languages",
              "iso", "url",
              "file", "sha256", "source_id", "quote", "supports", "note"}


def _text_values(value: object, path: str, doc: str) -> Iterator[tuple[str, str, str]]:
    if isinstance(value, (fs.Citation, fs.Name, fs.Source)):
        return
    if isinstance(value, str):
        yield path, value, doc
    elif isinstance(value, tuple):
        for item in value:
            yield from _text_values(item, path, doc)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            if field.name in NOT_CLAIMS or field.name.endswith(("_id", "_ids")):
                continue  # references are checked by the loader; the rest are not claims
            yield from _text_values(getattr(value, field.name), f"{path}.{field.name}",
                                    field.metadata.get("doc", ""))


@pytest.mark.parametrize("family", NON_SOURCES)
def test_every_text_value_is_printed_in_a_quote_of_its_record_or_is_the_librarys_words(
    family: str, source_texts: dict[str, str]
) -> None:
    for record in lookup.INDICES[family].all():
        quoted = [words(q) for q in _quotes(record, [])]
        # A heading the record's value is read under counts when the record cites that document.
        cited = [words(source_texts[c.source_id]) for c in record.citations if c.source_id in source_texts]
        for path, value, doc in _text_values(record, family, ""):
            field = path.rsplit(".", 1)[-1]
            if field in LIBRARY_WORDS and (field != "description" or "library's words" in doc):
                continue
            assert _in_words(value, quoted) or (field == "label" and _in_words(value, cited)), (
                record.key, path, value)


def test_the_library_words_rule_sees_a_value_no_source_prints() -> None:
    record = fs.get_cluster("flux50")
    quoted = [words(q) for q in _quotes(record, [])]
    assert _in_words(record.tagline, quoted)
    assert not _in_words("energy cluster of Flanders since 1850", quoted)
    assert not _in_words("topics", [words(q) for q in _quotes(fs.get_cluster("flanders-food"), [])])
