"""The terminal view's fast width and wrapping agree with the straightforward way, on any text.

The view measures text of one-cell characters by its length and lays it out a line at a time; these
tests check that against rich's cell tables and against a plain word-by-word layout (the view's
earlier code, kept here as the reference), on generated text mixing ASCII, Latin, Cyrillic, CJK,
Hangul, combining marks, emoji, joiners, variation selectors, zero-width and odd spaces.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dipdiff.render import terminal
from dipdiff.render.terminal import Line, Span, _emit, _wrap, cell_width

# Every Unicode version rich has cell tables for (``UNICODE_VERSION`` picks one), and its default.
UNICODE_VERSIONS = [
    *("4.1.0", "5.0.0", "5.1.0", "5.2.0", "6.0.0", "6.1.0", "6.2.0", "6.3.0", "7.0.0", "8.0.0"),
    *("9.0.0", "10.0.0", "11.0.0", "12.0.0", "12.1.0", "13.0.0", "14.0.0", "15.0.0", "15.1.0"),
    *("16.0.0", "17.0.0", "latest"),
]

SETTINGS = settings(
    max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


def reference_cells(text: str) -> int:
    """The width as the view measured it before: ASCII by its length, anything else by rich."""
    from rich.cells import cell_len

    return len(text) if text.isascii() else cell_len(text)


_BREAKABLE = terminal._BREAKABLE
_PIECE = re.compile(rf"\n|[^\S\n]+|[{_BREAKABLE}]|[^\s{_BREAKABLE}]+")
_BREAKS = re.compile(rf"[{_BREAKABLE}]")


def reference_wrap(spans: list[Span], width: int) -> list[Line]:
    """Wrap piece by piece, measuring each piece with rich: the view's layout before it was made fast."""
    lines: list[Line] = []
    line: Line = []
    used = 0
    space: Span | None = None
    run = run_cells = 0
    for text, style in spans:
        for piece in _PIECE.findall(text):
            if piece == "\n":
                lines.append(line)
                line, used, space, run, run_cells = [], 0, None, 0, 0
                continue
            if piece.isspace():
                space = (" ", style) if line else None
                continue
            size = reference_cells(piece)
            gap = 1 if space else 0
            glued = not gap and run and not _BREAKS.match(piece)
            if used + gap + size <= width:
                if space:
                    line.append(space)
                line.append((piece, style))
                used += gap + size
            elif glued and run < len(line) and run_cells + size <= width:
                carry = line[-run:]
                del line[-run:]
                while line and line[-1][0] == " ":
                    line.pop()
                lines.append(line)
                line, used = [*carry, (piece, style)], run_cells + size
            elif size <= width:
                lines.append(line)
                line, used, glued = [(piece, style)], size, False
            else:
                room = width - used - gap
                if room <= 0:
                    lines.append(line)
                    line, used, room = [], 0, width
                elif space:
                    line.append(space)
                    used += 1
                for k, chunk in enumerate(reference_fold(piece, room, width)):
                    if k:
                        lines.append(line)
                        line, used = [], 0
                    line.append((chunk, style))
                    used += reference_cells(chunk)
                glued, size = False, reference_cells(line[-1][0])
            if _BREAKS.match(piece):
                run = run_cells = 0
            elif glued:
                run, run_cells = run + 1, run_cells + size
            else:
                run, run_cells = 1, size
            space = None
    lines.append(line)
    return lines


def reference_fold(word: str, first: int, width: int) -> list[str]:
    """Cut a long word character by character; a full chunk gives its end to the next one when that
    puts the cut after a soft break (``/`` in its last two thirds, else ``-_.`` in its second half)."""
    chunks: list[str] = []
    current, used, room = "", 0, first
    for ch in word:
        size = reference_cells(ch)
        if current and used + size > room:
            cut = len(current)
            for marks, share in (("/", 3), ("-_.", 2)):
                soft = max(current.rfind(mark) for mark in marks) + 1
                if soft > len(current) // share:
                    cut = soft
                    break
            chunks.append(current[:cut])
            current, room = current[cut:], width
            used = reference_cells(current)
        current += ch
        used += size
    chunks.append(current)
    return chunks


def reference_emit(line: Line, color: bool) -> str:
    """Join a line's spans, merging runs of one style (and the spaces after them) before colouring."""
    if not color:
        return "".join(text for text, _ in line).rstrip()
    runs: list[tuple[str, str | None]] = []
    for text, style in line:
        if runs and (runs[-1][1] == style or not text.strip()):
            runs[-1] = (runs[-1][0] + text, runs[-1][1])
        else:
            runs.append((text, style))
    parts = []
    for text, style in runs:
        body = text.rstrip()
        trail = text[len(body) :]
        parts.append(f"\x1b[{terminal._ANSI[style]}m{body}\x1b[0m{trail}" if style and body else text)
    return "".join(parts).rstrip()


# Words of one-cell characters (measured by their length), Korean words (wide, wrapped at spaces), and
# pieces from many scripts with the characters that make measuring and wrapping hard.
PLAIN = [
    "the", "Council", "reaffirms", "its", "commitment", "2023", "G7", "(a)", "—", "“dialogue”", "’s",
    "[-must-]", "{+should+}", ",", ".", "l’Assemblée", "générale", "Совет", "Безопасности", "ΟΗΕ",
    "¶3", "→", "·", "–", "−", "▲", "│", "€", "™", "½", "supercalifragilisticexpialidociousness",
]  # fmt: skip
KOREAN = ["조선반도", "정세는", ".", "평화를", "2017년", "우리", "인민의", "위대한", "승리"]
OTHER = [
    "中方", "对朝鲜半岛局势表示关切", "。", "、", "日本は", "カタカナ",
    "e\u0301", "\u0301", "a\u0308\u0304",  # combining marks, alone and stacked
    "🇯🇵", "👍", "👍🏽", "👨\u200d👩\u200d👧", "❤\ufe0f", "#\ufe0f\u20e3", "\ufe0f", "\u200d",  # emoji
    "zero\u200bwidth", "\u200b", "\u2060", "\u00ad", "\u200e", "\x01", "\x7f", "\x85",
    "Ⅻ", "ﾊﾝｶｸ", "Ｆｕｌｌ", "中华人民共和国外交部发言人答记者问中华人民共和国外交部",
]  # fmt: skip
SPACES = [" ", " ", " ", "  ", "\t", "\xa0", "\u3000", "\n", "\n\n", " \n ", "\u2028", ""]


def _spaced(words: list[str]) -> st.SearchStrategy[str]:
    """Words joined by single spaces, sometimes with a space before or after."""
    joined = st.lists(st.sampled_from(words), max_size=30).map(" ".join)
    return st.tuples(st.sampled_from(["", " "]), joined, st.sampled_from(["", " "])).map("".join)


plain = _spaced(PLAIN)
korean = _spaced(KOREAN + PLAIN[:8])
mixed = st.lists(
    st.tuples(st.sampled_from(PLAIN + KOREAN + OTHER), st.sampled_from(SPACES)), max_size=30
).map(lambda pairs: "".join(word + space for word, space in pairs))
text = st.one_of(plain, korean, mixed)
span = st.tuples(
    st.one_of(plain, korean, mixed, st.sampled_from(SPACES), st.text(max_size=12)),
    st.sampled_from([None, "delete", "insert"]),
)
spans = st.one_of(st.lists(span, min_size=1, max_size=1), st.lists(span, max_size=6))


def assert_same_layout(spans: list[Span], width: int) -> None:
    """The view's lines, as emitted with and without colour, and their widths are the reference's."""
    expected = reference_wrap(spans, width)
    actual = _wrap(spans, width)
    for color in (False, True):
        assert [_emit(line, color) for line, _ in actual] == [
            reference_emit(line, color) for line in expected
        ]
    assert [cells for _, cells in actual] == [sum(reference_cells(t) for t, _ in line) for line in expected]


@SETTINGS
@given(text=st.one_of(text, st.text()))
def test_width_matches_rich(text: str) -> None:
    assert cell_width(text) == reference_cells(text)


@SETTINGS
@given(spans=spans, width=st.integers(min_value=1, max_value=90))
def test_wrap_matches_word_by_word_layout(spans: list[Span], width: int) -> None:
    assert_same_layout(spans, width)


def test_paragraphs_and_glued_change_marks_wrap_as_before_at_every_width() -> None:
    """Paragraphs, with stray spaces or not, and marks written against a word (``정세는{+,+}``), which
    move with it, lay out as before wherever a line ends."""
    for words in (PLAIN, KOREAN):
        sentence = " ".join(words * 2)
        cases = [
            [(sentence, None)],
            [(sentence + " ", "delete")],
            [(" " + sentence, None)],
            [(sentence.replace(" ", "\t", 3), None)],
            [(sentence, None), ("{+,+}", "insert"), (" " + sentence, None), ("[-.-]", "delete")],
        ]
        for width in range(2, 70):
            for case in cases:
                assert_same_layout(case, width)


def test_wrap_keeps_wide_text_within_the_width() -> None:
    """Hangul words wrap at spaces and CJK anywhere, each line at most ``width`` cells."""
    from rich.cells import cell_len

    korean = "조선반도의 평화와 안정을 수호하기 위한 우리의 원칙적 립장은 변함이 없다. " * 4
    chinese = "中方对朝鲜半岛局势表示严重关切，敦促各方保持最大克制。" * 3
    for source in (korean, chinese):
        lines = _wrap([(source, None)], 30)
        assert len(lines) > 3
        assert all(cells == cell_len(_emit(line, False)) <= 30 for line, cells in lines)


def test_one_cell_characters_are_one_cell_in_every_unicode_version() -> None:
    """The characters measured by their length are one cell in each of rich's tables, and are not
    spaces, breakable CJK characters, joiners or variation selectors."""
    from rich.cells import get_character_cell_size

    one_cell = [chr(code) for code in range(0x10000) if terminal._ONE_CELL.fullmatch(chr(code))]
    assert len(one_cell) > 1500 and "中" not in one_cell and "가" not in one_cell
    for ch in one_cell:
        assert ch == " " or not ch.isspace(), hex(ord(ch))
        assert not _BREAKS.match(ch) and ch not in "\u200d\ufe0f", hex(ord(ch))
        for version in UNICODE_VERSIONS:
            assert get_character_cell_size(ch, version) == 1, (hex(ord(ch)), version)


def test_two_cell_characters_are_two_cells_in_every_unicode_version() -> None:
    """Korean words (and CJK punctuation) are measured as their length plus one cell for each such
    character, without rich's tables."""
    from rich.cells import get_character_cell_size

    two_cells = [chr(code) for code in range(0x10000) if terminal._TWO_CELLS().fullmatch(chr(code))]
    assert len(two_cells) > 11172 and {"가", "힣", "《", "，"} <= set(two_cells) and "中" not in two_cells
    for ch in two_cells:
        for version in UNICODE_VERSIONS:
            assert get_character_cell_size(ch, version) == 2, (hex(ord(ch)), version)


def test_a_long_path_in_the_header_is_cut_after_a_slash_not_inside_a_name() -> None:
    from dipdiff.compare import compare
    from dipdiff.model import Statement
    from dipdiff.options import CompareOptions
    from dipdiff.render import RenderOptions

    path = "corpus-all/us-white-house/2022-05-12-2nd-global-covid-19-summit-commitments-v03.md"
    statement = Statement(path, ("The Summit garnered new financial commitments.",))
    view = terminal.render(compare(statement, statement, CompareOptions()), RenderOptions(width=60))
    lines = view.splitlines()
    assert lines[:2] == ["old: corpus-all/us-white-house/", path.rpartition("/")[2]], view
