"""The one form keys are compared in. Lookup and search both use it, so neither needs the other.

Compatibility forms are folded before case and again after it: "\\u2131lux50"
(a script capital F) decomposes to "Flux50" only under NFKD, and case folding can
produce characters that decompose further, so one pass of each would leave the
function short of idempotent.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise", "words"]

# \W keeps letters and digits of every script; "_" is a word character, so drop it too.
_DROP = re.compile(r"[\W_]+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    if decomposed.isascii():
        return decomposed
    # Combining accents are not word characters: drop them before splitting, or "é" splits a word.
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(text: str) -> str:
    """The form keys are compared in: NFKD, casefolded, accents dropped, only letters and digits.

    >>> normalise("Flanders' FOOD")
    'flandersfood'
    >>> normalise("Flux 50") == normalise("FLUX-50") == normalise("flux50") == normalise("\\u2131lux50")
    True
    """
    return _DROP.sub("", _fold(text))


def words(text: str) -> list[str]:
    """:func:`normalise` per word: the same folding, split at everything but letters and digits."""
    return [w for w in _DROP.split(_fold(text)) if w]
