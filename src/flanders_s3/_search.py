"""Ranked, typo-tolerant search over every record's keys and text.

:func:`search` scores each record by its best field: its id, name and aliases
(and other name-like fields such as ``named_as`` or ``dutch_name``) weigh most,
its descriptive text (``description``, ``tagline``, ``focus_areas``, ``items``,
``label`` ...) less. Which fields count is read off the attrs classes, so a
field added to the model is searched without a list to update. Accents, case
and punctuation are ignored, as in exact lookup, and a query word may be a
prefix of a word or one or two edits away from it:

>>> from flanders_s3 import search
>>> hit = search("catalist")[0]
>>> hit.record.name, hit.kind, hit.field
('Catalisti', 'cluster', 'name')
>>> search("blauwe cluster")[0].matched
'Blauwe Cluster'

Each family's index is built on its first search, once, under a lock.
"""

from __future__ import annotations

import bisect
import re
import threading
import typing

import attrs

from flanders_s3 import lookup
from flanders_s3._keys import normalise, words as _words
from flanders_s3.model import FAMILY_TYPES, Record, check_family

__all__ = ["Hit", "search", "suggest"]


@attrs.frozen
class Hit:
    """One record a query found, with the field that matched it best."""

    record: Record
    kind: str  # the record's family name
    score: float  # 0 < score <= 1, higher is better
    field: str
    matched: str  # that field's text (one item of a tuple field)


# Only this much of a query is read: no key or phrase is longer, and a 1 MB query stays fast.
_QUERY_CHARS = 256
_QUERY_WORDS = 8
# Typo tolerance is for words, not for pasted blobs.
_FUZZY_MAX = 32
_PREFIX_CANDIDATES = 50
# Suggestions must look like the key the user meant, not merely share a word with it.
_SUGGEST_CUTOFF = 0.5

_KEY_WEIGHT = 1.0
_TEXT_WEIGHT = 0.6
# str fields that are not words anyone searches for: file names, hashes, addresses, language codes.
# former_ids and former_names are retired keys: exact lookups find them, search never does.
_NOT_TEXT = frozenset({"file", "sha256", "url", "website", "languages", "former_ids", "former_names"})
# Name-like fields weigh as much as the id, name and aliases.
_KEY_LIKE = re.compile(r"(?:\A|_)(?:id|name|aliases|names|named_as|code)\Z")
_TEXT_TYPES: tuple[object, ...] = (str, str | None, tuple[str, ...])
def _distance(a: str, b: str, bound: int) -> int:
    """Optimal-string-alignment distance (a swap is one edit), or ``bound + 1`` once it exceeds ``bound``."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, before[j - 2] + 1)
            current[j] = value
        if min(current) > bound:
            return bound + 1
        before, previous = previous, current
    return min(previous[-1], bound + 1)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _max_edits(word: str) -> int:
    # One typo in a short word, two in a long one; none in a word of three letters or fewer.
    if len(word) < 4 or len(word) > _FUZZY_MAX:
        return 0
    return 1 if len(word) < 8 else 2


class _Query:
    """The words of one query and, per word, the spellings its typos may hide behind."""

    __slots__ = ("full", "joined", "memo", "variants", "words")

    def __init__(self, text: str) -> None:
        clipped = text[:_QUERY_CHARS]
        self.full = normalise(clipped)
        self.words = list(dict.fromkeys(_words(clipped)))[:_QUERY_WORDS]
        # The whole query as one word, to meet a key's joined form: "bi accelerator" ~ "Bio-Accelerator".
        self.joined = self.full if len(self.words) > 1 and len(self.full) <= _FUZZY_MAX else ""
        # Symmetric deletion: a word within k edits of a vocabulary word shares a deletion variant
        # with it. Variants are computed once per query and probed in every family's table.
        self.variants: dict[str, set[str]] = {}
        for word in (*self.words, self.joined):
            edits = _max_edits(word)
            variants = {word, *_deletions(word)} if edits else set()
            if edits == 2:
                variants |= {v for d in tuple(variants) for v in _deletions(d)}
            self.variants[word] = variants
        self.memo: dict[tuple[str, str], int] = {}  # edit distances, shared across families

    def distance(self, word: str, token: str, bound: int) -> int:
        key = (word, token)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = _distance(word, token, bound)
        return found


@attrs.frozen
class _Slot:
    """One searchable text of one record: a field's value, or one item of a tuple field."""

    position: int  # the record's position in its family
    field: str
    text: str
    weight: float
    size: int  # its number of words


def _text_fields(cls: type[Record]) -> list[str]:
    """The fields of ``cls`` holding searchable text: id, name and aliases first, then the model's order."""
    hints = typing.get_type_hints(cls)
    names = [
        f.name for f in attrs.fields(cls)
        if hints[f.name] in _TEXT_TYPES and f.name not in _NOT_TEXT
        and not f.name.endswith(("_id", "_ids"))  # a reference is another record's key, not this one's
    ]
    first = [n for n in ("name", "aliases", "id") if n in names]
    # Names by language are keys as much as aliases are (their texts are read in _FamilyIndex).
    return [*first, "names", *(n for n in names if n not in first)]


class _FamilyIndex:
    """Inverted index of one family: word -> slots, plus the deletion table for typos."""

    __slots__ = ("deletions", "family", "keys", "postings", "records", "slots", "vocabulary")

    def __init__(self, family: str) -> None:
        self.family = family
        self.records: tuple[Record, ...] = lookup.INDICES[family].all()
        self.slots: list[_Slot] = []
        self.keys: dict[str, list[int]] = {}  # a key field's whole normalised text -> slots
        postings: dict[str, list[int]] = {}
        fields = _text_fields(FAMILY_TYPES[family])
        for position, record in enumerate(self.records):
            for field in fields:
                value = getattr(record, field)
                if field == "names":
                    value = tuple(name.text for name in record.names)
                key_like = _KEY_LIKE.search(field) is not None
                for text in value if isinstance(value, tuple) else (value,):
                    if text is None:
                        continue
                    words = _words(text)
                    if not words:
                        continue
                    slot = len(self.slots)
                    self.slots.append(_Slot(position, field, text, _KEY_WEIGHT if key_like else _TEXT_WEIGHT,
                                            len(words)))
                    if key_like:
                        joined = "".join(words)
                        self.keys.setdefault(joined, []).append(slot)
                        words = [*words, joined]  # "flux50" also finds "Flux 50"
                    for word in dict.fromkeys(words):
                        postings.setdefault(word, []).append(slot)
        self.postings: dict[str, tuple[int, ...]] = {w: tuple(s) for w, s in postings.items()}
        self.vocabulary = sorted(self.postings)
        deletions: dict[str, list[str]] = {}
        for word in self.vocabulary:
            if 3 <= len(word) <= _FUZZY_MAX:
                deletions.setdefault(word, []).append(word)
                if len(word) >= 4:
                    for variant in _deletions(word):
                        deletions.setdefault(variant, []).append(word)
        self.deletions = {v: tuple(ws) for v, ws in deletions.items()}

    def _similar(self, query: _Query, word: str) -> dict[str, float]:
        """Vocabulary words like ``word`` (one of the query's), with a similarity in (0, 1]."""
        out: dict[str, float] = {}
        if word in self.postings:
            out[word] = 1.0
        if 3 <= len(word) <= _FUZZY_MAX:
            # The word starts a longer word: "catalist" -> "catalisti".
            start = bisect.bisect_right(self.vocabulary, word)
            for token in self.vocabulary[start:start + _PREFIX_CANDIDATES]:
                if not token.startswith(word):
                    break
                out[token] = max(out.get(token, 0.0), 0.6 + 0.3 * len(word) / len(token))
            # A longer word starts with a vocabulary word: "imecqq" -> "imec".
            for size in range(len(word) - 1, max(3, (len(word) + 1) // 2) - 1, -1):
                token = word[:size]
                if token in self.postings:
                    out[token] = max(out.get(token, 0.0), 0.9 * size / len(word))
        bound = _max_edits(word)
        if bound:
            for variant in query.variants[word]:
                for token in self.deletions.get(variant, ()):
                    if token in out and out[token] == 1.0:
                        continue
                    edits = query.distance(word, token, bound)
                    if edits <= bound:
                        similarity = 0.9 * (1 - edits / max(len(word), len(token)))
                        out[token] = max(out.get(token, 0.0), similarity)
        return out

    def scores(self, query: _Query, keys_only: bool) -> dict[int, tuple[float, int]]:
        """Record position -> (its best score, the slot that gave it)."""
        per_slot: dict[int, dict[int, float]] = {}
        for i, word in enumerate(query.words):
            for token, similarity in self._similar(query, word).items():
                for slot in self.postings[token]:
                    best = per_slot.setdefault(slot, {})
                    if best.get(i, 0.0) < similarity:
                        best[i] = similarity
        count = len(query.words)
        slot_scores: dict[int, float] = {}
        for slot, best in per_slot.items():
            s = self.slots[slot]
            cover = sum(best.values()) / count
            # Of two fields the query covers alike, the one with fewer other words fits better.
            slot_scores[slot] = s.weight * cover * (0.8 + 0.2 * min(1.0, len(best) / s.size))
        if query.joined:
            for token, similarity in self._similar(query, query.joined).items():
                for slot in self.keys.get(token, ()):
                    whole = self.slots[slot].weight * similarity
                    if slot_scores.get(slot, 0.0) < whole:
                        slot_scores[slot] = whole
        for slot in self.keys.get(query.full, ()):  # what exact lookup would find scores 1
            slot_scores[slot] = self.slots[slot].weight
        out: dict[int, tuple[float, int]] = {}
        for slot in sorted(slot_scores):  # slot order breaks ties: name before aliases before id ...
            s = self.slots[slot]
            if keys_only and s.weight < _KEY_WEIGHT:
                continue
            score = round(slot_scores[slot], 4)
            if score > 0 and score > out.get(s.position, (0.0, -1))[0]:
                out[s.position] = (score, slot)
        return out


_indices: dict[str, _FamilyIndex] = {}
_lock = threading.Lock()


def _index(family: str) -> _FamilyIndex:
    index = _indices.get(family)
    if index is None:
        with _lock:
            index = _indices.get(family)
            if index is None:
                index = _FamilyIndex(family)
                _indices[family] = index  # published whole: readers never see a half-built index
    return index


def _check_count(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{name} must be positive, not {value}")
    return value


def search(query: str, *, kind: str | None = None, limit: int = 10) -> tuple[Hit, ...]:
    """The records best matching ``query``, best first: at most ``limit``, one hit per record.

    ``kind`` keeps one family (``"cluster"``, ``"priority"`` ...). Ties are broken
    by family order, then by record order, so the answer is the same every time.

    >>> from flanders_s3._search import search
    >>> top = search("enrgy")[0]
    >>> top.kind, top.record.name, top.field
    ('priority', 'Energy', 'name')
    >>> hit = search("powring", kind="cluster")[0]  # no key of Flux50 is like "powring"; its text is
    >>> hit.record.name, hit.field, hit.matched
    ('Flux50', 'tagline', 'powering smart energy')
    >>> search("zzqqxx")
    ()
    """
    if not isinstance(query, str):
        raise TypeError(f"query must be a str, not {type(query).__name__}")
    if not query.strip():
        raise ValueError("query must not be empty")
    families = list(FAMILY_TYPES) if kind is None else [check_family(kind, "kind")]
    _check_count("limit", limit)
    parsed = _Query(query)
    ranked: list[tuple[float, int, int, Hit]] = []
    if not parsed.words:  # punctuation only: nothing to match
        return ()
    for order, family in enumerate(families):
        index = _index(family)
        for position, (score, slot) in index.scores(parsed, keys_only=False).items():
            s = index.slots[slot]
            hit = Hit(index.records[position], family, score, s.field, s.text)
            ranked.append((-score, order, position, hit))
    ranked.sort()  # (order, position) is unique to a record, so two hits are never compared
    return tuple(r[3] for r in ranked[:limit])


def suggest(family: str, query: str, n: int = 3) -> tuple[str, ...]:
    """Display names of up to ``n`` records of ``family`` whose keys look like ``query``, closest first.

    Meant for "did you mean" after a miss, so it never raises for the query's
    content: a query with no letter or digit has no suggestions.

    >>> from flanders_s3._search import suggest
    >>> suggest("cluster", "Flx50")
    ('Flux50',)
    """
    family = check_family(family)
    if not isinstance(query, str):
        raise TypeError(f"query must be a str, not {type(query).__name__}")
    _check_count("n", n)
    parsed = _Query(query)
    if not parsed.words:
        return ()
    index = _index(family)
    scored = index.scores(parsed, keys_only=True)
    close = sorted((-score, position) for position, (score, _) in scored.items() if score >= _SUGGEST_CUTOFF)
    return tuple(index.records[position].name for _, position in close[:n])
