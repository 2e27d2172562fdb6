"""Words every renderer uses for the same things: block labels, sources, shift lines."""

from __future__ import annotations

from collections.abc import Sequence

from dipdiff.model import Block, BlockKind, Category, Comparison, Direction, Mode, Related, Shift, Statement

ARROWS = {
    Direction.UP: "▲",
    Direction.DOWN: "▼",
    Direction.ADDED: "+",
    Direction.REMOVED: "−",
    Direction.CHANGED: "~",
}


def paragraph_numbers(indices: Sequence[int], joiner: str = ", ") -> str:
    """Return 1-based paragraph numbers as a reader writes them: ``¶3``, ``¶4–5``, or, for paragraphs
    that are not neighbours (a rewrite may group them), ``¶4–5, ¶9`` (``¶4–5+¶9`` with ``joiner="+"``,
    where the numbers are one place in a list of places)."""
    runs: list[list[int]] = []
    for i in sorted(set(indices)):
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return joiner.join(f"¶{r[0] + 1}" if len(r) == 1 else f"¶{r[0] + 1}–{r[-1] + 1}" for r in runs)


def block_label(block: Block) -> str:
    """One line naming a block: its paragraphs, kind, score and move.

    A pair reads ``¶7 → ¶3`` (old → new); an added or a removed paragraph says which statement's
    numbering it is in (``new ¶2 added``, ``old ¶2 removed``), since the two differ.
    """
    old, new = paragraph_numbers(block.old), paragraph_numbers(block.new)
    if block.kind is BlockKind.ADDED:
        return _alone_label(block, f"new {new} added")
    if block.kind is BlockKind.REMOVED:
        return _alone_label(block, f"old {old} removed")
    parts = [f"{old} → {new}", block.kind.value]
    if block.kind is BlockKind.SPLIT:
        parts[1] = f"split into {len(block.new)}"
    elif block.kind is BlockKind.MERGED:
        parts[1] = f"merged from {len(block.old)}"
    if block.score is not None and block.kind is not BlockKind.EQUAL:
        parts.append(f"score {block.score:g}")
    if block.affinity is not None and block.kind is not BlockKind.EQUAL:
        parts.append(f"affinity {block.affinity:g}")
    if block.moved:
        parts.append(f"moved from {old}")
    return " · ".join(parts + ([", ".join(block.subject)] if block.subject else []))


def _alone_label(block: Block, text: str) -> str:
    return " · ".join([text, ", ".join(block.subject)]) if block.subject else text


MODE_WORDS = {
    Mode.REVISION: "revision: paragraphs paired on their wording, in order",
    Mode.REWRITE: "rewrite: paragraphs paired on what they are about; pairs out of order moved",
    Mode.SPEAKERS: "speakers: paragraphs paired on what they are about, in any order",
}
"""What each mode means, for the header of every view."""


def passage_line(block: Block) -> str | None:
    """Which sentences carry a pair's match, e.g. ``passage: old sentences 2–3 of 6``."""
    parts = []
    for name, found in zip(("old", "new"), block.passages, strict=True):
        if found is not None:
            if found.first == found.last:
                parts.append(f"{name} sentence {found.first + 1} of {found.sentences}")
            else:
                parts.append(f"{name} sentences {found.first + 1}–{found.last + 1} of {found.sentences}")
    return f"passage: {'; '.join(parts)}" if parts else None


def sections(comparison: Comparison) -> list[tuple[str, list[Block]]]:
    """The blocks under their section titles: one untitled section for a revision; what both sides
    address, then what only one says, for a rewrite or two speakers."""
    if comparison.mode is Mode.REVISION:
        return [("", list(comparison.blocks))]
    both = [b for b in comparison.blocks if b.old and b.new]
    old_only = [b for b in comparison.blocks if not b.new]
    new_only = [b for b in comparison.blocks if not b.old]
    return [
        (f"Both address ({len(both)})", both),
        (f"Only the old statement says ({len(old_only)})", old_only),
        (f"Only the new statement says ({len(new_only)})", new_only),
    ]


RELATED_NOTE = "below the affinity of a pair: each may address the same matter; not paired, no shifts read"
"""What the possibly related hints are, under their title in every view."""


def related_title(comparison: Comparison) -> str | None:
    """The title of the hints below the pairs (rewrite and speakers modes), or ``None`` when there
    are none."""
    if not comparison.related:
        return None
    return f"Possibly related, not paired ({len(comparison.related)})"


def related_line(hint: Related) -> str:
    """One hint, e.g. ``old ¶9 ↔ new ¶12 · affinity 14.2 · shares North Korea, nuclear``."""
    line = f"old ¶{hint.old + 1} ↔ new ¶{hint.new + 1} · affinity {hint.affinity:g}"
    return f"{line} · shares {', '.join(hint.shares)}" if hint.shares else line


def describe_source(statement: Statement) -> str:
    """Name a statement by its file, with title, speaker and date from its metadata when present."""
    meta = statement.meta
    details = [str(meta[key]) for key in ("title", "speaker", "date") if meta.get(key)]
    where = statement.shown_source
    return f"{where} ({'; '.join(details)})" if details else where


def shorten_middle(text: str, width: int) -> str:
    """Fit a name (a statement id, a file stem) in ``width`` characters by cutting out its middle.

    The start says what kind of statement it is and the end what tells it from its neighbours
    (``…-of-china-v02``), so both stay; the end gets the larger share, and each cut falls on a
    hyphen or slash when one is near.
    """
    if len(text) <= width:
        return text
    if width < 5:
        return text[: max(width - 1, 0)] + "…"
    keep = width - 1
    head, tail = text[: keep * 2 // 5], text[len(text) - (keep - keep * 2 // 5) :]
    head_cut = max(head.rfind("-"), head.rfind("/")) + 1
    if head_cut > len(head) * 3 // 4:
        head = head[:head_cut]
    tail_cut = min((k for k in (tail.find("-"), tail.find("/")) if k >= 0), default=-1)
    if 0 <= tail_cut < len(tail) // 4:
        tail = tail[tail_cut:]
    return f"{head}…{tail}"


def shift_line(shift: Shift) -> str:
    """One line for a shift: its direction's arrow and its explanation."""
    return f"{ARROWS[shift.direction]} {shift.explanation}"


def plural(count: int, noun: str) -> str:
    """``1 equal paragraph``, ``2 equal paragraphs``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


_SUMMARY_WORDS = {
    Category.INTENSITY: ("tone", {Direction.UP: "hardened", Direction.DOWN: "softened"}),
    Category.MODALITY: ("commitment", {Direction.UP: "strengthened", Direction.DOWN: "weakened"}),
    Category.NEGATION: ("negation", {}),
    Category.HEDGE: ("hedges", {}),
    Category.ACTOR: ("actors", {Direction.REMOVED: "dropped"}),
    Category.TERM: ("terms", {Direction.REMOVED: "dropped"}),
    Category.NUMBER: ("numbers", {Direction.REMOVED: "dropped"}),
}


_ONE_SIDE = {Direction.ADDED: "only in new", Direction.REMOVED: "only in old"}
"""How the header words actors and terms between two speakers: what only one of them names."""


def _about(shift: Shift) -> tuple[str, ...]:
    """What an actor or term shift names, by id whatever the wording (``person:Medvedev`` for
    "President Medvedev" and "President Dmitry A. Medvedev", ``RUS`` for "Russian" and "Russia"): the
    new side's id, the old side's, or both for a changed term; its label when it carries no id."""
    ids = tuple(code for code in (shift.old_id, shift.new_id) if code is not None)
    return ids or (shift.explanation.partition(": ")[2],)


_IN_ROW_WORDS = (Category.INTENSITY, Category.MODALITY)
"""Categories whose rows say which scale moved ("wording strengthened", "support weakened"): the
header uses the rows' words, so that it never calls "comply -> fully comply" a hardened tone."""


def _in_row_words(comparison: Comparison, category: Category) -> str:
    """``tone hardened in 2 paragraphs (¶1, ¶5), wording strengthened in ¶3``: one piece per wording
    the rows use, in the order first met."""
    places: dict[str, list[str]] = {}
    for block in comparison.blocks:
        place = paragraph_numbers(block.new or block.old, joiner="+")
        for shift in block.shifts:
            if shift.category is category:
                where = places.setdefault(shift.explanation.partition(": ")[0], [])
                if place not in where:
                    where.append(place)
    pieces, noun = [], ""
    for n, (words, spots) in enumerate(places.items()):
        same, _, verb = words.rpartition(" ")
        pieces.append(_where(verb if same == noun else words, spots, first=n == 0))
        noun = same  # "tone hardened in ¶1, softened in ¶4"
    return ", ".join(pieces)


def _where(words: str, spots: list[str], *, first: bool) -> str:
    """``tone hardened in ¶3``, or ``in 2 paragraphs (¶3, ¶5)`` (the unit named in a line's first piece)."""
    if len(spots) == 1:
        return f"{words} in {spots[0]}"
    shown = ", ".join(spots[:6]) + (", …" if len(spots) > 6 else "")
    unit = " paragraphs" if first else ""
    return f"{words} in {len(spots)}{unit} ({shown})"


def shift_summary(comparison: Comparison) -> list[str]:
    """Summarise the statement's shifts in one line, e.g. ``tone hardened in 3 paragraphs,
    softened in 1; negation added in ¶7; actors added: Japan`` (no line when there are none).
    Actors and terms are claims about the statements: one the other statement names elsewhere is
    news for its paragraph only, and is left out here."""
    places: dict[Category, dict[Direction, list[str]]] = {}
    names: dict[Category, dict[Direction, dict[tuple[str, ...], str]]] = {}
    """Per category and direction, the label first met for each actor or term id."""
    for block in comparison.blocks:
        place = paragraph_numbers(block.new or block.old, joiner="+")
        for shift in block.shifts:
            if shift.named_elsewhere:
                continue
            where = places.setdefault(shift.category, {}).setdefault(shift.direction, [])
            if place not in where:
                where.append(place)
            name = shift.explanation.partition(": ")[2]
            seen = names.setdefault(shift.category, {}).setdefault(shift.direction, {})
            if name:
                seen.setdefault(_about(shift), name)
    for category in (Category.ACTOR, Category.TERM):
        # A name dropped from one paragraph and added to another moved; the statement still has it.
        per = names.get(category, {})
        both = per.get(Direction.ADDED, {}).keys() & per.get(Direction.REMOVED, {}).keys()
        for direction in (Direction.ADDED, Direction.REMOVED):
            if direction in per:
                per[direction] = {about: name for about, name in per[direction].items() if about not in both}
                if not per[direction]:
                    del places[category][direction]
        if category in places and not places[category]:
            del places[category]
    parts = []
    for category in Category:
        if category not in places:
            continue
        noun, verbs = _SUMMARY_WORDS[category]
        pieces = []
        if category in _IN_ROW_WORDS:
            parts.append(_in_row_words(comparison, category))
            continue
        for n, direction in enumerate(d for d in Direction if d in places[category]):
            verb = verbs.get(direction, direction.value)
            if category in (Category.ACTOR, Category.TERM) and comparison.mode is Mode.SPEAKERS:
                # Two speakers: a name one of them uses was not added or dropped, only said by one.
                verb = _ONE_SIDE.get(direction, verb)
            if category in (Category.ACTOR, Category.TERM):
                listed = list(names[category][direction].values())
                more = f" and {len(listed) - 8} more" if len(listed) > 8 else ""
                pieces.append(f"{verb}: {', '.join(listed[:8])}{more}")
                continue
            pieces.append(_where(verb, places[category][direction], first=n == 0))
        parts.append(f"{noun} " + ", ".join(pieces))
    return ["; ".join(parts)] if parts else []
