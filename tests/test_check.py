"""``dipdiff check``: every rule on a temporary corpus, passing and failing, and the three formats.

Each rule has a clean statement it must accept and a broken one it must report, so a rule that never
fires, or always fires, fails here.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from dipdiff.check import CheckOptions, Report, run_check
from dipdiff.check.formats import CheckFormat, formatter
from dipdiff.corpus.layout import render_front_matter
from dipdiff.resources import packaged_text
from tests.conftest import CORPUS
from tests.helpers import expect, run_cli

TODAY = dt.date(2026, 11, 28)
SCHEMA = json.loads(packaged_text("schema/check-v1.json"))

SPEAKERS = """\
ru-mfa:
  name: Ministry of Foreign Affairs of the Russian Federation
  country: RUS
  aliases: [Russian MFA]
us-white-house:
  name: The White House
  country: USA
"""

BODY = (
    "We regretfully note that the prospects for normalising the situation on the Korean Peninsula "
    "are meagre. However, it is unlikely that only one side is to blame for that.\n\n"
    "Russia remains ready for close cooperation with all interested countries for the sake of peace "
    "and stability in Northeast Asia and a comprehensive settlement of the nuclear problem.\n\n"
    "We call on all parties concerned to exercise restraint and avoid actions that could lead to "
    "heightened tensions on the peninsula and in the region as a whole.\n"
)
OTHER_BODY = (
    "The President spoke today with the Prime Minister of Canada about trade, energy and the "
    "shared border, and welcomed the progress of their working groups.\n\n"
    "The leaders agreed to meet again at the summit later this year in Ottawa.\n"
)


def good_meta(**changes: Any) -> dict[str, Any]:
    """Front matter that passes every rule, with some fields changed (None removes a field)."""
    meta: dict[str, Any] = {
        "speaker": "ru-mfa",
        "date": "2017-03-14",
        "title": "Comment on the situation on the Korean Peninsula",
        "language": "en",
        "topics": ["korean-peninsula"],
    }
    for key, value in changes.items():
        if value is None:
            meta.pop(key, None)
        else:
            meta[key] = value
    return meta


class TempCorpus:
    """A corpus under a temporary folder, with helpers to file statements."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir()
        (root / "speakers.yaml").write_text(SPEAKERS, encoding="utf-8")

    def write(self, rel: str, meta: Mapping[str, Any] | None, body: str = BODY) -> Path:
        """Write a statement file; ``meta=None`` writes no front matter."""
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        head = render_front_matter(meta) + "\n" if meta is not None else ""
        path.write_text(head + body, encoding="utf-8")
        return path

    def write_bytes(self, rel: str, data: bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def check(self, *paths: Path, **options: Any) -> Report:
        return run_check(
            self.root, list(paths), options=CheckOptions(today=TODAY, **options), use_cache=False
        )


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TempCorpus:
    monkeypatch.setenv("DIPDIFF_CACHE_DIR", str(tmp_path / "cache"))
    made = TempCorpus(tmp_path / "corpus")
    made.write("ru-mfa/2017-03-14-korean-peninsula.md", good_meta())
    made.write(
        "us-white-house/2021-01-22-call-with-canada.md",
        good_meta(speaker="us-white-house", date="2021-01-22", title="Call with Canada", topics=None),
        OTHER_BODY,
    )
    return made


def rules(report: Report) -> set[str]:
    return {f.rule for f in report.findings if f.severity.value != "notice"}


def only(report: Report, rule: str) -> list[Any]:
    return [f for f in report.findings if f.rule == rule]


def test_the_clean_corpus_passes(corpus: TempCorpus) -> None:
    report = corpus.check()
    assert report.findings == ()
    assert (report.statements, report.checked, report.failed) == (2, 2, False)


# (rule expected, file to write relative to the corpus, front matter or None, body)
BROKEN: dict[str, tuple[str, str, Callable[[], dict[str, Any] | None], str]] = {
    "no front matter": ("front-matter", "ru-mfa/2017-03-15-x.md", lambda: None, BODY),
    "missing title": ("required-field", "ru-mfa/2017-03-15-x.md", lambda: good_meta(title=None), BODY),
    "unknown field": ("unknown-field", "ru-mfa/2017-03-15-x.md", lambda: good_meta(author="me"), BODY),
    "topics not a list": ("field-type", "ru-mfa/2017-03-15-x.md", lambda: good_meta(topics="korea"), BODY),
    "illustrative not a flag": (
        "field-type",
        "ru-mfa/2017-03-15-x.md",
        lambda: good_meta(illustrative="yes"),
        BODY,
    ),
    "language not BCP 47": (
        "field-type",
        "ru-mfa/2017-03-15-x.md",
        lambda: good_meta(language="English"),
        BODY,
    ),
    "language unknown": ("field-type", "ru-mfa/2017-03-15-x.md", lambda: good_meta(language="qq"), BODY),
    "source not a URL": ("field-type", "ru-mfa/2017-03-15-x.md", lambda: good_meta(source="mid.ru"), BODY),
    "impossible date": ("date", "ru-mfa/2017-02-30-x.md", lambda: good_meta(date="2017-02-30"), BODY),
    "date not ISO": ("date", "ru-mfa/2017-03-15-x.md", lambda: good_meta(date="14 March 2017"), BODY),
    "future date": ("future-date", "ru-mfa/2027-01-01-x.md", lambda: good_meta(date="2027-01-01"), BODY),
    "unknown speaker": (
        "unknown-speaker",
        "ru-mfx/2017-03-15-x.md",
        lambda: good_meta(speaker="ru-mfx"),
        BODY,
    ),
    "empty body": ("empty-body", "ru-mfa/2017-03-15-x.md", good_meta, "\n\n"),
    "control character": (
        "control-character",
        "ru-mfa/2017-03-15-x.md",
        good_meta,
        BODY + "Bell\x07 here.\n",
    ),
    "mojibake": ("mojibake", "ru-mfa/2017-03-15-x.md", good_meta, BODY + "peace â€” and stability.\n"),
    "leftover HTML tag": ("html", "ru-mfa/2017-03-15-x.md", good_meta, BODY + "<p>Our position</p>\n"),
    "leftover HTML entity": ("html", "ru-mfa/2017-03-15-x.md", good_meta, BODY + "Peace &amp; security.\n"),
    "wrong speaker folder": ("path", "us-white-house/2017-03-15-x.md", good_meta, BODY + "Extra.\n"),
    "file name without date": ("path", "ru-mfa/korean-peninsula-2.md", good_meta, BODY + "Extra.\n"),
    "file name with another date": ("path", "ru-mfa/2017-03-15-x.md", good_meta, BODY + "Extra.\n"),
    "file below a subfolder": ("path", "ru-mfa/old/2017-03-14-x.md", good_meta, BODY + "Extra.\n"),
    "exact duplicate": (
        "exact-duplicate",
        "ru-mfa/2017-03-15-copy.md",
        lambda: good_meta(date="2017-03-15"),
        BODY.replace("meagre.", "meagre .").replace("\n\n", "\n\n\n"),
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_rule_reports_its_problem(corpus: TempCorpus, case: str) -> None:
    rule, rel, meta, body = BROKEN[case]
    path = corpus.write(rel, meta(), body)
    report = corpus.check() if "subfolder" in case else corpus.check(path)
    assert rule in rules(report), report.findings
    assert report.failed
    finding = only(report, rule)[0]
    assert finding.path.endswith(rel) and finding.line >= 1 and finding.message


def test_a_problem_points_at_the_line_of_its_field(corpus: TempCorpus) -> None:
    path = corpus.write("ru-mfa/2017-03-15-x.md", good_meta(date="2017-03-15", language="English"))
    (finding,) = only(corpus.check(path), "field-type")
    assert finding.line == 5  # ---, speaker, date, title, language
    assert "BCP 47" in finding.message


def test_broken_front_matter_points_at_the_line_yaml_names(corpus: TempCorpus) -> None:
    bad = corpus.write_bytes(
        "ru-mfa/2017-02-28-x.md", b"---\nspeaker: ru-mfa\ndate: 2017-02-30\ntitle: x\n---\nText.\n"
    )
    (finding,) = only(corpus.check(bad), "unreadable")
    assert finding.line == 3 and "at line 3" in finding.message, finding


def test_unknown_speaker_gets_a_suggestion(corpus: TempCorpus) -> None:
    path = corpus.write("ru-mfx/2017-03-15-x.md", good_meta(speaker="ru-mfx", date="2017-03-15"))
    (finding,) = only(corpus.check(path), "unknown-speaker")
    assert "did you mean 'ru-mfa'" in finding.message


def test_not_utf8_is_reported(corpus: TempCorpus) -> None:
    text = render_front_matter(good_meta(date="2017-03-15", language="ru")) + "\nМы с сожалением отмечаем.\n"
    path = corpus.write_bytes("ru-mfa/2017-03-15-x.md", text.encode("cp1251"))
    assert "encoding" in rules(corpus.check(path))


def test_angle_brackets_that_are_not_html_pass(corpus: TempCorpus) -> None:
    # North Korean editorials cite newspapers as <로동신문> (nk_new_year_addresses/data/1998.txt).
    body = "<로동신문>，<조선인민군> 공동사설\n\nSee a < b and c > d, and R&D; Q&A.\n"
    path = corpus.write("ru-mfa/2017-03-15-x.md", good_meta(date="2017-03-15", language="ko"), body)
    assert corpus.check(path).findings == ()


def test_dates_may_be_partial_or_unknown(corpus: TempCorpus) -> None:
    for date, body in (("2017", "Year only."), ("2017-03", "Month only."), ("unknown", "No date.")):
        corpus.write(f"ru-mfa/{date}-x.md", good_meta(date=date), body + "\n")
    assert corpus.check().findings == ()


def test_near_duplicate_is_an_error_naming_the_other_file(corpus: TempCorpus) -> None:
    body = BODY.replace("meagre", "poor")
    path = corpus.write("ru-mfa/2017-04-01-again.md", good_meta(date="2017-04-01"), body)
    (finding,) = only(corpus.check(path), "near-duplicate")
    assert finding.related is not None and finding.related.endswith("2017-03-14-korean-peninsula.md")
    assert finding.similarity is not None and 95 <= finding.similarity < 100
    assert f"similarity {finding.similarity:.1f}" in finding.message


def test_a_statement_in_many_candidate_pairs_is_read_once(
    corpus: TempCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Near-duplicate candidates are scored pair by pair; each statement's words are read from the
    index once, however many pairs it is in (four near-copies: six pairs, four reads)."""
    from dipdiff.index import CorpusIndex

    for day, word in (("04-01", "poor"), ("04-02", "slim"), ("04-03", "scant")):
        corpus.write(
            f"ru-mfa/2017-{day}-again.md", good_meta(date=f"2017-{day}"), BODY.replace("meagre", word)
        )
    read: list[str] = []
    real = CorpusIndex.word_keys

    def counting(self: CorpusIndex, path: Path) -> list[str]:
        read.append(Path(path).name)
        return real(self, path)

    monkeypatch.setattr(CorpusIndex, "word_keys", counting)
    found = only(corpus.check(), "near-duplicate")
    assert len(found) == 6
    assert sorted(read) == sorted(set(read)) and len(read) == 4


def test_near_duplicate_threshold_is_an_option(corpus: TempCorpus) -> None:
    body = BODY.replace("meagre", "poor")
    path = corpus.write("ru-mfa/2017-04-01-again.md", good_meta(date="2017-04-01"), body)
    assert not only(corpus.check(path, near_threshold=99.5), "near-duplicate")


def test_near_duplicates_need_the_same_speaker(corpus: TempCorpus) -> None:
    body = BODY.replace("meagre", "poor")
    meta = good_meta(speaker="us-white-house", date="2017-04-01")
    path = corpus.write("us-white-house/2017-04-01-again.md", meta, body)
    assert not only(corpus.check(path), "near-duplicate")


def test_a_revision_with_supersedes_is_not_a_near_duplicate(corpus: TempCorpus) -> None:
    meta = good_meta(date="2017-04-01", supersedes="ru-mfa/2017-03-14-korean-peninsula")
    path = corpus.write("ru-mfa/2017-04-01-again.md", meta, BODY.replace("meagre", "poor"))
    report = corpus.check(path)
    assert not report.failed, report.findings
    (notice,) = only(report, "revision")
    assert notice.severity.value == "notice" and notice.revision is not None
    assert notice.revision.counts["modified"] == 1 and notice.revision.counts["equal"] == 2
    assert "revises" in notice.message and "1 modified" in notice.message


def test_unchanged_revision_is_a_warning_not_a_duplicate(corpus: TempCorpus) -> None:
    meta = good_meta(date="2017-03-14", supersedes="ru-mfa/2017-03-14-korean-peninsula")
    path = corpus.write("ru-mfa/2017-03-14-korean-peninsula-v2.md", meta)
    report = corpus.check(path)
    assert rules(report) == {"revision-unchanged"} and not report.failed


@pytest.mark.parametrize(
    ("rule", "date", "supersedes"),
    [
        ("supersedes-missing", "2017-04-01", "ru-mfa/2017-03-14-korean-peninsular"),
        ("supersedes-speaker", "2021-02-01", "us-white-house/2021-01-22-call-with-canada"),
        ("supersedes-order", "2016-12-31", "ru-mfa/2017-03-14-korean-peninsula"),
        ("supersedes-order", "2016", "ru-mfa/2017-03-14-korean-peninsula"),
        ("field-type", "2017-04-01", "2017-03-14-korean-peninsula"),
    ],
)
def test_broken_supersedes_links(corpus: TempCorpus, rule: str, date: str, supersedes: str) -> None:
    path = corpus.write(f"ru-mfa/{date}-again.md", good_meta(date=date, supersedes=supersedes), OTHER_BODY)
    report = corpus.check(path)
    assert rule in rules(report), report.findings
    if rule == "supersedes-missing":
        assert "did you mean 'ru-mfa/2017-03-14-korean-peninsula'" in only(report, rule)[0].message


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("2017", "2017-05"),
        ("2017-05", "2017"),
        ("unknown", "2017"),
        ("2017-03-14", "2017-03-14"),
        ("2017-03", "unknown"),
    ],
)
def test_earlier_is_judged_on_date_intervals(corpus: TempCorpus, old: str, new: str) -> None:
    corpus.write(f"ru-mfa/{old}-first.md", good_meta(date=old), OTHER_BODY)
    meta = good_meta(date=new, supersedes=f"ru-mfa/{old}-first")
    path = corpus.write(f"ru-mfa/{new}-second.md", meta, OTHER_BODY.replace("Ottawa", "Toronto"))
    assert "supersedes-order" not in rules(corpus.check(path))


def test_supersedes_cycles_are_reported(corpus: TempCorpus) -> None:
    a = corpus.write(
        "ru-mfa/2017-05-01-a.md", good_meta(date="2017-05-01", supersedes="ru-mfa/2017-05-01-b"), OTHER_BODY
    )
    corpus.write(
        "ru-mfa/2017-05-01-b.md",
        good_meta(date="2017-05-01", supersedes="ru-mfa/2017-05-01-a"),
        OTHER_BODY + "More.\n",
    )
    self_loop = corpus.write(
        "ru-mfa/2017-05-02-c.md", good_meta(date="2017-05-02", supersedes="ru-mfa/2017-05-02-c"), "Alone.\n"
    )
    report = corpus.check()
    cycles = {f.path.rsplit("/", 1)[-1]: f.message for f in only(report, "supersedes-cycle")}
    assert set(cycles) == {a.name, "2017-05-01-b.md", self_loop.name}
    assert "ru-mfa/2017-05-01-a -> ru-mfa/2017-05-01-b -> ru-mfa/2017-05-01-a" in cycles[a.name]


def test_fail_on_turns_a_revision_shift_into_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIPDIFF_CACHE_DIR", str(tmp_path / "cache"))
    made = TempCorpus(tmp_path / "corpus")
    # The bundled pair: the revision hardens "seriously concerned" to "deeply alarmed".
    for name in ("unknown-korean-peninsula.md", "unknown-korean-peninsula-illustrative-revision.md"):
        (made.root / "ru-mfa").mkdir(exist_ok=True)
        (made.root / "ru-mfa" / name).write_bytes((CORPUS / "ru-mfa" / name).read_bytes())
    plain = made.check()
    assert not plain.failed and only(plain, "revision")
    gated = made.check(fail_on=("intensity:up",))
    (error,) = only(gated, "revision-shift")
    assert gated.failed and "deeply alarmed" in error.message
    assert not made.check(fail_on=("intensity:down",)).failed


def test_min_confidence_decides_which_shifts_a_revision_summary_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIPDIFF_CACHE_DIR", str(tmp_path / "cache"))
    made = TempCorpus(tmp_path / "corpus")
    # A relative time against a year is most often the same time: a shift of low confidence (0.3).
    made.write("ru-mfa/2017-03-14-first.md", good_meta(), "Two years ago, the Council met in Geneva.\n")
    meta = good_meta(date="2017-03-15", supersedes="ru-mfa/2017-03-14-first")
    revised = made.write("ru-mfa/2017-03-15-second.md", meta, "In 2015, the Council met in Geneva.\n")
    shown = [only(made.check(revised, min_confidence=m), "revision")[0].message for m in (0.5, 0.2)]
    assert "number" not in shown[0] and "number" in shown[1], shown
    assert made.check(revised, min_confidence=0.2, fail_on=("number",)).failed
    assert not made.check(revised, fail_on=("number",)).failed
    result = run_cli("check", "--corpus", made.root, "--min-confidence", "0.2", "--fail-on", "number")
    assert "number" in expect(result, 1).stdout


def test_registry_problems_are_reported(corpus: TempCorpus) -> None:
    registry = corpus.root / "speakers.yaml"
    registry.write_text(SPEAKERS + "bad_id:\n  name: X\n  country: XXX\n  colour: red\n", encoding="utf-8")
    messages = [f.message for f in only(corpus.check(), "registry")]
    assert any("bad_id" in m and "lowercase" in m for m in messages)
    assert any("XXX" in m for m in messages) and any("colour" in m for m in messages)
    assert {f.line for f in only(corpus.check(), "registry")} == {8}  # the bad_id line


def test_symlinks_never_lead_check_outside_the_corpus(corpus: TempCorpus, tmp_path: Path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text(render_front_matter(good_meta(speaker="nobody")) + "\nSecret.\n", encoding="utf-8")
    (corpus.root / "ru-mfa" / "2017-03-20-link.md").symlink_to(outside)
    (corpus.root / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    report = corpus.check()
    links = only(report, "symlink")
    assert {f.path.rsplit("/", 1)[-1] for f in links} == {"2017-03-20-link.md", "elsewhere"}
    assert not only(report, "unknown-speaker")  # the outside file was never read
    inside = corpus.root / "ru-mfa" / "2017-03-21-alias.md"
    inside.symlink_to(corpus.root / "ru-mfa" / "2017-03-14-korean-peninsula.md")
    assert not [f for f in only(corpus.check(), "symlink") if "alias" in f.path]


def test_a_file_at_the_corpus_root_is_not_a_statement(corpus: TempCorpus) -> None:
    readme = corpus.root / "README.md"
    readme.write_text("# About this corpus\n", encoding="utf-8")
    assert corpus.check().findings == ()
    report = corpus.check(readme)
    assert report.checked == 0 and report.findings == ()


def test_named_files_are_checked_against_the_whole_corpus(corpus: TempCorpus) -> None:
    corpus.write("ru-mfa/2017-03-15-bad.md", good_meta(title=None))
    path = corpus.write("ru-mfa/2017-03-16-copy.md", good_meta(date="2017-03-16"))
    report = corpus.check(path)
    assert report.checked == 1 and report.statements == 4
    assert rules(report) == {"exact-duplicate"}  # the other broken file is not reported


def test_json_output_validates_against_the_schema(corpus: TempCorpus) -> None:
    corpus.write("ru-mfa/2017-03-15-x.md", good_meta(author="me"), BODY + "<b>x</b>\n")
    corpus.write(
        "ru-mfa/2017-04-01-r.md",
        good_meta(date="2017-04-01", supersedes="ru-mfa/2017-03-14-korean-peninsula"),
        BODY.replace("meagre", "poor"),
    )
    document = json.loads(formatter(CheckFormat.JSON)(corpus.check()))
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    assert document["schema"] == "dipdiff/check/v1" and document["ok"] is False
    assert {f["rule"] for f in document["findings"]} >= {"unknown-field", "html", "revision"}


def test_every_rule_the_checker_can_emit_is_in_the_schema() -> None:
    from dipdiff.check.content import RULES

    names = set(SCHEMA["$defs"]["finding"]["properties"]["rule"]["enum"])
    assert set(RULES.values()) <= names
    source = "".join(p.read_text("utf-8") for p in (CORPUS.parent / "src" / "dipdiff" / "check").glob("*.py"))
    import re

    emitted = set(re.findall(r'Finding\(\s*"([a-z-]+)"', source)) | set(
        re.findall(r'\(\s*"(supersedes-[a-z]+)"', source)
    )
    emitted |= {"required-field", "unknown-field", "field-type", "date", "future-date", "unknown-speaker"}
    assert emitted and emitted <= names, emitted - names


def test_text_output_groups_by_file_with_line_numbers(corpus: TempCorpus) -> None:
    corpus.write("ru-mfa/2017-03-15-x.md", good_meta(author="me", language="English"))
    text = formatter(CheckFormat.TEXT)(corpus.check())
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.endswith("2017-03-15-x.md"))
    assert lines[header + 1].lstrip().startswith(lines[header] + ":")
    assert ": error [unknown-field]" in text and ": error [field-type]" in text
    assert lines[-1].startswith("dipdiff check: 4 statements") or "problems found" in lines[-1]


def test_github_output_is_workflow_commands(corpus: TempCorpus) -> None:
    corpus.write("ru-mfa/2017-03-15-x.md", good_meta(author="50%, really:\nyes"))
    out = formatter(CheckFormat.GITHUB)(corpus.check())
    (line,) = [line for line in out.splitlines() if "unknown-field" in line]
    assert line.startswith("::error file=") and ",line=" in line and "title=dipdiff unknown-field::" in line
    assert "\n" not in line


def test_exit_codes(corpus: TempCorpus, tmp_path: Path) -> None:
    root = str(corpus.root)
    expect(run_cli("check", "--corpus", root), 0)
    bad = corpus.write("ru-mfa/2017-03-15-x.md", good_meta(title=None))
    run = expect(run_cli("check", "--corpus", root, str(bad)), 1)
    assert "[required-field]" in run.stdout
    missing = expect(run_cli("check", "--corpus", str(tmp_path / "nope")), 2)
    assert missing.stderr.startswith("dipdiff: error:") and "nope" in missing.stderr
    outside = tmp_path / "outside.md"
    outside.write_text("x\n", encoding="utf-8")
    assert (
        "not a statement file inside the corpus"
        in expect(run_cli("check", "--corpus", root, str(outside)), 2).stderr
    )
    assert expect(run_cli("check", "--corpus", root, "--fail-on", "nonsense"), 2).stderr


def test_the_repository_corpus_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIPDIFF_CACHE_DIR", str(tmp_path / "cache"))
    run = expect(run_cli("check", "--corpus", str(CORPUS)), 0)
    assert "0 errors" in run.stdout and "[revision]" in run.stdout
    assert os.listdir(tmp_path / "cache")  # the cache went where it was told


def test_importing_the_command_line_loads_nothing_check_needs_only_when_checking() -> None:
    import subprocess
    import sys

    probe = (
        "import sys, dipdiff.cli; "
        "print(sorted(m for m in ('dipdiff.index', 'sqlite3', 'numpy', 'datasketch', 'ftfy', 'yaml') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_tally_counts_one_statement_in_the_singular(corpus: TempCorpus) -> None:
    from dipdiff.check.formats.text import render

    (corpus.root / "us-white-house" / "2021-01-22-call-with-canada.md").unlink()
    tally = render(corpus.check()).splitlines()[-1]
    assert tally.startswith("dipdiff check: 1 statement in "), tally
    assert render(corpus.check(corpus.root / "ru-mfa" / "2017-03-14-korean-peninsula.md")).startswith(
        "dipdiff check: 1 statement in "
    )


def test_many_revisions_are_each_summarised_against_their_own_predecessor(
    corpus: TempCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Revisions enough to be compared in worker processes, longest first: each summary is the one
    of its own pair (as compared one by one in this process), whatever order they were compared in."""
    from dipdiff.check import supersedes
    from dipdiff.compare import compare
    from dipdiff.readers import parse_statement

    paragraphs = BODY.strip().split("\n\n")
    pairs = []
    for n in range(supersedes.PARALLEL_FROM + 3):
        body = "\n\n".join(paragraphs * (1 + (n * 7) % 5))  # lengths out of order
        new_body = body.replace("meagre", "poor", 1 + n % 3)  # a different number of changes
        old_meta = good_meta(date=f"2017-03-{n + 1:02d}")
        old = corpus.write(f"ru-mfa/2017-03-{n + 1:02d}-chain-{n}.md", old_meta, body)
        new_meta = good_meta(date=f"2017-04-{n + 1:02d}", supersedes=f"ru-mfa/2017-03-{n + 1:02d}-chain-{n}")
        new = corpus.write(f"ru-mfa/2017-04-{n + 1:02d}-chain-{n}-v2.md", new_meta, new_body)
        pairs.append((old, new))
    report = corpus.check()
    notices = {f.path: f for f in only(report, "revision")}
    assert len(notices) == len(pairs)
    for old, new in pairs:
        read = [parse_statement(p.read_bytes(), str(p)) for p in (old, new)]
        expected = compare(*read)
        notice = next(f for path, f in notices.items() if path.endswith(new.name))
        assert notice.related.endswith(old.name)
        assert notice.revision is not None and notice.revision.similarity == expected.similarity
        counts = {kind: n for kind, n in expected.summary.counts().items()}
        assert notice.revision.counts == counts
    monkeypatch.setattr(supersedes, "PARALLEL_FROM", 10_000)  # one by one, in this process
    assert corpus.check().findings == report.findings


def test_a_cold_check_starts_its_workers_before_reading_and_a_warm_one_starts_none(
    corpus: TempCorpus, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The workers of a check that reads every file are started as the run begins, to set up while the
    registry is read; a check answered from the index starts no process."""
    from dipdiff.index import CorpusIndex, reading

    for n in range(reading.PARALLEL_FROM):  # enough files to be read in worker processes
        corpus.write(
            f"ru-mfa/2017-05-{n + 1:02d}-x.md", good_meta(date=f"2017-05-{n + 1:02d}"), OTHER_BODY * (n + 1)
        )
    events: list[str] = []
    start = CorpusIndex.start_workers
    pool = reading.worker_pool

    def spy_start(self: CorpusIndex) -> bool:
        events.append("start")
        events.append(f"started: {start(self)}")
        return events[-1] == "started: True"

    def spy_pool() -> Any:
        events.append("pool")
        return pool()

    monkeypatch.setattr(CorpusIndex, "start_workers", spy_start)
    monkeypatch.setattr(reading, "worker_pool", spy_pool)
    monkeypatch.setattr(reading, "worker_count", lambda: 2)
    cache = tmp_path / "index"
    cold = run_check(corpus.root, options=CheckOptions(today=TODAY), cache_dir=cache)
    assert events[:3] == ["start", "pool", "started: True"]  # the pool is first wanted to start them
    events.clear()
    warm = run_check(corpus.root, options=CheckOptions(today=TODAY), cache_dir=cache)
    assert events == ["start", "started: False"]
    assert warm.findings == cold.findings


def test_statements_equal_only_once_re_flowed_are_exact_duplicates(corpus: TempCorpus) -> None:
    """The exact-duplicate rule compares the words after re-flow: the same statement hard-wrapped,
    and written a paragraph a line, is one text. (Why a cold check cannot fingerprint raw text alone:
    such pairs must be found whatever their raw words share; BENCHMARKS.md, 2026-12-05.)"""
    import textwrap

    sentences = [
        f"The delegation of the {name} recalls resolution {n} and the commitments made in {1990 + n}."
        for n, name in enumerate(["Republic of Korea", "Russian Federation", "United States", "Kingdom"] * 6)
    ]
    paragraphs = [" ".join(sentences[k : k + 4]) for k in range(0, len(sentences), 4)]
    one_a_line = "\n\n".join(paragraphs) + "\n"
    wrapped = "\n".join(textwrap.fill(p, 60) for p in paragraphs) + "\n"  # no blank lines
    wrapped = wrapped.replace("commitments\n", "commit-\nments\n")  # words broken at line ends
    assert wrapped.count("commit-\n") >= 3
    meta = good_meta(date="2017-05-02", title="Statement")
    corpus.write("ru-mfa/2017-05-02-statement.txt", meta, one_a_line)
    later = corpus.write(
        "ru-mfa/2017-05-03-statement.txt", good_meta(date="2017-05-03", title="Statement"), wrapped
    )
    report = corpus.check()
    (finding,) = only(report, "exact-duplicate")
    assert finding.path.endswith(later.name) and finding.related.endswith("2017-05-02-statement.txt")
    assert not only(corpus.check(reflow=False), "exact-duplicate")  # the lines as they are differ
