"""``supersedes`` links: they point to an existing, earlier statement by the same speaker, without
loops, and each revision gets a summary of what changed (the compare engine's counts and shifts).

A statement id is ``<speaker>/<file stem>`` (``ru-mfa/2017-03-14-korea``). *Earlier* is judged on date
intervals: a link is refused only when the superseded statement is certainly later (``2018`` is
certainly later than ``2017-05``; ``2017`` is not certainly later than ``2017-05``). A revision may
share its predecessor's date, and ``unknown`` dates never prove an order.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import TYPE_CHECKING

from dipdiff.check.context import Context, Item
from dipdiff.check.findings import Finding, Revision, Severity

if TYPE_CHECKING:
    from dipdiff.model import Statement


def start_supersedes(context: Context) -> Callable[[], list[Finding]]:
    """Findings for the ``supersedes`` field of every file being checked, in two steps: the links are
    checked and the revisions' comparisons started now (in worker processes when many); the function
    returned waits for them and gives the findings. A check runs its other rules in between, while
    the workers compare."""
    found: list[Finding] = []
    revisions: list[tuple[Item, Item, int]] = []
    for item in context.items:
        if item.entry.id not in context.targets or not item.supersedes:
            continue
        line = item.analysis.field_lines.get("supersedes", 1)
        problem = _link_problem(item, context)
        if problem:
            found.append(Finding(problem[0], Severity.ERROR, item.shown, line, problem[1]))
            continue
        if context.options.revisions:
            revisions.append((item, context.by_id[item.supersedes], line))
    summaries = _start_summaries([(old, item) for item, old, _ in revisions], context)

    def finish() -> list[Finding]:
        done = summaries()
        for item, old, line in revisions:
            summary = done.get((old.entry.id, item.entry.id))
            if summary is not None:  # None: an unreadable side, which the content rules report
                found.extend(_revision(item, old, line, summary, context))
        return found

    return finish


def _link_problem(item: Item, context: Context) -> tuple[str, str] | None:
    """What is wrong with a statement's ``supersedes`` link, if anything."""
    target_id = item.supersedes
    assert target_id is not None
    if target_id == item.entry.id:
        return ("supersedes-cycle", "supersedes itself")
    old = context.by_id.get(target_id)
    if old is None:
        same = [i for i in context.by_id if i.split("/")[0] == target_id.split("/")[0]]
        guess = difflib.get_close_matches(target_id, same or list(context.by_id), n=1, cutoff=0.6)
        hint = f"; did you mean '{guess[0]}'?" if guess else ""
        return (
            "supersedes-missing",
            f"supersedes '{target_id}', which is not in the corpus (ids are <speaker>/<file stem>){hint}",
        )
    if old.speaker != item.speaker:
        return (
            "supersedes-speaker",
            f"supersedes {old.shown}, a statement by '{old.speaker}', not by '{item.speaker}'",
        )
    new_date, old_date = item.date, old.date
    if new_date is not None and old_date is not None and old_date.surely_after(new_date):
        return (
            "supersedes-order",
            f"supersedes {old.shown}, dated {old_date.text}, which is later than this "
            f"statement's {new_date.text}",
        )
    loop = _loop(item, context)
    if loop:
        return ("supersedes-cycle", "supersedes chain loops: " + " -> ".join(loop))
    return None


def _loop(item: Item, context: Context) -> list[str]:
    """The ids of a loop reached from ``item`` along ``supersedes``, or nothing."""
    path = [item.entry.id]
    current = item
    while current.supersedes and current.supersedes in context.by_id:
        if current.supersedes in path:
            return [*path[path.index(current.supersedes) :], current.supersedes]
        path.append(current.supersedes)
        current = context.by_id[current.supersedes]
    return []


Summary = tuple[float, tuple[tuple[str, int], ...], tuple[tuple[str, str, str], ...]]
"""A revision's similarity, paragraph counts by kind, and shifts as (category, direction, explanation)."""


def _revision(item: Item, old: Item, line: int, summary: Summary, context: Context) -> list[Finding]:
    """Report what a revision changed in what it supersedes; a --fail-on shift makes it an error."""
    from dipdiff.shifts import parse_fail_on

    similarity, count_pairs, shift_list = summary
    counts = dict(count_pairs)
    shifts: dict[str, dict[str, int]] = {}
    for category, direction, _ in shift_list:
        per = shifts.setdefault(category, {})
        per[direction] = per.get(direction, 0) + 1
    revision = Revision(old.shown, similarity, counts, shifts)
    changed = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n and kind != "equal") or "no changes"
    shift_text = "; ".join(
        f"{category} {direction} {n}" for category, per in shifts.items() for direction, n in per.items()
    )
    message = f"revises {old.shown}: similarity {similarity:g}; {changed}" + (
        f"; shifts: {shift_text}" if shift_text else ""
    )
    found = [Finding("revision", Severity.NOTICE, item.shown, line, message, old.shown, similarity, revision)]
    gates = [
        (category.value, None if direction is None else direction.value)
        for category, direction in parse_fail_on(list(context.options.fail_on)).gates
    ]
    hits = [
        explanation
        for category, direction, explanation in shift_list
        if any(category == gate and way in (None, direction) for gate, way in gates)
    ]
    if hits:
        found.append(
            Finding(
                "revision-shift",
                Severity.ERROR,
                item.shown,
                line,
                f"revision of {old.shown} shifts a position named by --fail-on: {'; '.join(hits)}",
                old.shown,
                similarity,
                revision,
            )
        )
    return found


PARALLEL_FROM = 8
"""Compare revisions in worker processes when at least this many are not kept in the index."""


def _start_summaries(
    pairs: list[tuple[Item, Item]], context: Context
) -> Callable[[], dict[tuple[str, str], Summary]]:
    """What the compare engine says of each (old, new) revision, by statement ids, from the function
    returned (the comparisons start now); kept in the corpus index by both contents (and the file
    names and registry the comparison reads). Pairs with an unreadable side are left out."""
    from dipdiff.errors import InputError
    from dipdiff.index import comparison_context

    min_confidence = context.options.min_confidence
    keys = [
        ":".join(
            (
                old.analysis.digest,
                new.analysis.digest,
                f"{min_confidence:g}",
                comparison_context(str(old.entry.path), str(new.entry.path)),
            )
        )
        for old, new in pairs
    ]
    kept = context.index.results("revision", keys, _is_summary)
    context.prepare(item for pair, key in zip(pairs, keys, strict=True) if key not in kept for item in pair)
    found: dict[tuple[str, str], Summary] = {}
    missing = []
    for (old, new), key in zip(pairs, keys, strict=True):
        if key in kept:
            found[(old.entry.id, new.entry.id)] = kept[key]
            continue
        try:
            statements = (context.statement(old), context.statement(new))
        except InputError:
            continue
        missing.append(((old.entry.id, new.entry.id), key, statements))
    compared = _start_compares([(*statements, min_confidence) for _, _, statements in missing])

    def finish() -> dict[tuple[str, str], Summary]:
        for (ids, key, _), summary in zip(missing, compared(), strict=True):
            found[ids] = summary
            context.index.keep("revision", key, summary)
        return found

    return finish


def _start_compares(jobs: list[tuple[Statement, Statement, float]]) -> Callable[[], list[Summary]]:
    """Compare each (old, new, lowest shift confidence), in worker processes when there are many
    and the run shares a pool (``index.reading.shared_pool``); the function returned gives the
    summaries, in order, once they are all done."""
    if len(jobs) < PARALLEL_FROM:
        summaries = [_compare(job) for job in jobs]
        return lambda: summaries
    from dipdiff.index.reading import running_pool, worker_pool

    # Longest first, one at a time: the shared White House versions run from 1 to 130 KB, and in
    # chunks in the order given a worker could be left with the long ones while the other idled.
    order = sorted(range(len(jobs)), key=lambda n: -_size(jobs[n]))
    pool = running_pool()
    if pool is None:  # no pool shared by the run: one for these comparisons, done before returning
        with worker_pool() as own:
            done = dict(zip(order, own.map(_compare, [jobs[n] for n in order]), strict=True))
        summaries = [done[n] for n in range(len(jobs))]
        return lambda: summaries
    futures = {n: pool.submit(_compare, jobs[n]) for n in order}
    return lambda: [futures[n].result() for n in range(len(jobs))]


def _size(job: tuple[Statement, Statement, float]) -> int:
    """How long a revision's comparison may take: the length of its two texts."""
    old, new, _ = job
    return sum(map(len, old.paragraphs)) + sum(map(len, new.paragraphs))


def _compare(job: tuple[Statement, Statement, float]) -> Summary:
    """The compare engine's similarity, counts and shifts (at least ``min_confidence`` sure) for one
    revision."""
    from dipdiff.compare import compare
    from dipdiff.options import CompareOptions

    old, new, min_confidence = job
    comparison = compare(old, new, CompareOptions(min_confidence=min_confidence))
    return (
        comparison.similarity,
        tuple(comparison.summary.counts().items()),
        tuple(
            (shift.category.value, shift.direction.value, shift.explanation) for _, shift in comparison.shifts
        ),
    )


def _is_summary(value: object) -> bool:
    """Whether a kept value has the shape of a ``Summary``."""

    if not (isinstance(value, tuple) and len(value) == 3):
        return False
    similarity, counts, shifts = value
    return (
        isinstance(similarity, (int, float))
        and isinstance(counts, tuple)
        and all(
            isinstance(c, tuple) and len(c) == 2 and isinstance(c[0], str) and isinstance(c[1], int)
            for c in counts
        )
        and isinstance(shifts, tuple)
        and all(isinstance(s, tuple) and len(s) == 3 and all(isinstance(x, str) for x in s) for s in shifts)
    )
