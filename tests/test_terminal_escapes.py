"""Control characters from statements never reach the reader's terminal: they are shown as JSON escapes.

A statement's words and front-matter title are written by anyone. Raw, an escape sequence among them
would retitle the window, clear the screen, write the clipboard, draw a spoofed link or hide text.
Every text output shows them as ``\\u001b``..., with and without colour; JSON keeps meaning the same.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dipdiff.visible import visible, visible_output
from tests.conftest import CORPUS
from tests.helpers import Run, run_cli

TITLE_ESCAPE = "\x1b]0;pwned\x07"  # set the window title
BODY = (
    "The parties \x1b]8;;http://evil.example\x1b\\met\x1b]8;;\x1b\\ in Geneva \x1b[2J and agreed "
    "\x1b]52;c;cm0gLXJmIH4=\x07 to talk \x1b[8mhidden\x1b[0m again \x9b2J soon.\rFake line."
)
# Sequences no dipdiff renderer ever writes: if one appears, the statement's bytes got through.
FORBIDDEN = ("\x07", "\x9b", "\r", "\x1b]", "\x1b[2J", "\x1b[8m", "\x1b\\")


def _assert_safe(run: Run) -> None:
    for text in (run.stdout, run.stderr):
        for sequence in FORBIDDEN:
            assert sequence not in text, f"{sequence!r} reached the output\n{run}"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root)
    front = '---\nspeaker: ru-mfa\ndate: 2017-02-20\ntitle: "Evil \\e]0;pwned\\a title"\n---\n\n'
    (root / "ru-mfa" / "2017-02-20-evil.md").write_text(f"{front}{BODY}\n", encoding="utf-8")
    return root


def test_visible_escapes_like_json() -> None:
    raw = "a\x1b[2Jb\x07c\rd\x7fe\x9bf\tg\nh\udcff"
    assert visible(raw) == "a\\u001b[2Jb\\u0007c\\rd\\u007fe\\u009bf\tg\nh\\udcff"
    assert json.loads(json.dumps(raw)) == json.loads(visible_output(json.dumps(raw, ensure_ascii=False)))
    styled = "\x1b[1;31mword\x1b[0m \x1b]0;x\x07"
    assert visible_output(styled, styled=True) == "\x1b[1;31mword\x1b[0m \\u001b]0;x\\u0007"


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "json"])
def test_compare_shows_control_characters_visibly(fmt: str, corpus: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain.md"
    plain.write_text("---\ntitle: Plain\n---\n\nThe parties met in Geneva and agreed to talk soon.\n")
    evil = corpus / "ru-mfa" / "2017-02-20-evil.md"
    run = run_cli("compare", str(plain), str(evil), "-f", fmt, env={"NO_COLOR": "1"})
    assert run.code == 1, str(run)
    _assert_safe(run)
    if fmt == "json":
        assert json.loads(run.stdout)["new"]["meta"]["title"] == "Evil \x1b]0;pwned\x07 title"
    else:  # Markdown also escapes the brackets: "\u001b\]0;pwned"
        assert "0;pwned\\u0007" in run.stdout and "\\u001b" in run.stdout, run.stdout


def test_compare_in_colour_keeps_its_own_codes_only(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain.md"
    plain.write_text("The parties met in Geneva and agreed to talk soon.\n")
    monkeypatch.setattr("dipdiff.cli.compare.stdout_is_tty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    run = run_cli("compare", str(plain), str(corpus / "ru-mfa" / "2017-02-20-evil.md"))
    assert "\x1b[1;32;4m" in run.stdout, str(run)  # coloured insertions: colour really was on
    _assert_safe(run)
    assert "\\u001b[8mhidden" in run.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["corpus", "list"],
        ["timeline"],
        ["track", "Geneva"],
        ["blame", "{evil}"],
        ["check"],
        ["timeline", "-f", "markdown"],
        ["blame", "{evil}", "-f", "markdown"],
    ],
    ids=lambda args: "-".join(a for a in args if not a.startswith("{")),
)
@pytest.mark.parametrize("colour", [False, True], ids=["no-color", "color"])
def test_corpus_commands_show_control_characters_visibly(
    args: list[str], colour: bool, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    evil = str(corpus / "ru-mfa" / "2017-02-20-evil.md")
    if colour:
        monkeypatch.setattr("dipdiff.cli.history.stdout_is_tty", lambda: True)
        monkeypatch.delenv("NO_COLOR", raising=False)
    env = {} if colour else {"NO_COLOR": "1"}
    run = run_cli(*[a.replace("{evil}", evil) for a in args], "--corpus", str(corpus), env=env)
    assert run.code in (0, 1), str(run)
    _assert_safe(run)
    if args[0] in ("corpus", "blame"):  # the title (cut to its column in the list)
        assert "\\u001b]0;pwned" in run.stdout, str(run)


def test_error_lines_show_control_characters_visibly(tmp_path: Path) -> None:
    name = tmp_path / "evil\x1b]0;pwned\x07.md"
    run = run_cli("compare", str(name), str(name))
    assert run.code == 2
    _assert_safe(run)
    assert "evil\\u001b]0;pwned\\u0007.md" in run.stderr
