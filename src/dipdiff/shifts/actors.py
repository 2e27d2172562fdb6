"""Actors: ISO 3166 countries from pycountry plus the curated aliases, folded to one id per actor.

The country names are listed from pycountry once and cached between runs; the matcher is built once
per lexicon.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple, cast

from dipdiff.datacache import cached
from dipdiff.errors import ConfigError
from dipdiff.shifts.lexicon import Lexicon
from dipdiff.shifts.matcher import PhraseMatcher, PhraseTables, kept_tables, keys_of


class Actors(NamedTuple):
    """A compiled actor matcher and each actor's display name."""

    matcher: PhraseMatcher[str | None]
    """Alias -> actor id; ``None`` for phrases that only block a shorter alias ("Indian Ocean")."""
    names: Mapping[str, str]
    not_before: frozenset[str]
    """Words after a name that make it a document or operation ("Security Council resolution")."""
    name_links: frozenset[str]
    """Words between a document's or operation's name and a name inside it ("Force in Lebanon")."""
    capitals: frozenset[str]
    """Capitals (as keys) that name a place, not the state, after a word of ``place_before``."""
    place_before: frozenset[str]
    forums: frozenset[str]
    """Actor ids that are often the forum a statement is made in (the United Nations, its General
    Assembly): named as the forum, they keep a low confidence."""
    forum_context: str
    """Words before a forum's name, as a regular expression, that make it the forum ("session of")."""
    aliases: Mapping[str, tuple[str, ...]]
    """Every name of each actor, for a quick search of a whole statement."""
    self_references: PhraseMatcher[bool]
    """How a speaker names itself ("we", "my delegation", "this country")."""
    speaker_files: tuple[str, ...]
    """Patterns of file names that carry the speaker (group ``speaker``), e.g. ``RUS_72_2017.txt``."""
    speaker_file_names: tuple[tuple[str, str], ...]
    """Patterns of file names of one speaker's documents, with its name (``S_RES_0449_1979_EN_GOLD.txt``:
    the Security Council)."""
    titles: PhraseMatcher[bool]
    """Titles of people who act for a state ("President", "Foreign Minister") before their names."""
    title_then_capital: re.Pattern[str]
    """A title followed by a capitalised word: a quick test before reading a text for people."""
    not_names: frozenset[str]
    """Capitalised words after a title that are no one's name ("Mr. President"), as keys."""
    name_particles: frozenset[str]
    """Lowercase words inside a person's name before its last part ("de" in "Staffan de Mistura")."""
    spelled_alike: float
    """Lowest similarity (0-100) at which two capitalised names are one name spelled two ways."""
    ritual: re.Pattern[str]
    """A ritual office named in a sentence ("the presidency of the General Assembly")."""
    ritual_act: re.Pattern[str]
    """What a sentence does to a ritual office's holder ("congratulate", "election", "thank")."""
    adjective_generic: frozenset[str]
    """Words of actors' names too common to tell one actor ("Republic", "United"), as keys."""
    shared_last_word: re.Pattern[str]
    """Two compass names sharing their last word, written once ("North and South Korea"): group 1 is
    the first name's compass word, group 2 the shared word."""


@functools.cache
def actors_of(lexicon: Lexicon) -> Actors:
    """Build (once) the actor matcher of a lexicon; the packaged lexicon's phrase tables (about 1,500
    names of countries) are kept between runs."""
    if lexicon.packaged:
        return _actors(lexicon, kept_tables("actor-phrases", lambda recorder: _actors(lexicon, recorder)))
    return _actors(lexicon, PhraseTables())


def _actors(lexicon: Lexicon, tables: PhraseTables) -> Actors:
    spec = lexicon.actor_spec
    names: dict[str, str] = {}
    phrases: list[tuple[str, str | None]] = []
    if spec.get("use_pycountry", True):
        skip = {str(s).casefold() for s in spec.get("pycountry_skip", [])}
        for code, name, aliases in _countries():
            names[code] = name
            phrases += [(alias, code) for alias in aliases if alias.casefold() not in skip]
    for key, entry in spec.get("entries", {}).items():
        code = str(key)
        if entry.get("name"):
            names[code] = str(entry["name"])
        elif code not in names:
            raise ConfigError(f"actors.entries.{code} needs a name (it is not an ISO 3166 code)")
        phrases += [(str(alias), code) for alias in entry.get("aliases", [])]
    phrases += [(str(phrase), None) for phrase in spec.get("not_actors", [])]
    not_before = frozenset(str(w).casefold() for w in spec.get("not_before", []))
    titles = sorted((str(t) for t in spec.get("titles", [])), key=len, reverse=True)
    alternatives = "|".join(map(re.escape, titles)) or "(?!)"
    wordings: dict[str, list[str]] = {}
    for alias, owner in phrases:
        if owner is not None:
            wordings.setdefault(owner, []).append(alias)
    return Actors(
        tables.matcher(phrases),
        names,
        not_before,
        frozenset(str(w).casefold() for w in spec.get("name_links", [])),
        frozenset(" ".join(keys_of(str(w))) for w in spec.get("capitals", [])),
        frozenset(str(w).casefold() for w in spec.get("place_before", [])),
        frozenset(str(w) for w in spec.get("forums", [])),
        "|".join(re.escape(str(w)) for w in spec.get("forum_context", [])) or "(?!)",
        {k: tuple(v) for k, v in wordings.items()},
        tables.matcher((str(w), True) for w in spec.get("self_references", [])),
        tuple(str(p) for p in spec.get("speaker_files", [])),
        tuple((str(p), str(n)) for p, n in dict(spec.get("speaker_file_names", {})).items()),
        tables.matcher((str(w), True) for w in titles),
        re.compile(rf"\b(?:{alternatives})\s+[A-Z]"),
        frozenset(str(w).casefold() for w in spec.get("not_names", [])),
        frozenset(str(w).casefold() for w in spec.get("name_particles", [])),
        float(spec.get("spelled_alike", 100)),
        _any_of(spec.get("ritual_offices", []), r"\b", r"\b"),
        _any_of(spec.get("ritual_acts", []), r"\b", ""),
        frozenset(str(w).casefold() for w in spec.get("adjective_generic", [])),
        _shared_last_word([str(w) for w in spec.get("compass_words", [])]),
    )


def _shared_last_word(compass: list[str]) -> re.Pattern[str]:
    """A pattern for two compass names written with their last word once ("East and West Germany");
    no compass words: a pattern that never matches."""
    if not compass:
        return re.compile("(?!)")
    word = "|".join(map(re.escape, sorted(compass, key=len, reverse=True)))
    return re.compile(rf"\b({word})\s+(?:and|or|&)\s+(?:{word})\s+(\w+)")


def _any_of(phrases: list[object], before: str, after: str) -> re.Pattern[str]:
    """A case-blind pattern for any of ``phrases`` (none: a pattern that never matches)."""
    alternatives = "|".join(re.escape(str(p)) for p in phrases) or "(?!)"
    return re.compile(rf"{before}(?:{alternatives}){after}", re.IGNORECASE)


def _countries() -> list[tuple[str, str, list[str]]]:
    """Each ISO country's alpha-3 code, display name and names in running-text order.

    Listed once and cached between runs (``dipdiff.datacache``), keyed by pycountry's own files, so
    that most runs never import pycountry.
    """
    import importlib.util

    spec = importlib.util.find_spec("pycountry")
    if spec is None or spec.origin is None:
        return _list_countries()
    package = Path(spec.origin).parent
    sources = [package / "__init__.py", package / "databases" / "iso3166-1.json"]
    return cast(list[tuple[str, str, list[str]]], cached("countries", sources, _list_countries))


def _list_countries() -> list[tuple[str, str, list[str]]]:
    import pycountry

    listed = []
    for country in pycountry.countries:
        common = getattr(country, "common_name", "")
        names = [country.name, getattr(country, "official_name", ""), common]
        display = common or _reading_order(country.name)
        listed.append((country.alpha_3, display, [_reading_order(n) for n in names if n]))
    return listed


def _reading_order(name: str) -> str:
    """Turn ISO's "Korea, Republic of" into "Republic of Korea"; drop "the" and brackets."""
    name = name.split(" (")[0]
    if ", " in name:
        head, _, tail = name.partition(", ")
        if tail.endswith(" of") or tail.endswith(" of the"):
            name = f"{tail} {head}"
        elif tail.startswith("Province of") or tail in ("State of",):
            name = head
    return name.removeprefix("the ")
