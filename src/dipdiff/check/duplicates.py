"""Exact and near-duplicate statements, without comparing every pair.

*Exact*: two statements whose normalised tokens are identical (``Analysis.norm_digest``), whoever the
speakers. *Near*: two statements by the same speaker whose word-level similarity (0-100, the measure of
``dipdiff compare``) reaches the threshold, and which are not versions of one statement (linked by a
chain of ``supersedes``). Candidates come from banded MinHash LSH over each speaker's statements
(``candidate_pairs``); only candidate pairs are scored exactly, with rapidfuzz.

A pair is reported once, on the file being checked; when both are, on the later one (by date, then
path), which is usually the accidental copy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from dipdiff.check.context import Context, Item
from dipdiff.check.findings import Finding, Severity
from dipdiff.corpus.analysis import settings

FEW_BAND_KEYS = 50_000
"""Up to this many band keys (statements of the speakers being checked x bands), candidate pairs are
found with dictionaries; above it, with one numpy sort of every key."""


def duplicate_findings(context: Context) -> list[Finding]:
    """Findings for exact and near-duplicates involving the files being checked."""
    found = _exact(context)
    exact_pairs = {(f.path, f.related) for f in found}
    found += [f for f in _near(context) if (f.path, f.related) not in exact_pairs]
    return found


def _reported_on(a: Item, b: Item, context: Context) -> Item | None:
    """Which of a pair carries the finding: the target, or the later one when both are targets."""
    a_target, b_target = a.entry.id in context.targets, b.entry.id in context.targets
    if a_target and b_target:
        return max(a, b, key=_order)
    return a if a_target else b if b_target else None


def _order(item: Item) -> tuple[str, str]:
    """Sort key: date as written (unknown last), then path."""
    date = item.date
    return (date.text if date is not None and date.known else "9999", item.shown)


def _exact(context: Context) -> list[Finding]:
    """Statements with identical normalised text."""
    groups: dict[str, list[Item]] = defaultdict(list)
    for item in context.items:
        if item.analysis.readable and item.analysis.norm_digest:
            groups[item.analysis.norm_digest].append(item)
    found = []
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=_order)
        for later in group[1:]:
            first = group[0]
            holder = _reported_on(first, later, context)
            if holder is None:
                continue
            other = first if holder is later else later
            if context.chain_root(first) == context.chain_root(later):
                found.append(
                    Finding(
                        "revision-unchanged",
                        Severity.WARNING,
                        holder.shown,
                        1,
                        f"same text as {other.shown} after normalisation, though one supersedes "
                        "the other (only markup or links changed?)",
                        other.shown,
                        100.0,
                    )
                )
            else:
                found.append(
                    Finding(
                        "exact-duplicate",
                        Severity.ERROR,
                        holder.shown,
                        1,
                        f"exact duplicate of {other.shown} (identical after normalisation)",
                        other.shown,
                        100.0,
                    )
                )
    return found


def _near(context: Context) -> list[Finding]:
    """Statements by one speaker that are nearly the same and not versions of each other."""
    threshold = context.options.threshold()
    pairs = []
    for a, b in candidate_pairs(context):
        if a.analysis.norm_digest == b.analysis.norm_digest:
            continue
        if context.chain_root(a) == context.chain_root(b):
            continue
        # Cheap bound first: the similarity cannot exceed what the lengths allow.
        wa, wb = a.analysis.words, b.analysis.words
        if wa + wb == 0 or 200 * min(wa, wb) / (wa + wb) < threshold:
            continue
        pairs.append((a, b))
    scores = _similarities(pairs, context)
    found = []
    for (a, b), score in zip(pairs, scores, strict=True):
        if score < threshold:
            continue
        holder = _reported_on(a, b, context)
        assert holder is not None
        other = b if holder is a else a
        found.append(
            Finding(
                "near-duplicate",
                Severity.ERROR,
                holder.shown,
                1,
                f"near-duplicate of {other.shown} by the same speaker (similarity "
                f"{score:.1f} >= {threshold:g}); if it revises it, add 'supersedes: {other.entry.id}'",
                other.shown,
                round(score, 1),
            )
        )
    return found


def _similarities(pairs: list[tuple[Item, Item]], context: Context) -> list[float]:
    """Word-level similarity (0-100) of each pair, kept in the corpus index by both contents.

    Each pair is scored with its two statements in content-hash order, so that the score never depends
    on which of them was being checked. Kept scores are looked up all at once.
    """
    from rapidfuzz import fuzz

    from dipdiff.align import WordCodes

    ordered = [tuple(sorted((a, b), key=lambda item: item.analysis.digest)) for a, b in pairs]
    keys = [f"{first.analysis.digest}:{second.analysis.digest}" for first, second in ordered]
    kept = context.index.results("near", keys, lambda value: isinstance(value, float))
    context.prepare_words(
        item for pair, key in zip(ordered, keys, strict=True) if key not in kept for item in pair
    )
    scores = []
    for (first, second), key in zip(ordered, keys, strict=True):
        score = kept.get(key)
        if score is None:
            codes = WordCodes()
            old, new = context.statement_words(first), context.statement_words(second)
            score = kept[key] = float(fuzz.ratio(codes.encode(old), codes.encode(new)))
            context.index.keep("near", key, score)
        scores.append(float(score))
    return scores


def candidate_pairs(context: Context) -> Iterator[tuple[Item, Item]]:
    """Pairs of one speaker's statements whose MinHash signatures agree on a whole LSH band.

    Banded LSH (Indyk & Motwani 1998; Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets*,
    ch. 3.4): each signature is cut into ``bands`` runs of ``rows`` values, and two statements become
    candidates when any band is identical. Each (speaker, band, values) is hashed to one 64-bit band
    key and all keys are sorted at once with numpy; statements sharing a key are then grouped by the
    band itself, so a collision of keys makes no pair. Pairs come in the
    order of a bucket walk: speaker, then each statement being checked in corpus order, then the first
    band it shares, then the other statement.
    """
    config = settings()["near_duplicates"]
    bands, rows = int(config["bands"]), int(config["rows"])
    eligible = [item for item in context.items if item.analysis.readable and item.analysis.signature]
    speakers: dict[str, int] = {}
    for item in eligible:
        speakers.setdefault(item.speaker, len(speakers))
    checked = {item.speaker for item in eligible if item.entry.id in context.targets}
    if len(eligible) < 2 or not checked:
        return
    alike = [item for item in eligible if item.speaker in checked]
    if len(alike) * bands <= FEW_BAND_KEYS:
        yield from _bucket_walk(alike, context.targets, bands, rows)
        return
    import numpy as np

    is_target = np.array([item.entry.id in context.targets for item in eligible], dtype=bool)
    keys = _band_keys(eligible, speakers, bands, rows)  # (statements, bands) uint64
    flat = keys.ravel()
    order = np.argsort(flat, kind="stable")
    ranked = flat[order]
    starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
    ends = np.r_[starts[1:], len(ranked)]
    # Only keys shared by two statements, one of them being checked, can make a pair: the rest of
    # the (statements x bands) keys are never walked in Python.
    targets_in = np.add.reduceat(np.repeat(is_target, bands)[order].astype(np.int64), starts)
    shared = (ends - starts >= 2) & (targets_in > 0)
    width = rows * 4  # bytes per band: uint32 values
    pairs: set[tuple[int, int]] = set()
    for start, end in zip(starts[shared].tolist(), ends[shared].tolist(), strict=True):
        buckets: dict[tuple[str, int, bytes], list[int]] = defaultdict(list)
        for flat_index in order[start:end].tolist():
            i, band = divmod(flat_index, bands)
            signature = eligible[i].analysis.signature
            buckets[(eligible[i].speaker, band, signature[band * width : (band + 1) * width])].append(i)
        for members in buckets.values():  # the same key for different buckets is told apart here
            if len(members) > 1 and is_target[members].any():
                members.sort()
                pairs.update((a, b) for n, a in enumerate(members) for b in members[n + 1 :])
    walk = []
    for a, b in pairs:
        if not (is_target[a] or is_target[b]):
            continue
        target, other = (a, b) if is_target[a] else (b, a)  # a < b: a is met first when both are
        band = int(np.argmax(keys[target] == keys[other]))
        walk.append((speakers[eligible[target].speaker], target, band, other))
    for _, target, _, other in sorted(walk):
        yield eligible[target], eligible[other]


def _bucket_walk(
    members: list[Item], targets: set[str], bands: int, rows: int
) -> Iterator[tuple[Item, Item]]:
    """``candidate_pairs`` among few statements (those of the speakers being checked), in the same
    order, with dictionaries: a check of one new file needs neither numpy nor every band key."""
    width = rows * 4
    by_speaker: dict[str, list[Item]] = defaultdict(list)
    for item in members:
        by_speaker[item.speaker].append(item)
    for group in by_speaker.values():
        buckets: dict[tuple[int, bytes], list[Item]] = defaultdict(list)
        for item in group:
            signature = item.analysis.signature
            for band in range(bands):
                buckets[(band, signature[band * width : (band + 1) * width])].append(item)
        seen: set[tuple[int, int]] = set()
        for target in group:
            if target.entry.id not in targets:
                continue
            signature = target.analysis.signature
            for band in range(bands):
                for other in buckets[(band, signature[band * width : (band + 1) * width])]:
                    pair = (min(id(target), id(other)), max(id(target), id(other)))
                    if other is not target and pair not in seen:
                        seen.add(pair)
                        yield target, other


def _band_keys(items: list[Item], speakers: dict[str, int], bands: int, rows: int) -> Any:
    """A 64-bit key per statement and band, hashed from its speaker, the band and the band's values."""
    import numpy as np

    signatures = np.frombuffer(b"".join(item.analysis.signature for item in items), dtype="<u4")
    values = signatures.reshape(len(items), bands, rows).astype(np.uint64)
    speaker = np.array([speakers[item.speaker] for item in items], dtype=np.uint64)
    prime = np.uint64(0x100000001B3)  # the FNV-1a 64-bit prime, as a multiplier that mixes well
    with np.errstate(over="ignore"):
        keys = (speaker[:, None] * np.uint64(0x9E3779B97F4A7C15)) ^ np.arange(bands, dtype=np.uint64)[None, :]
        for row in range(rows):
            keys = (keys ^ values[:, :, row]) * prime
            keys ^= keys >> np.uint64(29)
    return keys
