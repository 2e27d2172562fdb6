"""Content units of a paragraph and how much each weighs: what two passages on one issue share.

A *unit* is a content word cut to its first ``STEM`` characters ("terrorism" and "terrorists" are one
unit, "sanction" and "sanctions" another), an actor named in the text (every alias folded to one id:
"DPRK", "Pyongyang" and "Democratic People's Republic of Korea" are the unit ``@PRK``, and their words
are not counted again), or a key term of the lexicon (``#denuclearization of the korean peninsula``,
whose words also count: another text may name the Korean peninsula without the term).
Chinese and Japanese text, which has no spaces, gives its character pairs; a Korean word is cut of the
particle it ends in (``korean_stem``: 핵무력을 and 핵무력으로 are 핵무력), spelled by the South Korean
initial sound rule (로동 is 노동), and a word of four syllables or more gives its syllable pairs
(``korean_units``: 국가경제발전 gives 국가, 가경, 경제, 제발, 발전, sharing 국가, 경제 and 발전 with
국가경제 발전). Numbers and marks are no units.

A unit weighs its inverse document frequency (IDF), the geometric mean over two sources: the paragraphs
of the two statements compared, and a background table of how often it occurs in paragraphs of diplomatic
text (``data/background/<language>.json``, built by ``benchmarks/build_background.py`` from the shared
statements). *the*, *of* and *and* weigh almost nothing; *Pyongyang*, *nuclear* and *Security Council*
weigh most.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from dipdiff.datacache import cached
from dipdiff.tokens import FIRST_HANGUL, LAST_HANGUL, is_hangul

if TYPE_CHECKING:
    from dipdiff.shifts.lexicon import Lexicon
    from dipdiff.shifts.matcher import Word

STEM = 7
"""Characters a Latin or Cyrillic word is cut to: a crude stemmer that folds inflections."""
_LANGUAGES = ("en", "ru", "zh", "ko")


class Units(NamedTuple):
    """A paragraph's units in reading order, where each occurrence starts, and how it is written."""

    found: tuple[str, ...]
    starts: tuple[int, ...]
    """Character offset of each occurrence in the paragraph."""
    surface: tuple[str, ...]
    """The paragraph's words for each occurrence ("Pyongyang" for ``@PRK``)."""
    text: str = ""
    """The paragraph the offsets point into."""

    @property
    def distinct(self) -> frozenset[str]:
        """The paragraph's units as a set."""
        return frozenset(self.found)

    @property
    def counts(self) -> Counter[str]:
        """How often the paragraph uses each unit."""
        return Counter(self.found)


def language_of(texts: Iterable[str]) -> str:
    """Guess the language of a statement from its script: ``ko``, ``zh``, ``ru``, else ``en``."""
    counts: Counter[str] = Counter()
    for text in texts:
        head = text[:400]
        for language, letters in _SCRIPTS:
            if found := len(letters.findall(head)):
                counts[language] += found
        if sum(counts.values()) > 4000:
            break
    return counts.most_common(1)[0][0] if counts else "en"


_SCRIPTS = (
    ("ko", re.compile("[\uac00-\ud7a3]")),
    ("zh", re.compile("[\u4e00-\u9fff]")),
    ("ru", re.compile("[\u0400-\u04ff]")),
    ("en", re.compile("[A-Za-z]")),
)
"""Each language's letters, as ``language_of`` counts them."""


def units_of(text: str, lexicon: Lexicon | None) -> Units:
    """Return the content units of one paragraph, in reading order."""
    from dipdiff.shifts.matcher import words_of

    words = words_of(text)
    named: list[tuple[int, str, str]] = []
    covered: set[int] = set()
    if lexicon is not None:
        for unit, first, last, start in _names(words, lexicon):
            named.append((start, unit, text[start : words[last - 1].end]))
            if unit.startswith("@"):
                covered.update(range(first, last))
    if text.isascii() or max(text) < _FIRST_CJK:
        plain = [
            (start, key[:STEM], written)
            for n, (start, _, written, key) in enumerate(words)
            if len(key) > 1 and key.isalpha() and n not in covered
        ]
    else:
        plain = _asian_units(words, covered)
    # a name and the words after it: in reading order, a name before a word at the same offset
    found = sorted(named + plain, key=lambda entry: entry[0]) if named else plain
    if not found:
        return Units((), (), ())
    starts, units, surface = zip(*found, strict=True)
    return Units(units, starts, surface, text)


_FIRST_CJK = "\u3400"
"""The first character ``_is_cjk`` or ``is_hangul`` holds: a text below it is read word by word."""


def _asian_units(words: Sequence[Word], covered: set[int]) -> list[tuple[int, str, str]]:
    """Units of a text that may hold Chinese, Japanese or Korean: (offset, unit, as written)."""
    found = []
    for n, word in enumerate(words):
        if n in covered:
            continue
        key = word.key
        if _is_cjk(key):
            following = words[n + 1].key if n + 1 < len(words) else ""
            if _is_cjk(following):
                found.append((word.start, key + following, word.text + words[n + 1].text))
            continue
        if len(key) < 2 or not key.isalpha():
            continue  # numbers, marks and single letters carry no subject
        if is_hangul(key):
            found.extend((word.start, unit, word.text) for unit in korean_units(key))
        else:
            found.append((word.start, key[:STEM], word.text))
    return found


def _names(typed: Sequence[Word], lexicon: Lexicon) -> list[tuple[str, int, int, int]]:
    """Actors and key terms named in a paragraph: (unit, first word, last word, character offset)."""
    from dipdiff.shifts.actors import actors_of

    keys = tuple(w.key for w in typed)
    found = []
    for term in lexicon.terms.find(typed, keys=keys):
        found.append((f"#{term.value.casefold()}", term.first, term.last, term.start))
    in_terms = {n for _, first, last, _ in found for n in range(first, last)}
    actors = actors_of(lexicon)
    for match in actors.matcher.find(typed, keys=keys):
        if match.value is None or match.first in in_terms:
            continue
        after = keys[match.last] if match.last < len(keys) else ""
        if after in actors.not_before:
            continue  # "Security Council resolution": a document, whose words still count
        found.append((f"@{match.value}", match.first, match.last, match.start))
    return found


class _Korean(NamedTuple):
    """How a Korean word is cut into units (``pairing.yaml``, ``korean``)."""

    endings: tuple[str, ...]
    """Particles, longest first."""
    keep: tuple[str, ...]
    """Endings of nouns whose last syllable only looks like a particle."""
    least: int
    """Syllables a stem keeps at least."""
    pairs_from: int
    """Syllables from which a stem gives its syllable pairs rather than itself."""
    i_vowels: frozenset[int]
    """The vowels (0-20, in Unicode's order) before which an initial ㄹ or ㄴ is read ㅇ."""


@functools.cache
def _prior() -> float:
    """How many paragraphs the background table lends a unit's weight (``pairing.yaml``, ``weights``)."""
    from dipdiff.resources import packaged_yaml

    return float(packaged_yaml("pairing.yaml")["weights"]["prior"])


@functools.cache
def _korean() -> _Korean:
    from dipdiff.resources import packaged_yaml

    korean = packaged_yaml("pairing.yaml")["korean"]
    return _Korean(
        tuple(sorted(set(map(str, korean["particles"])), key=len, reverse=True)),
        tuple(map(str, korean["keep"])),
        int(korean["min_syllables"]),
        int(korean["compounds"]["pairs_from"]),
        frozenset(_VOWELS.index(str(v)) for v in korean["initial_sound"]["i_vowels"]),
    )


_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
"""The 21 vowels in the order Unicode composes Hangul syllables."""


def korean_units(word: str) -> tuple[str, ...]:
    """A Korean word's units: its stem (``korean_stem``), or the stem's syllable pairs when it has
    ``pairs_from`` syllables or more, so that a compound written as one word shares units with its
    parts written apart (국가경제발전 and 국가경제 발전 both give 국가, 경제 and 발전)."""
    stem = korean_stem(word)
    if len(stem) < _korean().pairs_from:
        return (stem,)
    return tuple(stem[n : n + 2] for n in range(len(stem) - 1))


def korean_stem(word: str) -> str:
    """A Korean word without the particle it ends in (``without_particle``), spelled by the South
    Korean initial sound rule (``_initial_sound``: 로동 and 노동 are one): a key, never shown."""
    return _initial_sound(without_particle(word), _korean().i_vowels)


def without_particle(word: str) -> str:
    """A Korean word as written, without the particle it ends in: 핵무력을, 핵무력으로 and 핵무력의
    are 핵무력."""
    korean = _korean()
    for ending in korean.endings:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= korean.least:
            if any(word.endswith(kept) for kept in korean.keep) and len(ending) == 1:
                break  # 사회주의 "socialism" ends in 의 but is no 사회주 + 의
            return stem
    return word


def _initial_sound(word: str, i_vowels: frozenset[int]) -> str:
    """The word with every syllable that starts in ㄹ, or in ㄴ before the vowels ``i_vowels``, spelled
    as South Korean spelling writes it at the start of a word (두음법칙): North Korean spelling keeps
    로동, 력사, 리익 and 녀성, which South Korean spelling writes 노동, 역사, 이익 and 여성, also inside
    compounds written as one word (조선로동당, 조선노동당). Every syllable of both statements is spelled
    alike, so a word such as 능력 is 능역 in both: a unit is a key, never shown."""
    if not all(FIRST_HANGUL <= letter <= LAST_HANGUL for letter in word):
        return word
    letters = []
    for letter in word:
        code = ord(letter) - ord(FIRST_HANGUL)
        onset, vowel = divmod(code // 28, 21)
        if onset in (_NIEUN, _RIEUL):
            onset = _IEUNG if vowel in i_vowels else _NIEUN
            letter = chr(ord(FIRST_HANGUL) + (onset * 21 + vowel) * 28 + code % 28)
        letters.append(letter)
    return "".join(letters)


_NIEUN, _RIEUL, _IEUNG = 2, 5, 11
"""Indices of the initial consonants ㄴ, ㄹ and ㅇ in Unicode's order."""


def _is_cjk(key: str) -> bool:
    return len(key) == 1 and ("\u3400" <= key <= "\u9fff" or "\uf900" <= key <= "\ufaff")


class Background(NamedTuple):
    """How rare each unit is in diplomatic text of one language."""

    idf: Mapping[str, float]
    """Unit -> log(paragraphs / paragraphs holding it), for the units common enough to be listed."""
    unlisted: float
    """The IDF of a unit not in the table: rarer than any listed one."""


@functools.cache
def background(language: str) -> Background:
    """The packaged background table of a language; an empty one where none is shipped."""
    if language not in _LANGUAGES:
        return Background({}, 0.0)
    path = Path(__file__).resolve().parent.parent / "data" / "background" / f"{language}.json"
    if not path.is_file():
        return Background({}, 0.0)
    idf, unlisted = cached(f"background-{language}", [path], lambda: _read_background(path))
    return Background(idf, unlisted)


def _read_background(path: Path) -> tuple[dict[str, float], float]:
    """Unfold a table stored as ``{"levels": {"<idf>": "unit|unit|..."}, "unlisted": x}``."""
    import json  # only when the cached table is missing or stale

    data = json.loads(path.read_text(encoding="utf-8"))
    idf = {unit: float(level) for level, units in data["levels"].items() for unit in units.split("|")}
    return idf, float(data["unlisted"])


class Weights:
    """Each unit's weight: the geometric mean of its IDF in the background table and among the compared
    paragraphs, so that a unit weighs much only when it is rare in both (a word every paragraph of two
    speeches uses says little about any one of them, however rare it is elsewhere).

    The IDF among the compared paragraphs says little when they are few: it is drawn towards the
    background IDF as if the background lent ``prior`` paragraphs (``pairing.yaml``), so that two
    statements of three paragraphs still weigh *Pyongyang* as a name.
    """

    def __init__(self, paragraphs: Sequence[frozenset[str]], table: Background) -> None:
        df: Counter[str] = Counter()
        for units in paragraphs:
            df.update(units)
        count = len(paragraphs)
        self._count = count
        self._local = {unit: math.log((count + 1) / (n + 0.5)) for unit, n in df.items()}
        self._table = table
        self._prior = _prior()

    def rarity(self, unit: str) -> float:
        """How rare a unit is in diplomatic text at large (its background IDF), or among the compared
        paragraphs when the language has no background table."""
        if not self._table.idf:
            return self._local.get(unit, 0.0)
        return self._table.idf.get(unit, self._table.unlisted)

    def __getitem__(self, unit: str) -> float:
        local = self._local.get(unit, 0.0)
        if not self._table.idf and not self._table.unlisted:
            return local
        background = self._table.idf.get(unit, self._table.unlisted)
        drawn = (self._count * local + self._prior * background) / (self._count + self._prior)
        return math.sqrt(drawn * background)
