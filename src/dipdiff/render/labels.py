"""Words every renderer uses for the same things: block labels, sources, shift lines."""

from __future__ import annotations

from collections.abc import Sequence

from dipdiff.model import Block, BlockKind, Comparison, Direction, Shift, Statement

ARROWS = {
    Direction.UP: "▲",
    Direction.DOWN: "▼",
    Direction.ADDED: "+",
    Direction.REMOVED: "−",
    Direction.CHANGED: "~",
}


def paragraph_numbers(indices: Sequence[int]) -> str:
    """Return 1-based paragraph numbers as a reader writes them: ``¶3`` or ``¶4–5``."""
    if not indices:
        return ""
    first, last = indices[0] + 1, indices[-1] + 1
    return f"¶{first}" if first == last else f"¶{first}–{last}"


def block_label(block: Block) -> str:
    """One line naming a block: its paragraphs, kind, score and move."""
    old, new = paragraph_numbers(block.old), paragraph_numbers(block.new)
    if block.kind is BlockKind.ADDED:
        return f"{new} added"
    if block.kind is BlockKind.REMOVED:
        return f"{old} removed"
    parts = [f"{old} → {new}", block.kind.value]
    if block.kind is BlockKind.SPLIT:
        parts[1] = f"split into {len(block.new)}"
    elif block.kind is BlockKind.MERGED:
        parts[1] = f"merged from {len(block.old)}"
    if block.score is not None and block.kind is not BlockKind.EQUAL:
        parts.append(f"score {block.score:g}")
    if block.moved:
        parts.append(f"moved from {old}")
    return " · ".join(parts)


def describe_source(statement: Statement) -> str:
    """Name a statement by its file, with title, speaker and date from its metadata when present."""
    meta = statement.meta
    details = [str(meta[key]) for key in ("title", "speaker", "date") if meta.get(key)]
    where = "standard input" if statement.source == "-" else statement.source
    return f"{where} ({'; '.join(details)})" if details else where


def shift_line(shift: Shift) -> str:
    """One line for a shift: arrow, category, explanation."""
    return f"{ARROWS[shift.direction]} {shift.category.value}: {shift.explanation}"


def shift_summary(comparison: Comparison) -> list[str]:
    """Summarise the statement's shifts, a line per category, naming where each occurred."""
    where: dict[tuple[str, str], list[str]] = {}
    words: dict[tuple[str, str], list[str]] = {}
    for block in comparison.blocks:
        place = paragraph_numbers(block.new or block.old)
        for shift in block.shifts:
            key = (shift.category.value, shift.direction.value)
            if place not in where.setdefault(key, []):
                where[key].append(place)
            carrier = shift.new or shift.old
            if carrier and carrier not in words.setdefault(key, []):
                words[key].append(carrier)
    lines = []
    for (category, direction), places in sorted(where.items()):
        arrow = ARROWS[Direction(direction)]
        line = f"{arrow} {category} {direction} in {len(places)} paragraph"
        line += "s" if len(places) != 1 else ""
        line += f" ({', '.join(places[:6])}{', …' if len(places) > 6 else ''})"
        if category in ("actor", "term"):
            line += ": " + ", ".join(words.get((category, direction), [])[:8])
        lines.append(line)
    return lines
