"""``track``: a phrase and its fuzzy variants across a corpus, grouped, dated and counted per year.

1. The phrase is normalised like every statement (case, quotes, dashes, British/American spelling:
   "denuclearisation" is "denuclearization").
2. Anchors: the stems of its two longest words (the first 60% of each, at least three letters, so
   "denuclearizing" and "올림픽에" still qualify), or its first two characters in Chinese and Japanese.
   Only sentences holding an anchor are candidates: a substring scan of the cached normalised text,
   a few milliseconds per thousand statements.
3. Each candidate sentence is scored with ``rapidfuzz.fuzz.partial_ratio_alignment`` (the best
   window of the sentence against the phrase, 0-100); at or above the threshold it is a sighting, the
   window widened to whole words. A sentence may hold several sightings.
4. Sightings with the same normalised words form one variant; each variant gets its original
   spellings, and per speaker the first and last statement and a count.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from rapidfuzz import fuzz

from dipdiff.errors import InputError
from dipdiff.history.corpus import date_order, load_series
from dipdiff.history.model import Entry, Parsed, Progress, Sighting, SpeakerSpan, Track, Variant
from dipdiff.history.store import Store
from dipdiff.history.units import original_text, token_bounds
from dipdiff.normalise import default_normaliser
from dipdiff.resources import packaged_yaml
from dipdiff.tokens import tokenise

_CJK = re.compile(r"[\u2e80-\u312f\u3190-\u9fff\uf900-\ufaff]")


def default_threshold() -> float:
    """The packaged track threshold (``data/history.yaml``)."""
    return float(packaged_yaml("history.yaml")["thresholds"]["track"])


def anchors(keys: Sequence[str]) -> list[str]:
    """Substrings one of which every candidate sentence's normalised text must contain."""
    if any(_CJK.match(key) for key in keys):
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
    store: Store,
    *,
    speakers: Sequence[str] = (),
    topic: str | None = None,
    threshold: float | None = None,
    progress: Progress | None = None,
) -> Track:
    """Find ``phrase`` and its variants in the corpus (optionally some speakers', one topic's)."""
    series = load_series(corpus, store, speakers=speakers, topic=topic, progress=progress)
    return track_in(phrase, series, threshold=threshold, progress=progress)


def track_in(
    phrase: str,
    series: Sequence[Parsed],
    *,
    threshold: float | None = None,
    progress: Progress | None = None,
) -> Track:
    """Find ``phrase`` and its variants in statements given in date order."""
    threshold = default_threshold() if threshold is None else threshold
    keys = [t.key for t in tokenise(phrase, default_normaliser())]
    if not keys:
        raise InputError(f"nothing to track in the phrase {phrase!r}")
    needle = " ".join(keys)
    hooks = anchors(keys)
    sightings: list[Sighting] = []
    for n, parsed in enumerate(series):
        if progress and (n % 50 == 0 or n + 1 == len(series)):
            progress("searching", n + 1, len(series))
        whole = "\n".join(parsed.norm)
        if not any(hook in whole for hook in hooks):
            continue  # most statements never use the phrase: one scan of the whole text each
        for p, norm in enumerate(parsed.norm):
            if any(hook in norm for hook in hooks):
                sightings += _in_paragraph(parsed, p, needle, hooks, threshold)
    return Track(phrase, threshold, len(series), _variants(sightings), _per_year(sightings))


def _in_paragraph(
    parsed: Parsed, p: int, needle: str, hooks: Sequence[str], threshold: float
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
        for a, b, score in _windows(needle, keys[start:end], threshold):
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


def _windows(needle: str, words: Sequence[str], threshold: float) -> list[tuple[int, int, float]]:
    """Every non-overlapping window of the sentence matching the phrase: word ranges and score."""
    out: list[tuple[int, int, float]] = []
    pending = [(0, len(words))]
    while pending:
        first, last = pending.pop()
        text = " ".join(words[first:last])
        if not text or len(text) < len(needle) * 0.8:
            continue
        hit = fuzz.partial_ratio_alignment(needle, text, score_cutoff=threshold)
        if hit is None or hit.dest_end <= hit.dest_start:
            continue
        # widen the character window to whole words
        position, a, b = 0, first, first
        for i in range(first, last):
            if position <= hit.dest_start:
                a = i
            if position < hit.dest_end:
                b = i + 1
            position += len(words[i]) + 1
        while b - a > 1 and not any(ch.isalnum() for ch in words[b - 1]):
            b -= 1  # a stop or comma at the edge is not part of the wording
        while b - a > 1 and not any(ch.isalnum() for ch in words[a]):
            a += 1
        out.append((a, b, hit.score))
        pending += [(first, a), (b, last)]  # the same sentence may use the phrase again
    return sorted(out)


def _variants(sightings: Sequence[Sighting]) -> tuple[Variant, ...]:
    """Group sightings by their normalised words; most frequent variant first."""
    groups: dict[str, list[Sighting]] = {}
    normaliser = default_normaliser()
    for sighting in sightings:
        groups.setdefault(normaliser.text(sighting.text), []).append(sighting)
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
