"""Find the shifts of one clause: tone, modality, negation and hedges.

Each detector finds its cues in the old and the new wording of the clause, cancels the cues that
stand on both sides (so rewording and words moving inside the clause give nothing), and reports what
is left over.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, NamedTuple

from dipdiff.model import Category, Direction, Shift
from dipdiff.shifts.clauses import BlockText, Clause, Side, sentence_starts
from dipdiff.shifts.lexicon import Lexicon, Modifier, Rung
from dipdiff.shifts.matcher import Match, PhraseMatcher

_FILLER = frozenset({"the", "a", "an", "its", "their", "our", "his", "her", "this", "that", "these"})
"""Words skipped when naming the word a booster strengthens ("bear fully the responsibilities")."""
_LINKS = frozenset({"with", "to", "in", "on", "at", "by", "for", "and", "or", "of", "from", "as", "into"})
"""Words after a booster that show it strengthens the word before it ("co-operate fully with")."""


class _Tone(NamedTuple):
    """A ladder word with its modifiers: where it stands on a scale, and the words carrying it."""

    scale: str
    value: float
    text: str


class _Boost(NamedTuple):
    """A standalone booster or downtoner beside no ladder word."""

    key: str
    step: float
    text: str
    """The booster with the word it strengthens ("fully comply")."""
    head: str
    """That word alone ("comply")."""
    head_key: str


def clause_shifts(text: BlockText, clause: Clause, lexicon: Lexicon) -> list[Shift]:
    """Return the shifts found in one clause of a block."""
    return [
        *_intensity(text, clause, lexicon),
        *_modality(text, clause, lexicon),
        *_negation(text, clause, lexicon),
        *_hedges(text, clause, lexicon),
    ]


def _surface(side: Side, first: int, last: int) -> str:
    """The original text of words ``[first, last)``."""
    if first >= last:
        return ""
    return side.text[side.words[first].start : side.words[last - 1].end]


# --- intensity -------------------------------------------------------------------------------------


def _tones(side: Side, span: tuple[int, int], lexicon: Lexicon) -> tuple[list[_Tone], list[_Boost]]:
    """Ladder words with their modifiers attached, and the standalone boosters left over."""
    ladder = [
        m
        for m in lexicon.ladder.find(side.words, *span, keys=side.keys)
        if not _excluded(side, m, lexicon) and not _in_name(side, m)
    ]
    taken = {i for m in ladder for i in range(m.first, m.last)}
    modifiers = [
        m
        for m in lexicon.modifiers.find(side.words, *span, keys=side.keys)
        if not taken.intersection(range(m.first, m.last)) and not _in_name(side, m)
    ]
    attached: dict[int, list[Match[Modifier]]] = {}
    boosts = []
    for mod in modifiers:
        target = _nearest(ladder, mod, lexicon)
        if target is not None:
            attached.setdefault(target, []).append(mod)
        elif mod.value.standalone:
            at = mod.last
            while at < span[1] - 1 and side.words[at].key in _FILLER:
                at += 1
            if (at >= span[1] or side.words[at].key in _LINKS) and mod.first > span[0]:
                # "co-operate fully with": the adverb strengthens the verb before it.
                at = mod.first - 1
            head = min(at + 1, span[1])
            while head + 1 < span[1] and _glued_hyphen(side, head):
                head += 2  # "full co-operation": the booster strengthens the whole hyphenated word
            while at - 2 >= span[0] and side.words[at - 1].text == "-" and at - 1 != mod.last - 1:
                at -= 2  # "co-operate": name the whole hyphenated word
            boosts.append(
                _Boost(
                    " ".join(side.words[i].key for i in range(mod.first, mod.last)),
                    mod.value.step,
                    _surface(side, min(mod.first, at), max(mod.last, head)),
                    _surface(side, at, head) if at < span[1] else "",
                    side.words[head - 1].key if at < span[1] else "",
                )
            )
    tones = []
    for n, match in enumerate(ladder):
        mods = attached.get(n, [])
        step = min(sum(m.value.step for m in mods), 2.0)
        first = min([match.first] + [m.first for m in mods])
        last = max([match.last] + [m.last for m in mods])
        tones += [_Tone(rung.scale, rung.level + step, _surface(side, first, last)) for rung in match.value]
    return tones, boosts


def _in_name(side: Side, match: Match[Any]) -> bool:
    """Whether a ladder word or modifier is a word of a name inside a sentence ("the International
    Criminal Court", "the Deep South"): capitalised, after a capitalised word, or after a lower-case
    word and before a capitalised one. A capital at a sentence's start ("Condemns Israel's ...") is
    no name."""
    words = side.words
    if not words[match.first].text[:1].isupper() or match.first == 0:
        return False
    before = words[match.first - 1].text
    if before[:1].isupper() and before.isalpha():
        return True
    after = words[match.last].text if match.last < len(words) else ""
    return before.isalpha() and before.islower() and after[:1].isupper() and after.isalpha()


def _glued_hyphen(side: Side, at: int) -> bool:
    """Whether word ``at`` is a hyphen joining the words either side of it, with no space."""
    words = side.words
    return (
        words[at].text == "-"
        and words[at - 1].end == words[at].start
        and words[at].end == words[at + 1].start
    )


def _excluded(side: Side, match: Match[tuple[Rung, ...]], lexicon: Lexicon) -> bool:
    """Whether the context shows the ladder word is no stance ("the parties concerned to act")."""
    rule = lexicon.exclude.get(" ".join(w.key for w in side.words[match.first : match.last]))
    if rule is None:
        return False
    at = match.first - 1
    if at > 0 and _ADVERB.fullmatch(side.words[at].key):
        at -= 1  # "the parties directly concerned"
    before = side.words[at].key if at >= 0 else ""
    after = side.words[match.last].key if match.last < len(side.words) else ""
    if before in rule[0] or after in rule[1]:
        return True
    # "concerned about peace", "concern for the welfare": a phrase of two or three words after it
    return any(" ".join(side.keys[match.last : match.last + n]) in rule[1] for n in (2, 3))


_ADVERB = re.compile(r"[a-z]{3,}ly")
"""An adverb between a ladder word and the word that makes it no stance: "the parties directly
concerned", "the States most directly concerned" reads past one."""


def _nearest(ladder: Sequence[Match[tuple[Rung, ...]]], mod: Match[Modifier], lexicon: Lexicon) -> int | None:
    """Index of the ladder word a modifier belongs to: the closest within the windows."""
    best, distance = None, 1_000
    before = 2 if mod.value.adjective else lexicon.window_before
    for n, match in enumerate(ladder):
        if mod.last <= match.first and match.first - mod.last < before:
            gap = match.first - mod.last
        elif (
            not mod.value.adjective
            and match.last <= mod.first
            and mod.first - match.last < lexicon.window_after
        ):
            gap = mod.first - match.last
        else:
            continue
        if gap < distance:
            best, distance = n, gap
    return best


def _cancel(old: list[_Tone], new: list[_Tone]) -> tuple[list[_Tone], list[_Tone]]:
    """Drop the tones standing on both sides at the same level."""
    left = list(new)
    kept_old = []
    for tone in old:
        twin = next((t for t in left if (t.scale, t.value) == (tone.scale, tone.value)), None)
        if twin is None:
            kept_old.append(tone)
        else:
            left.remove(twin)
    return kept_old, left


def _intensity(text: BlockText, clause: Clause, lexicon: Lexicon) -> list[Shift]:
    old, old_boosts = _tones(text.old, clause.old, lexicon)
    new, new_boosts = _tones(text.new, clause.new, lexicon)
    old, new = _cancel(old, new)
    shifts = []
    for scale in sorted({t.scale for t in old} & {t.scale for t in new}):
        before = max((t for t in old if t.scale == scale), key=lambda t: t.value)
        after = max((t for t in new if t.scale == scale), key=lambda t: t.value)
        shifts.append(_tone_shift(lexicon, scale, before.value < after.value, before.text, after.text))
        old = [t for t in old if t.scale != scale]
        new = [t for t in new if t.scale != scale]
    if not shifts and old and new:
        # A move between scales of opposite polarity: support -> condemnation hardens the tone.
        before, after = max(old, key=lambda t: t.value), max(new, key=lambda t: t.value)
        polar_old = lexicon.scales[before.scale].polarity
        polar_new = lexicon.scales[after.scale].polarity
        if polar_old != polar_new and polar_old and polar_new:
            harder = polar_new > 0
            scale = after.scale if harder else before.scale
            shifts.append(_tone_shift(lexicon, scale, harder, before.text, after.text))
    if not shifts:
        shifts += _emphasis_frames(text, clause, lexicon)
    if clause.rewritten:
        # New wording brings its own cues; only a cue replaced by a counterpart is a shift.
        return shifts
    old = [t for t in old if t.value >= _one_sided_min(lexicon, t.scale)]
    new = [t for t in new if t.value >= _one_sided_min(lexicon, t.scale)]
    if not shifts and bool(old) != bool(new):
        tone = max(new or old, key=lambda t: t.value)
        shifts.append(
            _tone_shift(lexicon, tone.scale, bool(new), "" if new else tone.text, tone.text if new else "")
        )
    if not shifts:
        # A booster counts only beside a word both sides share: "comply -> fully comply", not a
        # "firm hope" that arrived with the new wording.
        old_keys = {w.key for w in text.old.words[clause.old[0] : clause.old[1]]}
        new_keys = {w.key for w in text.new.words[clause.new[0] : clause.new[1]]}
        shifts += _boost_shift(
            [b for b in old_boosts if b.head_key in new_keys],
            [b for b in new_boosts if b.head_key in old_keys],
        )
    return shifts


def _emphasis_frames(text: BlockText, clause: Clause, lexicon: Lexicon) -> list[Shift]:
    """An emphatic frame ("Let me repeat:") that only one side of a clause puts before its claim."""
    one_sided = _one_sided_frame(lexicon.emphasis_frames, text, clause)
    if one_sided is None:
        return []
    added, surface = one_sided
    shift = _tone_shift(lexicon, "emphasis", added, "" if added else surface, surface if added else "")
    return [replace(shift, confidence=lexicon.confidence.get("emphasis_frame", 1.0))]


def _one_sided_min(lexicon: Lexicon, scale: str) -> float:
    floor = lexicon.scales[scale].one_sided_min
    return lexicon.one_sided_min if floor is None else floor


def _tone_shift(lexicon: Lexicon, scale: str, up: bool, old: str, new: str) -> Shift:
    axis = lexicon.scales[scale]
    words = axis.up if up else axis.down
    if old and new:
        explanation = f"{words}: {old} -> {new}"
    else:
        explanation = f"{words}: {new} added" if new else f"{words}: {old} dropped"
    return Shift(Category.INTENSITY, Direction.UP if up else Direction.DOWN, old, new, explanation)


def _boost_shift(old: list[_Boost], new: list[_Boost]) -> list[Shift]:
    """A booster added or dropped beside a verb on no ladder: "comply -> fully comply"."""
    left = list(new)
    kept = []
    # Pair boosters on the same word first, so dropping "full" from "full inclusion" is not read
    # as dropping it from the "full respect" that stayed.
    for boost in sorted(old, key=lambda b: all((b.key, b.head_key) != (n.key, n.head_key) for n in new)):
        twin = next((b for b in left if (b.key, b.head_key) == (boost.key, boost.head_key)), None)
        twin = twin or next((b for b in left if b.key == boost.key), None)
        if twin is None:
            kept.append(boost)
        else:
            left.remove(twin)
    change = sum(b.step for b in left) - sum(b.step for b in kept)
    if not change:
        return []
    carrier = max(left or kept, key=lambda b: abs(b.step))
    up = change > 0
    # The word's other booster, when it has one on the other side: "full co-operation -> fullest
    # co-operation", not "co-operation -> fullest co-operation".
    other = next((b for b in (kept if carrier in left else left) if b.head_key == carrier.head_key), None)
    before_text = other.text if other else carrier.head
    old_text, new_text = (before_text, carrier.text) if carrier in left else (carrier.text, before_text)
    verb = "strengthened" if up else "weakened"
    return [
        Shift(
            Category.INTENSITY,
            Direction.UP if up else Direction.DOWN,
            old_text,
            new_text,
            f"wording {verb}: {old_text} -> {new_text}",
        )
    ]


# --- modality --------------------------------------------------------------------------------------


def _modals(side: Side, span: tuple[int, int], lexicon: Lexicon) -> list[tuple[int, str]]:
    """Modal verbs with their levels, leaving out nouns ("political will") and the month May; a modal
    that governs a verb of the scale ("will make efforts to") reads at that verb's level."""
    found: list[tuple[int, int, int]] = []
    """(level, first word, last word) of each modal or chain."""
    starts: set[int] | None = None
    for match in lexicon.modals.find(side.words, *span, keys=side.keys):
        word = side.words[match.first]
        before = side.words[match.first - 1].key if match.first > 0 else ""
        after = side.words[match.last].key if match.last < len(side.words) else ""
        if (
            before in lexicon.modal_noun_after
            or after == "of"
            or _courtesy(side, match.last, before, lexicon)
        ):
            continue
        ability = lexicon.modal_ability.find(
            side.words, match.last, min(match.last + 6, len(side.words)), keys=side.keys
        )
        if ability and ability[0].first == match.last:
            continue
        if word.key in lexicon.modal_months and word.text[:1].isupper():
            starts = sentence_starts(side) if starts is None else starts
            if match.first not in starts or after[:1].isdigit():
                continue
        if found and 0 <= match.first - found[-1][2] <= lexicon.modal_chain_gap:
            found[-1] = (match.value, found[-1][1], match.last)
        else:
            found.append((match.value, match.first, match.last))
    return [(level, _surface(side, first, last)) for level, first, last in found]


def _courtesy(side: Side, at: int, before: str, lexicon: Lexicon) -> bool:
    """Whether the words from ``at``, after a modal, make it a courtesy formula: "I should (also) like
    to", "May I", or "I must thank" (a verb naming the speech itself after "I"), not a commitment."""
    end = min(at + 4, len(side.words))
    while at < end and side.words[at].key in lexicon.modal_courtesy_skip:
        at += 1  # "I would also like to", "I should first like to"
    if at < len(side.words) and side.words[at].key in lexicon.modal_not_before:
        return True
    if before != "i":
        return False
    found = lexicon.modal_speech_acts.find(side.words, at, min(at + 4, len(side.words)), keys=side.keys)
    return bool(found) and found[0].first == at


def _modality(text: BlockText, clause: Clause, lexicon: Lexicon) -> list[Shift]:
    old = _modals(text.old, clause.old, lexicon)
    new = _modals(text.new, clause.new, lexicon)
    for level in {lv for lv, _ in old} & {lv for lv, _ in new}:
        common = min(sum(lv == level for lv, _ in old), sum(lv == level for lv, _ in new))
        for side in (old, new):
            for _ in range(common):
                side.remove(next(m for m in side if m[0] == level))
    if not (old and new):
        return []
    before, after = max(old), max(new)
    if before[0] == after[0]:
        return []
    up = after[0] > before[0]
    words = lexicon.modality_up if up else lexicon.modality_down
    return [
        Shift(
            Category.MODALITY,
            Direction.UP if up else Direction.DOWN,
            before[1],
            after[1],
            f"{words}: {before[1]} -> {after[1]}",
        )
    ]


# --- negation --------------------------------------------------------------------------------------


def _negations(side: Side, span: tuple[int, int], lexicon: Lexicon) -> list[tuple[str, str, bool]]:
    """Negation triggers (key, trigger with its scope, whether it is a contrast "not X but Y");
    pseudo-negations are skipped."""
    found: list[tuple[str, str, bool]] = []
    for match in lexicon.negation.find(side.words, *span, keys=side.keys):
        if not match.value:
            continue
        opener = lexicon.correlatives.get(side.words[match.first].key)
        if opener is not None and any(key == opener for key, _, _ in found):
            continue  # "neither ... nor" is one negation
        last = match.last
        while (
            last < span[1]
            and last - match.last < lexicon.scope_words
            and side.words[last].key not in lexicon.terminators
            and side.words[last].text not in ",("
        ):
            last += 1
        key = " ".join(side.words[i].key for i in range(match.first, match.last))
        contrast = _contrast_after(side, last, span[1], lexicon) or _set_off(side, match, last, key, lexicon)
        found.append((key, _surface(side, match.first, last), contrast))
    return found


_SET_OFF_WORDS = 4
"""Most words between "not" and the comma closing a contrast set off by commas ("an open, not a
confrontational, kind")."""


def _set_off(side: Side, match: Match[bool], last: int, key: str, lexicon: Lexicon) -> bool:
    """Whether a "not" stands in a contrast set off by commas after the word it contrasts with: "We
    want an open, not a confrontational, kind of regionalism" asserts the open kind and denies
    nothing. After a sentence's first word or a conjunction ("However, not all of us agree, ...") it
    is a negation."""
    words = side.words
    return (
        key == "not"
        and match.first > 1
        and words[match.first - 1].text == ","
        and words[match.first - 2].text.isalpha()
        and words[match.first - 2].text.islower()
        and words[match.first - 2].key not in lexicon.terminators
        and last < len(words)
        and words[last].text == ","
        and last - match.last <= _SET_OFF_WORDS
    )


def _contrast_after(side: Side, at: int, end: int, lexicon: Lexicon) -> bool:
    """Whether the words from ``at`` go on with a contrast ("but", not "but also"), within the clause."""
    while at < end and side.words[at].text == ",":
        at += 1
    if at >= end or side.words[at].key not in lexicon.contrast:
        return False
    return at + 1 >= end or side.words[at + 1].key != "also"


def _negation(text: BlockText, clause: Clause, lexicon: Lexicon) -> list[Shift]:
    if clause.rewritten:
        return []
    old = _negations(text.old, clause.old, lexicon)
    new = _negations(text.new, clause.new, lexicon)
    if len(old) == len(new):
        return []
    added = len(new) > len(old)
    more, fewer = (new, old) if added else (old, new)
    keys = [k for k, _, _ in fewer]
    extra = []
    for key, scope, contrast in more:
        if key in keys:
            keys.remove(key)
        else:
            extra.append((scope, contrast, key))
    extra = (extra or [(scope, contrast, key) for key, scope, contrast in more])[: len(more) - len(fewer)]
    sure = lexicon.confidence
    shown = {k for k, _, _ in fewer}
    return [
        Shift(
            Category.NEGATION,
            Direction.ADDED if added else Direction.REMOVED,
            "" if added else scope,
            scope if added else "",
            f"negation {'added' if added else 'removed'}: {scope}",
            min(
                sure.get("negation_contrast", 1.0) if contrast else 1.0,
                sure.get("negation_repeated", 1.0) if key in shown else 1.0,
            ),
        )
        for scope, contrast, key in extra
    ]


# --- hedges ----------------------------------------------------------------------------------------


def _hedges(text: BlockText, clause: Clause, lexicon: Lexicon) -> list[Shift]:
    shifts = _scare_quotes(text, clause, lexicon)
    if clause.rewritten:
        return shifts + _frames(text, clause, lexicon)
    old = [
        (m.value, _surface(text.old, m.first, m.last))
        for m in lexicon.hedges.find(text.old.words, *clause.old, keys=text.old.keys)
    ]
    new = [
        (m.value, _surface(text.new, m.first, m.last))
        for m in lexicon.hedges.find(text.new.words, *clause.new, keys=text.new.keys)
    ]
    if len(old) == len(new):
        # No hedge word moved: a frame on one side only ("The Government of Japan believes that",
        # "our delegation is of the view that") is still a hedge added or dropped.
        return shifts + _frames(text, clause, lexicon)
    added = len(new) > len(old)
    more, fewer = (new, old) if added else (old, new)
    keys = [k.casefold() for k, _ in fewer]
    extra = []
    for key, surface in more:
        if key.casefold() in keys:
            keys.remove(key.casefold())
        else:
            extra.append(surface)
    extra = (extra or [s for _, s in more])[: len(more) - len(fewer) - _stances(text, clause, lexicon, added)]
    return shifts + [_hedge(added, surface) for surface in extra]


def _stances(text: BlockText, clause: Clause, lexicon: Lexicon, added: bool) -> int:
    """How many stance frames ("I am confident that") the side with fewer hedges holds: each stands
    for a hedge frame reworded."""
    side, span = (text.old, clause.old) if added else (text.new, clause.new)
    return len(lexicon.stance_frames.find(side.words, *span, keys=side.keys))


def _hedge(added: bool, surface: str, confidence: float = 1.0, what: str = "") -> Shift:
    return Shift(
        Category.HEDGE,
        Direction.ADDED if added else Direction.REMOVED,
        "" if added else surface,
        surface if added else "",
        f"hedge {'added' if added else 'removed'}: {what}{surface}",
        confidence,
    )


def _frames(text: BlockText, clause: Clause, lexicon: Lexicon) -> list[Shift]:
    """A frame ("we believe that") that only one side of a rewritten clause puts before its claim."""
    one_sided = _one_sided_frame(lexicon.hedge_frames, text, clause)
    if one_sided is None or _stances(text, clause, lexicon, one_sided[0]):
        return []
    added, surface = one_sided
    return [_hedge(added, surface, lexicon.confidence.get("rewritten_hedge", 1.0))]


def _one_sided_frame(frames: PhraseMatcher[str], text: BlockText, clause: Clause) -> tuple[bool, str] | None:
    """A frame of ``frames`` that only one side of a clause holds: (whether it is the new side, its
    words), or None."""
    old = frames.find(text.old.words, *clause.old, keys=text.old.keys)
    new = frames.find(text.new.words, *clause.new, keys=text.new.keys)
    if bool(old) == bool(new):
        return None
    side, found = (text.new, new) if new else (text.old, old)
    return bool(new), _surface(side, found[0].first, found[0].last)


_SCARE_QUOTE_WORDS = 5
"""Most words in scare quotes: a name held at a distance is short ("the “rules-based international
order”", "“discriminatory practices”"); a longer phrase in quotation marks is a quotation or a title
("“to save succeeding generations from the scourge of war”", an agenda item's name), which the other
side may cite without its marks and keep its distance the same."""
_QUOTED = re.compile(r"[“\"]([^“”\"\n]{3,120})[”\"]")


def _scare_quotes(text: BlockText, clause: Clause, lexicon: Lexicon) -> list[Shift]:
    """Words put in quotation marks on one side and left unquoted on the other distance the speaker
    from them (one shift per clause and direction)."""
    shifts = []
    for added, here, there, span, other in (
        (True, text.new, text.old, clause.new, clause.old),
        (False, text.old, text.new, clause.old, clause.new),
    ):
        raw = _chars(there, other)
        plain = _folded(raw)
        for quoted in _QUOTED.finditer(_chars(here, span)):
            words = _folded(quoted.group(1))
            quoted_there = re.search(r"[“\"‘']\s*" + re.escape(quoted.group(1)[:24]), raw)
            if (
                2 <= len(words.split()) <= _SCARE_QUOTE_WORDS
                and f" {words} " in f" {plain} "
                and not quoted_there
            ):
                confidence = lexicon.confidence.get("scare_quotes", 1.0)
                shifts.append(_hedge(added, quoted.group(), confidence, "quotation marks around "))
                break
    return shifts


def _chars(side: Side, span: tuple[int, int]) -> str:
    """The text of words ``span``, with the marks just around it (a closing quotation mark)."""
    if span[0] >= span[1]:
        return ""
    start = side.words[span[0]].start
    end = side.words[span[1] - 1].end
    return side.text[max(start - 1, 0) : end + 1]


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s-]", " ", text.casefold()).split())
