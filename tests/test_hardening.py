"""Hostile and oversized inputs end in a result or in one error line with exit code 2, never a traceback.

Also: resource limits degrade gracefully with a note, regular expressions that see user text do not
backtrack catastrophically, and atomic writes survive a process killed mid-write.
"""

from __future__ import annotations

import codecs
import importlib
import json
import os
import pkgutil
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import dipdiff
from dipdiff import align as align_module
from dipdiff import compare as compare_module
from dipdiff.atomic import write_atomic
from dipdiff.compare import compare
from dipdiff.errors import InputError, OutputError
from dipdiff.lazypattern import LazyPattern
from dipdiff.model import Op, Statement
from dipdiff.options import CompareOptions
from dipdiff.readers import MAX_INPUT_BYTES, MAX_PARAGRAPHS, parse_statement
from dipdiff.readers import docx as docx_reader
from dipdiff.safeyaml import YamlRefused, load_yaml
from tests.fixtures.formats import (
    BILLION_LAUGHS_XML,
    docx_document,
    many_members_docx,
    nested_html,
    pdf_document,
    replace_member,
    zip_bomb_docx,
)
from tests.helpers import Run, run_cli

ROOT = Path(__file__).resolve().parent.parent
DIPDIFF = ROOT / ".venv" / "bin" / "dipdiff"
SENTENCES = ["We are deeply concerned.", "We call on all parties to show restraint."]


def _one_line_or_result(run: Run) -> None:
    """The promise: exit 0 or 1 with a result, or exit 2 with exactly one error line."""
    assert "Traceback" not in run.stderr, str(run)
    if run.code == 2:
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("dipdiff: error: "), str(run)
    else:
        assert run.code in (0, 1), str(run)
        assert run.stdout.startswith("{"), str(run)


HOSTILE = {
    "random.bin": bytes(range(256)) * 8,
    "truncated-utf8.txt": "Мы глубоко обеспокоены.".encode()[:-1],
    "truncated-utf16.txt": codecs.BOM_UTF16_LE + "We are concerned.".encode("utf-16-le")[:-1],
    "mixed-encodings.txt": "Мы обеспокоены.\n\n".encode() + "Мы обеспокоены.".encode("cp1251"),
    "nul.txt": b"We are\x00 concerned.",
    "lone-surrogate.txt": b"We are \xed\xa0\x80 concerned.",
    "surrogate-utf16.txt": codecs.BOM_UTF16_LE + b"W\x00e\x00\x00\xd8 \x00",
    "rtl-combining.txt": "نحن قلقون للغاية.\n\nאנו מודאגים.\n\nZ̸̢͓a̴l̷g̶o̵ ́́́́́́ e\u0301\u0302\u0303".encode(),
    "bidi-controls.txt": "We \u202eare\u202c concerned.\n\n\u2067مرحبا\u2069".encode(),
    "empty.txt": b"",
    "whitespace.txt": b" \n\t\n\r\n",
    "alias-bomb.md": b"---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    b"c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n---\nWe are concerned.\n",
    "deep-yaml.md": b"---\nk: " + b"[" * 5000 + b"]" * 5000 + b"\n---\nText.\n",
    "unclosed-front-matter.md": b"---\ntitle: x\nWe are concerned.\n",
    "markdown-quotes.md": b">" * 20000 + b" deep quote\n",
    "markdown-lists.md": b"".join(b"  " * k + b"- item\n" for k in range(500)),
    "markdown-brackets.md": b"[" * 5000 + b"x" + b"]" * 5000 + b"(" * 5000,
    "markdown-emphasis.md": b"*a **b " * 10000 + b"\n",
    "markdown-backticks.md": b"`" * 30000 + b"\n" + b"``x" * 10000,
    "html-deep.html": nested_html(20_000),
    "html-unclosed.html": b"<html><body>" + b"<p><b><i><span>" * 5000 + b"We are concerned.",
    "html-binary.html": b"<html>\x00\x01\x02\xff\xfe<body><p>We are concerned.</p>",
    "html-encoding-lie.html": b'<html><head><meta charset="utf-16"></head><body><p>We are concerned.</p>',
    "pdf-truncated.pdf": pdf_document(SENTENCES)[:400],
    "pdf-garbage.pdf": b"%PDF-1.4\n" + bytes(range(256)) * 20,
    "pdf-bad-stream.pdf": pdf_document(SENTENCES, compress=True).replace(b"FlateDecode", b"LZWDecode"),
    "docx-truncated.docx": docx_document(SENTENCES)[:2000],
    "docx-many-members.docx": many_members_docx(),
    "docx-billion-laughs.docx": replace_member(
        docx_document(SENTENCES), "word/document.xml", BILLION_LAUGHS_XML
    ),
    "docx-not-xml.docx": replace_member(docx_document(SENTENCES), "word/document.xml", b"\xff\xfe not xml"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_ends_in_result_or_one_line(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(HOSTILE[name])
    good = tmp_path / "good.txt"
    good.write_text("\n\n".join(SENTENCES), encoding="utf-8")
    _one_line_or_result(run_cli("compare", str(good), str(path), "-f", "json"))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("alias-bomb.md", "aliases are not allowed"),
        ("docx-many-members.docx", "ZIP archive of 6,001 files"),
        ("empty.txt", "empty statement"),
        ("nul.txt", "NUL bytes"),
        ("html-deep.html", "no statement text"),
    ],
)
def test_hostile_input_says_why(name: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(HOSTILE[name])
    run = run_cli("compare", str(path), str(path))
    assert run.code == 2 and message in run.stderr, str(run)


def test_zip_bomb_posing_as_docx_is_refused_before_unpacking() -> None:
    with pytest.raises(InputError, match="zip bomb"):
        parse_statement(zip_bomb_docx(8 * 1024 * 1024), "bomb.docx")


def test_docx_unpacked_size_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_UNPACKED_BYTES", 10_000)
    with pytest.raises(InputError, match="MiB limit"):
        parse_statement(docx_document(SENTENCES), "big.docx")


def test_yaml_alias_bomb_is_refused_by_the_loader() -> None:
    bomb = "a: &a [x, x]\n" + "".join(
        f"{chr(98 + k)}: &{chr(98 + k)} [*{chr(97 + k)}, *{chr(97 + k)}]\n" for k in range(20)
    )
    with pytest.raises(YamlRefused, match="aliases"):
        load_yaml(bomb)


def test_rtl_and_combining_text_is_compared() -> None:
    text = "نحن قلقون للغاية.\n\nאנו מודאגים מאוד.\n\ne\u0301te\u0301 Z\u0338\u0322a"
    statement = parse_statement(text.encode(), "rtl.txt")
    assert len(statement.paragraphs) == 3
    result = compare(statement, parse_statement(text.replace("מאוד", "").encode(), "rtl2.txt"))
    assert result.summary.modified == 1 and result.summary.equal == 2


# --- limits ---------------------------------------------------------------------------------------


def test_oversized_single_line_is_refused_on_stdin() -> None:
    run = run_cli("compare", "-", "-", input=b"x" * (MAX_INPUT_BYTES + 1))
    assert run.code == 2  # both sides from stdin is refused too; either way one line
    run = run_cli("compare", "-", str(ROOT / "README.md"), input=b"x" * (50 * 1024 * 1024))
    assert run.code == 2 and "larger than the 16 MiB limit" in run.stderr, str(run)
    assert len(run.stderr.strip().splitlines()) == 1


def test_too_many_paragraphs_is_refused() -> None:
    data = "\n\n".join(["W."] * (MAX_PARAGRAPHS + 1)).encode()
    with pytest.raises(InputError, match="paragraphs; the limit"):
        parse_statement(data, "many.txt")


@pytest.mark.slow
def test_hundred_thousand_one_word_paragraphs_fall_back_to_coarse_alignment() -> None:
    words = ["peace", "war", "talks", "sanctions", "restraint"]
    old = [words[k * 7 % 5] for k in range(MAX_PARAGRAPHS)]
    new = list(old)
    new[500] = "escalation"
    result = compare(
        Statement("old", tuple(old)), Statement("new", tuple(new)), CompareOptions(classify=False)
    )
    assert any("only identical paragraphs were paired" in note for note in result.notes)
    assert result.summary.added == 1 and result.summary.removed == 1
    assert result.summary.equal == MAX_PARAGRAPHS - 1


def test_time_budget_falls_back_with_a_note() -> None:
    old = Statement("a", tuple(f"Paragraph {k} about talks and restraint number {k}." for k in range(40)))
    new = Statement("b", tuple(f"Paragraph {k} about talks and patience number {k}." for k in range(40)))
    result = compare(old, new, CompareOptions(time_budget=0.0, classify=False))
    assert any("time budget" in note for note in result.notes), result.notes
    patient = compare(old, new, CompareOptions(classify=False))
    assert not any("time budget" in note for note in patient.notes)


def test_long_paragraphs_get_a_coarse_word_diff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare_module, "MAX_DIFF_CELLS", 100)
    old = Statement("a", ("We are concerned about the talks and call for restraint now " * 3,))
    new = Statement("b", ("We are concerned about the talks and urge restraint now " * 3,))
    result = compare(old, new, CompareOptions(classify=False))
    assert any("too long for a word diff" in note for note in result.notes)
    (block,) = result.blocks
    assert [op.op for op in block.diff] == [Op.EQUAL, Op.REPLACE, Op.EQUAL]
    assert "".join(op.old for op in block.diff) == old.paragraphs[0]
    assert "".join(op.new for op in block.diff) == new.paragraphs[0]


def test_huge_statements_are_aligned_coarsely_and_measured_by_shared_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(align_module, "MAX_SCORED_WORD_CELLS", 10)
    monkeypatch.setattr(compare_module, "MAX_SCORED_WORD_CELLS", 10)
    old = Statement("a", ("We are concerned.", "We call for talks."))
    new = Statement("b", ("We are concerned.", "We call for restraint."))
    result = compare(old, new, CompareOptions(classify=False))
    assert any("word pairs" in note for note in result.notes)
    assert any("ignoring order" in note for note in result.notes)
    assert 0 < result.similarity < 100


# --- regular expressions ----------------------------------------------------------------------------

_ADVERSARIAL = [
    "a" * 30000 + "!",
    "a-" * 15000 + "-",
    "a'" * 15000 + "''",
    "a\u00ad" * 15000 + "\u00ad-",
    " " * 30000 + "x",
    "\t \n" * 10000 + "x",
    "-" * 30000,
    "---\n" * 5000 + "x",
    "<!--" * 5000 + "<html",
    "<meta " * 5000 + "charset",
    "S/" * 10000 + "1",
    "A/RES" * 5000 + "/1 (",
    "1/" * 10000 + "x",
    "page " * 5000 + "1 of",
    "...." * 7500,
    "1." * 15000,
    "x" + "." * 30000 + "x",  # runs of sentence-end marks glued to letters
    "x" + "!" * 30000 + "x",
    "é" * 30000 + "\u0301" * 100,
]


def test_no_module_regex_backtracks_catastrophically(tmp_path: Path) -> None:
    """Run every compiled pattern in the package on adversarial text, in a child with a deadline."""
    names = [
        module.name
        for module in pkgutil.walk_packages(dipdiff.__path__, "dipdiff.")
        if not module.name.startswith(("dipdiff.cli", "dipdiff.__main__"))
    ]
    (tmp_path / "inputs.json").write_text(json.dumps({"names": names, "texts": _ADVERSARIAL}))
    script = textwrap.dedent(
        """
        import importlib, json, re, sys
        from dipdiff.lazypattern import LazyPattern
        work = json.load(open(sys.argv[1]))
        checked = 0
        for name in work["names"]:
            try:
                module = importlib.import_module(name)
            except Exception:
                continue
            for value in list(vars(module).values()):
                value = value() if isinstance(value, LazyPattern) else value
                if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                    for text in work["texts"]:
                        value.search(text)
                        for _ in value.finditer(text):
                            pass
                    checked += 1
        print(checked)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "inputs.json")],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) >= 10  # tokens, front matter, sniffing, HTML and PDF patterns at least


def test_known_user_text_patterns_are_found() -> None:
    """The pattern census above must see the readers' patterns (guards against a silent import)."""
    patterns = []
    readers = ("pdf", "reflow", "html", "sniff")
    for name in ("dipdiff.tokens", *(f"dipdiff.readers.{reader}" for reader in readers)):
        module = importlib.import_module(name)
        patterns += [v for v in vars(module).values() if isinstance(v, re.Pattern | LazyPattern)]
    assert len(patterns) >= 10


# --- atomic writes ----------------------------------------------------------------------------------


def test_failed_rename_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def broken_replace(src: str, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputError, match="No space left"):
        write_atomic(target, "new", overwrite=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


_WRITER = """
import os, sys
from pathlib import Path
from dipdiff.atomic import write_atomic
target = Path(sys.argv[1])
payloads = [b"A" * 4_000_000, b"B" * 6_000_000]
real_fsync = os.fsync
def announcing_fsync(fd):
    real_fsync(fd)
    if len(sys.argv) > 2:
        sys.stdout.write("flushed\\n"); sys.stdout.flush()
        import time; time.sleep(60)
os.fsync = announcing_fsync
k = 0
while True:
    write_atomic(target, payloads[k % 2], overwrite=True)
    k += 1
"""


def test_killed_mid_write_leaves_old_or_new_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_bytes(b"A" * 4_000_000)
    # Killed right after the temporary file is complete, before the rename: the old file stays.
    child = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(target), "pause"], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    with child.stdout:
        assert child.stdout.readline() == "flushed\n"
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert target.read_bytes() == b"A" * 4_000_000
    # Killed at arbitrary moments of a stream of rewrites: always one whole version.
    for delay in (0.05, 0.13, 0.29, 0.41, 0.6):
        child = subprocess.Popen([sys.executable, "-c", _WRITER, str(target)])
        try:
            child.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
            child.wait()
        data = target.read_bytes()
        assert data in (b"A" * 4_000_000, b"B" * 6_000_000), len(data)


# --- real processes -----------------------------------------------------------------------------------


@pytest.mark.skipif(not DIPDIFF.exists(), reason="needs the console script in .venv/bin")
@pytest.mark.parametrize(
    "name", ["random.bin", "pdf-garbage.pdf", "docx-billion-laughs.docx", "html-deep.html"]
)
def test_console_script_prints_one_line_and_exits_2(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(HOSTILE[name])
    done = subprocess.run(
        [str(DIPDIFF), "compare", str(path), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and done.stderr.startswith("dipdiff: error: ")


@pytest.mark.skipif(not DIPDIFF.exists(), reason="needs the console script in .venv/bin")
def test_broken_pdf_repairs_silently(tmp_path: Path) -> None:
    """pypdf's repair warnings must not leak to stderr: a repaired file is a normal result."""
    path = tmp_path / "broken.pdf"
    path.write_bytes(pdf_document(SENTENCES, broken_xref=True))
    done = subprocess.run(
        [str(DIPDIFF), "compare", str(path), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr


def test_markdown_inline_parsing_has_a_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    from dipdiff.readers import markdown

    text = b"We are *deeply* [concerned](https://x.example).\n\nWe \\*call\\* for talks.\n"
    assert parse_statement(text, "a.md").paragraphs == ("We are deeply concerned.", "We *call* for talks.")
    monkeypatch.setattr(markdown, "INLINE_BUDGET", -1.0)
    assert parse_statement(text, "a.md").paragraphs[0] == "We are deeply concerned."  # untimed start
    monkeypatch.setattr(markdown, "_UNTIMED_CHARS", 10)
    late = parse_statement(text, "a.md").paragraphs
    assert late == ("We are deeply concerned.", "We \\*call\\* for talks.")  # out of time after block 1
    monkeypatch.setattr(markdown, "INLINE_BUDGET", 20.0)
    monkeypatch.setattr(markdown, "MAX_INLINE_CHARS", 30)
    assert parse_statement(text, "a.md").paragraphs[0].startswith("We are *deeply*")
