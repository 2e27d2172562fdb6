"""Which sentences of a paired paragraph carry the match, and what a passage is about.

Paragraphing differs between speeches: what Russia said about the DPRK may be one sentence of a long
paragraph on Asia in one year and a paragraph of its own the next. A side's *passage* is the shortest
run of its sentences holding a given share of the weight it shares with the other side; it is
reported only when it leaves some sentence out. A block's *subject* is its strongest names and key
terms (then words), as the text writes them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from dipdiff.model import Passage
from dipdiff.pairing.units import Units

if TYPE_CHECKING:
    from dipdiff.shifts.lexicon import Lexicon


_SHORTEST_WORD = 4
"""Shortest plain word shown in a subject."""


def passage(
    units: Units,
    shared: frozenset[str],
    weigh: Callable[[str], float],
    sentences: Sequence[tuple[int, int]],
    share: float,
) -> Passage | None:
    """The run of ``sentences`` (character ranges) carrying ``share`` of the shared weight, if partial."""
    if len(sentences) < 2 or not shared:
        return None
    mass = [0.0] * len(sentences)
    seen: set[tuple[int, str]] = set()
    s = 0
    for unit, start in zip(units.found, units.starts, strict=True):
        while s + 1 < len(sentences) and start >= sentences[s][1]:
            s += 1
        if unit in shared and (s, unit) not in seen:
            seen.add((s, unit))
            mass[s] += weigh(unit) ** 2
    total = sum(mass)
    if not total:
        return None
    best: tuple[int, float, int, int] | None = None  # (length, -mass, first, last)
    held = 0.0
    first = 0
    for last, m in enumerate(mass):
        held += m
        while first < last and held - mass[first] >= share * total:
            held -= mass[first]
            first += 1
        if held >= share * total:
            candidate = (last - first, -held, first, last)
            if best is None or candidate < best:
                best = candidate
    if best is None:
        return None
    _, _, first, last = best
    if first == 0 and last == len(sentences) - 1:
        return None
    return Passage(first, last, len(sentences), sentences[first][0], sentences[last][1])


def subject(
    units: Units,
    among: frozenset[str],
    weigh: Callable[[str], float],
    lexicon: Lexicon | None,
    count: int,
    floors: tuple[float, float] = (0.0, 0.0),
    function_words: frozenset[str] = frozenset(),
) -> tuple[str, ...]:
    """The ``count`` strongest of ``among`` in ``units``, as displayed.

    A unit's strength is its weight times ``1 + log`` of how often the block uses it, so a matter the
    block dwells on comes before a rare word it uses once. Names and terms at least as heavy as the
    second of ``floors`` come first; nothing lighter than the first is shown (a name every paragraph
    of a UN speech uses, "United Nations", or a word such as "which", says nothing of one block).
    A plain word in ``function_words`` (casefolded) is never shown, whatever its weight.
    """
    floor, name_floor = floors
    found, surface = units.found, units.surface
    uses = Counter(found)
    # each unit's first occurrence: read from the end, the earliest index is written last
    first = dict(zip(reversed(found), range(len(found) - 1, -1, -1), strict=True))
    written: dict[str, str] = {}  # each unit as first written, read where it is needed

    def as_written(unit: str) -> str:
        if unit not in written:
            written[unit] = _as_written(units, first[unit], among, function_words)
        return written[unit]

    def may_stand(unit: str) -> bool:
        if unit[0] in "@#":
            return True
        word = surface[first[unit]]
        # a word too short to stand alone may stand in the name it is written in ("Al" in "Al Qaeda")
        return _may_name_a_subject(word, function_words) or (
            len(word) < _SHORTEST_WORD and _may_name_a_subject(as_written(unit), function_words)
        )

    ranked: list[
        tuple[bool, float, str]
    ] = []  # names and terms heavy enough first, then by strength; read until enough are shown
    for unit in first.keys() & among:
        weight = weigh(unit)
        if weight >= floor:
            ranked.append(
                (unit[0] not in "@#" or weight < name_floor, -weight * (1 + math.log(uses[unit])), unit)
            )
    ranked.sort()
    names: dict[str, str] | None = None
    shown: list[str] = []
    for _, _, unit in ranked:
        if not may_stand(unit):
            continue
        if unit.startswith("@"):
            if names is None:
                names = _names(lexicon)
            label = names.get(unit[1:]) or as_written(unit)
        else:
            label = as_written(unit)
        label = " ".join(label.split())  # a hard-wrapped text's line break inside a name
        folded = label.casefold()
        within = [n for n, s in enumerate(shown) if _a_part_of(s.casefold(), folded)]
        if within and not any(folded in s.casefold() for s in shown):
            shown[within[0]] = label  # a name shown before, now seen whole ("Road" in "Road Forum")
            for n in reversed(within[1:]):
                del shown[n]
        elif not any(folded in s.casefold() or s.casefold() in folded for s in shown):
            shown.append(label)
        if len(shown) == count:
            break
    return tuple(shown)


def _names(lexicon: Lexicon | None) -> dict[str, str]:
    """How the lexicon names each actor ("North Korea" for ``PRK``)."""
    if lexicon is None:
        return {}
    from dipdiff.shifts.actors import actors_of

    return dict(actors_of(lexicon).names)


def _a_part_of(name: str, whole: str) -> bool:
    """Whether ``whole`` is ``name`` with more words around it ("road" in "road forum", not "syrians")."""
    return name != whole and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", whole) is not None


def _as_written(units: Units, k: int, among: frozenset[str], function_words: frozenset[str]) -> str:
    """Occurrence ``k`` as a subject shows it: inside a run of capitalised words the lexicon does not
    know, the whole run.

    A person, place or body the lexicon lacks is found one word at a time ("María", "Espinosa",
    "Garcés"); written next to each other, a space or a hyphen apart, they are one name ("María
    Fernanda Espinosa Garcés", "Indo-Pacific"), and a subject shows it whole, as the text writes it.
    Only runs whose every word is in ``among`` are joined, so a pair's subject names only what both
    sides write; a function word ("The Belt") does not start or join a run.
    """
    text, found, surface, starts = units.text, units.found, units.surface, units.starts

    def in_a_name(n: int) -> bool:
        word = surface[n]
        return (
            found[n][0] not in "@#"
            and found[n] in among
            and word[:1].isupper()
            and word.isalpha()
            and word.casefold() not in function_words
        )

    def next_to(n: int) -> bool:
        """Whether occurrence ``n + 1`` follows ``n`` a space or a hyphen apart."""
        end = starts[n] + len(surface[n])
        return starts[n + 1] == end + 1 and text[end] in " -"

    if not text or not in_a_name(k):
        return surface[k]
    first = last = k
    while first > 0 and in_a_name(first - 1) and next_to(first - 1):
        first -= 1
    while last + 1 < len(found) and in_a_name(last + 1) and next_to(last):
        last += 1
    if first == last:
        return surface[k]
    return text[starts[first] : starts[last] + len(surface[last])]


def _may_name_a_subject(word: str, function_words: frozenset[str]) -> bool:
    """Whether a plain word may stand in a subject: "off", "yet" or "there" alone says nothing of one."""
    return len(word) >= _SHORTEST_WORD and word.casefold() not in function_words
