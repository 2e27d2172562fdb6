"""What every command shares, tried as a new user would: bare groups, help pages, output formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CORPUS
from tests.helpers import expect, run_cli

SEED = CORPUS / "ru-mfa" / "unknown-korean-peninsula.md"
REVISION = CORPUS / "ru-mfa" / "unknown-korean-peninsula-illustrative-revision.md"

COMMANDS = [
    ["compare"],
    ["check"],
    ["corpus", "list"],
    ["corpus", "add"],
    ["timeline"],
    ["track"],
    ["blame"],
]


@pytest.mark.parametrize("group", [[], ["corpus"]])
def test_a_group_alone_prints_its_help_not_an_error_line(group: list[str]) -> None:
    run = expect(run_cli(*group), 2)
    assert run.stderr.startswith(f"Usage: dipdiff {' '.join(group)}".rstrip()), run
    assert "\nCommands:\n" in run.stderr and "dipdiff: error" not in run.stderr, run
    assert run.stdout == ""


@pytest.mark.parametrize("command", [[], ["corpus"], *COMMANDS], ids=lambda c: " ".join(c) or "dipdiff")
def test_every_help_page_states_exit_codes_in_one_option_style(command: list[str]) -> None:
    page = expect(run_cli(*command, "--help"), 0).stdout
    assert "Exit status" in page, page
    for typer_style in ("<int", "<float", "<str>", "<path>", "/ --no-"):
        assert typer_style not in page, f"{typer_style!r} in the help of {command}:\n{page}"


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        (["compare"], "dipdiff compare [OPTIONS] OLD NEW"),
        (["check"], "dipdiff check [OPTIONS] [PATH]..."),
        (["corpus", "init"], "dipdiff corpus init [OPTIONS] [DIR]"),
        (["corpus", "add"], "dipdiff corpus add [OPTIONS] FILE"),
        (["track"], "dipdiff track [OPTIONS] PHRASE"),
        (["blame"], "dipdiff blame [OPTIONS] STATEMENT"),
    ],
)
def test_usage_lines_name_arguments_as_the_readme_does(command: list[str], usage: str) -> None:
    """Typer writes a required argument in braces ({OLD}); the usage reads as it is typed."""
    page = expect(run_cli(*command, "--help"), 0).stdout
    assert page.splitlines()[0] == f"Usage: {usage}", page


@pytest.mark.parametrize("command", ["track", "blame"])
def test_help_offers_only_formats_the_command_writes(command: str) -> None:
    page = expect(run_cli(command, "--help"), 0).stdout
    assert "<terminal|json|markdown>" in page, page
    assert ".html" not in page, f"the --output help offers .html, which {command} refuses:\n{page}"
    run = expect(run_cli(command, "x", "--corpus", str(CORPUS), "-f", "html"), 2)
    assert "html" in run.stderr


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("report.html", "<!DOCTYPE html>"),
        ("report.md", "### dipdiff"),
        ("report.json", "{"),
        ("report.txt", ""),
    ],
)
def test_compare_takes_the_format_from_the_output_extension(tmp_path: Path, name: str, starts: str) -> None:
    out = tmp_path / name
    expect(run_cli("compare", str(SEED), str(REVISION), "-o", str(out)), 1)
    text = out.read_text(encoding="utf-8")
    assert text.startswith(starts), text[:200]
    if name.endswith(".json"):
        assert json.loads(text)["schema"] == "dipdiff/compare/v1"
    if name.endswith(".txt"):
        assert "moved from ¶7" in text and "\x1b[" not in text and "<" not in text[:50]


def test_an_unknown_extension_keeps_the_terminal_view(tmp_path: Path) -> None:
    out = tmp_path / "report.out"
    expect(run_cli("compare", str(SEED), str(REVISION), "-o", str(out)), 1)
    assert "moved from ¶7" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ["compare", str(SEED), str(REVISION), "-f", "json"],
        ["timeline", "--corpus", str(CORPUS), "-f", "json"],
    ],
)
def test_a_format_contradicting_the_extension_is_refused(tmp_path: Path, args: list[str]) -> None:
    out = tmp_path / "x.html"
    run = expect(run_cli(*args, "-o", str(out)), 2)
    assert run.stderr.count("\n") == 1 and "x.html" in run.stderr and "json" in run.stderr, run
    assert not out.exists()


def test_history_commands_take_the_format_from_the_extension(tmp_path: Path) -> None:
    page = tmp_path / "timeline.html"
    expect(run_cli("timeline", "--corpus", str(CORPUS), "--no-cache", "-o", str(page)), 0)
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    found = tmp_path / "track.json"
    expect(run_cli("track", "Korean Peninsula", "--corpus", str(CORPUS), "--no-cache", "-o", str(found)), 0)
    assert json.loads(found.read_text(encoding="utf-8"))["schema"] == "dipdiff/track/v1"
    refused = tmp_path / "track.html"
    run = expect(run_cli("track", "Korean Peninsula", "--corpus", str(CORPUS), "-o", str(refused)), 2)
    assert "no html output" in run.stderr and not refused.exists()


def test_timeline_min_confidence_shows_the_less_sure_shifts(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "ru-mfa").mkdir(parents=True)
    (corpus / "speakers.yaml").write_bytes((CORPUS / "speakers.yaml").read_bytes())
    head = "---\nspeaker: ru-mfa\ndate: 2017-03-1{}\ntitle: T\n---\n\n"
    # A relative time against a year is most often the same time: a shift of low confidence (0.3).
    (corpus / "ru-mfa" / "2017-03-14-a.md").write_text(
        head.format(4) + "Two years ago, the Council met in Geneva.\n", encoding="utf-8"
    )
    (corpus / "ru-mfa" / "2017-03-15-b.md").write_text(
        head.format(5) + "In 2015, the Council met in Geneva.\n", encoding="utf-8"
    )

    def shift_lines(*options: str) -> list[str]:
        run = expect(run_cli("timeline", "--corpus", str(corpus), "-f", "json", *options), 0)
        return [line for step in json.loads(run.stdout)["statements"] for line in step["shift_lines"]]

    assert shift_lines() == []
    assert shift_lines("--min-confidence", "0.2") == ["~ number changed: Two years -> 2015"]
    assert shift_lines("--min-confidence", "0.2", "--no-cache") == shift_lines("--min-confidence", "0.2")
    assert shift_lines() == []  # the cached run with another floor does not leak into this one


def test_corpus_add_help_names_every_format_it_files_and_standard_input() -> None:
    # corpus add files HTML pages, PDFs and Word files as their text, and reads '-'
    page = " ".join(expect(run_cli("corpus", "add", "--help"), 0).stdout.split())
    for said in ("HTML", "PDF", "Word", "- for standard input"):
        assert said in page, page
