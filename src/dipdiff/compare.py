"""Compare two statements: the whole pipeline behind ``dipdiff compare``.

read (``readers``) -> normalise and tokenise (``normalise``, ``tokens``) -> align paragraphs
(``align``; outside revisions, pair them on what they are about: ``pairing``) -> diff words
(``worddiff``) -> classify shifts (``shifts``) -> render (``render``).

Scores are word-level Indel similarities, ``100 * (1 - (deleted + inserted words) / (words on both
sides))``, computed on normalised words: symmetric, from 0 to 100, and 100 exactly when the
normalised texts are equal. The alignment is computed in one canonical orientation and mirrored when
the sides come the other way round, so ``compare(a, b)`` is always the mirror image of
``compare(b, a)``.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from rapidfuzz import fuzz

from dipdiff.align import MAX_SCORED_WORD_CELLS, Pairing, WordCodes, align
from dipdiff.errors import InputError
from dipdiff.model import Block, BlockKind, Comparison, DiffOp, Mode, Op, Related, Statement, Token
from dipdiff.normalise import Normaliser, build_normaliser, default_normaliser
from dipdiff.options import CompareOptions
from dipdiff.pairing import Annotation, Key, Side, choose_mode, pair_by_content
from dipdiff.readers import InputFormat, read_statement
from dipdiff.tokens import words_and_keys
from dipdiff.worddiff import diff_tokens

if TYPE_CHECKING:
    from dipdiff.shifts import Lexicon

MAX_DIFF_CELLS = 2_500_000_000
"""Largest (old words) x (new words) of one block diffed word by word (50,000 x 50,000); past it the
block's diff is its common beginning and end around one replaced middle, and a note says so."""
MAX_CLASSIFIED_WORDS = 400_000
"""Most words (both sides together) searched for position shifts; past it shifts are skipped, with a note."""
_PARAGRAPH_BREAK = "\n\n"
"""The separator between parts of a split or merged block inside its diff texts."""


class Tokenised(NamedTuple):
    """A statement's paragraphs split into words, ready to align.

    ``Token`` objects are built only for the paragraphs a word diff reads: in a revision most
    paragraphs are equal, and their text is all a block needs.
    """

    statement: Statement
    words: tuple[tuple[str, ...], ...]
    """Each paragraph's tokens as written."""
    trails: tuple[tuple[str, ...], ...]
    """What follows each token, as in ``Token.trail``."""
    keys: tuple[tuple[str, ...], ...]
    """Each token's normalised form."""

    def tokens(self, index: int) -> list[Token]:
        """The tokens of one paragraph."""
        return list(map(Token, self.words[index], self.keys[index], self.trails[index]))

    def text(self, index: int) -> str:
        """One paragraph's text from its first token on: what joining its tokens gives."""
        return "".join(map(str.__add__, self.words[index], self.trails[index]))


def tokenise_statement(statement: Statement, normaliser: Normaliser) -> Tokenised:
    """Split every paragraph of a statement into words and their keys (as ``tokenise`` does)."""
    split = [words_and_keys(paragraph, normaliser) for paragraph in statement.paragraphs]
    words, trails, keys = (tuple(part[n] for part in split) for n in range(3))
    return Tokenised(statement, words, trails, keys)


def compare(
    old: Statement,
    new: Statement,
    options: CompareOptions | None = None,
    *,
    normaliser: Normaliser | None = None,
    lexicon: Lexicon | None = None,
) -> Comparison:
    """Align two statements, diff their words and, unless told not to, find position shifts.

    ``lexicon`` is a ``dipdiff.shifts.Lexicon``; the packaged one is used when it is ``None``.
    """
    options = options or CompareOptions()
    normaliser = normaliser or default_normaliser()
    return compare_tokenised(
        tokenise_statement(old, normaliser), tokenise_statement(new, normaliser), options, lexicon
    )


def compare_tokenised(
    old: Tokenised, new: Tokenised, options: CompareOptions, lexicon: Lexicon | None = None
) -> Comparison:
    """Compare statements already tokenised (the corpus commands cache tokens)."""
    codes = WordCodes()
    old_words = [codes.encode(keys) for keys in old.keys]
    new_words = [codes.encode(keys) for keys in new.keys]
    # The canonical orientation is decided on the words themselves, not on their codes, which
    # depend on which side was encoded first.
    swap = new.keys < old.keys
    if swap:
        old, new, old_words, new_words = new, old, new_words, old_words
    alignment = align(old_words, new_words, options)
    statements = (old.statement, new.statement)
    mode = choose_mode(alignment.pairings, old_words, new_words, options, statements, lexicon)
    annotations = None
    related: tuple[Related, ...] = ()
    if mode is not Mode.REVISION:
        if lexicon is None:
            from dipdiff.shifts import load_lexicon

            lexicon = load_lexicon()
        content = pair_by_content(
            _side(old, old_words), _side(new, new_words), alignment, options, mode, lexicon
        )
        alignment, annotations, related = content
    notes = list(alignment.notes)
    blocks = _blocks(alignment.pairings, old, new, old_words, new_words, notes)
    if annotations is not None:
        blocks = [_annotated(block, annotations) for block in blocks]
    if swap:
        old, new = new, old
        blocks = [_mirror(block) for block in blocks]
        related = tuple(hint.mirrored() for hint in related)
    ordered = _in_new_order(blocks) if mode is Mode.REVISION else _by_subject(blocks)
    words = sum(map(len, old.keys)) + sum(map(len, new.keys))
    if options.classify and words > MAX_CLASSIFIED_WORDS:
        notes.append(f"statements too long for shift classification ({words:,} words): shifts not searched")
    elif options.classify:
        from dipdiff.shifts import classify_blocks

        ordered = classify_blocks(
            ordered,
            lexicon,
            statements=(old.statement, new.statement),
            speaker=options.speaker,
            min_confidence=options.min_confidence,
            two_speakers=mode is Mode.SPEAKERS,
        )
        less_sure = sum(block.less_sure for block in ordered)
        if less_sure:
            notes.append(
                f"{less_sure} shift{'s' if less_sure != 1 else ''} less sure than --min-confidence "
                f"{options.min_confidence:g} not shown (--min-confidence 0 shows every shift found)"
            )
    similarity = _similarity("".join(old_words), "".join(new_words), notes)
    read_notes = [
        f"{side.statement.shown_source}: {note}" for side in (old, new) for note in side.statement.notes
    ]
    notes[:0] = read_notes
    return Comparison(
        old=old.statement,
        new=new.statement,
        similarity=round(similarity, 1),
        blocks=tuple(ordered),
        notes=tuple(notes),
        mode=mode,
        related=related,
    )


def _similarity(old: str, new: str, notes: list[str]) -> float:
    """The word-level similarity of two whole statements, estimated when they are too long."""
    if len(old) * len(new) <= MAX_SCORED_WORD_CELLS:
        return fuzz.ratio(old, new)
    notes.append("statements too long to measure in order: similarity counts shared words, ignoring order")
    shared = sum((Counter(old) & Counter(new)).values())
    return 100.0 * 2 * shared / (len(old) + len(new))


def _blocks(
    pairings: Sequence[Pairing],
    old: Tokenised,
    new: Tokenised,
    old_words: Sequence[str],
    new_words: Sequence[str],
    notes: list[str],
) -> list[Block]:
    """Turn pairings into blocks with word diffs; unpaired paragraphs become added or removed."""
    blocks = []
    for pairing in pairings:
        joined_old = "".join(old_words[i] for i in pairing.old)
        joined_new = "".join(new_words[j] for j in pairing.new)
        if len(pairing.old) > 1:
            kind = BlockKind.MERGED
        elif len(pairing.new) > 1:
            kind = BlockKind.SPLIT
        elif joined_old == joined_new:
            kind = BlockKind.EQUAL
        else:
            kind = BlockKind.MODIFIED
        score = 100.0 if joined_old == joined_new else round(fuzz.ratio(joined_old, joined_new), 1)
        if kind is BlockKind.EQUAL and joined_old:  # one equal run (most of a revision's paragraphs)
            (i,), (j,) = pairing.old, pairing.new
            diff: tuple[DiffOp, ...] = (DiffOp(Op.EQUAL, old.text(i), new.text(j)),)
        else:
            diff = _diff(_joined(old, pairing.old), _joined(new, pairing.new), notes)
        blocks.append(Block(kind, pairing.old, pairing.new, pairing.moved, score, diff))
    paired_old = {i for p in pairings for i in p.old}
    paired_new = {j for p in pairings for j in p.new}
    for i in range(len(old.keys)):
        if i not in paired_old:
            removed = (DiffOp(Op.DELETE, old.text(i), ""),)
            blocks.append(Block(BlockKind.REMOVED, (i,), (), False, None, removed))
    for j in range(len(new.keys)):
        if j not in paired_new:
            added = (DiffOp(Op.INSERT, "", new.text(j)),)
            blocks.append(Block(BlockKind.ADDED, (), (j,), False, None, added))
    return blocks


def _diff(old: Sequence[Token], new: Sequence[Token], notes: list[str]) -> tuple[DiffOp, ...]:
    """Diff a block word by word, or coarsely when it is too long to diff in reasonable time."""
    if len(old) * len(new) <= MAX_DIFF_CELLS:
        return diff_tokens(old, new)
    note = "paragraphs too long for a word diff: shown as one change between their common start and end"
    if note not in notes:
        notes.append(note)
    start = 0
    while start < min(len(old), len(new)) and old[start].key == new[start].key:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end].key == new[-1 - end].key:
        end += 1
    ops = []
    for op, a, b in (
        (Op.EQUAL, old[:start], new[:start]),
        (Op.REPLACE, old[start : len(old) - end], new[start : len(new) - end]),
        (Op.EQUAL, old[len(old) - end :], new[len(new) - end :]),
    ):
        old_text = "".join(t.text + t.trail for t in a)
        new_text = "".join(t.text + t.trail for t in b)
        if op is Op.REPLACE and not (old_text and new_text):
            op = Op.DELETE if old_text else Op.INSERT
        if old_text or new_text:
            ops.append(DiffOp(op, old_text, new_text))
    return tuple(ops)


def _joined(statement: Tokenised, indices: Sequence[int]) -> list[Token]:
    """Concatenate paragraphs' tokens, marking each paragraph end with a paragraph break."""
    tokens: list[Token] = []
    for n, index in enumerate(indices):
        part = statement.tokens(index)
        if part and n < len(indices) - 1:
            part[-1] = part[-1]._replace(trail=_PARAGRAPH_BREAK)
        tokens += part
    return tokens


def _mirror(block: Block) -> Block:
    """Return the block as seen from the other side."""
    return Block(
        block.kind.mirrored(),
        block.new,
        block.old,
        block.moved,
        block.score,
        tuple(op.mirrored() for op in block.diff),
        block.shifts,
        block.affinity,
        (block.passages[1], block.passages[0]),
        block.subject,
    )


def _side(statement: Tokenised, words: Sequence[str]) -> Side:
    """A statement as the content pairing reads it: texts, word strings and sentences."""
    texts = [statement.text(i) for i in range(len(words))]

    def sentences(index: int) -> list[tuple[int, int]]:
        from dipdiff.history.sentences import split_words

        ends = list(
            itertools.accumulate(map(len, map(str.__add__, statement.words[index], statement.trails[index])))
        )
        starts = [0, *ends]
        spans = split_words(statement.words[index], [bool(t) for t in statement.trails[index]])
        return [(starts[a], ends[b - 1]) for a, b in spans if b > a]

    return Side(texts, words, sentences)


def _annotated(block: Block, annotations: Mapping[Key, Annotation]) -> Block:
    """The block with what the content pairing says about it."""
    note = annotations.get((block.old, block.new))
    if note is None:
        return block
    return replace(block, affinity=note.affinity, passages=note.passages, subject=note.subject)


def _by_subject(blocks: list[Block]) -> list[Block]:
    """What both sides address (pairs, in the new order), then what only the old, only the new says."""

    def position(block: Block) -> tuple[int, int]:
        if block.kind is BlockKind.REMOVED:
            return (1, block.old[0])
        if block.kind is BlockKind.ADDED:
            return (2, block.new[0])
        return (0, block.new[0])

    return sorted(blocks, key=position)


def _in_new_order(blocks: list[Block]) -> list[Block]:
    """Order blocks by the new statement; a removed paragraph follows its old predecessor's block.

    Each old paragraph's anchor (the last new paragraph of the nearest earlier old paragraph that kept
    its place) is found in one pass over the old paragraphs, not by walking back from each removed
    one, which took quadratic time on statements of many removed paragraphs.
    """
    home: dict[int, Block] = {}
    for block in blocks:
        for i in block.old:
            home[i] = block
    anchor_before: dict[int, int] = {}
    anchor = -1
    for i in sorted(home):
        anchor_before[i] = anchor
        if home[i].new and not home[i].moved:
            anchor = home[i].new[-1]

    def position(block: Block) -> tuple[int, int, int]:
        if block.new:
            return (block.new[0], 0, 0)
        i = block.old[0]
        return (anchor_before[i], 1, i)

    return sorted(blocks, key=position)


def compare_sources(
    old: str,
    new: str,
    options: CompareOptions | None = None,
    *,
    config: Path | None = None,
    lexicons: Sequence[Path] = (),
    input_format: InputFormat = InputFormat.AUTO,
    reflow: bool = True,
) -> Comparison:
    """Read two statements (paths, or ``-`` for standard input) and compare them.

    ``reflow=False`` keeps hard-wrapped lines as they are instead of re-flowing them into paragraphs.
    """
    if old == "-" and new == "-":
        raise InputError("only one side can be read from standard input ('-')")
    from dipdiff.shifts import load_lexicon

    normaliser = build_normaliser(config) if config is not None else default_normaliser()
    lexicon = load_lexicon(lexicons) if options is None or options.classify else None
    return compare(
        read_statement(old, input_format, reflow=reflow),
        read_statement(new, input_format, reflow=reflow),
        options,
        normaliser=normaliser,
        lexicon=lexicon,
    )
