"""``--context``: a long paragraph with a small change shows the sentences near it, the rest folded."""

from __future__ import annotations

from pathlib import Path

import pytest

from dipdiff.compare import compare
from dipdiff.model import Op, Statement
from dipdiff.options import CompareOptions
from dipdiff.render import RenderOptions, terminal
from dipdiff.render.context import Fold, fold_unchanged
from tests.conftest import CORPUS
from tests.helpers import expect, run_cli

SENTENCES = [f"Sentence number {n} says that the Council remains seized of the matter." for n in range(1, 21)]


def _long_pair(*changed: int) -> tuple[str, str]:
    new = list(SENTENCES)
    for n in changed:
        new[n - 1] = new[n - 1].replace("the matter", "the whole matter")
    return " ".join(SENTENCES), " ".join(new)


def _view(old: str, new: str, **layout: object) -> str:
    comparison = compare(Statement("old", (old,)), Statement("new", (new,)), CompareOptions(classify=False))
    return terminal.render(comparison, RenderOptions(width=100, **layout))  # type: ignore[arg-type]


def test_unchanged_sentences_far_from_the_change_fold_into_one_line() -> None:
    view = _view(*_long_pair(10), context=1)
    rows = view.splitlines()
    assert [row.count("… 8 unchanged sentences …") for row in rows].count(2) == 1, view
    assert [row.count("… 9 unchanged sentences …") for row in rows].count(2) == 1, view
    for kept in ("number 9 ", "number 10 ", "number 11 "):
        assert kept in view
    for folded in ("number 8 ", "number 12 ", "number 20 "):
        assert folded not in view
    assert "{+whole+}" in view
    assert len(rows) < len(_view(*_long_pair(10)).splitlines()) / 2


def test_context_zero_keeps_only_the_changed_sentences_and_none_keeps_all() -> None:
    view = _view(*_long_pair(1, 20), context=0)
    assert "… 18 unchanged sentences …" in view and "number 2 " not in view and "number 19 " not in view
    assert "unchanged sentences" not in _view(*_long_pair(1, 20))


def test_only_paragraphs_longer_than_the_screen_fold() -> None:
    pair = _long_pair(10)
    assert "unchanged sentences" in _view(*pair, context=1, fold_longer_than=10)
    assert "unchanged sentences" not in _view(*pair, context=1, fold_longer_than=100)


@pytest.mark.parametrize("context", [0, 1, 3])
def test_folding_keeps_every_change_and_the_text_in_order(context: int) -> None:
    old = (CORPUS / "ru-mfa" / "unknown-korean-peninsula.md").read_text(encoding="utf-8")
    new = (CORPUS / "ru-mfa" / "unknown-korean-peninsula-illustrative-revision.md").read_text(
        encoding="utf-8"
    )
    pairs = [_long_pair(4, 5, 17), (old.split("---")[-1].replace("\n\n", " "), new.split("---")[-1])]
    for a, b in pairs:
        comparison = compare(Statement("a", (a,)), Statement("b", (b,)), CompareOptions(classify=False))
        for block in comparison.blocks:
            folded = fold_unchanged(block.diff, context)
            changes = [op for op in folded if not isinstance(op, Fold) and op.op is not Op.EQUAL]
            assert changes == [op for op in block.diff if op.op is not Op.EQUAL]
            for side in ("old", "new"):
                text = "".join(getattr(op, side) for op in folded if not isinstance(op, Fold))
                whole = "".join(getattr(op, side) for op in block.diff)
                assert _is_subsequence(text, whole)


def _is_subsequence(part: str, whole: str) -> bool:
    rest = iter(whole)
    return all(ch in rest for ch in part)


def test_cli_context_option(tmp_path: Path) -> None:
    old, new = (tmp_path / "old.txt", tmp_path / "new.txt")
    for path, text in zip((old, new), _long_pair(10), strict=True):
        path.write_text(text + "\n", encoding="utf-8")
    folded = expect(run_cli("compare", str(old), str(new), "--context", "1", "--width", "100"), 1).stdout
    assert "… 8 unchanged sentences …" in folded
    everything = expect(run_cli("compare", str(old), str(new), "--context", "all", "--width", "100"), 1)
    piped = expect(run_cli("compare", str(old), str(new), "--width", "100"), 1)
    assert everything.stdout == piped.stdout and "number 1 " in piped.stdout, "off unless on a screen"
    bad = expect(run_cli("compare", str(old), str(new), "--context", "some"), 2)
    assert "--context" in bad.stderr and bad.stderr.count("\n") == 1


def test_on_a_terminal_paragraphs_longer_than_the_screen_fold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dipdiff.cli.compare as command

    old, new = (tmp_path / "old.txt", tmp_path / "new.txt")
    for path, text in zip((old, new), _long_pair(10), strict=True):
        path.write_text(text + "\n\nA short paragraph, changed.\n", encoding="utf-8")
    new.write_text(new.read_text(encoding="utf-8").replace("short", "brief"), encoding="utf-8")
    monkeypatch.setattr(command, "stdout_is_tty", lambda: True)
    monkeypatch.setattr(command, "terminal_height", lambda: 12)
    view = expect(run_cli("compare", str(old), str(new), "--width", "100", env={"NO_COLOR": "1"}), 1).stdout
    assert view.count("unchanged sentences") == 4 and "{+brief+}" in view
