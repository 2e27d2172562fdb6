"""The shift lexicons: packaged YAML under ``data/lexicon/``, extended or replaced by users' files.

A user's file holds any of the packaged sections (``intensity``, ``modality``, ``negation``,
``hedges``, ``actors``, ``terms``, ``numbers``, ``confidence``). Lists are appended to, mappings
merged, single values replaced. A top-level ``replace: [hedges, intensity.words]`` list names
sections, or keys inside a section, that the file replaces instead of extending. Everything is
checked and compiled once, here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from dipdiff.errors import ConfigError
from dipdiff.model import DIRECTIONS
from dipdiff.resources import packaged_yaml, user_yaml
from dipdiff.shifts.matcher import PhraseMatcher, PhraseTables, kept_tables

PACKAGED = ("intensity", "modality", "negation", "hedges", "actors", "terms", "numbers", "confidence")
"""The packaged lexicon files, ``data/lexicon/<name>.yaml``; ``hedges.yaml`` also holds
``hedge_frames`` and ``stance_frames``."""

LABELS = tuple(
    f"{category.value}:{direction.value}"
    for category, directions in DIRECTIONS.items()
    for direction in directions
)
"""Every kind of shift, as ``category:direction``."""

SWAPPED = "swap"
"""The evidence a tone shift carries when its two wordings share no word: one rung of the ladder
swapped for another ("call on" -> "firmly condemn"), not a modifier added to or dropped from the same
word ("support" -> "firm support"). Such shifts have a line of their own besides their category's
(``intensity:up:swap``, counted in ``intensity:up`` too): a writer who changes the verb itself chooses
a new tone even in a rewritten sentence, where boosters come and go with the rewording."""

CALIBRATED = LABELS + tuple(f"{label}:{SWAPPED}" for label in LABELS if label.startswith("intensity:"))
"""Every line of ``category_confidence``: each kind of shift, and tone shifts by their evidence."""

# The shape of each section: key -> expected type ("list", "dict", "str", "num", "bool").
_SHAPE: dict[str, dict[str, str] | str] = {
    "intensity": {
        "scales": "dict",
        "words": "list",
        "modifiers": "list",
        "window_before": "num",
        "window_after": "num",
        "exclude": "list",
        "modifier_not_before": "list",
        "one_sided_min": "num",
        "frames": "list",
    },
    "modality": {
        "up": "str",
        "down": "str",
        "levels": "list",
        "noun_after": "list",
        "not_before": "list",
        "courtesy_skip": "list",
        "speech_acts": "list",
        "month": "list",
        "chain_gap": "num",
        "ability_after": "list",
    },
    "negation": {
        "triggers": "list",
        "pseudo": "list",
        "contrast": "list",
        "correlatives": "dict",
        "terminators": "list",
        "scope_words": "num",
    },
    "hedges": "list",
    "hedge_frames": "list",
    "stance_frames": "list",
    "claim_words": "list",
    "category_confidence": {label: "dict" for label in CALIBRATED},
    "actors": {
        "use_pycountry": "bool",
        "pycountry_skip": "list",
        "not_actors": "list",
        "not_before": "list",
        "name_links": "list",
        "capitals": "list",
        "place_before": "list",
        "forums": "list",
        "forum_context": "list",
        "entries": "dict",
        "self_references": "list",
        "speaker_files": "list",
        "speaker_file_names": "dict",
        "titles": "list",
        "not_names": "list",
        "name_particles": "list",
        "spelled_alike": "num",
        "ritual_offices": "list",
        "ritual_acts": "list",
        "adjective_generic": "list",
        "compass_words": "list",
    },
    "terms": "list",
    "term_documents": "list",
    "numbers": {
        "words": "dict",
        "weak": "list",
        "weak_after": "list",
        "not_before": "list",
        "relative_after": "list",
        "relative_before": "list",
        "footnote_starts": "list",
        "numbered_nouns": "list",
        "marker_before": "list",
        "before_amounts": "list",
        "relative_phrases": "list",
        "ocr_i_before": "list",
        "ceilings": "list",
    },
    "confidence": {
        "speaker_named_itself": "num",
        "speaker_named": "num",
        "self_reference_swap": "num",
        "spelled_alike": "num",
        "negation_contrast": "num",
        "relative_time": "num",
        "same_date": "num",
        "rewritten_hedge": "num",
        "scare_quotes": "num",
        "emphasis_frame": "num",
        "negation_repeated": "num",
        "weak_pair_below": "num",
        "weak_pair": "num",
        "weak_pair_affinity": "num",
        "forum": "num",
        "close_sentences": "num",
        "unrelated_sentences": "num",
        "office_holder": "num",
        "ritual_office": "num",
        "named_by_adjective": "num",
        "editorial_reference": "num",
        "claim_close": "num",
        "claim_unrelated": "num",
        "rewritten_below": "num",
        "reworded_below": "num",
        "revised_kept": "num",
        "calibration_margin": "num",
        "calibration_whole": "num",
    },
}
_TYPES: dict[str, tuple[type, ...]] = {
    "list": (list,),
    "dict": (dict,),
    "str": (str,),
    "num": (int, float),
    "bool": (bool,),
}


class Scale(NamedTuple):
    """One tone axis: which way it points and how its moves are described."""

    polarity: int
    """+1 when a higher level is harder (disapproval), -1 when it is warmer (support), 0 when it says
    nothing of the tone (emphasis): no move to or from it changes the tone."""
    up: str
    down: str
    one_sided_min: float | None = None
    """Lowest level at which a word of this scale counts when it only appears or vanishes."""


class Rung(NamedTuple):
    """A word's place on a tone scale."""

    scale: str
    level: float


class Modifier(NamedTuple):
    """A word that moves the ladder word beside it by ``step`` levels."""

    step: float
    standalone: bool
    """Whether it still counts when no ladder word is beside it (an adverb such as "firmly")."""
    adjective: bool = False
    """Whether it modifies only the word right after it ("grave concern"), never one before it."""


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Every list the classifier reads, compiled into matchers (built once per set of files)."""

    scales: Mapping[str, Scale]
    ladder: PhraseMatcher[tuple[Rung, ...]]
    modifiers: PhraseMatcher[Modifier]
    window_before: int
    window_after: int
    exclude: Mapping[str, tuple[frozenset[str], frozenset[str]]]
    """Ladder word -> (words before it, words after it) that make it no stance ("parties concerned")."""
    one_sided_min: float
    modifier_not_before: frozenset[str]
    modals: PhraseMatcher[int]
    modality_up: str
    modality_down: str
    modal_noun_after: frozenset[str]
    modal_not_before: frozenset[str]
    modal_courtesy_skip: frozenset[str]
    """Words read past between a modal and the word that makes it a courtesy ("I would also like to")."""
    modal_speech_acts: PhraseMatcher[bool]
    """Verbs after "I" and a modal that name the speech itself ("I must thank", "I shall conclude"):
    a courtesy or a signpost, no commitment."""
    modal_months: frozenset[str]
    modal_ability: PhraseMatcher[bool]
    """Phrases after a modal that predict an ability ("will be able to"): no commitment."""
    modal_chain_gap: int
    """Most words between a modal and the verb of the scale it governs ("will make efforts to")."""
    negation: PhraseMatcher[bool]
    """True for a negation trigger, False for a pseudo-negation that only blocks one."""
    terminators: frozenset[str]
    correlatives: Mapping[str, str]
    """Second words of a correlative negation, with their first ("nor" -> "neither"): one negation."""
    contrast: frozenset[str]
    """Words that, ending a negation's scope, make it a contrast ("not X but Y")."""
    scope_words: int
    hedges: PhraseMatcher[str]
    hedge_frames: PhraseMatcher[str]
    """Attitude frames before a whole claim ("we believe that"), read also in rewritten clauses."""
    emphasis_frames: PhraseMatcher[str]
    """Emphatic frames before a whole claim ("Let me repeat:"), read also in rewritten clauses."""
    claim_words: frozenset[str]
    """Function words, left out when asking how much of a claim two sentences share."""
    stance_frames: PhraseMatcher[str]
    """Other attitude frames ("I am confident that", "we hope that"): never a hedge themselves, but a
    hedge on the other side then changes the words of the frame, not whether there is one."""
    terms: PhraseMatcher[str]
    term_aliases: Mapping[str, tuple[str, ...]]
    """Every wording of each key term, for a quick search of a whole statement."""
    term_documents: frozenset[str]
    """Words for an instrument ("covenants", "convention"): a key term right after one of them and "on"
    or "of" names the instrument, written in lower case ("the international covenants on human
    rights"), not the position."""
    number_spec: Mapping[str, Any]
    """The ``numbers`` section: numbers written as words, relative times, footnote text."""
    confidence: Mapping[str, float]
    """How sure each kind of shift is (0-1), by the rule that finds it or weakens it."""
    category_confidence: Mapping[str, tuple[float, ...]]
    """What each ``category:direction`` shift's confidence (``category:direction:swap`` for a tone
    shift that swaps words, ``CALIBRATED``) is multiplied by in a block rewritten, reworded or revised
    (``BANDS``): how often such shifts were right there, less a margin."""
    actor_spec: Mapping[str, Any] = field(repr=False)
    """The ``actors`` section; its matcher needs pycountry and is built on first use."""
    packaged: bool = False
    """Whether this is dipdiff's own lexicon alone (no user's file): its phrase tables are kept
    between runs."""


def load_lexicon(paths: Sequence[Path] = ()) -> Lexicon:
    """Load the packaged lexicon, extended (or partly replaced) by the user's files, in order.

    Built once per set of files (and their modification times, so an edited file is read again).
    """
    stamped = []
    for path in (Path(p) for p in paths):
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            stamp = None  # reading it below gives the one-line error
        stamped.append((path, stamp))
    return _load(tuple(stamped))


@functools.lru_cache(maxsize=32)
def _load(stamped: tuple[tuple[Path, int | None], ...]) -> Lexicon:
    paths = [path for path, _ in stamped]
    data: dict[str, Any] = {}
    for name in PACKAGED:
        section = _packaged(name)
        _check(section, f"lexicon/{name}.yaml")
        data = _merge(data, section, ())
    for path in paths:
        layer = user_yaml(path, what="lexicon")
        replace = layer.pop("replace", [])
        if not isinstance(replace, list) or not all(isinstance(r, str) for r in replace):
            raise ConfigError("replace must be a list of section names", source=str(path))
        _check(layer, str(path), replace)
        data = _merge(data, layer, tuple(replace))
        try:
            _compile(data)
        except ConfigError as exc:
            raise ConfigError(str(exc), source=str(path)) from None
    if not paths:
        # Splitting and normalising the phrases of the packaged lexicon's matchers took about a
        # fifth of a short compare: their tables are kept between runs.
        tables = kept_tables("lexicon-phrases", lambda recorder: _compile(data, recorder))
        return _compile(data, tables, packaged=True)
    return _compile(data)


def _packaged(name: str) -> Any:
    """A packaged lexicon file, parsed (and cached between runs) like every packaged data file. Users'
    files go through ``safeyaml`` (no aliases, size cap) every time."""
    return packaged_yaml(f"lexicon/{name}.yaml")


def _check(layer: Mapping[str, Any], source: str, replace: Sequence[str] = ()) -> None:
    """Raise ConfigError when a lexicon mapping has unknown keys or wrong types."""
    unknown = sorted(set(layer) - set(_SHAPE))
    if unknown:
        raise ConfigError(
            f"unknown lexicon sections: {', '.join(unknown)} (known: {', '.join(_SHAPE)})",
            source=source,
        )
    for path in replace:
        head, _, key = path.partition(".")
        shape = _SHAPE.get(head)
        if shape is None or (key and (not isinstance(shape, dict) or key not in shape)):
            raise ConfigError(f"cannot replace unknown lexicon section {path!r}", source=source)
    for name, value in layer.items():
        shape = _SHAPE[name]
        if isinstance(shape, str):
            if not isinstance(value, list):
                raise ConfigError(f"{name} must be a list", source=source)
            continue
        if not isinstance(value, dict):
            raise ConfigError(f"{name} must be a mapping", source=source)
        for key, item in value.items():
            if key not in shape:
                raise ConfigError(f"unknown key {name}.{key}", source=source)
            if not isinstance(item, _TYPES[shape[key]]) or isinstance(item, bool) is not (
                shape[key] == "bool"
            ):
                raise ConfigError(f"{name}.{key} must be a {shape[key]}", source=source)


def _merge(base: Any, layer: Any, replace: tuple[str, ...], path: str = "") -> Any:
    """Extend ``base`` with ``layer``: lists append, mappings merge, other values replace."""
    if path and path in replace:
        return layer
    if isinstance(base, dict) and isinstance(layer, dict):
        merged = dict(base)
        for key, value in layer.items():
            sub = f"{path}.{key}" if path else str(key)
            merged[key] = _merge(base[key], value, replace, sub) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(layer, list):
        return base + layer
    return layer


def _compile(data: Mapping[str, Any], tables: PhraseTables | None = None, packaged: bool = False) -> Lexicon:
    """Turn the merged lexicon into matchers, checking each entry's shape; their phrase tables are
    taken from ``tables`` where it has them."""
    matcher = (tables or PhraseTables()).matcher
    intensity = data.get("intensity", {})
    scales = {}
    for name, spec in intensity.get("scales", {}).items():
        spec = _mapping(spec, f"intensity.scales.{name}")
        polarity = {"negative": 1, "positive": -1, "neutral": 0}.get(spec.get("polarity", "negative"))
        if polarity is None:
            raise ConfigError(f"intensity.scales.{name}.polarity must be negative, positive or neutral")
        floor = spec.get("one_sided_min")
        scales[str(name)] = Scale(
            polarity,
            str(spec.get("up", "tone hardened")),
            str(spec.get("down", "tone softened")),
            None if floor is None else _number(floor, f"intensity.scales.{name}.one_sided_min"),
        )
    rungs: dict[str, list[Rung]] = {}
    for entry in intensity.get("words", []):
        entry = _mapping(entry, "intensity.words")
        scale = entry.get("scale")
        if scale not in scales:
            raise ConfigError(f"intensity.words: unknown scale {scale!r} (known: {', '.join(scales)})")
        rung = Rung(str(scale), _number(entry.get("level"), "intensity.words level"))
        for word in _strings(entry.get("words"), "intensity.words words"):
            rungs.setdefault(word.casefold(), []).append(rung)
    modifiers = [
        (
            word,
            Modifier(
                _number(m.get("step"), "modifier step"),
                bool(m.get("standalone", False)),
                bool(m.get("adjective", False)),
            ),
        )
        for m in (_mapping(x, "intensity.modifiers") for x in intensity.get("modifiers", []))
        for word in _strings(m.get("words"), "intensity.modifiers words")
    ]
    exclude: dict[str, tuple[set[str], set[str]]] = {}
    for entry in (_mapping(x, "intensity.exclude") for x in intensity.get("exclude", [])):
        after = {w.casefold() for w in _strings(entry.get("after", []), "intensity.exclude after")}
        before = {w.casefold() for w in _strings(entry.get("before", []), "intensity.exclude before")}
        for word in _strings(entry.get("words"), "intensity.exclude words"):
            known = exclude.setdefault(word.casefold(), (set(), set()))
            known[0].update(after)
            known[1].update(before)
    modality = data.get("modality", {})
    modals = [
        (word, int(_number(level.get("level"), "modality level")))
        for level in (_mapping(x, "modality.levels") for x in modality.get("levels", []))
        for word in _strings(level.get("words"), "modality.levels words")
    ]
    negation = data.get("negation", {})
    terms = []
    for entry in data.get("terms", []):
        entry = {"term": entry} if isinstance(entry, str) else _mapping(entry, "terms")
        term = str(entry.get("term", ""))
        if not term:
            raise ConfigError("terms: every entry needs a term")
        terms += [(term, term)] + [
            (alias, term) for alias in _strings(entry.get("aliases", []), "terms aliases")
        ]
    actors = dict(data.get("actors", {}))
    for pattern in _strings(actors.get("speaker_files", []), "actors.speaker_files"):
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"actors.speaker_files: {pattern!r} is no regular expression ({exc})") from None
        if "speaker" not in compiled.groupindex:
            raise ConfigError(f"actors.speaker_files: {pattern!r} needs a group named speaker")
    for pattern, name in _mapping(actors.get("speaker_file_names", {}), "actors.speaker_file_names").items():
        try:
            re.compile(str(pattern))
        except re.error as exc:
            raise ConfigError(
                f"actors.speaker_file_names: {pattern!r} is no regular expression ({exc})"
            ) from None
        if not isinstance(name, str) or not name:
            raise ConfigError(f"actors.speaker_file_names: {pattern!r} must name its speaker")
    for key, spec in actors.get("entries", {}).items():
        spec = _mapping(spec, f"actors.entries.{key}")
        _strings(spec.get("aliases", []), f"actors.entries.{key}.aliases")
        if not spec.get("name") and not (len(str(key)) == 3 and str(key).isupper()):
            raise ConfigError(f"actors.entries.{key} needs a name (it is not an ISO 3166 alpha-3 code)")
    return Lexicon(
        scales=scales,
        ladder=matcher((word, tuple(rs)) for word, rs in rungs.items()),
        modifiers=matcher(modifiers),
        window_before=int(intensity.get("window_before", 3)),
        window_after=int(intensity.get("window_after", 5)),
        exclude={w: (frozenset(a), frozenset(b)) for w, (a, b) in exclude.items()},
        modifier_not_before=frozenset(
            w.casefold() for w in _strings(intensity.get("modifier_not_before", []), "modifier_not_before")
        ),
        one_sided_min=_number(intensity.get("one_sided_min", 0), "intensity.one_sided_min"),
        modals=matcher(modals),
        modality_up=str(modality.get("up", "commitment strengthened")),
        modality_down=str(modality.get("down", "commitment weakened")),
        modal_noun_after=frozenset(
            w.casefold() for w in _strings(modality.get("noun_after", []), "noun_after")
        ),
        modal_not_before=frozenset(
            w.casefold() for w in _strings(modality.get("not_before", []), "modality.not_before")
        ),
        modal_courtesy_skip=frozenset(
            w.casefold() for w in _strings(modality.get("courtesy_skip", []), "modality.courtesy_skip")
        ),
        modal_speech_acts=matcher(
            (w, True) for w in _strings(modality.get("speech_acts", []), "modality.speech_acts")
        ),
        modal_months=frozenset(w.casefold() for w in _strings(modality.get("month", []), "month")),
        modal_ability=matcher(
            (w, True) for w in _strings(modality.get("ability_after", []), "modality.ability_after")
        ),
        modal_chain_gap=int(modality.get("chain_gap", -1)),
        negation=matcher(
            [(w, True) for w in _strings(negation.get("triggers", []), "negation.triggers")]
            + [(w, False) for w in _strings(negation.get("pseudo", []), "negation.pseudo")]
        ),
        terminators=frozenset(w.casefold() for w in _strings(negation.get("terminators", []), "terminators")),
        correlatives={
            str(k).casefold(): str(v).casefold() for k, v in dict(negation.get("correlatives", {})).items()
        },
        contrast=frozenset(w.casefold() for w in _strings(negation.get("contrast", []), "negation.contrast")),
        scope_words=int(negation.get("scope_words", 6)),
        hedges=matcher((w, w) for w in _strings(data.get("hedges", []), "hedges")),
        hedge_frames=matcher((w, w) for w in _strings(data.get("hedge_frames", []), "hedge_frames")),
        stance_frames=matcher((w, w) for w in _strings(data.get("stance_frames", []), "stance_frames")),
        claim_words=frozenset(w.casefold() for w in _strings(data.get("claim_words", []), "claim_words")),
        emphasis_frames=matcher((w, w) for w in _strings(intensity.get("frames", []), "intensity.frames")),
        terms=matcher(terms),
        term_aliases=_grouped(terms),
        term_documents=frozenset(
            w.casefold() for w in _strings(data.get("term_documents", []), "term_documents")
        ),
        number_spec=_number_spec(data.get("numbers", {})),
        confidence=_confidences(data.get("confidence", {})),
        category_confidence=_calibration(
            data.get("category_confidence", {}), _confidences(data.get("confidence", {}))
        ),
        actor_spec=actors,
        packaged=packaged,
    )


def _number_spec(section: Mapping[str, Any]) -> dict[str, Any]:
    """The ``numbers`` section, each list and the words' values checked."""
    spec: dict[str, Any] = {}
    for word, value in section.get("words", {}).items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ConfigError(f"numbers.words.{word} must be a whole number")
    spec["words"] = {str(w).casefold(): int(v) for w, v in section.get("words", {}).items()}
    shape = _SHAPE["numbers"]
    assert isinstance(shape, dict)
    for key in (k for k, kind in shape.items() if kind == "list"):
        spec[key] = tuple(_strings(section.get(key, []), f"numbers.{key}"))
    return spec


def _confidences(section: Mapping[str, Any], name: str = "confidence") -> dict[str, float]:
    """The ``confidence`` section (or another of numbers), each value checked to lie in [0, 1]."""
    values = {}
    for key, value in section.items():
        number = _number(value, f"{name}.{key}")
        if not 0 <= number <= 1:
            raise ConfigError(f"{name}.{key} must lie between 0 and 1, not {value}")
        values[str(key)] = number
    return values


TWO_SPEAKERS = "speakers"
"""The band of a block between two speakers."""

BANDS = ("rewritten", "reworded", "revised", TWO_SPEAKERS)
"""How much of a block the word diff keeps, from least to most (bounds in ``confidence``:
``rewritten_below``, ``reworded_below``, ``revised_kept``); a block keeping more is a revision. The
last band is a block between two speakers, however much of it is kept: one speaker's text revised or
rewritten changes its own claims, while two speakers on one issue mostly make different claims."""

_PRIOR_PAIRS = 2
"""How many shifts' worth of weight a wider record carries when a line's own count in a band is small:
its share there is (right + 2 x prior) / (reported + 2), so that a kind of shift seen once is taken
neither as certain nor as wrong. The prior is the better of two records: the band's share over all
lines, and the line's own share over all bands (itself drawn the same way toward the band's share),
so that a kind of shift right wherever it was seen (a hedge frame dropped, one rung of tone swapped
for another) keeps that record in the band where it was seen least, and one often wrong in rewritten
text does not drag down its record in revisions. Between two speakers the prior is the band's share
alone: a hedge right every time one speaker dropped it says nothing of two speakers, who mostly make
different claims (left out one set at a time, borrowing it showed heldout8's "In our view" between two
speakers by default)."""


def calibration_factors(
    section: Mapping[str, Any], confidence: Mapping[str, float]
) -> dict[str, tuple[float, ...]]:
    """Each line's factor per band from a ``category_confidence`` section's counts (``right/reported``)
    and the ``confidence`` values (``calibration_margin``): as the lexicon reads its own section, for
    benchmarks that count the section on part of the labelled pairs."""
    return _calibration(section, confidence)


def _calibration(section: Mapping[str, Any], confidence: Mapping[str, float]) -> dict[str, tuple[float, ...]]:
    """Each line's factor per band (``CALIBRATED``): its share right on the tuning pairs
    (``right/reported`` per band, smoothed toward a prior: ``_PRIOR_PAIRS``), less
    ``calibration_margin``, so that a kind of shift shows at the default ``--min-confidence`` (0.8)
    only where it was right 9 times in 10."""
    counts: dict[tuple[str, str], tuple[int, int]] = {}
    for label, bands in section.items():
        for band, value in _mapping(bands, f"category_confidence.{label}").items():
            if band not in BANDS:
                raise ConfigError(
                    f"category_confidence.{label}: unknown band {band!r} (one of: {', '.join(BANDS)})"
                )
            hits, _, of = str(value).partition("/")
            if not (hits.isdigit() and of.isdigit() and int(hits) <= int(of)):
                raise ConfigError(
                    f"category_confidence.{label}.{band} must read right/reported, not {value!r}"
                )
            counts[label, band] = (int(hits), int(of))
    if not counts:
        return {}
    margin = confidence.get("calibration_margin", 0.0)
    factors: dict[str, tuple[float, ...]] = {}
    shares = []
    for band in BANDS:  # each shift once: a swap's line is counted in its category's line too
        right = sum(r for (label, b), (r, _) in counts.items() if b == band and label in LABELS)
        reported = sum(n for (label, b), (_, n) in counts.items() if b == band and label in LABELS)
        shares.append(right / reported if reported else 1.0)
    for label in CALIBRATED:
        own = [counts.get((label, band), (0, 0)) for band in BANDS]
        right_anywhere, reported_anywhere = sum(r for r, _ in own), sum(n for _, n in own)
        row = []
        for band, (right, reported), share in zip(BANDS, own, shares, strict=True):
            anywhere = (right_anywhere + _PRIOR_PAIRS * share) / (reported_anywhere + _PRIOR_PAIRS)
            # Between two speakers a line borrows no record from one speaker's blocks: there the same
            # cue mostly marks another claim, not a changed one.
            prior = share if band == TWO_SPEAKERS else max(share, anywhere)
            smoothed = (right + _PRIOR_PAIRS * prior) / (reported + _PRIOR_PAIRS)
            row.append(round(max(0.0, smoothed - margin), 3))
        factors[label] = tuple(row)
    return factors


def _grouped(pairs: Sequence[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = {}
    for wording, term in pairs:
        grouped.setdefault(term, []).append(wording)
    return {term: tuple(wordings) for term, wordings in grouped.items()}


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: each entry must be a mapping")
    return value


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings")
    return value


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(f"{where} must be a number")
    return float(value)
