"""Front matter holds only what the corpus format allows, and any YAML failure is one file's problem.

PyYAML raises ``ValueError``, ``KeyError`` or ``AttributeError`` for a scalar that does not fit its tag
or an impossible date, builds base-60 integers in quadratic time, and makes NaN, infinities, lone
surrogates and sets. Each must end in one error line naming the file (compare, timeline), a finding
(check), or, for corpus list, one error line naming it while the rest of the corpus is still listed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dipdiff import safeyaml
from dipdiff.safeyaml import YamlRefused, duplicate_keys, load_yaml
from tests.conftest import CORPUS
from tests.helpers import expect, run_cli

# (name, YAML line, what the error says)
HOSTILE = [
    ("impossible-date", "date: 2017-02-30", "not a real date"),
    ("int-tag", 'title: !!int "abc"', "not an integer"),
    ("timestamp-tag", 'title: !!timestamp "garbage"', "not a date"),
    ("bool-tag", 'title: !!bool "maybe"', "not true or false"),
    ("set", "title: !!set {a, b}", "'!!set' are not allowed"),
    ("binary", "title: !!binary aGVsbG8=", "'!!binary' are not allowed"),
    ("python-tag", "title: !!python/name:os.system ''", "not allowed"),
    ("huge-int", "title: " + "9" * 5000, "not an integer"),
    ("too-big-int", "title: 9223372036854775808", "larger than a 64-bit integer"),
    ("surrogate", 'title: "\\ud800 text"', "lone surrogate"),
    ("nan", "title: .nan", "not a finite"),
    ("inf", "title: -.inf", "not a finite"),
    ("float-overflow", "title: !!float 1.0e999", "not a finite"),
    ("sexagesimal", "title: " + ":".join(["1"] * 50_000), "base-60"),
    ("sexagesimal-float", "title: 1:30.5", "base-60"),
    ("escape-character", 'title: "\x1b]0;title\x07 text"', "001B is not allowed"),
]
IDS = [case[0] for case in HOSTILE]


@pytest.mark.parametrize(("name", "line", "message"), HOSTILE, ids=IDS)
def test_loader_refuses_values_outside_the_format(name: str, line: str, message: str) -> None:
    with pytest.raises(YamlRefused, match=message):
        load_yaml(f"speaker: ru-mfa\n{line}\n")


def test_loader_still_builds_the_values_the_format_uses() -> None:
    text = (
        "a: 17\nb: -0x1F\nc: 1.5\nd: 2017-03-14\ne: yes\nf: [x, 2]\ng: ~\nh: 1_000\ni: 9223372036854775807\n"
        "j: 2017-03-14 10:00:00\nk: !!float 3\nl: !!str 12\nm: {n: o}\n"
    )
    loaded = load_yaml(text)
    assert loaded["a"] == 17 and loaded["b"] == -31 and loaded["c"] == 1.5 and loaded["h"] == 1000
    assert str(loaded["d"]) == "2017-03-14" and loaded["e"] is True and loaded["f"] == ["x", 2]
    assert loaded["g"] is None and loaded["i"] == 2**63 - 1 and loaded["k"] == 3.0 and loaded["l"] == "12"
    assert loaded["m"] == {"n": "o"} and str(loaded["j"]) == "2017-03-14 10:00:00"


def test_duplicate_top_level_keys_are_found() -> None:
    assert duplicate_keys("a: 1\nb: 2\n'a': 3\nc: {a: 1}\n") == [(3, "a")]
    assert duplicate_keys("a: [\n") == []


def _statement(folder: Path, name: str, line: str) -> Path:
    path = folder / f"2017-02-20-{name}.md"
    path.write_text(f"---\nspeaker: ru-mfa\n{line}\n---\n\nThe parties met and talked.\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "line", "message"), HOSTILE, ids=IDS)
def test_compare_names_the_file_in_one_line(name: str, line: str, message: str, tmp_path: Path) -> None:
    bad = _statement(tmp_path, name, line)
    run = expect(run_cli("compare", str(bad), str(bad), "-f", "json"), 2)
    assert run.stderr.count("\n") == 1 and str(bad) in run.stderr and message in run.stderr, str(run)
    assert run.stdout == ""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root)
    return root


@pytest.mark.parametrize(("name", "line", "message"), HOSTILE[:6], ids=IDS[:6])
def test_one_bad_file_in_a_corpus(name: str, line: str, message: str, corpus: Path) -> None:
    bad = _statement(corpus / "ru-mfa", name, line)
    good = sorted(p for p in (corpus / "ru-mfa").iterdir() if p != bad)
    check = expect(run_cli("check", "--corpus", str(corpus), "-f", "json"), 1)
    findings = json.loads(check.stdout)["findings"]
    about_bad = [f for f in findings if f["path"].endswith(bad.name)]
    assert about_bad and about_bad[0]["rule"] == "unreadable" and message in about_bad[0]["message"]
    assert json.loads(check.stdout)["checked"] == len(good) + 1
    for args in (["timeline"], ["track", "peninsula"], ["blame", str(good[0])]):
        run = expect(run_cli(*args, "--corpus", str(corpus), "-f", "json"), 2)
        assert run.stderr.count("\n") == 1 and bad.name in run.stderr and message in run.stderr, str(run)
        (left_out,) = json.loads(run.stdout)["unreadable"]
        assert left_out["path"] == str(bad) and message in left_out["problem"], str(run)
    timeline = json.loads(run_cli("timeline", "--corpus", str(corpus), "-f", "json").stdout)
    assert [Path(s["statement"]["path"]).name for s in timeline["statements"]] == [p.name for p in good]
    track = json.loads(run_cli("track", "peninsula", "--corpus", str(corpus), "-f", "json").stdout)
    assert track["statements_searched"] == len(good) and track["sightings"] > 0
    blame = json.loads(run_cli("blame", str(good[0]), "--corpus", str(corpus), "-f", "json").stdout)
    assert blame["predecessors"] == 0 and blame["lines"], blame
    shown = run_cli("track", "peninsula", "--corpus", str(corpus), "--width", "1000").stdout
    (line,) = [x for x in shown.splitlines() if "left out" in x]
    assert bad.name in line and message in line
    refused = expect(run_cli("blame", str(bad), "--corpus", str(corpus)), 2)
    assert refused.stdout == "" and refused.stderr.count("\n") == 1 and message in refused.stderr
    listing = expect(run_cli("corpus", "list", "--corpus", str(corpus), "-f", "json"), 2)
    assert listing.stderr.count("\n") == 1 and bad.name in listing.stderr and message in listing.stderr
    ids = [row["id"] for row in json.loads(listing.stdout)["statements"]]
    assert ids == [f"ru-mfa/{p.stem}" for p in good], str(listing)


def test_nan_title_never_reaches_json(tmp_path: Path) -> None:
    bad = _statement(tmp_path, "nan", "title: .nan")
    run = run_cli("compare", str(bad), str(bad), "-f", "json")
    assert "NaN" not in run.stdout and run.code == 2


# Front matter as statements hold it, and shapes where libyaml and PyYAML's pure-Python parser have
# been seen to disagree ("?" inside a flow sequence is a value to libyaml, an error to PyYAML).
DOCUMENTS = [
    "speaker: unga-mrt\ndate: '2022'\ntitle: 'UN General Debate, session 77 (2022): Mauritania, Minister of"
    " Foreign\n  Affairs'\nlanguage: en\ntopics: [un-general-debate]\n",
    'speaker: us-white-house\ndate: 2024-02-26\ntitle: "Joint Statement: 6G"\nsource: https://example.org/a/b\n',
    "speaker: unga-ind\ndate: '2015'\ntopics: [un-ge?eral-debate]\n",
    "speaker: x\ntopics:\n  - a\n  - b: c\n    d: [1, 2.5, yes, ~]\nwhen: 2017-03-14 10:00:00\n",
    'speaker: x\ntitle: "tab\\tand \\u00e9"\nnote: |\n  kept\n  lines\n',
    "a: &a [x]\nb: *a\n",
    "a: 1\n\tb: 2\n",
    "title: ok\nk: " + "[" * 40 + "]" * 40 + "\n",
    "title: ok\nk: " + "[" * 5000 + "]" * 5000 + "\n",
    "title: 'unclosed\n",
    "title: [a, b\n",
    "a: b: c\n",
    "- a\n- b\n",
    "",
    "# only a comment\n",
    "date: 2017-02-30\n",
    "title: 9223372036854775808\n",
    "x: \ufeffy\n",
]


def _mutants(text: str, seed: int, count: int) -> list[str]:
    """``count`` copies of ``text``, each with a few characters inserted, deleted or replaced."""
    import random

    rng = random.Random(seed)
    marks = list(" :-[]{},'\"#?\n\t&*!|>\\%.0aZ\u00a0\u2028")
    found = []
    for _ in range(count):
        chars = list(text)
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(chars) + 1)
            step = rng.random()
            if step < 0.4 or not chars:
                chars.insert(at, rng.choice(marks))
            elif step < 0.7:
                del chars[min(at, len(chars) - 1)]
            else:
                chars[min(at, len(chars) - 1)] = rng.choice(marks)
        found.append("".join(chars))
    return found


def _outcome(text: str) -> tuple[str, str]:
    """What ``load_yaml`` makes of ``text``: its value (with types) or its error message."""
    try:
        return "value", repr(load_yaml(text))
    except YamlRefused as exc:
        return "refused", str(exc)


def test_libyaml_and_the_pure_loader_give_the_same_values_and_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Front matter parsed by libyaml (when PyYAML has it) equals what the pure-Python loader makes of
    it, values and error messages alike, on real front matter and on thousands of damaged copies."""
    texts = list(DOCUMENTS)
    for path in sorted(CORPUS.glob("*/*.md")):
        texts.append(path.read_text("utf-8").split("\n---\n")[0].removeprefix("---\n") + "\n")
    for seed, text in enumerate(texts[:4]):
        texts += _mutants(text, seed, 400)
    with_libyaml = [_outcome(text) for text in texts]
    monkeypatch.setattr(safeyaml, "_libyaml_loader", lambda: None)
    pure = [_outcome(text) for text in texts]
    assert [text for text, a, b in zip(texts, with_libyaml, pure, strict=True) if a != b] == []
    assert sum(kind == "refused" for kind, _ in pure) > 100  # damaged copies do reach the error paths


def test_plain_front_matter_is_parsed_by_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    if safeyaml._libyaml_loader() is None:
        pytest.skip("PyYAML was built without libyaml: the pure-Python loader parses everything")

    def pure_loader() -> type:
        raise AssertionError("the pure-Python loader was asked")

    monkeypatch.setattr(safeyaml, "_loader", pure_loader)
    assert load_yaml(DOCUMENTS[0])["topics"] == ["un-general-debate"]
    with pytest.raises(AssertionError, match="pure-Python"):
        load_yaml(DOCUMENTS[2])  # a "?" sends the document to the pure-Python loader
    with pytest.raises(AssertionError, match="pure-Python"):
        load_yaml("title: ok\nk: " + "[" * 40 + "]" * 40 + "\n")  # nested deeper than libyaml may go


@pytest.mark.parametrize(
    ("opening", "value"),
    [("---", "date: 2017-02-30"), ("---", 'n: !!int "abc"'), ("---  ", "s: ]"), ("---", "t: \x1b")],
)
def test_a_front_matter_error_names_the_files_own_line(opening: str, value: str, tmp_path: Path) -> None:
    # the line an editor shows, counting the opening '---', as check's findings count them
    bad = tmp_path / "bad.md"
    bad.write_text(f"{opening}\ntitle: x\nspeaker: y\n{value}\n---\n\nThe parties met.\n", encoding="utf-8")
    run = expect(run_cli("compare", str(bad), str(bad)), 2)
    assert "at line 4:" in run.stderr, run.stderr
