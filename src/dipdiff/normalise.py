"""Normalise words for matching: Unicode forms, quotes and dashes, case, spelling variants.

Normalised text only decides what matches; dipdiff always shows the original words. The rules are data
(``data/normalise.yaml`` and ``data/spelling.yaml``) that a user extends with ``--config``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

from dipdiff.errors import ConfigError
from dipdiff.resources import packaged_yaml, user_yaml

_ISE_ENDINGS = (
    ("ise", "ize"),
    ("ises", "izes"),
    ("ised", "ized"),
    ("ising", "izing"),
    ("isation", "ization"),
    ("isations", "izations"),
    ("iser", "izer"),
    ("isers", "izers"),
)


@dataclass(frozen=True, slots=True)
class Normaliser:
    """Map a token to the key it is compared by."""

    unicode_form: Literal["NFC", "NFKC", "NFD", "NFKD"]
    casefold: bool
    table: Mapping[int, str | None]
    """``str.translate`` table: character replacements and ignored characters."""
    words: Mapping[str, str]
    """Whole-word spelling variants, after case folding."""
    _memo: _Memo = field(init=False, compare=False, repr=False)
    """Keys already computed: statements repeat their words, so most lookups hit."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_memo", _Memo(self._key))

    def key(self, token: str) -> str:
        """Return the normalised form of one token."""
        return self._memo[token]

    def keys(self, tokens: Iterable[str]) -> list[str]:
        """Return the normalised forms of many tokens (the lookups run in C, misses computed once)."""
        return list(map(self._memo.__getitem__, tokens))

    def _key(self, token: str) -> str:
        text = token if token.isascii() else unicodedata.normalize(self.unicode_form, token)
        if not text.isascii():
            # NFKC spells some marks with a space (U+00B4 ´ is " ́"); a key never holds one, as the
            # corpus index joins keys with spaces
            text = "".join(text.split())
        text = text.translate(self.table)
        if self.casefold:
            text = text.casefold()
        if "-" in text and not self.words.get(text):
            return "-".join(self.words.get(part, part) for part in text.split("-"))
        return self.words.get(text, text)

    def text(self, text: str) -> str:
        """Normalise a run of text word by word (for scoring whole strings)."""
        from dipdiff.tokens import tokenise

        return " ".join(token.key for token in tokenise(text, self))


class _Memo(dict[str, str]):
    """Token -> key; a token not seen before is normalised once and remembered."""

    def __init__(self, compute: Callable[[str], str]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, token: str) -> str:
        key = self[token] = self.compute(token)
        return key


def _rules_from(data: Mapping[str, Any], source: str) -> dict[str, Any]:
    """Check the shape of a rules mapping and return it as plain values."""
    known = {"unicode_form", "casefold", "char_map", "ignore", "ise_stems", "words"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"unknown normalisation keys: {', '.join(unknown)}", source=source)
    char_map = data.get("char_map") or {}
    if not isinstance(char_map, dict) or not all(
        isinstance(k, str) and len(k) == 1 and isinstance(v, str) for k, v in char_map.items()
    ):
        raise ConfigError("char_map must map single characters to strings", source=source)
    for name in ("ignore", "ise_stems"):
        value = data.get(name) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{name} must be a list of strings", source=source)
    words = data.get("words") or {}
    if not isinstance(words, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in words.items()
    ):
        raise ConfigError("words must map variant spellings to strings", source=source)
    if not isinstance(data.get("casefold", True), bool):  # "casefold: maybe" was taken as true
        raise ConfigError(f"casefold must be true or false, not {data['casefold']!r}", source=source)
    form = data.get("unicode_form", "NFKC")
    if form not in ("NFC", "NFKC", "NFD", "NFKD"):
        raise ConfigError(f"unicode_form must be NFC, NFKC, NFD or NFKD, not {form!r}", source=source)
    return dict(data)


def build_normaliser(config: Path | None = None) -> Normaliser:
    """Build the normaliser from the packaged rules, extended by a user's config file."""
    layers = [
        _rules_from(packaged_yaml("normalise.yaml"), "normalise.yaml"),
        _rules_from(packaged_yaml("spelling.yaml"), "spelling.yaml"),
    ]
    if config is not None:
        layers.append(_rules_from(user_yaml(config, what="config"), str(config)))
    form, casefold = "NFKC", True
    table: dict[int, str | None] = {}
    words: dict[str, str] = {}
    for layer in layers:
        form = layer.get("unicode_form", form)
        casefold = bool(layer.get("casefold", casefold))
        table.update({ord(k): v for k, v in (layer.get("char_map") or {}).items()})
        table.update({ord(ch): None for ch in layer.get("ignore") or [] if len(ch) == 1})
        for stem in layer.get("ise_stems") or []:
            for british, american in _ISE_ENDINGS:
                words[stem + british] = stem + american
        words.update(layer.get("words") or {})
    return Normaliser(cast(Literal["NFC", "NFKC", "NFD", "NFKD"], form), casefold, table, words)


_DEFAULT: Normaliser | None = None


def default_normaliser() -> Normaliser:
    """Return the normaliser built from the packaged rules alone (built once)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = build_normaliser()
    return _DEFAULT
