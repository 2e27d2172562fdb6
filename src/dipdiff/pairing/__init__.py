"""Pair paragraphs by what they are about: the rewrite and speakers modes of ``dipdiff compare``.

A revision keeps most of its text, and its paragraphs pair on word-level similarity (``align``). A
speech rewritten a year later, or another speaker's statement on the same issues, keeps little: its
paragraphs on Korea share few words with the old ones, but they share the rare ones. So:

1. **Mode.** ``choose_mode`` measures how much text survives the revision alignment: the share of
   a statement's words in paragraphs paired at or above the threshold (the larger of the two
   sides'). Much survives: a revision. Little: a rewrite, or two speakers when the statements name
   different speakers (front matter, corpus registry, or a UN file name such as ``RUS_72_2017.txt``).
2. **Near-identical pairs stay.** Pairs of the revision alignment at or above the threshold are
   kept; pairs it made below the threshold, in order inside gaps, are dropped.
3. **Content pairs.** The other paragraphs pair on their affinity (``content``), each unit weighing
   its rarity (``units``), when the pair is credible: each other's best match, at or above the
   affinity calibrated for the mode so that about nine pairs in ten shown are right, sharing several
   strong units. In a rewrite, each other's best match at a lower affinity is credible too when it
   lies between two credible pairs that keep both statements' order (``between_in_order``). What
   is not credible stays added or removed (a weaker best match is a hint).
4. **Order.** In a rewrite, pairs off the longest in-order run moved (``align.mark_moved``); two
   speakers have no order.
5. **Groups.** An unpaired paragraph joins the pair holding its best match, when credible enough:
   one matter spread over two paragraphs on one side and one on the other.
6. **Possibly related.** Below the pairs, a paragraph's best match that reaches a lower affinity is
   a hint (``Related``): shown apart, not counted as paired, given no shifts.
7. **Annotations.** Each pair's affinity, the sentences that carry it (``passages``) and each
   block's subject: its strongest names and terms.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from rapidfuzz import fuzz

from dipdiff.align import Alignment, Pairing, heaviest_in_order, mark_moved
from dipdiff.model import Mode, Passage, Related, Statement
from dipdiff.options import CompareOptions
from dipdiff.resources import packaged_yaml

if TYPE_CHECKING:
    from dipdiff.pairing.content import Affinities
    from dipdiff.pairing.units import Units
    from dipdiff.shifts.lexicon import Lexicon

# The content pairing's modules (units, affinities, passages) are imported where they are used:
# a revision, most of what ``compare`` is asked, only needs ``choose_mode``.

Key = tuple[tuple[int, ...], tuple[int, ...]]
"""A block's old and new paragraph indices."""


class Annotation(NamedTuple):
    """What the content pairing says about one block."""

    affinity: float | None
    passages: tuple[Passage | None, Passage | None]
    subject: tuple[str, ...]


class ContentPairing(NamedTuple):
    """The alignment made on content, each block's annotation by its key, and the hints below it."""

    alignment: Alignment
    annotations: Mapping[Key, Annotation]
    related: tuple[Related, ...]


class Side(NamedTuple):
    """One statement as the content pairing reads it."""

    texts: Sequence[str]
    """Each paragraph's text (as its tokens join)."""
    words: Sequence[str]
    """Each paragraph's word string (``align.WordCodes``)."""
    sentences: Callable[[int], list[tuple[int, int]]]
    """A paragraph's sentences as character ranges of its text."""


@functools.cache
def settings() -> Mapping[str, Any]:
    """The packaged pairing settings (``data/pairing.yaml``)."""
    data: Mapping[str, Any] = packaged_yaml("pairing.yaml")
    return data


def survival(pairings: Sequence[Pairing], old: Sequence[str], new: Sequence[str], threshold: float) -> float:
    """Share of one statement's words in paragraphs paired at or above ``threshold``: the larger of
    the two sides' shares, so that a revision adding (or cutting) much text is still a revision."""
    kept = [(len(a), len(b)) for a, b in _joined(pairings, old, new) if _indel(a, b) >= threshold]
    shares = [
        sum(k[side] for k in kept) / total if (total := sum(map(len, words))) else 1.0
        for side, words in enumerate((old, new))
    ]
    return max(shares)


def choose_mode(
    pairings: Sequence[Pairing],
    old: Sequence[str],
    new: Sequence[str],
    options: CompareOptions,
    statements: tuple[Statement, Statement],
    lexicon: Lexicon | None = None,
) -> Mode:
    """The mode these statements call for, unless the options force one; ``--speaker``, one speaker
    for both statements, makes a rewrite of what would otherwise be two speakers."""
    if options.mode is not None:
        return options.mode
    if options.unordered:
        return Mode.SPEAKERS
    if survival(pairings, old, new, options.threshold) >= float(settings()["mode"]["revision_survival"]):
        return Mode.REVISION
    if options.speaker is None and different_speakers(statements, lexicon):
        return Mode.SPEAKERS
    return Mode.REWRITE


def different_speakers(statements: tuple[Statement, Statement], lexicon: Lexicon | None) -> bool:
    """Whether the two statements say who speaks, and name no one in common.

    The speaker is read as position shifts read it (``shifts.speaker``): the front matter, the corpus
    registry, or a file name that carries a country code (``RUS_72_2017.txt``). A name the actor
    lexicon does not know counts as itself, so two front-matter speakers it does not know still differ.
    """
    from dipdiff.shifts import load_lexicon
    from dipdiff.shifts.speaker import speaker_ids

    lexicon = lexicon if lexicon is not None else load_lexicon()
    found = []
    for statement in statements:
        named = str(statement.meta.get("speaker") or "").strip().casefold()
        ids = speaker_ids(statement, lexicon) or frozenset({named} - {""})
        found.append(ids)
    return bool(found[0]) and bool(found[1]) and not found[0] & found[1]


def pair_by_content(
    old: Side,
    new: Side,
    alignment: Alignment,
    options: CompareOptions,
    mode: Mode,
    lexicon: Lexicon | None,
) -> ContentPairing:
    """Keep the near-identical pairs of ``alignment``, pair the rest on credible affinity, and
    list what falls short of a pair but may be related."""
    from dipdiff.pairing.content import Affinities
    from dipdiff.pairing.units import Weights, background, language_of, units_of

    config = settings()["affinity"]
    tier = config["paired"][mode.value]
    joined = _joined(alignment.pairings, old.words, new.words)
    kept = [
        p for p, (a, b) in zip(alignment.pairings, joined, strict=True) if _indel(a, b) >= options.threshold
    ]
    old_units = [units_of(text, lexicon) for text in old.texts]
    new_units = [units_of(text, lexicon) for text in new.texts]
    old_sets = [u.distinct for u in old_units]
    new_sets = [u.distinct for u in new_units]
    weights = Weights([*old_sets, *new_sets], background(language_of(old.texts)))
    affinities = Affinities([u.counts for u in old_units], [u.counts for u in new_units], weights)
    used_old = {i for p in kept for i in p.old}
    used_new = {j for p in kept for j in p.new}
    free_old = [i for i in range(len(old.texts)) if i not in used_old]
    free_new = [j for j in range(len(new.texts)) if j not in used_new]
    scores = affinities.scores(free_old, free_new, float(config["rare"]), int(config["candidate_pairs"]))
    candidates = len(free_old) * len(free_new)
    credible_level, attach_level = levels(tier, candidates, config["size"])
    best = _best_matches(scores)
    credible = _credible(scores, best, affinities, config, credible_level)
    named = config["named"]
    named_level = float(named["least"]) + size_offset(candidates, config["size"])
    for pair, score in named_matters(scores, affinities, config, named_level, mode).items():
        credible.setdefault(pair, score)
    if mode is Mode.REWRITE and "in_order" in tier:
        in_order_level = float(tier["in_order"]) + size_offset(candidates, config["size"])
        anchors = [(p.old, p.new) for p in kept] + [((i,), (j,)) for i, j in credible]
        in_order = _credible(scores, best, affinities, config, in_order_level)
        credible |= between_in_order(in_order, anchors, int(tier["run"]), len(old.texts))
    found = _attached(_best_first(credible), best, affinities, config, attach_level)
    pairings = [Pairing(p.old, p.new) for p in kept] + found
    if mode is Mode.REWRITE:
        pairings = mark_moved(pairings, old.words, new.words)
    pairings.sort(key=lambda p: (p.new, p.old))
    reading = _Reading(old, new, old_units, new_units, affinities, lexicon)
    annotations = {(p.old, p.new): reading.pair(p, credible.get((p.old[0], p.new[0]))) for p in pairings}
    paired_old = {i for p in found for i in p.old}
    paired_new = {j for p in found for j in p.new}
    for i in free_old:
        if i not in paired_old:
            annotations[(i,), ()] = reading.alone(old_units[i], old_sets[i])
    for j in free_new:
        if j not in paired_new:
            annotations[(), (j,)] = reading.alone(new_units[j], new_sets[j])
    hints = _related(best, affinities, config, found)
    related = tuple(reading.related(i, j, score) for i, j, score in hints)
    return ContentPairing(Alignment(tuple(pairings), alignment.notes), annotations, related)


def levels(tier: Mapping[str, Any], candidates: int, size: Mapping[str, Any]) -> tuple[float, float]:
    """The credible and attach affinities of a mode's ``tier`` among ``candidates`` possible pairs.

    The more paragraphs compete, the higher the best chance match between unrelated ones reaches:
    the affinity one unrelated pair in ``candidates`` exceeds grows by ``slope`` for each e-fold more
    candidates (``benchmarks/pairing_noise.py`` measures it on the labelled statement pairs). Both
    levels move by that growth from ``reference``, the size at which the tier was calibrated; the
    credible level never falls below ``floor``, nor the attach level below ``attach_floor``."""
    offset = size_offset(candidates, size)
    credible = max(float(tier["credible"]) + offset, float(size["floor"]))
    attach = max(float(tier["attach"]) + offset, float(size["attach_floor"]))
    return credible, attach


def size_offset(candidates: int, size: Mapping[str, Any]) -> float:
    """How far above (or below) its calibrated value a level moves among ``candidates`` possible
    pairs: ``slope`` for each e-fold more than ``reference`` (see ``levels``)."""
    return float(size["slope"]) * math.log(max(candidates, 1) / float(size["reference"]))


def _related(
    best: Best,
    affinities: Affinities,
    config: Mapping[str, Any],
    found: Sequence[Pairing],
) -> list[tuple[int, int, float]]:
    """The hints below the pairs: each paragraph's best match, when it reaches the ``related``
    affinity sharing as many strong units as a pair needs, is not a pair made, and is not between
    two paragraphs both paired elsewhere; strongest first."""
    least = float(config["related"])
    made = {(i, j) for p in found for i in p.old for j in p.new}
    paired_old = {i for i, _ in made}
    paired_new = {j for _, j in made}
    best_old, best_new = best
    hints = {(i, j): score for i, (score, j) in best_old.items()}
    hints.update({(i, j): score for j, (score, i) in best_new.items()})
    return sorted(
        (
            (i, j, score)
            for (i, j), score in hints.items()
            if score >= least
            and (i, j) not in made
            and not (i in paired_old and j in paired_new)
            and _strong_enough(affinities, config, i, j)
        ),
        key=lambda hint: (-hint[2], hint[1], hint[0]),
    )


Best = tuple[dict[int, tuple[float, int]], dict[int, tuple[float, int]]]
"""Each old paragraph's best (affinity, new paragraph) and each new paragraph's best (affinity, old
paragraph)."""


def _best_matches(scores: Mapping[tuple[int, int], float]) -> Best:
    """Each old paragraph's best (affinity, new paragraph), and each new paragraph's best (affinity,
    old paragraph), among the scored pairs; the first met wins a tie."""
    best_old: dict[int, tuple[float, int]] = {}
    best_new: dict[int, tuple[float, int]] = {}
    for (i, j), score in scores.items():
        if score > best_old.get(i, (0.0, -1))[0]:
            best_old[i] = (score, j)
        if score > best_new.get(j, (0.0, -1))[0]:
            best_new[j] = (score, i)
    return best_old, best_new


def _strong_enough(affinities: Affinities, config: Mapping[str, Any], i: int, j: int) -> bool:
    """Whether two paragraphs share enough units rare in diplomatic text at large (a lone shared
    name is chance)."""
    strong = float(config["strong_weight"])
    shared = affinities.old[i] & affinities.new[j]
    return sum(affinities.rarity(unit) >= strong for unit in shared) >= int(config["strong_units"])


def _attached(
    pairs: Sequence[tuple[int, int]],
    best: Best,
    affinities: Affinities,
    config: Mapping[str, Any],
    least: float,
) -> list[Pairing]:
    """The one-to-one pairs, each joined by the unpaired paragraphs whose best match it holds.

    Rewritten speeches spread one matter over a different number of paragraphs: two old paragraphs
    on Korean talks may become one. An unpaired paragraph joins the pair holding its best match when
    that affinity reaches ``least`` (the mode's ``attach``) with as many strong units as a pair needs;
    a pair grows on one side only, so a block stays a merge or a split.
    """
    olds = {j: [i] for i, j in pairs}
    news = {i: [j] for i, j in pairs}
    best_old, best_new = best

    def joins(i: int, j: int, score: float) -> bool:
        return score >= least and _strong_enough(affinities, config, i, j)

    for i, (score, j) in sorted(best_old.items()):
        if i not in news and j in olds and len(news[olds[j][0]]) == 1 and joins(i, j, score):
            olds[j].append(i)
    for j, (score, i) in sorted(best_new.items()):
        if j not in olds and i in news and len(olds[news[i][0]]) == 1 and joins(i, j, score):
            news[i].append(j)
    grouped = {(tuple(sorted(olds[j])), tuple(sorted(news[i]))) for i, j in pairs}
    return [Pairing(a, b) for a, b in sorted(grouped)]


class _Reading(NamedTuple):
    """What the annotations of one comparison read."""

    old: Side
    new: Side
    old_units: Sequence[Units]
    new_units: Sequence[Units]
    affinities: Affinities
    lexicon: Lexicon | None

    def pair(self, pairing: Pairing, affinity: float | None) -> Annotation:
        """A pair's affinity, passages and subject."""
        from dipdiff.pairing.passages import passage

        if len(pairing.old) != 1 or len(pairing.new) != 1:
            olds = frozenset().union(*(self.affinities.old[i] for i in pairing.old))
            news = frozenset().union(*(self.affinities.new[j] for j in pairing.new))
            units = (
                self.new_units[pairing.new[0]] if len(pairing.new) == 1 else self.old_units[pairing.old[0]]
            )
            return Annotation(None, (None, None), self._subject(units, olds & news))
        (i,), (j,) = pairing.old, pairing.new
        if affinity is None:
            affinity = self.affinities.score(i, j)
        shared = self.affinities.old[i] & self.affinities.new[j]
        share = float(settings()["passage"]["share"])
        weigh = self.affinities.weight
        passages = (
            passage(self.old_units[i], shared, weigh, self.old.sentences(i), share),
            passage(self.new_units[j], shared, weigh, self.new.sentences(j), share),
        )
        return Annotation(round(affinity, 1), passages, self._subject(self.new_units[j], shared))

    def related(self, i: int, j: int, affinity: float) -> Related:
        """A hint below the pairs, with the strongest names and terms its paragraphs share."""
        shared = self.affinities.old[i] & self.affinities.new[j]
        return Related(i, j, round(affinity, 1), self._subject(self.new_units[j], shared))

    def alone(self, units: Units, distinct: frozenset[str]) -> Annotation:
        """An added or removed paragraph's subject."""
        return Annotation(None, (None, None), self._subject(units, distinct))

    def _subject(self, units: Units, among: frozenset[str]) -> tuple[str, ...]:
        return subject_of(units, among, self.affinities.weight, self.lexicon)


def subject_of(
    units: Units, among: frozenset[str], weigh: Callable[[str], float], lexicon: Lexicon | None
) -> tuple[str, ...]:
    """A block's subject as compare shows it (``passages.subject`` with ``pairing.yaml``'s settings)."""
    from dipdiff.pairing.passages import subject

    config = settings()["subject"]
    floors = (float(config["floor"]), float(config["name_floor"]))
    plain = _function_words(tuple(config["function_words"]))
    return subject(units, among, weigh, lexicon, int(config["units"]), floors, plain)


@functools.lru_cache(maxsize=1)
def _function_words(words: tuple[str, ...]) -> frozenset[str]:
    """The subject's function words, casefolded (``pairing.yaml``, ``subject.function_words``)."""
    return frozenset(word.casefold() for word in words)


def _credible(
    scores: Mapping[tuple[int, int], float],
    best: Best,
    affinities: Affinities,
    config: Mapping[str, Any],
    least: float,
) -> dict[tuple[int, int], float]:
    """The pairs worth showing: each other's best match, at or above ``least`` (the mode's credible
    affinity), sharing enough units that are rare in diplomatic text at large."""
    best_old, best_new = best
    found = {}
    for (i, j), score in scores.items():
        if score < least or score < best_old[i][0] or score < best_new[j][0]:
            continue
        if _strong_enough(affinities, config, i, j):
            found[i, j] = score
    return found


def named_matters(
    scores: Mapping[tuple[int, int], float],
    affinities: Affinities,
    config: Mapping[str, Any],
    least: float,
    mode: Mode,
) -> dict[tuple[int, int], float]:
    """The pairs credible for naming their matter first: a name or key term among the ``top``
    heaviest units of both paragraphs (``named`` in ``pairing.yaml``), the two paragraphs each
    other's best match among those that hold it, at or above ``least``, with strong units.

    Two speakers on Syria, or one speaker on Cuba a year apart, may share few words, but the place
    or the term their paragraphs are about weighs most in both; a name mentioned in passing does not.
    The venue's own bodies and officers (``venue``: the United Nations, the Secretary-General) are
    left out: every speech names them in its formulas. Where ``words`` gives ``mode`` a ``top``, a
    plain word rare in diplomatic text at large (``rarity``) among that many heaviest units is a
    matter too: two speakers on terrorism weigh "terrorist" most, and it is no name.
    """
    named = config["named"]
    top = int(named["top"])
    venue = {f"@{actor}" for actor in named["venue"]}
    words = named["words"]
    words_top, word_rarity = int(words["top"].get(mode.value, 0)), float(words["rarity"])
    heavy_old: dict[int, frozenset[str]] = {}
    heavy_new: dict[int, frozenset[str]] = {}
    by_old: dict[int, list[tuple[float, int]]] = {}
    by_new: dict[int, list[tuple[float, int]]] = {}

    def matters(heaviest: frozenset[str], first: frozenset[str]) -> frozenset[str]:
        names = {u for u in heaviest if u[0] in "@#" and u not in venue}
        plain = {u for u in first if u[0] not in "@#" and affinities.rarity(u) >= word_rarity}
        return frozenset(names | plain)

    def best_holding(partners: list[tuple[float, int]], held: Sequence[frozenset[str]], unit: str) -> int:
        """The closest partner holding ``unit`` (the lower index on a tie)."""
        return -max((score, -k) for score, k in partners if unit in held[k])[1]

    found = {}
    for (i, j), score in scores.items():
        if score < least:
            continue
        if i not in heavy_old:
            heavy_old[i] = matters(affinities.heaviest_old(i, top), affinities.heaviest_old(i, words_top))
        if j not in heavy_new:
            heavy_new[j] = matters(affinities.heaviest_new(j, top), affinities.heaviest_new(j, words_top))
        shared = heavy_old[i] & heavy_new[j]
        if not shared:
            continue
        if not by_old:
            for (k, m), value in scores.items():
                by_old.setdefault(k, []).append((value, m))
                by_new.setdefault(m, []).append((value, k))
        for unit in sorted(shared):
            if best_holding(by_old[i], affinities.new, unit) != j:
                continue
            if best_holding(by_new[j], affinities.old, unit) != i:
                continue
            if _strong_enough(affinities, config, i, j):
                found[i, j] = score
            break
    return found


def between_in_order(
    candidates: Mapping[tuple[int, int], float],
    anchors: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
    shortest: int,
    n_old: int,
) -> dict[tuple[int, int], float]:
    """In a rewrite, the pairs credible for lying between two credible pairs that keep the order.

    A speaker who rewrites a speech a year later often keeps the order of its matters, and chance
    matches between unrelated paragraphs do not line up. The credible pairs (``anchors``: the
    near-identical ones and those credible on affinity) are read along their longest run in both
    statements' order; when it holds at least ``shortest`` of them, each gap between two
    consecutive pairs of the run, on both sides, pairs the ``candidates`` inside it (each other's
    best match at a lower affinity, with strong units), as many as keep the order among themselves.
    A candidate outside every such gap (before the first pair of the run, after its last, or
    crossing it) is not paired on order.
    """
    run = heaviest_in_order([(old, new, 1.0) for old, new in anchors], n_old)
    if len(run) < shortest:
        return {}
    found: dict[tuple[int, int], float] = {}
    for (old_before, new_before), (old_after, new_after) in itertools.pairwise(run):
        inside = [
            ((i,), (j,), score)
            for (i, j), score in candidates.items()
            if old_before[-1] < i < old_after[0] and new_before[-1] < j < new_after[0]
        ]
        for (i,), (j,) in heaviest_in_order(inside, n_old):
            found[i, j] = candidates[i, j]
    return found


def _joined(pairings: Sequence[Pairing], old: Sequence[str], new: Sequence[str]) -> list[tuple[str, str]]:
    return [("".join(old[i] for i in p.old), "".join(new[j] for j in p.new)) for p in pairings]


def _indel(a: str, b: str) -> float:
    return 100.0 if a == b else fuzz.ratio(a, b)


def _best_first(scores: Mapping[tuple[int, int], float]) -> list[tuple[int, int]]:
    """Pair the highest-scoring pairs first, each paragraph at most once."""
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    pairs = []
    for (i, j), _ in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
        if i not in taken_old and j not in taken_new:
            taken_old.add(i)
            taken_new.add(j)
            pairs.append((i, j))
    return pairs
