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

from dipdiff.check.context import Context, Item
from dipdiff.check.findings import Finding, Severity
from dipdiff.corpus.analysis import settings


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
    found = []
    for a, b in candidate_pairs(context):
        if a.analysis.norm_digest == b.analysis.norm_digest:
            continue
        if context.chain_root(a) == context.chain_root(b):
            continue
        # Cheap bound first: the similarity cannot exceed what the lengths allow.
        wa, wb = a.analysis.words, b.analysis.words
        if wa + wb == 0 or 200 * min(wa, wb) / (wa + wb) < threshold:
            continue
        score = _similarity(a, b, context)
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


def _similarity(a: Item, b: Item, context: Context) -> float:
    """Word-level similarity (0-100) of two statements, kept in the corpus index by both contents.

    Computed with the two in content-hash order, so that the score never depends on which of them
    was being checked.
    """
    from rapidfuzz import fuzz

    from dipdiff.align import WordCodes

    first, second = sorted((a, b), key=lambda item: item.analysis.digest)
    key = f"{first.analysis.digest}:{second.analysis.digest}"
    kept = context.index.result("near", key, lambda value: isinstance(value, float))
    if kept is not None:
        return float(kept)
    codes = WordCodes()
    score = float(
        fuzz.ratio(
            codes.encode(context.statement_words(first)), codes.encode(context.statement_words(second))
        )
    )
    context.index.keep("near", key, score)
    return score


def candidate_pairs(context: Context) -> Iterator[tuple[Item, Item]]:
    """Pairs of one speaker's statements whose MinHash signatures agree on a whole LSH band.

    Banded LSH (Indyk & Motwani 1998; Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets*,
    ch. 3.4): each signature is cut into ``bands`` runs of ``rows`` values, and two statements become
    candidates when any band is identical. The buckets are plain dictionaries keyed by the band's
    bytes, built per speaker, so a check of one new file touches only its speaker's statements.
    """
    config = settings()["near_duplicates"]
    bands, rows = int(config["bands"]), int(config["rows"])
    width = rows * 4  # bytes per band: uint32 values
    by_speaker: dict[str, list[Item]] = defaultdict(list)
    for item in context.items:
        if item.analysis.readable and item.analysis.signature:
            by_speaker[item.speaker].append(item)
    for members in by_speaker.values():
        targets = [m for m in members if m.entry.id in context.targets]
        if not targets or len(members) < 2:
            continue
        buckets: dict[tuple[int, bytes], list[Item]] = defaultdict(list)
        for member in members:
            signature = member.analysis.signature
            for band in range(bands):
                buckets[(band, signature[band * width : (band + 1) * width])].append(member)
        seen: set[tuple[str, str]] = set()
        for target in targets:
            signature = target.analysis.signature
            for band in range(bands):
                for other in buckets[(band, signature[band * width : (band + 1) * width])]:
                    if other is target:
                        continue
                    first, second = sorted((target.entry.id, other.entry.id))
                    if (first, second) not in seen:
                        seen.add((first, second))
                        yield target, other
