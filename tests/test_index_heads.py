"""What a cold ``check`` reads of most files: the head alone (``records.head_of``), found with less
work than a full reading, and equal to the head a full reading gives, byte for byte; the words of a
statement found run by run between spaces, equal to its tokens' keys; re-flow for the words alone,
which moves no word. The commands that need bodies compute them when they first do (tested with the
whole corpus in ``test_index.py``)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dipdiff.corpus.analysis import _tokens, word_keys
from dipdiff.index.records import decode_body, decode_keys, encode_keys, facts_and_norm, head_of, words_of
from dipdiff.normalise import default_normaliser
from dipdiff.readers import parse_statement
from dipdiff.tokens import statement_keys
from tests.conftest import ROOT, shared_data
from tests.test_reflow import SENTENCES, _paragraph_ending_full

PIECES = [
    "peace",
    "Peninsula",
    "U.S.",
    "colour",
    "organise",
    "self-determination",
    "don't",
    "Korea’s",
    "1,000",
    "2.5",
    "3.1.2",
    "1976.3",
    "none.49",
    "-",
    "—",
    ",",
    ".",
    "(",
    "“",
    "´",
    "ﬁ",
    "Ⅻ",
    "중국",
    "한국의",
    "中",
    "日本",
    "\u00ad",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u2060",
    " ",
    "  ",
    "\t",
    "\xa0",
    "\u2009",
    "\u3000",
    "\x1c",
    "\x85",
    "\n",
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=25).map("".join), min_size=1, max_size=4))
def test_the_keys_found_between_spaces_are_the_keys_of_the_tokens(paragraphs: list[str]) -> None:
    expected = [key for _, _, keys in _tokens(paragraphs) for key in keys]
    assert statement_keys(paragraphs, default_normaliser()) == expected
    assert statement_keys(paragraphs, default_normaliser()) == expected  # the kept runs answer alike


def _wrapped_statements() -> list[bytes]:
    """Hard-wrapped statements where re-flow decides full last lines (and one ending in an end mark,
    which is dropped only as a paragraph of its own), with broken words at line ends."""
    others = [" ".join(SENTENCES[k:] + SENTENCES[:k]) for k in range(1, 6)]
    full = _paragraph_ending_full(others[2].split()[0])
    paragraphs = [*others[:2], full, *others[2:]]
    body = "\n".join(textwrap.fill(p, 60) for p in paragraphs)
    broken = body.replace("negotiations", "negoti-\nations", 1).replace("agreement", "agree- ment")
    front = b"---\nspeaker: un\ndate: 2020-01-01\ntitle: Wrapped\n---\n\n"
    return [
        front + body.encode(),
        front + broken.encode(),
        front + (body + "\n###\n").encode(),
        front + (body.replace("urgent.", "urgent.\n###", 1)).encode(),
        body.encode(),  # no front matter
    ]


def _statement_files() -> list[Path]:
    files = sorted(p for p in (ROOT / "corpus").rglob("*") if p.suffix in (".md", ".txt"))
    files += sorted(p for p in (ROOT / "tests").rglob("*") if p.suffix in (".md", ".txt") and p.is_file())
    return files


@pytest.mark.parametrize("reflow", [True, False], ids=["reflow", "lines"])
def test_a_head_alone_is_the_head_of_a_full_reading(reflow: bool) -> None:
    cases = [(data, f"wrapped-{n}.txt") for n, data in enumerate(_wrapped_statements())]
    cases += [(path.read_bytes(), str(path)) for path in _statement_files()]
    cases += [(b"\xff\xfe\x00", "bad.txt"), (b"---\ntitle: x\n---\n\n", "empty.md"), (b"", "none.txt")]
    for data, source in cases:
        (analysis, head, body, _), norm = facts_and_norm(data, source, reflow)
        alone, alone_head, keys = head_of(data, source, reflow)
        assert (alone, alone_head) == (analysis, head), source
        if norm is None or body is None:
            assert keys is None, source
            continue
        # the words the near-duplicate rule scores and the word index takes, as from a full reading
        assert keys is not None
        kept = decode_keys(encode_keys(keys))
        assert kept == " ".join(keys).split(" ")
        assert word_keys(kept) == decode_body(body, source, analysis.digest).words(), source
        assert set(kept) - {""} == words_of("\n".join(norm)), source


def test_a_head_alone_is_the_head_of_a_full_reading_on_the_shared_statements() -> None:
    data = shared_data()
    if data is None:
        pytest.skip("shared statements not found")
    files = sorted(p for p in data.rglob("*") if p.suffix in (".md", ".txt") and p.is_file())
    for path in files[:: max(1, len(files) // 400)]:  # about 400, every series
        raw = path.read_bytes()
        assert head_of(raw, str(path))[1] == facts_and_norm(raw, str(path))[0][1], path


def test_re_flow_for_the_words_alone_moves_no_word() -> None:
    """Without deciding full last lines, re-flow gives the same words and marks, in fewer paragraphs."""
    for data in _wrapped_statements():
        full = parse_statement(data, "wrapped.txt")
        words = parse_statement(data, "wrapped.txt", words_only=True)
        assert [k for _, _, ks in _tokens(words.paragraphs) for k in ks] == [
            k for _, _, ks in _tokens(full.paragraphs) for k in ks
        ]
        assert words.meta == full.meta
    plain = _wrapped_statements()[0]
    assert len(parse_statement(plain, "w.txt", words_only=True).paragraphs) < len(
        parse_statement(plain, "w.txt").paragraphs
    )  # the full last line was not looked for
