"""Shifts read over a whole block: actors and key terms named or dropped.

Actors and terms are compared as sets over the whole block, aliases folded to one id, so an alias
swap ("North Korea's" -> "the Democratic People's Republic of Korea") or a name moving inside the
paragraph is no shift.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from dipdiff.model import Category, Direction, Shift
from dipdiff.shifts.actors import Actors, actors_of
from dipdiff.shifts.clauses import BlockText, Side, sentence_bounds
from dipdiff.shifts.lexicon import Lexicon
from dipdiff.shifts.matcher import Match, Word, keys_of, words_of
from dipdiff.shifts.speaker import Speakers


def may_name(text: str, lexicon: Lexicon) -> bool:
    """Whether ``text`` could name an actor or a key term: a quick test on its words' keys before
    ``names_in`` reads it word by word (most paragraphs of a speech name none)."""
    keys = keys_of(text)
    actors = actors_of(lexicon)
    return (
        actors.matcher.occurs_in(keys)
        or lexicon.terms.occurs_in(keys)
        or actors.title_then_capital.search(text) is not None
    )


def names_in(side: Side, lexicon: Lexicon) -> tuple[dict[str, str], dict[str, str]]:
    """Actor ids and key terms named in a text, each with the wording of its first mention.

    A name inside a key term ("denuclearization of North Korea") is carried by the term, and a name
    inside the name of a document or body ("Charter of the United Nations", "Security Council
    resolution") names that document: neither is counted as an actor. People are named by their
    title ("Vice President Harris") when the lexicon does not list them.
    """
    actors = actors_of(lexicon)
    side = _without_stray_quotes(side)
    terms: dict[str, str] = {}
    in_terms: set[int] = set()
    for term in lexicon.terms.find(side.words, keys=side.keys):
        in_terms.update(range(term.first, term.last))
        if not _term_inside_a_name(side, term, actors) and not _term_names_a_document(side, term, lexicon):
            terms.setdefault(term.value, side.text[term.start : term.end])
    found: dict[str, str] = {}
    taken: set[int] = set()
    for match in actors.matcher.find(side.words, keys=side.keys):
        taken.update(range(match.first, match.last))
        if match.value is None or match.first in in_terms or _inside_a_name(side, match, actors):
            continue
        found.setdefault(match.value, side.text[match.start : match.end])
    for person, wording in _people(side, actors, taken | in_terms):
        found.setdefault(person, wording)
    return found, terms


def mentions_in(side: Side, lexicon: Lexicon) -> set[str]:
    """Every actor a text names in any way, also inside key terms and the names of documents, and
    in a pair of names sharing their last word ("North and South Korea" names North Korea)."""
    actors = actors_of(lexicon)
    found: set[str] = set()
    for match in actors.matcher.find(side.words, keys=side.keys):
        if match.value is not None:
            found.add(match.value)
        found |= _named_inside(side.words[match.first : match.last], actors)
    for shared in actors.shared_last_word.finditer(side.text):
        # The first name is read with the shared word; the second is named as written.
        whole = words_of(f"{shared[1]} {shared[2]}")
        found |= {m.value for m in actors.matcher.find(whole) if m.value is not None}
    return found | {person for person, _ in _people(side, actors, set())}


def _named_inside(words: Sequence[Word], actors: Actors) -> set[str]:
    """The actors named inside a longer name: "United Nations Children's Fund" (UNICEF) and "Food and
    Agriculture Organization of the United Nations" (FAO) name the United Nations too."""
    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    spans = [(0, len(words) - 1), (1, len(words))] if len(words) > 1 else []
    while spans:
        first, last = spans.pop()
        if (first, last) in seen or last <= first:
            continue
        seen.add((first, last))
        for match in actors.matcher.find(list(words[first:last])):
            if match.value is not None:
                found.add(match.value)
        if last - first > 1:
            spans += [(first, last - 1), (first + 1, last)]
    return found


def _inside_a_name(side: Side, match: Match[str | None], actors: Actors) -> bool:
    """Whether a name is part of a longer name: of a document, body or operation ("Security Council
    resolution", "United Nations Interim Force in Lebanon", "the Netherlands European Union
    presidency", the capitalised "Charter of the United Nations" but not "the resolutions of the
    General Assembly", which the Assembly adopted), or a capital named as a place ("in Pyongyang")."""
    words = side.words
    at = match.last
    while (
        at < len(words) and at - match.last < 4 and (_capitalised(words[at].text) or words[at].text in "-‐‑")
    ):
        if words[at].key in actors.not_before:
            return True  # "United Nations Interim Force"
        at += 1
    if at < len(words) and words[at].key in actors.not_before:
        return True
    at = match.first - 1
    if at >= 0 and words[at].key == "the":
        at -= 1
    if (
        at >= 1
        and words[at].key in actors.name_links
        and words[at - 1].key in actors.not_before
        and _capitalised(words[at - 1].text)
    ):
        return True
    name = " ".join(w.key for w in words[match.first : match.last])
    return name in actors.capitals and match.first > 0 and words[match.first - 1].key in actors.place_before


def _without_stray_quotes(side: Side) -> Side:
    """The side without quotation marks standing between two capitalised words, which scanning leaves
    inside names ("the United 'Nations", "Security “Council"): the name is read whole."""
    if _QUOTES.isdisjoint(side.keys):
        return side
    words = side.words
    stray = {
        at
        for at in range(1, len(words) - 1)
        if words[at].key in _QUOTES and _capitalised(words[at - 1].text) and _capitalised(words[at + 1].text)
    }
    if not stray:
        return side
    kept = [w for at, w in enumerate(words) if at not in stray]
    return Side(side.text, kept, tuple(w.key for w in kept), [w.start for w in kept])


_QUOTES = frozenset({"'", '"'})
"""Keys of quotation marks (curly ones fold to these)."""


def _term_inside_a_name(side: Side, term: Match[str], actors: Actors) -> bool:
    """Whether a key term listed in lower case is capitalised as part of a longer name: of a document,
    treaty or body ("Universal Declaration of Human Rights", "Comprehensive Nuclear-Test-Ban Treaty",
    "Human Rights Council"). The name is the document's, not the position's."""
    words = side.words
    own = [w.text for w in words[term.first : term.last] if w.text[:1].isalpha()]
    if not own or not all(map(_capitalised, own)) or all(map(_capitalised, term.value.split())):
        return False
    after = term.last
    if after < len(words) and words[after].text in "-‐‑":
        after += 1
    if after < len(words) and _capitalised(words[after].text) and words[after].text[:1].isalpha():
        return True
    before = term.first - 1
    if before >= 0 and words[before].key == "the":
        before -= 1
    if before >= 0 and words[before].key in actors.name_links:
        before -= 1
    return before >= 0 and _capitalised(words[before].text) and words[before].text[:1].isalpha()


def _term_names_a_document(side: Side, term: Match[str], lexicon: Lexicon) -> bool:
    """Whether a key term follows an instrument's word and "on", "of" or "against" ("the international
    covenants on human rights"): it names the instrument, in lower case too (``term_documents``)."""
    words, before = side.words, term.first - 1
    if before >= 0 and words[before].key == "the":
        before -= 1
    if before < 1 or words[before].key not in _DOCUMENT_LINKS:
        return False
    return words[before - 1].key in lexicon.term_documents


_DOCUMENT_LINKS = frozenset({"on", "of", "against"})


def _capitalised(text: str) -> bool:
    return text[:1].isupper()


_PERSON = "person:"
"""Id prefix of people named by their title, followed by their surname."""


def _initial(words: Sequence[Word], at: int) -> bool:
    """Whether ``words[at]`` is an initial: one capital letter and a full stop."""
    text = words[at].text
    return len(text) == 1 and text.isupper() and at + 1 < len(words) and words[at + 1].text == "."


def _people(side: Side, actors: Actors, taken: set[int]) -> list[tuple[str, str]]:
    """People named by a title and a capitalised name the lexicon does not list ("Vice President
    Harris"): id ``person:<surname>`` and the wording."""
    words = side.words
    found = []

    def name_word(at: int) -> bool:
        text = words[at].text
        return (
            text[:1].isupper()
            and text.isalpha()
            and not (len(text) > 1 and text.isupper())
            and words[at].key not in actors.not_names
            and at not in taken
        )

    for title in actors.titles.find(words, keys=side.keys):
        if not words[title.first].text[:1].isupper() or title.first in taken:
            continue  # "the president" names an office, not a person
        last = surname = title.last
        while last < len(words) and last - title.last < 5:
            run = last
            while run < len(words) and words[run].key in actors.name_particles:
                run += 1  # "Staffan de Mistura", "Ursula von der Leyen": the particles begin the surname
            begins = last
            while run > title.last and _initial(words, run) and run + 2 < len(words) and name_word(run + 2):
                run += 2  # middle initials: "Dmitry A. Medvedev", "George H. W. Bush"
                begins = run  # are no part of the surname: President Medvedev is person:Medvedev too
            if not (run < len(words) and name_word(run)):
                break
            surname, last = begins, run + 1
            while last + 1 < len(words) and words[last].text in "-‐‑" and words[last + 1].text.isalpha():
                last += 2  # "Al-Assad", "Ban Ki-moon"
        if last > title.last:
            name = side.text[words[surname].start : words[last - 1].end]
            found.append((f"{_PERSON}{name}", side.text[words[title.first].start : words[last - 1].end]))
    return found


def spelled_alike(wording: str, other: Side, lowest: float) -> bool:
    """Whether ``other`` holds a capitalised name spelled almost like ``wording``: a corrected
    spelling ("Lichtenstein" -> "Liechtenstein") is no new actor."""
    if lowest >= 100:
        return False
    from rapidfuzz import fuzz

    wanted = [w for w in words_of(wording) if w.text.isalnum()]
    target = " ".join(w.key for w in wanted)
    size = len(wanted)
    words = [w for w in other.words if w.text.isalnum()]
    for at in range(len(words) - size + 1):
        window = words[at : at + size]
        if not window[0].text[:1].isupper():
            continue
        candidate = " ".join(w.key for w in window)
        if candidate != target and fuzz.ratio(candidate, target) >= lowest:
            return True
    return False


# A crude fold for searching a whole statement quickly: quotes, dashes and the commonest British and
# American spellings. Only used to ask "is this actor or term named anywhere in the other statement?".
_FOLD = (("’", "'"), ("‘", "'"), ("‐", " "), ("‑", " "), ("–", " "), ("—", " "), ("-", " "), ("\u00a0", " "))
"""Characters replaced one by one (``str.replace`` scans a whole statement in C many times faster
than ``str.translate`` maps it character by character); dashes and hyphens become spaces."""
_SPELLING = ((re.compile(r"is(ation|e|ed|es|ing)\b"), r"iz\1"), (re.compile(r"ence\b"), "ense"))


def _fold(text: str, *, cased: bool) -> str:
    for char, replacement in _FOLD:
        text = text.replace(char, replacement)
    text = " ".join(text.split())
    return text if cased else _uncased(text)


def _uncased(folded: str) -> str:
    """A text folded with its case (``_fold(cased=True)``) folded further: case, spellings."""
    text = folded.casefold()
    for pattern, replacement in _SPELLING:
        text = pattern.sub(replacement, text)
    return text


class Searchable(NamedTuple):
    """A whole statement folded once, to ask which actors and terms it names anywhere."""

    cased: str
    folded: str

    @classmethod
    def of(cls, text: str) -> Searchable:
        """Fold a text both ways once."""
        cased = _fold(text, cased=True)
        return cls(cased, _uncased(cased))

    def names(
        self, actor_ids: Iterable[str], terms: Iterable[str], lexicon: Lexicon
    ) -> tuple[set[str], set[str]]:
        """Which of these actors and key terms the text names, by searching for their wordings."""
        actors = actors_of(lexicon)
        found_actors: set[str] = set()
        found_terms: set[str] = set()
        wanted = [
            (code, actors.aliases.get(code) or (code.removeprefix(_PERSON),), found_actors)
            for code in actor_ids
        ]
        wanted += [(term, lexicon.term_aliases.get(term, (term,)), found_terms) for term in terms]
        for key, wordings, found in wanted:
            for wording in wordings:
                exact = wording.isupper() and len(wording.replace(".", "")) <= 5
                if _contains(self.cased if exact else self.folded, _folded(wording, exact)):
                    found.add(key)
                    break
        return found_actors, found_terms


@functools.lru_cache(maxsize=8192)
def _folded(wording: str, exact: bool) -> str:
    return _fold(wording, cased=exact)


def _contains(haystack: str, needle: str) -> bool:
    """Whether ``needle`` stands in ``haystack`` as whole words (str.find, then a look at its edges:
    far faster than a regular expression with look-arounds on a long statement)."""
    at = haystack.find(needle)
    while at >= 0:
        end = at + len(needle)
        if (at == 0 or not haystack[at - 1].isalnum()) and (
            end == len(haystack) or not haystack[end].isalnum()
        ):
            return True
        at = haystack.find(needle, at + 1)
    return False


def changed_actors(
    text: BlockText,
    old: dict[str, str],
    new: dict[str, str],
    lexicon: Lexicon,
    speakers: Speakers,
) -> tuple[dict[str, str], dict[str, str], dict[str, float]]:
    """The actors a changed block names on one side only, and how sure each change is.

    An actor the other side mentions in any way (inside a document's name, a key term) is no
    change. The speaker's own name against a self-reference ("China" -> "we"), and a name spelled
    almost alike on the other side ("Lichtenstein" -> "Liechtenstein"), are changes a reader rarely
    agrees with: they keep a low confidence.
    """
    actors = actors_of(lexicon)
    sure = lexicon.confidence
    came = {k: v for k, v in new.items() if k not in old}
    gone = {k: v for k, v in old.items() if k not in new}
    if came:
        came = {k: v for k, v in came.items() if k not in mentions_in(text.old, lexicon)}
    if gone:
        gone = {k: v for k, v in gone.items() if k not in mentions_in(text.new, lexicon)}
    confidence: dict[str, float] = {}
    for changed, here, there, speaker, own in (
        (came, text.new, text.old, speakers.old, speakers.new),
        (gone, text.old, text.new, speakers.new, speakers.old),
    ):
        if not changed:
            continue
        selves_here = len(actors.self_references.find(here.words, keys=here.keys))
        selves_there = len(actors.self_references.find(there.words, keys=there.keys))
        for code, wording in changed.items():
            if code in speaker:
                confidence[code] = sure.get("speaker_named_itself" if selves_there else "speaker_named", 1.0)
            elif code in own:
                # Another speaker on the other side: each names itself ("Brazil continues to support"
                # -> "Senegal reiterates"), which is who speaks, not who takes part.
                confidence[code] = sure.get("speaker_named", 1.0)
            elif not speaker and selves_there > selves_here:
                confidence[code] = sure.get("self_reference_swap", 1.0)
            if spelled_alike(wording, there, actors.spelled_alike):
                confidence[code] = min(confidence.get(code, 1.0), sure.get("spelled_alike", 1.0))
            if _named_by_adjective(code, wording, there, actors):
                confidence[code] = min(confidence.get(code, 1.0), sure.get("named_by_adjective", 1.0))
            if _in_ritual(here.text, wording, actors):
                confidence[code] = min(confidence.get(code, 1.0), sure.get("ritual_office", 1.0))
            person = code.startswith(_PERSON) or bool(_titles(Side.of(wording), actors))
            if person and _names_an_office(there, actors, wording):
                confidence[code] = min(confidence.get(code, 1.0), sure.get("office_holder", 1.0))
            if code in actors.forums and _as_forum(here.text, wording, actors):
                confidence[code] = min(confidence.get(code, 1.0), sure.get("forum", 1.0))
    return gone, came, confidence


def _in_ritual(text: str, wording: str, actors: Actors) -> bool:
    """Whether ``wording`` stands in a sentence that greets a ritual office's holder ("I congratulate
    Mr. Dennis Francis on his election as President of the General Assembly"): who holds the office,
    and the country they come from, change from year to year and are no one's position."""
    at = text.find(wording)
    if at < 0:
        return False
    ends = sentence_bounds(text)
    start = max(e for e in ends if e <= at)
    end = min(e for e in ends if e >= at + len(wording))
    sentence = text[start:end]
    return actors.ritual.search(sentence) is not None and actors.ritual_act.search(sentence) is not None


def _named_by_adjective(code: str, wording: str, there: Side, actors: Actors) -> bool:
    """Whether ``there`` names the actor by an adjective or a people the lexicon does not list, as a
    capitalised word that no actor name takes and that begins like the actor's name ("the Chilean
    people" for Chile, "the Soviet draft" for the Soviet Union). A person's title is no part of the
    name: "the President" does not name "Vice President Harris"."""
    stems = set()
    named_as = Side.of(f"{wording} {actors.names.get(code, '')}")
    titled = {i for t in _titles(named_as, actors) for i in range(t.first, t.last)}
    for i, word in enumerate(named_as.words):
        key = word.key
        if i in titled:
            continue
        if word.text[:1].isupper() and word.text.isalpha() and key not in actors.adjective_generic:
            stem = key.rstrip("aeiouy")
            stems.add(stem if len(stem) >= 4 else key)
    stems = {s for s in stems if len(s) >= 4}
    if not stems:
        return False
    matches = actors.matcher.find(there.words, keys=there.keys)
    named = {i for m in matches if m.value for i in range(m.first, m.last)}
    return any(
        word.text[:1].isupper() and i not in named and word.key.startswith(stem)
        for i, word in enumerate(there.words)
        for stem in stems
    )


def _as_forum(text: str, wording: str, actors: Actors) -> bool:
    """Whether ``text`` names a forum as the place of a debate ("this session of the General
    Assembly", "placed before the United Nations"), not as the author of its acts."""
    pattern = rf"\b(?i:{actors.forum_context})\W+(?:\w+\W+)?(?:the\W+)?{re.escape(wording)}"
    return re.search(pattern, text) is not None


def _names_an_office(side: Side, actors: Actors, holder: str = "") -> bool:
    """Whether a text names an office by its title alone ("the Secretary-General", "Mr. President"),
    other than a lesser office whose title is part of the ``holder``'s own: "the President" is not the
    office of "Vice President Harris", nor "the Minister" that of "Prime Minister X"."""
    named = Side.of(holder)
    held = [f" {_office(named, t)} " for t in _titles(named, actors)]
    for title in _titles(side, actors):
        office = f" {_office(side, title)} "
        if any(office in own and office != own for own in held):
            continue
        after = side.words[title.last] if title.last < len(side.words) else None
        if after is None or not _capitalised(after.text) or after.key in actors.not_names:
            return True
    return False


def _titles(side: Side, actors: Actors) -> list[Match[bool]]:
    """The titles of offices a text names ("President", "Vice-President", "Prime Minister")."""
    return actors.titles.find(side.words, keys=side.keys)


def _office(side: Side, title: Match[bool]) -> str:
    """A title's words, folded ("Vice-President" and "vice president" are one office)."""
    return " ".join(w.key for w in side.words[title.first : title.last]).replace("-", " ")


def actor_shifts(
    old: dict[str, str],
    new: dict[str, str],
    lexicon: Lexicon,
    *,
    named: Iterable[str] = (),
    confidence: Mapping[str, float] | None = None,
) -> list[Shift]:
    """Actors named on one side only; ``named`` are ids the other side names elsewhere, and
    ``confidence`` is how sure each shift is when not fully."""
    names = actors_of(lexicon).names
    skip = set(named)
    confidence = confidence or {}
    shifts = []
    for code, wording in new.items():
        if code not in old and code not in skip:
            label = f"actor added: {_label(wording, names.get(code, wording))}"
            sure = confidence.get(code, 1.0)
            shifts.append(Shift(Category.ACTOR, Direction.ADDED, "", wording, label, sure, new_id=code))
    for code, wording in old.items():
        if code not in new and code not in skip:
            label = f"actor dropped: {_label(wording, names.get(code, wording))}"
            sure = confidence.get(code, 1.0)
            shifts.append(Shift(Category.ACTOR, Direction.REMOVED, wording, "", label, sure, old_id=code))
    return shifts


def term_shifts(old: dict[str, str], new: dict[str, str], *, named: Iterable[str] = ()) -> list[Shift]:
    """Key terms on one side only; a term replaced by another with the same head word changed."""
    skip = set(named)
    gone = [t for t in old if t not in new and t not in skip]
    came = [t for t in new if t not in old and t not in skip]
    shifts = []
    for term in list(came):
        head = term.split()[0].casefold()
        twin = next((g for g in gone if g.split()[0].casefold() == head), None)
        if twin is not None:
            gone.remove(twin)
            came.remove(term)
            shifts.append(
                Shift(
                    Category.TERM,
                    Direction.CHANGED,
                    old[twin],
                    new[term],
                    f"term changed: {old[twin]} -> {new[term]}",
                    old_id=twin,
                    new_id=term,
                )
            )
    shifts += [
        Shift(Category.TERM, Direction.ADDED, "", new[t], f"term added: {new[t]}", new_id=t) for t in came
    ]
    shifts += [
        Shift(Category.TERM, Direction.REMOVED, old[t], "", f"term dropped: {old[t]}", old_id=t) for t in gone
    ]
    return shifts


def _label(wording: str, name: str) -> str:
    """ "Japan", or "Pyongyang (North Korea)" when the text names the actor another way."""
    if wording.casefold().removeprefix("the ") == name.casefold().removeprefix("the "):
        return name
    return f"{wording} ({name})"
