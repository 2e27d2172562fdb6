"""``supersedes`` links: they point to an existing, earlier statement by the same speaker, without
loops, and each revision gets a summary of what changed (the compare engine's counts and shifts).

A statement id is ``<speaker>/<file stem>`` (``ru-mfa/2017-03-14-korea``). *Earlier* is judged on date
intervals: a link is refused only when the superseded statement is certainly later (``2018`` is
certainly later than ``2017-05``; ``2017`` is not certainly later than ``2017-05``). A revision may
share its predecessor's date, and ``unknown`` dates never prove an order.
"""

from __future__ import annotations

import difflib

from dipdiff.check.context import Context, Item
from dipdiff.check.findings import Finding, Revision, Severity


def supersedes_findings(context: Context) -> list[Finding]:
    """Findings for the ``supersedes`` field of every file being checked."""
    found: list[Finding] = []
    for item in context.items:
        if item.entry.id not in context.targets or not item.supersedes:
            continue
        line = item.analysis.field_lines.get("supersedes", 1)
        problem = _link_problem(item, context)
        if problem:
            found.append(Finding(problem[0], Severity.ERROR, item.shown, line, problem[1]))
            continue
        old = context.by_id[item.supersedes]
        if context.options.revisions:
            found += _revision(item, old, line, context)
    return found


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


def _revision(item: Item, old: Item, line: int, context: Context) -> list[Finding]:
    """Compare a revision with what it supersedes; a --fail-on shift makes it an error."""
    from dipdiff.compare import compare
    from dipdiff.errors import InputError
    from dipdiff.shifts import parse_fail_on

    try:
        comparison = compare(
            context.cache.statement(old.entry.path), context.cache.statement(item.entry.path)
        )
    except InputError:
        return []  # an unreadable side is reported by the content rules
    counts = comparison.summary.counts()
    shifts = {
        category.value: {direction.value: n for direction, n in per.items()}
        for category, per in comparison.shift_counts().items()
    }
    revision = Revision(old.shown, comparison.similarity, counts, shifts)
    changed = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n and kind != "equal") or "no changes"
    shift_text = "; ".join(
        f"{category} {direction} {n}" for category, per in shifts.items() for direction, n in per.items()
    )
    message = f"revises {old.shown}: similarity {comparison.similarity:g}; {changed}" + (
        f"; shifts: {shift_text}" if shift_text else ""
    )
    found = [
        Finding(
            "revision", Severity.NOTICE, item.shown, line, message, old.shown, comparison.similarity, revision
        )
    ]
    gates = parse_fail_on(list(context.options.fail_on))
    if gates and gates.matches(comparison):
        hits = "; ".join(
            shift.explanation
            for _, shift in comparison.shifts
            if any(
                shift.category.value == category and direction in (None, shift.direction.value)
                for category, direction in gates.gates
            )
        )
        found.append(
            Finding(
                "revision-shift",
                Severity.ERROR,
                item.shown,
                line,
                f"revision of {old.shown} shifts a position named by --fail-on: {hits}",
                old.shown,
                comparison.similarity,
                revision,
            )
        )
    return found
