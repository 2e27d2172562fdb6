"""Words broken at a line end, mended; footnote markers glued to words, dropped.

- At a line end (``join_line``): ``meet-`` + ``ing`` is ``meeting``, ``nuclear-`` + ``missile`` stays
  ``nuclear-missile``. The statement's own spelling decides first (the joined or the hyphenated word
  elsewhere in it, ``vocabulary``; failing that, words of the same stem: ``cooperation`` says
  ``co-`` + ``operate`` is ``cooperate``), then a word list of UN speeches (``data/words.yaml``), then
  whether both halves are words (a compound: ``single-handedly``) or not (a word cut in two:
  ``jet-tison``). A hyphen before a capital or a digit (``Six-`` + ``Party``), or after initials
  (``U.S.-`` + ``Japan``), is always kept; a soft hyphen (U+00AD) goes.
- Inside a line, where an earlier extraction turned the break into a space (``mend_inline_breaks``:
  ``self- determination``), a mended form the statement or the word list attests, or a compound of a
  known kind (``nuclear- missile``: a head or a tail that many compounds of the word list share).
- Footnote markers glued to a word or a year after its punctuation (``none.49``, ``1976.3``) are
  dropped (``drop_footnote_markers``).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence

from dipdiff.lazypattern import LazyPattern
from dipdiff.readers.reflowsettings import settings

_HYPHEN_END = LazyPattern(r"([^\W_]{1,64})[-\u2010]$")
_HYPHEN_LAST = ("-", "\u2010", "\n")
"""The last character of any text ``_HYPHEN_END`` or ``_INITIALS_HYPHEN`` finds a hyphen in (a quick
test before the patterns, which are tried at every character of the line's end)."""
_WORD_START = LazyPattern(r"[^\W_]+")
_INITIALS_HYPHEN = LazyPattern(r"(?<![^\W_])(?:[^\W\d_]\.){2,}[-\u2010]$")
"""Initials with a hyphen at a line end (``U.S.-`` before ``Japan``): a compound's first part."""
_WORDS = LazyPattern(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_FOOTNOTE = LazyPattern(
    r"((?<![^\W\d_])[^\W\d_][a-zß-ÿ]+|\b(?:1[89]|20)\d\d)([.,;:!?”\"’)\]]+)\d{1,3}(?=\s|$)"
)
_FOOTNOTE_SIGN = LazyPattern(r"[.,;:!?”\"’)\]]\d")
"""What every footnote marker ``_FOOTNOTE`` finds holds: punctuation, then a digit."""
_INLINE_BREAK = LazyPattern(r"(?<![^\W_])([^\W\d_]{1,64})- ([^\W\d_]+)")
_ENDINGS = ("ly", "s", "es", "ed", "ing", "er")
_PARTICIPLES = ("ed", "ing")


class Vocabulary(Counter[str]):
    """How often a statement spells each word, and its words in order, to find those of a stem."""

    _ordered: list[str] | None = None

    def starting(self, stem: str) -> Iterator[str]:
        """The words that start with ``stem``."""
        if self._ordered is None:
            self._ordered = sorted(self)
        ordered = self._ordered
        at = bisect.bisect_left(ordered, stem)
        while at < len(ordered) and ordered[at].startswith(stem):
            yield ordered[at]
            at += 1


def vocabulary(lines: Iterable[str]) -> Vocabulary:
    """How often the statement spells each word, case-folded, hyphenated words whole."""
    return Vocabulary(map(str.casefold, _WORDS().findall("\n".join(lines))))  # no word holds a line end


def join_line(parts: list[str], text: str, vocabulary: Counter[str]) -> int:
    """Append a line to a paragraph's parts, mending a word broken at the line end; 1 if mended."""
    last = parts[-1]
    if last.endswith("\u00ad"):
        parts[-1] = last[:-1]
        parts.append(text)
        return 1
    ends_hyphen = last[-1:] in _HYPHEN_LAST
    hyphen = _HYPHEN_END().search(last[-80:]) if ends_hyphen else None
    start = _WORD_START().match(text)
    if start and ends_hyphen and _INITIALS_HYPHEN().search(last[-80:]):
        parts.append(text)
        return 1
    if not (hyphen and start):
        parts.append(" ")
        parts.append(text)
        return 0
    if not keeps_hyphen(hyphen.group(1), start.group(), vocabulary):
        parts[-1] = last[:-1]
    parts.append(text)
    return 1


def mend_inline_breaks(paragraphs: Sequence[str]) -> tuple[list[str], int]:
    """Mend words broken at a line end whose break became a space (``self- determination`` is
    ``self-determination``, ``ut- most`` is ``utmost``); return the paragraphs and how many words were
    mended. Unlike a break at a line end, ``word- word`` inside a line is as often a dash typed as a
    hyphen ("the liberties- I say"), so a word is mended only when its mended form is attested: the
    statement spells it so elsewhere, or the word list (``data/words.yaml``) has it. A suspended
    hyphen (``medium- and long-term``) stays."""
    if not any("- " in text and _INLINE_BREAK().search(text) for text in paragraphs):
        return list(paragraphs), 0  # most statements: nothing to count
    spelled = functools.cache(_Spellings("\n".join(paragraphs).casefold()).count)

    suspended = settings().suspended
    count = 0

    def mend(found: re.Match[str]) -> str:
        nonlocal count
        head, tail = found.group(1), found.group(2)
        if tail.casefold() in suspended:
            return found.group()
        inside = found.start() > 0 and found.string[found.start() - 1] == "-"
        mended = f"{head}-{tail}" if inside else _attested(head, tail, spelled)  # step-by- step
        count += mended is not None
        return found.group() if mended is None else mended

    mended = [_INLINE_BREAK().sub(mend, text) if "- " in text else text for text in paragraphs]
    return mended, count


class _Spellings:
    """How often a text writes a word or a hyphenated pair of words whole, with no letter or digit
    just before or after it."""

    def __init__(self, text: str) -> None:
        self.text = text

    def count(self, form: str) -> int:
        """How often the text writes ``form`` whole (as a word or a part of a compound)."""
        head, _, tail = form.partition("-")
        if head.isalnum() and (not tail or (tail.isalnum() and tail != head)):
            return self._whole(form)
        # a form of other characters, or one that could overlap itself ("a-a" in "a-a-a"): search
        return len(re.findall(rf"(?<![^\W_]){re.escape(form)}(?![^\W_])", self.text))

    def _whole(self, form: str) -> int:
        """How often ``form`` (a run of letters and digits, or two joined by one hyphen) stands with
        no letter or digit next to it: each place the text holds it (a search in C) is looked at, where
        counting every word of the statement cost about a millisecond. ``str.isalnum`` is the patterns'
        class of letters and digits."""
        text = self.text
        size = len(text)
        found = 0
        at = text.find(form)
        while at >= 0:
            end = at + len(form)
            if (at == 0 or not text[at - 1].isalnum()) and (end == size or not text[end].isalnum()):
                found += 1
            at = text.find(form, at + 1)
        return found


def _attested(head: str, tail: str, spelled: Callable[[str], int]) -> str | None:
    """``head-tail`` or ``headtail``, whichever the statement (``spelled``) or the word list knows
    better; failing both, ``head-tail`` when the halves make a compound of a known kind
    (``_known_compound``); ``None`` otherwise."""
    hyphenated, joined = f"{head}-{tail}".casefold(), f"{head}{tail}".casefold()
    words, compounds = word_list()
    as_compound = spelled(hyphenated) + (hyphenated in compounds)
    as_word = spelled(joined) + (joined in words)
    if as_compound == as_word == 0:
        return f"{head}-{tail}" if _known_compound(head, tail) else None
    return f"{head}-{tail}" if as_compound >= as_word else f"{head}{tail}"


def _known_compound(head: str, tail: str) -> bool:
    """Whether ``head- tail`` inside a line is a compound whose line break became a space
    (``nuclear- missile``, ``human- made``, ``drug- trafficking``) rather than a dash typed as a
    hyphen (``plans- oblivious``): both halves are words of the word list, the tail in small letters,
    and the head begins, or the tail ends, at least ``compound_parts`` hyphenated compounds of the word
    list (``nuclear-``, ``-based``), or the tail is a participle (``-ed``, ``-ing``: ``X-led``); never
    before a word after which ``- `` is a typed dash (``dash_before``: ``nations- not merely``)."""
    tuned = settings()
    if not tail[:1].islower() or len(head) < tuned.min_compound_part or tail in tuned.dash_before:
        return False
    head = head.casefold()
    words, _ = word_list()
    if head not in words or not _is_word(tail, words):
        return False
    heads, tails = _compound_parts()
    enough = tuned.compound_parts
    return heads[head] >= enough or tails[tail] >= enough or tail.endswith(_PARTICIPLES)


@functools.cache
def _compound_parts() -> tuple[Counter[str], Counter[str]]:
    """How many compounds of the word list each word begins, and ends."""
    _, compounds = word_list()
    parts = [compound.split("-") for compound in compounds]
    return Counter(part[0] for part in parts), Counter(part[-1] for part in parts)


def keeps_hyphen(head: str, tail: str, vocabulary: Counter[str] | None = None) -> bool:
    """Whether ``head-`` at a line end and ``tail`` on the next line are a compound, not a cut word."""
    if not (tail[:1].islower() and head[-1:].isalpha()):
        return True  # Six-Party, mid-1990s, 1996-1997
    hyphenated, joined = f"{head}-{tail}".casefold(), f"{head}{tail}".casefold()
    if vocabulary is not None and vocabulary[hyphenated] != vocabulary[joined]:
        return vocabulary[hyphenated] > vocabulary[joined]
    if vocabulary is not None and len(tail) >= settings().kin_min_tail:
        as_compound, as_word = _kin(vocabulary, hyphenated), _kin(vocabulary, joined)
        if as_compound != as_word:
            return as_compound > as_word
    words, compounds = word_list()
    if hyphenated in compounds:
        return True
    if joined in words:
        return False
    return (
        len(head) >= settings().min_compound_part
        and head.casefold() in words
        and _is_word(tail.casefold(), words)
    )


def _kin(vocabulary: Counter[str], form: str) -> int:
    """How often the statement spells a word of ``form``'s stem (``form`` less its last
    ``kin_ending`` letters, about as long: ``cooperation`` is kin to ``cooperate``)."""
    tuned = settings()
    words = vocabulary if isinstance(vocabulary, Vocabulary) else Vocabulary(vocabulary)
    return sum(
        words[word]
        for word in words.starting(form[: -tuned.kin_ending])
        if abs(len(word) - len(form)) <= tuned.kin_length_slack
    )


def _is_word(word: str, words: frozenset[str]) -> bool:
    """Whether ``word``, or its stem before a common ending (``handed-ly``), is a word of the list."""
    if word in words:
        return True
    return any(
        word.endswith(ending)
        and len(word) - len(ending) >= settings().min_compound_part
        and word[: -len(ending)] in words
        for ending in _ENDINGS
    )


@functools.cache
def word_list() -> tuple[frozenset[str], frozenset[str]]:
    """The packaged words and hyphenated compounds (``data/words.yaml``), case-folded."""
    from dipdiff.resources import packaged_yaml

    data = packaged_yaml("words.yaml")
    return frozenset(data["words"].split()), frozenset(data["compounds"].split())


def drop_footnote_markers(paragraphs: list[str]) -> tuple[list[str], int]:
    """Remove footnote numbers glued to a word's or a year's punctuation; count them."""
    count = 0
    texts = []
    for paragraph in paragraphs:
        if _FOOTNOTE_SIGN().search(paragraph) is None:
            texts.append(paragraph)
            continue
        text, n = _FOOTNOTE().subn(r"\1\2", paragraph)
        texts.append(text)
        count += n
    return texts, count
