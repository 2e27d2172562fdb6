"""``track``: a phrase and its fuzzy variants across a corpus, grouped, dated and counted per year.

1. The phrase is normalised like every statement (case, quotes, dashes, British/American spelling:
   "denuclearisation" is "denuclearization").
2. Anchors: the stems of its two longest words (the first 60% of each, at least three letters, so
   "denuclearizing" and "올림픽에" still qualify), or its first two characters in Chinese and Japanese.
   Only sentences holding an anchor are candidates. The corpus index's word index names the
   statements holding an anchor and a word that stands for the phrase's longest word (step 3), and
   only those are read; without it (``--no-cache``), every statement's normalised text is scanned.
3. Each candidate sentence is scored word by word: a sentence word stands for a phrase word when it
   is equal, or shares its first three letters with a ``fuzz.ratio`` of at least ``WORD_MATCH``
   ("denuclearizing", "korea"), or in Korean adds a particle to it (올림픽에). Every window of the
   sentence as long as the phrase, or up to ``SLACK`` words longer or shorter, that holds the
   phrase's longest word (its key term) is scored with ``fuzz.ratio`` on those word codes (Indel
   similarity, 0-100: the phrase's words it holds in order, less a little for each word inserted
   or dropped). The best at or above the threshold, trimmed of words that are not the phrase's, is a
   sighting. A sentence may hold several.
4. Sightings with the same normalised words form one variant; each variant gets its original
   spellings, and per speaker the first and last statement and a count.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from dipdiff.corpus.store import FileProblem
from dipdiff.errors import CorpusError, InputError
from dipdiff.history.corpus import date_order
from dipdiff.history.model import Entry, Parsed, Progress, Sighting, SpeakerSpan, Track, Variant
from dipdiff.history.units import original_text, token_bounds
from dipdiff.normalise import default_normaliser
from dipdiff.resources import packaged_yaml
from dipdiff.tokens import has_cjk, is_hangul, tokenise

if TYPE_CHECKING:
    from dipdiff.index import CorpusIndex
    from dipdiff.index.words import WordIndex

WORD_MATCH = 80.0
"""A sentence word stands for a phrase word at this ``fuzz.ratio`` or above ("denuclearizing" for
"denuclearization" scores 86.7, "korea" for "korean" 90.9; "denuclearized" 75.9 does not)."""


SLACK = 2
"""Windows up to this many words longer or shorter than the phrase are scored as well as windows
as long as it: a variant may insert or drop a word or two."""


def default_threshold() -> float:
    """The packaged track threshold (``data/history.yaml``)."""
    return float(packaged_yaml("history.yaml")["thresholds"]["track"])


def anchors(keys: Sequence[str]) -> list[str]:
    """Substrings one of which every candidate sentence's normalised text must contain."""
    if has_cjk("".join(keys)):  # a CJK token is one character, never part of another word
        return [" ".join(keys[:2])]
    words = sorted((k for k in keys if any(ch.isalnum() for ch in k)), key=len, reverse=True)
    stems = []
    for word in words[:2]:
        size = max(3, math.ceil(len(word) * 0.6)) if len(word) > 4 else len(word)
        stems.append(word[:size])
    return stems or list(keys[:1])


def track_phrase(
    phrase: str,
    corpus: Path,
    index: CorpusIndex,
    *,
    speakers: Sequence[str] = (),
    topic: str | None = None,
    threshold: float | None = None,
    progress: Progress | None = None,
) -> Track:
    """Find ``phrase`` and its variants in the corpus (optionally some speakers', one topic's).

    The statements that may hold the phrase are looked up in the corpus index's word index (or,
    without one, screened on their normalised text alone); only those are read whole, so memory and
    time grow with the statements that use the phrase, not with the corpus.
    """
    from dipdiff.history.corpus import corpus_files, entry_of, load_parsed

    keys = _phrase_keys(phrase)
    paths = corpus_files(corpus, speakers)
    if topic is not None:  # a file that cannot be read stays, to be told: its topics are unknown
        analysed = index.analyses(paths)
        paths = [
            p
            for p in paths
            if not analysed[p].readable or topic in entry_of(p, _plain(analysed[p].meta)).topics
        ]
        if not paths:  # a topic no statement has is most likely mistyped: say so, as timeline does
            raise CorpusError(f"no statements on topic {topic!r} to search", source=str(corpus))
    skipped: list[FileProblem] = []
    with index.words(paths, skipped) as words:
        held = _holders(words, keys) if words is not None else None
    if held is not None:
        hits = [path for path in paths if path in held]
    else:
        hits = _screen(index, paths, anchors(keys), progress, skipped)
    threshold = default_threshold() if threshold is None else threshold
    found = _kept_sightings(index, hits, keys, threshold)
    series = load_parsed(index, [path for path in hits if path not in found], progress, skipped)
    coder, hooks = _Coder(keys), anchors(keys)
    for n, parsed in enumerate(series):
        if progress and (n % 50 == 0 or n + 1 == len(series)):
            progress("searching", n + 1, len(series))
        sightings = _in_statement(parsed, coder, hooks, threshold)
        index.keep(KEPT_KIND, _kept_key(parsed.digest, keys, threshold), _plain_sightings(sightings))
        found[parsed.entry.path] = (parsed.entry, sightings)
    ordered = sorted(found.values(), key=lambda kept: date_order(kept[0]))
    sightings = [sighting for _, statement in ordered for sighting in statement]
    searched = len(paths) - len(skipped)
    return Track(phrase, threshold, searched, _variants(sightings), _per_year(sightings), tuple(skipped))


KEPT_KIND = "sightings"
"""The corpus index's record of one statement's sightings of one phrase (``_kept_key``)."""


def _kept_key(digest: str, keys: Sequence[str], threshold: float) -> str:
    """What a statement's sightings of a phrase depend on: its content, the phrase's normalised words
    and the threshold (the code that finds them is part of the index's stamp)."""
    import hashlib

    phrase = hashlib.sha256(("\x1f".join(keys) + f"\x00{threshold!r}").encode("utf-8")).hexdigest()
    return f"{digest}/{phrase[:32]}"


def _plain_sightings(sightings: Sequence[Sighting]) -> tuple[tuple[int, str, str, float], ...]:
    """A statement's sightings without its entry, as plain values to keep."""
    return tuple((s.paragraph, s.sentence, s.text, s.score) for s in sightings)


def _is_plain_sightings(value: object) -> bool:
    return isinstance(value, tuple) and all(
        isinstance(row, tuple)
        and len(row) == 4
        and type(row[0]) is int
        and isinstance(row[1], str)
        and isinstance(row[2], str)
        and type(row[3]) is float
        for row in value
    )


def _kept_sightings(
    index: CorpusIndex, paths: Sequence[str], keys: Sequence[str], threshold: float
) -> dict[str, tuple[Entry, list[Sighting]]]:
    """The sightings the index kept for the statements at ``paths`` whose content it vouches for
    (a repeated phrase reads no statement again), by path, each with its statement's entry."""
    from dipdiff.history.corpus import entry_of

    digests = index.digests(paths)
    wanted = {path: _kept_key(digest, keys, threshold) for path, digest in digests.items()}
    kept = index.results(KEPT_KIND, list(wanted.values()), _is_plain_sightings)
    known = [path for path, key in wanted.items() if key in kept]
    found = {}
    for path, analysis in index.analyses(known).items():
        if not analysis.readable:
            continue  # changed since it was vouched for: read it again, and tell
        entry = entry_of(path, _plain(analysis.meta))
        sightings = [
            Sighting(entry=entry, paragraph=p, sentence=sentence, text=text, score=score)
            for p, sentence, text, score in kept[wanted[path]]
        ]
        found[path] = (entry, sightings)
    return found


def _holders(words: WordIndex, keys: Sequence[str]) -> set[str] | None:
    """The files that may hold the phrase, from the word index: those holding a word
    that stands for the phrase's key term (``_Coder``; a sighting must hold one) and holding
    one of its anchors (``track_in`` looks no further in a statement without one). A superset of
    the statements with a sighting; None when the index cannot answer."""
    coder = _Coder(keys)
    near = words.with_prefix(max(keys, key=len)[:3])  # a word standing for it shares three letters
    if near is None:
        return None
    held: set[str] = set()
    for word, holders in near.items():
        if coder.code(word) == coder.key:
            held |= holders
    anchored: set[str] = set()
    for hook in anchors(keys):
        parts = [part for part in hook.split(" ") if part]
        if not parts or "\n" in hook:
            return None
        within: set[str] | None = None
        for part in parts:  # each part of an anchor lies within one word of the text
            holding = words.containing(part)
            if holding is None:
                return None
            within = holding if within is None else within & holding
        anchored |= within or set()
    return held & anchored


def _screen(
    index: CorpusIndex,
    paths: Sequence[str],
    hooks: Sequence[str],
    progress: Progress | None,
    skipped: list[FileProblem],
) -> list[str]:
    """The statements whose normalised text holds one of the anchors, scanning every text; those
    that cannot be read are told in ``skipped``."""
    hits = []
    for n, (path, text) in enumerate(index.texts(paths, skipped)):
        done = n + 1 + len(skipped)
        if progress and (n % 200 == 0 or done == len(paths)):
            progress("screening", done, len(paths))
        if any(hook in text for hook in hooks):
            hits.append(path)
    return hits


def _plain(meta: object) -> dict[str, object]:
    """Front matter as the history commands read it (dates as text)."""
    import json

    loaded: dict[str, object] = json.loads(json.dumps(dict(meta), default=str))  # type: ignore[call-overload]
    return loaded


def _phrase_keys(phrase: str) -> list[str]:
    """The phrase's normalised token keys; ``InputError`` when it has none."""
    keys = [t.key for t in tokenise(phrase, default_normaliser())]
    if not any(ch.isalnum() for key in keys for ch in key):  # punctuation alone is never a sighting
        raise InputError(f"nothing to track in the phrase {phrase!r}: it holds no word")
    return keys


def track_in(
    phrase: str,
    series: Sequence[Parsed],
    *,
    threshold: float | None = None,
    progress: Progress | None = None,
    searched: int | None = None,
) -> Track:
    """Find ``phrase`` and its variants in statements given in date order (``searched``: how many
    statements were searched, when ``series`` holds only those that might use it)."""
    threshold = default_threshold() if threshold is None else threshold
    keys = _phrase_keys(phrase)
    coder = _Coder(keys)
    hooks = anchors(keys)
    sightings: list[Sighting] = []
    for n, parsed in enumerate(series):
        if progress and (n % 50 == 0 or n + 1 == len(series)):
            progress("searching", n + 1, len(series))
        sightings += _in_statement(parsed, coder, hooks, threshold)
    total = len(series) if searched is None else searched
    return Track(phrase, threshold, total, _variants(sightings), _per_year(sightings))


def _in_statement(parsed: Parsed, coder: _Coder, hooks: Sequence[str], threshold: float) -> list[Sighting]:
    """The sightings of the phrase in one statement, in paragraph order."""
    whole = "\n".join(parsed.norm)
    if not any(hook in whole for hook in hooks):
        return []  # most statements never use the phrase: one scan of the whole text each
    sightings = []
    for p, norm in enumerate(parsed.norm):
        if any(hook in norm for hook in hooks):
            sightings += _in_paragraph(parsed, p, coder, hooks, threshold)
    return sightings


def _in_paragraph(
    parsed: Parsed, p: int, coder: _Coder, hooks: Sequence[str], threshold: float
) -> list[Sighting]:
    """Score the paragraph's candidate sentences against the phrase."""
    keys = parsed.keys(p)
    found = []
    paragraph = parsed.statement.paragraphs[p]
    bounds: list[tuple[int, int]] | None = None
    for start, end in parsed.sentences[p]:
        sentence = " ".join(keys[start:end])
        if not any(hook in sentence for hook in hooks):
            continue
        for a, b, score in _windows(coder, keys[start:end], threshold):
            bounds = bounds if bounds is not None else token_bounds(paragraph)
            found.append(
                Sighting(
                    entry=parsed.entry,
                    paragraph=p,
                    sentence=original_text(paragraph, bounds, start, end),
                    text=original_text(paragraph, bounds, start + a, start + b),
                    score=round(score, 1),
                )
            )
    return found


_OTHER = "\x01"
"""The code of a sentence word that stands for no word of the phrase."""


class _Coder:
    """Turn words into one character each: the phrase's words get their own codes, and a sentence
    word gets the code of the phrase word it matches (equal, ``fuzz.ratio`` of at least
    ``WORD_MATCH``, or in Korean the word plus a particle), else ``_OTHER``."""

    def __init__(self, phrase: Sequence[str]) -> None:
        """Give the phrase's words their codes."""
        self.words = list(dict.fromkeys(phrase))
        self.codes = {word: chr(0x100 + i) for i, word in enumerate(self.words)}
        self.phrase = "".join(self.codes[word] for word in phrase)
        self.fuzzy = [
            w for w in self.words if len(w) >= 3 and any(ch.isalnum() for ch in w) and not is_hangul(w)
        ]
        self.stems = _korean_stems(self.words)
        self.key = self.codes[max(phrase, key=len)]
        """The code of the phrase's longest word: a sighting must hold it (its key term)."""
        self.memo: dict[str, str] = {}

    def code(self, word: str) -> str:
        """The code of one sentence word."""
        known = self.memo.get(word)
        if known is not None:
            return known
        code = self.codes.get(word, _OTHER)
        if code == _OTHER and self.stems and is_hangul(word):
            # a Korean word varies by the particle or the word it is joined to: 평화와, 올림픽경기대회
            code = next((self.codes[w] for stem, w in self.stems if word.startswith(stem)), _OTHER)
        elif code == _OTHER and len(word) >= 3 and self.fuzzy:
            # inflections and spellings vary at the end: "nuclearization" is not a variant
            alike = [w for w in self.fuzzy if w[:3] == word[:3]]
            best = process.extractOne(word, alike, scorer=fuzz.ratio, score_cutoff=WORD_MATCH)
            if best is not None:
                code = self.codes[best[0]]
        self.memo[word] = code
        return code


def _korean_stems(words: Sequence[str]) -> list[tuple[str, str]]:
    """The phrase's Korean words of two syllables or more, each less its particle, longest stem first:
    (stem, word). 조선반도의 is found as 조선반도에서 too."""
    from dipdiff.pairing.units import without_particle

    stems = [(without_particle(w), w) for w in words if is_hangul(w)]
    return sorted(((stem, w) for stem, w in stems if len(stem) >= 2), key=lambda sw: -len(sw[0]))


def _windows(coder: _Coder, words: Sequence[str], threshold: float) -> list[tuple[int, int, float]]:
    """Every non-overlapping window of the sentence matching the phrase: word ranges and score."""
    codes = "".join(coder.code(word) for word in words)
    out: list[tuple[int, int, float]] = []
    pending = [(0, len(words))]
    while pending:
        first, last = pending.pop()
        hit = _best_window(coder, codes, first, last, threshold)
        if hit is None:
            continue
        a, b, score = hit
        while b < last and codes[b] in coder.phrase and codes[b] not in codes[a:b]:
            b += 1  # "of the entire Korean | peninsula": a window as long as the phrase cut it short
        a, b = _trimmed(coder, codes, a, b)
        out.append((a, b, score))
        pending += [(first, a), (b, last)]  # the same sentence may use the phrase again
    return sorted(out)


def _trimmed(coder: _Coder, codes: str, a: int, b: int) -> tuple[int, int]:
    """The window ``a:b`` less the words at its edges that are not the phrase's wording, but for one
    word at an edge where the phrase's own edge word is missing: that word took its place ("a shared
    future for *humankind*" is a variant of "... for mankind", and the reader must see it)."""
    head, tail = coder.phrase[0], coder.phrase[-1]
    keep_tail = tail not in codes[a:b] and b - a > 1 and codes[b - 1] == _OTHER
    keep_head = head not in codes[a:b] and b - a > 1 and codes[a] == _OTHER
    while b - a > 1 and codes[b - 1] == _OTHER:
        b -= 1  # words at the window's edge that are not the phrase's are not its wording
    while b - a > 1 and codes[a] == _OTHER:
        a += 1
    return a - keep_head, b + keep_tail


def _best_window(
    coder: _Coder, codes: str, first: int, last: int, threshold: float
) -> tuple[int, int, float] | None:
    """The window of ``codes[first:last]`` most like the phrase that holds its key term, if it scores
    at least ``threshold``: word range and score.

    Windows as long as the phrase and up to ``SLACK`` words longer or shorter are scored with
    ``fuzz.ratio`` on the word codes, so a word inserted ("denuclearization of the *Korean*
    peninsula") or dropped ("denuclearizing the peninsula") costs a few points, not the match. A
    window shorter than the phrase lacks words inside it, or at the end of the sentence: with
    another word in their place at its edge ("denuclearization of the DPRK") a word was replaced,
    not dropped. Of windows scoring the same, one starting with the phrase's first word wins ("a
    community with a shared future for" gives way to "community with a shared future for
    humankind"); else shorter windows, tried first, keep a tie.
    """
    size = len(coder.phrase)
    head, tail = coder.phrase[0], coder.phrase[-1]
    best: tuple[int, int, float] | None = None
    for width in range(max(1, size - SLACK), size + SLACK + 1):
        for start in range(first, last - width + 1):
            window = codes[start : start + width]
            if coder.key not in window:
                continue  # "of the Korean peninsula" without "denuclearization" is not the phrase
            if width < size and (
                (window[0] != head and start > first) or (window[-1] != tail and start + width < last)
            ):
                continue  # "denuclearization of the | DPRK" replaced a word at the edge; it dropped none
            score = fuzz.ratio(coder.phrase, window, score_cutoff=threshold)
            if score and (best is None or (score, window[0] == head) > (best[2], codes[best[0]] == head)):
                best = (start, start + width, score)
    return best


def _variants(sightings: Sequence[Sighting]) -> tuple[Variant, ...]:
    """Group sightings by their normalised words; most frequent variant first."""
    groups: dict[str, list[Sighting]] = {}
    normaliser = default_normaliser()
    for sighting in sightings:
        groups.setdefault(_variant_key(normaliser.text(sighting.text)), []).append(sighting)
    variants = []
    for key, members in groups.items():
        members.sort(key=lambda s: (date_order(s.entry), s.paragraph))
        forms = Counter(" ".join(s.text.split()) for s in members)
        variants.append(
            Variant(
                key=key,
                forms=tuple(form for form, _ in forms.most_common()),
                sightings=tuple(members),
                speakers=_speaker_spans(members),
            )
        )
    variants.sort(key=lambda v: (-len(v.sightings), date_order(v.sightings[0].entry), v.key))
    return tuple(variants)


def _variant_key(key: str) -> str:
    """A sighting's normalised words, less the Korean particle that ends it: 자력갱생의 and 자력갱생을
    tie the phrase to the sentence around it, they do not reword it, so both are the variant 자력갱생.
    Particles inside the phrase (조선반도의 비핵화 against 조선반도 비핵화) are its wording, and kept."""
    head, _, last = key.rpartition(" ")
    if not is_hangul(last):
        return key
    from dipdiff.pairing.units import without_particle

    stem = without_particle(last)
    return f"{head} {stem}" if head else stem


def _speaker_spans(members: Sequence[Sighting]) -> tuple[SpeakerSpan, ...]:
    """First and last statement, and count, per speaker (members in date order)."""
    by_speaker: dict[str, list[Entry]] = {}
    for s in members:
        by_speaker.setdefault(s.entry.speaker, []).append(s.entry)
    return tuple(
        SpeakerSpan(speaker, entries[0], entries[-1], len(entries))
        for speaker, entries in sorted(by_speaker.items())
    )


def _per_year(sightings: Sequence[Sighting]) -> tuple[tuple[int, int], ...]:
    """Sightings per year, every year from the first to the last (zeros included)."""
    years = Counter(s.entry.year for s in sightings if s.entry.year is not None)
    if not years:
        return ()
    return tuple((year, years.get(year, 0)) for year in range(min(years), max(years) + 1))
