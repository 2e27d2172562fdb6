"""``dipdiff compare`` as a user runs it: exit codes, standard input, output files, errors, pipes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dipdiff.compare import compare
from dipdiff.model import Statement
from dipdiff.render import Format, RenderOptions, renderer
from tests.conftest import CORPUS
from tests.helpers import expect, run_cli

SEED = CORPUS / "ru-mfa" / "unknown-korean-peninsula.md"
REVISION = CORPUS / "ru-mfa" / "unknown-korean-peninsula-illustrative-revision.md"


def test_equal_statements_exit_0(tmp_path: Path) -> None:
    copy = tmp_path / "copy.md"
    copy.write_text(SEED.read_text(encoding="utf-8").replace("defence", "defense"), encoding="utf-8")
    expect(run_cli("compare", str(SEED), str(copy)), 0)


def test_different_statements_exit_1_and_show_the_change() -> None:
    run = expect(run_cli("compare", str(SEED), str(REVISION), "--width", "100"), 1)
    assert "moved from ¶7" in run.stdout
    assert "split into 2" in run.stdout and "merged from 2" in run.stdout
    assert "[-seriously" in run.stdout
    assert "{+deeply" in run.stdout


def test_either_side_may_be_standard_input() -> None:
    run = expect(run_cli("compare", str(SEED), "-", "-f", "json", input=REVISION.read_bytes()), 1)
    assert '"source": "-"' in run.stdout
    expect(run_cli("compare", "-", str(SEED), input=SEED.read_bytes()), 0)


def test_a_note_on_standard_input_names_it_as_the_header_does() -> None:
    """A hard-wrapped speech piped in: the header says ``new: standard input``, and so does the note
    on its re-flow, where it said ``-: re-flowed ...``; JSON keeps ``"source": "-"``."""
    words = " ".join(f"word{n}" for n in range(160)).split()
    wrapped = "\n".join(" ".join(words[i : i + 10]) for i in range(0, 160, 10)) + ".\n"
    run = expect(run_cli("compare", str(SEED), "-", "--width", "100", input=wrapped.encode()), 1)
    assert "new: standard input" in run.stdout
    notes = [line for line in run.stdout.splitlines() if line.startswith("note: ")]
    assert any(line.startswith("note: standard input: re-flowed") for line in notes), run.stdout
    assert not any(line.startswith("note: -:") for line in notes)


@pytest.mark.parametrize("fmt", ["markdown", "json", "html"])
def test_context_outside_the_terminal_view_is_said_to_do_nothing(fmt: str) -> None:
    """--context folds the terminal view alone: asked of a report, it was dropped without a word."""
    run = expect(run_cli("compare", str(SEED), str(REVISION), "-f", fmt, "--context", "0"), 1)
    assert run.stderr == (
        f"dipdiff: warning: --context folds the terminal view only; the {fmt} output keeps every sentence\n"
    )
    assert expect(run_cli("compare", str(SEED), str(REVISION), "--context", "0"), 1).stderr == ""


def test_both_sides_from_standard_input_is_an_error() -> None:
    run = expect(run_cli("compare", "-", "-", input=b"x"), 2)
    assert "only one side" in run.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt", str(SEED)], "missing.txt: no such file"),
        ([str(CORPUS), str(SEED)], "is a directory"),
        ([str(SEED), str(SEED), "--threshold", "120"], "threshold"),
        ([str(SEED), str(SEED), "--format", "pdf"], "format"),
        ([str(SEED), str(SEED), "--config", "nope.yaml"], "nope.yaml: config file not found"),
    ],
)
def test_errors_are_one_line_with_exit_2(args: list[str], message: str) -> None:
    run = expect(run_cli("compare", *args), 2)
    assert run.stdout == ""
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("dipdiff: error: ")
    assert message in run.stderr
    assert "Traceback" not in run.stderr


def test_output_file_is_written_only_on_success_and_never_clobbered(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    expect(run_cli("compare", str(SEED), str(REVISION), "-f", "json", "-o", str(out)), 1)
    first = out.read_text(encoding="utf-8")
    assert first.startswith("{")
    refused = expect(run_cli("compare", str(SEED), str(SEED), "-f", "json", "-o", str(out)), 2)
    assert "already exists" in refused.stderr and "--force" in refused.stderr
    assert out.read_text(encoding="utf-8") == first
    expect(run_cli("compare", str(SEED), str(SEED), "-f", "json", "-o", str(out), "--force"), 0)
    assert out.read_text(encoding="utf-8") != first
    failed = tmp_path / "never.json"
    expect(run_cli("compare", "missing.txt", str(SEED), "-o", str(failed)), 2)
    assert not failed.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"], "no temporary files left"


def test_changes_only_hides_equal_paragraphs() -> None:
    full = run_cli("compare", str(SEED), str(REVISION), "--width", "100").stdout
    short = run_cli("compare", str(SEED), str(REVISION), "--width", "100", "--changes-only").stdout
    assert "¶8 → ¶8 · equal" in full
    assert "¶8 → ¶8 · equal" not in short
    assert "(1 equal paragraph not shown)" in short


def test_width_is_respected_including_wide_characters() -> None:
    comparison = compare(
        Statement("a", ("中方对朝鲜半岛局势表示关切，呼吁各方保持克制。" * 3,)),
        Statement("b", ("中方对朝鲜半岛局势表示严重关切，敦促各方保持最大克制。" * 3,)),
    )
    from rich.cells import cell_len

    text = renderer(Format.TERMINAL)(comparison, RenderOptions(width=60))
    assert max(cell_len(line) for line in text.splitlines()) <= 60
    assert "…" not in text, "wide text folds instead of being cut"


def test_colour_only_when_asked() -> None:
    comparison = compare(
        Statement("a", ("We are concerned.",)), Statement("b", ("We are gravely concerned.",))
    )
    plain = renderer(Format.TERMINAL)(comparison, RenderOptions(width=80, color=False))
    colour = renderer(Format.TERMINAL)(comparison, RenderOptions(width=80, color=True))
    assert "\x1b[" not in plain and "{+gravely+}" in plain
    assert "\x1b[" in colour and "{+" not in colour


def test_no_color_env_and_pipes_give_plain_text() -> None:
    run = run_cli("compare", str(SEED), str(REVISION), env={"NO_COLOR": "1"})
    assert "\x1b[" not in run.stdout


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("\n\n".join(f"Paragraph {i} about the situation." for i in range(3000)), encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("\n\n".join(f"Paragraph {i} about the crisis." for i in range(3000)), encoding="utf-8")
    pipeline = (
        f"{sys.executable} -m dipdiff compare {big} {other} --width 80 | head -n 3; "
        "echo status=${PIPESTATUS[0]}"
    )
    done = subprocess.run(["bash", "-c", pipeline], capture_output=True, text=True, timeout=120)
    assert done.stderr == "", done.stderr
    assert len(done.stdout.splitlines()) == 4
    assert done.stdout.splitlines()[-1] in ("status=0", "status=1")


def test_every_command_has_help_text() -> None:
    import typer

    from dipdiff.cli.app import app

    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help, f"{name} has no help text"
        readme = (CORPUS.parent / "README.md").read_text(encoding="utf-8")
        assert f"dipdiff {name}" in readme, f"{name} is not documented in the README"


def test_output_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    import os
    import stat

    out = tmp_path / "report.json"
    expect(run_cli("compare", str(SEED), str(REVISION), "-f", "json", "-o", str(out)), 1)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    out.chmod(0o640)
    expect(run_cli("compare", str(SEED), str(REVISION), "-f", "json", "-o", str(out), "--force"), 1)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640, "replacing keeps the file's mode"
