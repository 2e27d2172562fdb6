"""The corpus format: ids and paths, dates, the speakers registry, ``corpus add`` and ``corpus list``."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path, PurePosixPath

import pytest

from dipdiff.corpus.dates import parse_date
from dipdiff.corpus.layout import require_id, slugify, split_stem, statement_id, statement_relpath
from dipdiff.corpus.speakers import load_registry
from dipdiff.errors import CorpusError
from dipdiff.readers import read_statement
from tests.conftest import CORPUS
from tests.helpers import expect, run_cli
from tests.test_check import BODY, OTHER_BODY, SPEAKERS


@pytest.mark.parametrize(
    "bad", ["../evil", "/etc", "a/b", "a\\b", "..", ".hidden", "A", "a--b", "-a", "a\x00b", ""]
)
def test_ids_that_could_be_paths_are_refused(bad: str) -> None:
    with pytest.raises(CorpusError):
        require_id(bad, "speaker id")


def test_paths_and_ids() -> None:
    rel = statement_relpath("ru-mfa", "2017-03", "korea")
    assert rel == PurePosixPath("ru-mfa/2017-03-korea.md")
    assert statement_id(rel) == "ru-mfa/2017-03-korea"
    assert split_stem("unknown-korean-peninsula", "unknown") == "korean-peninsula"
    assert split_stem("2017-03-14-korea", "2017-03") is None  # "14-korea" is a slug, but the date differs
    assert split_stem("2017-03-korea", "2017-03-14") is None
    assert (
        slugify("Joint Statement: U.S.–Japan “Partnership”, 2024!")
        == "joint-statement-u-s-japan-partnership-2024"
    )
    with pytest.raises(CorpusError):
        statement_relpath("ru-mfa", "../x", "korea")


def test_partial_dates_are_intervals() -> None:
    year, month, day = parse_date("2017"), parse_date("2017-02"), parse_date(dt.date(2017, 2, 28))
    assert (year.first, year.last) == (dt.date(2017, 1, 1), dt.date(2017, 12, 31))
    assert month.last == dt.date(2017, 2, 28) and day.text == "2017-02-28"
    assert not year.surely_after(month) and not month.surely_after(year)
    assert parse_date("2018").surely_after(month) and not parse_date("unknown").surely_after(month)
    assert parse_date(2017).text == "2017"
    for bad in ("2017-02-30", "17-02-03", "2017/02/03", "soon", True, dt.datetime(2017, 1, 1, 12)):
        with pytest.raises(ValueError):
            parse_date(bad)


def test_the_registry_and_its_suggestions() -> None:
    registry = load_registry(CORPUS)
    assert "ru-mfa" in registry and registry.speakers["ru-mfa"].country == "RUS"
    assert registry.suggest("ru-mf") == "ru-mfa"
    assert registry.suggest("russian mfa") == "ru-mfa"  # by alias
    assert registry.suggest("zz-top") is None


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DIPDIFF_CACHE_DIR", str(tmp_path / "cache"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "speakers.yaml").write_text(SPEAKERS, encoding="utf-8")
    return corpus


@pytest.fixture
def text(tmp_path: Path) -> Path:
    path = tmp_path / "incoming.txt"
    path.write_text(BODY, encoding="utf-8")
    return path


def add(root: Path, text: Path, *extra: str, code: int = 0) -> str:
    run = expect(run_cli("corpus", "add", str(text), "--corpus", str(root), *extra), code)
    return run.stderr


def test_init_starts_a_corpus_that_add_and_check_accept(
    tmp_path: Path, text: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIPDIFF_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "desk").mkdir()
    root = tmp_path / "desk" / "corpus"
    for where in (root, root.parent):  # a folder not there, a folder without a registry
        missing = expect(run_cli("check", "--corpus", str(where)), 2)
        assert "dipdiff corpus init" in missing.stderr, "says how to start a corpus"
    assert not root.exists()
    started = expect(run_cli("corpus", "init", str(root)), 0)
    assert "started a corpus" in started.stderr and "corpus add" in started.stderr
    assert load_registry(root).speakers == {} and not load_registry(root).problems
    add(
        root,
        text,
        "--speaker",
        "kr-mofa",
        "--new-speaker",
        "Ministry of Foreign Affairs",
        "--date",
        "2018",
        "--title",
        "Statement",
    )
    expect(run_cli("check", "--corpus", str(root)), 0)
    assert load_registry(root).speakers["kr-mofa"].name == "Ministry of Foreign Affairs"


def test_init_never_changes_an_existing_corpus_or_file(root: Path, tmp_path: Path) -> None:
    before = (root / "speakers.yaml").read_bytes()
    again = expect(run_cli("corpus", "init", str(root)), 2)
    assert again.stderr.count("\n") == 1 and "exists already" in again.stderr
    assert (root / "speakers.yaml").read_bytes() == before
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine", encoding="utf-8")
    expect(run_cli("corpus", "init", str(a_file)), 2)
    assert a_file.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(
    "command",
    [
        ("check", "--corpus"),
        ("corpus", "list", "--corpus"),
        ("timeline", "--corpus"),
        ("track", "peace", "--corpus"),
        ("corpus", "init"),
    ],
)
def test_a_registry_that_is_a_folder_is_named(tmp_path: Path, command: tuple[str, ...]) -> None:
    (tmp_path / "speakers.yaml").mkdir()
    run = expect(run_cli(*command, str(tmp_path)), 2)
    assert run.stderr == (
        f"dipdiff: error: {tmp_path / 'speakers.yaml'}: is a directory;"
        " the speakers registry must be a YAML file\n"
    )
    assert (tmp_path / "speakers.yaml").is_dir() and not any((tmp_path / "speakers.yaml").iterdir())


def test_a_registry_link_to_nothing_is_named(tmp_path: Path) -> None:
    (tmp_path / "speakers.yaml").symlink_to(tmp_path / "gone.yaml")
    for command in (("check", "--corpus"), ("corpus", "init")):
        run = expect(run_cli(*command, str(tmp_path)), 2)
        assert run.stderr.count("\n") == 1 and "speakers.yaml: is a symbolic link to nothing" in run.stderr


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (("--new-speaker", "Ministry", "--country", "XXX"), "--country 'XXX' is not an ISO 3166-1 alpha-3"),
        (("--new-speaker", "Ministry", "--country", "chn"), "write it in capitals: CHN"),
    ],
)
def test_add_refuses_a_country_check_would_refuse(
    root: Path, text: Path, extra: tuple[str, ...], says: str
) -> None:
    """A new speaker's country was written to speakers.yaml unchecked, and check then failed on it."""
    before = (root / "speakers.yaml").read_bytes()
    message = add(root, text, "--speaker", "cn-mfa", "--date", "2018", "--title", "Statement", *extra, code=2)
    assert message.count("\n") == 1 and says in message, message
    assert (root / "speakers.yaml").read_bytes() == before and not (root / "cn-mfa").exists()
    add(
        root,
        text,
        "--speaker",
        "cn-mfa",
        "--date",
        "2018",
        "--title",
        "S",
        "--new-speaker",
        "M",
        "--country",
        "CHN",
    )
    expect(run_cli("check", "--corpus", str(root)), 0)


def test_add_refuses_a_country_without_a_new_speaker(root: Path, text: Path) -> None:
    """It was ignored: the registered speaker keeps its own country."""
    message = add(
        root, text, "--speaker", "ru-mfa", "--date", "2018", "--title", "S", "--country", "CHN", code=2
    )
    assert message.count("\n") == 1 and "--country describes a new speaker" in message, message
    assert not (root / "ru-mfa").exists()


def test_add_files_a_statement_that_passes_check(root: Path, text: Path) -> None:
    add(
        root,
        text,
        "--speaker",
        "ru-mfa",
        "--date",
        "2017-03-14",
        "--title",
        "Korean Peninsula: comment",
        "--language",
        "en",
        "--topic",
        "korea",
        "--topic",
        "sanctions",
        "--source",
        "https://mid.ru/x",
    )
    target = root / "ru-mfa" / "2017-03-14-korean-peninsula-comment.txt"
    statement = read_statement(str(target))
    assert statement.meta == {
        "speaker": "ru-mfa",
        "date": "2017-03-14",
        "title": "Korean Peninsula: comment",
        "source": "https://mid.ru/x",
        "language": "en",
        "topics": ["korea", "sanctions"],
    }
    assert statement.paragraphs == read_statement(str(text)).paragraphs
    expect(run_cli("check", "--corpus", str(root)), 0)


def test_add_never_overwrites(root: Path, text: Path) -> None:
    args = ("--speaker", "ru-mfa", "--date", "2017", "--title", "Comment", "--slug", "comment")
    add(root, text, *args)
    target = root / "ru-mfa" / "2017-comment.txt"
    before = target.read_bytes()
    text.write_text("Something else entirely.\n", encoding="utf-8")
    assert "already exists" in add(root, text, *args, code=2)
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["2017-comment.txt"]  # no temporary left


def test_a_second_title_in_hangul_on_one_day_is_told_to_take_a_slug(root: Path, text: Path) -> None:
    """A title without Latin letters or digits files as ``<date>-statement``: a second one that day
    is refused with the way out, which files it."""
    args = ("--speaker", "ru-mfa", "--date", "2018-01-01")
    add(root, text, *args, "--title", "신년사")
    assert (root / "ru-mfa" / "2018-01-01-statement.txt").is_file()
    text.write_text(OTHER_BODY, encoding="utf-8")
    refused = add(root, text, *args, "--title", "공동사설", code=2)
    assert "2018-01-01-statement.txt: already exists" in refused and "--slug" in refused, refused
    add(root, text, *args, "--title", "공동사설", "--slug", "joint-editorial")
    assert (root / "ru-mfa" / "2018-01-01-joint-editorial.txt").is_file()


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--speaker", "../evil"),
        ("--speaker", "/tmp/evil"),
        ("--slug", "../../evil"),
        ("--slug", "a\x00b"),
        ("--slug", "/abs/path"),
        ("--date", "../2017"),
    ],
)
def test_add_refuses_path_traversal(root: Path, text: Path, option: str, value: str) -> None:
    args = {"--speaker": "ru-mfa", "--date": "2017", "--slug": "ok"}
    args[option] = value
    flat = [item for pair in args.items() for item in pair]
    stderr = add(root, text, *flat, "--title", "T", code=2)
    assert stderr.startswith("dipdiff: error:")
    written = [p for p in root.parent.rglob("*") if p.is_file() and p.suffix in (".md", ".txt")]
    assert written == [text]


def test_add_refuses_a_speaker_folder_linked_outside(root: Path, text: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "ru-mfa").symlink_to(outside, target_is_directory=True)
    stderr = add(root, text, "--speaker", "ru-mfa", "--date", "2017", "--title", "T", code=2)
    assert "outside the corpus" in stderr and not list(outside.iterdir())


def test_add_registers_a_new_speaker_only_when_asked(root: Path, text: Path) -> None:
    stderr = add(root, text, "--speaker", "ru-mfx", "--date", "2017", "--title", "T", code=2)
    assert "did you mean 'ru-mfa'" in stderr and "--new-speaker" in stderr
    add(
        root,
        text,
        "--speaker",
        "cn-mfa",
        "--date",
        "2017",
        "--title",
        "T",
        "--new-speaker",
        "Ministry of Foreign Affairs of China",
        "--country",
        "CHN",
    )
    registry = load_registry(root)
    assert registry.speakers["cn-mfa"].name == "Ministry of Foreign Affairs of China"
    assert registry.speakers["cn-mfa"].country == "CHN" and "ru-mfa" in registry
    assert (root / "speakers.yaml").read_text("utf-8").startswith(SPEAKERS)  # appended, not rewritten
    stderr = add(
        root, text, "--speaker", "cn-mfa", "--date", "2018", "--title", "T", "--new-speaker", "X", code=2
    )
    assert "already registered" in stderr


def test_add_checks_supersedes(root: Path, text: Path) -> None:
    add(root, text, "--speaker", "ru-mfa", "--date", "2017-03-14", "--title", "First", "--slug", "first")
    assert "no such statement" in add(
        root,
        text,
        "--speaker",
        "ru-mfa",
        "--date",
        "2017-04",
        "--title",
        "T",
        "--supersedes",
        "ru-mfa/2017-03-14-frist",
        code=2,
    )
    assert "another speaker" in add(
        root,
        text,
        "--speaker",
        "us-white-house",
        "--date",
        "2017-04",
        "--title",
        "T",
        "--supersedes",
        "ru-mfa/2017-03-14-first",
        code=2,
    )
    add(
        root,
        text,
        "--speaker",
        "ru-mfa",
        "--date",
        "2017-04",
        "--title",
        "Second",
        "--illustrative",
        "--supersedes",
        "ru-mfa/2017-03-14-first",
    )
    meta = read_statement(str(root / "ru-mfa" / "2017-04-second.txt")).meta
    assert meta["supersedes"] == "ru-mfa/2017-03-14-first" and meta["illustrative"] is True


def test_add_refuses_bad_input(root: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("\n\n", encoding="utf-8")
    assert "empty" in add(root, empty, "--speaker", "ru-mfa", "--date", "2017", "--title", "T", code=2)
    assert "not a real date" in add(
        root, empty, "--speaker", "ru-mfa", "--date", "2017-02-30", "--title", "T", code=2
    )
    assert "no speakers.yaml" in add(
        tmp_path, empty, "--speaker", "ru-mfa", "--date", "2017", "--title", "T", code=2
    )


def test_list_the_bundled_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIPDIFF_CACHE_DIR", str(tmp_path / "cache"))
    table = expect(
        run_cli("corpus", "list", "--corpus", str(CORPUS), "--width", "200"), 0
    ).stdout.splitlines()
    assert table[0].split() == ["ID", "DATE", "TOPICS", "TITLE"]
    assert [line.split()[0] for line in table[1:]] == [
        "ru-mfa/unknown-korean-peninsula-illustrative-revision",
        "ru-mfa/unknown-korean-peninsula",
    ]
    document = json.loads(expect(run_cli("corpus", "list", "--corpus", str(CORPUS), "-f", "json"), 0).stdout)
    assert document["schema"] == "dipdiff/corpus-list/v1"
    (revision,) = [s for s in document["statements"] if s["supersedes"]]
    assert revision["supersedes"] == "ru-mfa/unknown-korean-peninsula" and revision["illustrative"] is True


def test_list_filters_by_speaker_and_topic(root: Path, text: Path) -> None:
    add(root, text, "--speaker", "ru-mfa", "--date", "2017", "--title", "A", "--topic", "korea")
    text.write_text("The United States and its partners agreed on trade.\n", encoding="utf-8")
    add(root, text, "--speaker", "us-white-house", "--date", "2018", "--title", "B", "--topic", "trade")

    def ids(*args: str) -> list[str]:
        out = expect(run_cli("corpus", "list", "--corpus", str(root), "-f", "json", *args), 0).stdout
        return [s["id"] for s in json.loads(out)["statements"]]

    assert ids() == ["ru-mfa/2017-a", "us-white-house/2018-b"]
    assert ids("--speaker", "us-white-house") == ["us-white-house/2018-b"]
    assert ids("--topic", "korea") == ["ru-mfa/2017-a"] and ids("--topic", "none") == []
    assert expect(run_cli("corpus", "list", "--corpus", str(root / "nope")), 2).stderr


def test_without_corpus_the_nearest_registry_from_here_up_is_the_corpus(
    root: Path, text: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(root, text, "--speaker", "ru-mfa", "--date", "2017", "--title", "A")

    def ids() -> list[str]:
        out = expect(run_cli("corpus", "list", "-f", "json"), 0).stdout
        return [s["id"] for s in json.loads(out)["statements"]]

    monkeypatch.chdir(root / "ru-mfa")  # inside a speaker's folder, as git finds its repository
    assert ids() == ["ru-mfa/2017-a"]
    monkeypatch.chdir(root)
    assert ids() == ["ru-mfa/2017-a"]
    check = expect(run_cli("check", "-f", "json"), 0)
    assert json.loads(check.stdout)["statements"] == 1
    monkeypatch.chdir(tmp_path)  # ./corpus is a folder: it wins, as before
    assert ids() == ["ru-mfa/2017-a"]
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    monkeypatch.chdir(outside)
    assert "corpus folder not found" in expect(run_cli("corpus", "list"), 2).stderr
    monkeypatch.chdir(root)  # a --corpus given is taken as given, never searched for
    assert "corpus folder not found" in expect(run_cli("corpus", "list", "--corpus", "corpus"), 2).stderr


def test_list_refuses_a_speaker_the_corpus_does_not_have_like_the_history_commands(
    root: Path, text: Path
) -> None:
    """A mistyped --speaker used to list "no statements" with exit 0, as if the speaker had said nothing."""
    add(root, text, "--speaker", "ru-mfa", "--date", "2017", "--title", "A")
    for command in (("corpus", "list"), ("timeline",)):
        run = expect(run_cli(*command, "--corpus", str(root), "--speaker", "ru-mfx"), 2)
        assert run.stderr.startswith("dipdiff: error:") and len(run.stderr.splitlines()) == 1
        assert "no speaker 'ru-mfx'" in run.stderr and "did you mean 'ru-mfa'?" in run.stderr


def test_list_names_each_file_it_cannot_read_and_lists_the_rest(root: Path, text: Path) -> None:
    """An unreadable statement used to be listed as a row of empty fields, exit 0, without a word."""
    import os

    add(root, text, "--speaker", "ru-mfa", "--date", "2017-03-14", "--title", "Good")
    text.write_text("The United States and its partners agreed on trade.\n", encoding="utf-8")
    add(root, text, "--speaker", "us-white-house", "--date", "2018", "--title", "Other", "--slug", "b")
    folder = root / "ru-mfa"
    head = "---\nspeaker: ru-mfa\n"
    (folder / "2017-02-30-date.md").write_text(head + "date: 2017-02-30\ntitle: T\n---\n\nText.\n")
    (folder / "2017-02-01-yaml.md").write_text(head + "date: 2017-02-01\ntitle: [open\n---\n\nText.\n")
    (folder / "2017-02-02-empty.md").write_text(head + "date: 2017-02-02\ntitle: T\n---\n\n")
    os.mkfifo(folder / "2017-02-03-pipe.md")
    (folder / "2017-02-04-cp1251.txt").write_bytes("Мы\n".encode("cp1251"))
    bad = {
        "2017-02-30-date.md": "not a real date",
        "2017-02-01-yaml.md": "invalid YAML",
        "2017-02-02-empty.md": "empty",
        "2017-02-03-pipe.md": "named pipe",
    }

    run = expect(run_cli("corpus", "list", "--corpus", str(root), "-f", "json"), 2)
    document = json.loads(run.stdout)
    listed = [s["id"] for s in document["statements"]]
    assert listed == ["ru-mfa/2017-03-14-good", "ru-mfa/2017-02-04-cp1251", "us-white-house/2018-b"]
    assert {Path(u["path"]).name: u["problem"] for u in document["unreadable"]}.keys() == bad.keys()
    errors = [line for line in run.stderr.splitlines() if line.startswith("dipdiff: error: ")]
    warnings = [line for line in run.stderr.splitlines() if line.startswith("dipdiff: warning: ")]
    assert len(errors) == len(bad) and len(errors) + len(warnings) == len(run.stderr.splitlines()), str(run)
    for name, problem in bad.items():
        (line,) = [e for e in errors if f"{folder / name}: " in e]
        assert problem in line, line
    assert len(warnings) == 1 and "2017-02-04-cp1251.txt: not UTF-8" in warnings[0], str(run)

    table = expect(run_cli("corpus", "list", "--corpus", str(root), "--width", "200"), 2).stdout
    assert [line.split()[0] for line in table.splitlines()[1:]] == listed
    other = expect(run_cli("corpus", "list", "--corpus", str(root), "--speaker", "us-white-house"), 0)
    assert other.stderr == "" and "us-white-house/2018-b" in other.stdout


def test_list_shortens_long_ids_in_the_middle_and_gives_titles_the_width(root: Path, text: Path) -> None:
    slug = (
        "readout-of-president-joe-bidens-meeting-with-president-xi-jinping-of-the-peoples-republic-of-china"
    )
    title = (
        "Readout of President Joe Biden's Meeting with President Xi Jinping of the People's Republic of China"
    )
    bodies = ["The leaders met in Lima.", "They spoke about trade and fentanyl.", "Taiwan came up at length."]
    for version, body in zip(("", "-v01", "-v02"), bodies, strict=True):
        text.write_text(body + "\n", encoding="utf-8")
        args = (
            "--speaker",
            "us-white-house",
            "--date",
            "2024-11-16",
            "--title",
            title,
            "--slug",
            slug + version,
        )
        add(root, text, *args)
    table = expect(run_cli("corpus", "list", "--corpus", str(root), "--width", "200"), 0).stdout.splitlines()
    assert all(line.endswith(title) for line in table[1:]), "the whole title fits in 200 columns"
    assert all(len(line) <= 200 for line in table)
    assert sorted(line.split()[0][-4:] for line in table[1:]) == ["-v01", "-v02", "hina"]
    narrow = expect(run_cli("corpus", "list", "--corpus", str(root), "--width", "100"), 0).stdout.splitlines()
    assert all(len(line) <= 100 for line in narrow)
    assert len({line.split()[0] for line in narrow[1:]}) == 3, "same-day statements stay apart"
    assert all("Readout of President" in line for line in narrow[1:])


def test_list_cuts_a_long_topic_list_before_ids_and_titles(root: Path, text: Path) -> None:
    """One statement's topics ("us-japan-joint-leaders-statements", as the White House series has)
    set the topics column's width for every row: where ids and titles do not fit, it takes 20 columns
    and the room goes to them."""
    stem = "u-s-japan-joint-leaders-statement-u-s-japan-global-partnership-for-a-new-era"
    title = "U.S.-Japan Joint Leaders' Statement: U.S.-Japan Global Partnership for a New Era"
    for day, (body, topic) in enumerate(
        ((BODY, "us-japan-joint-leaders-statements"), (OTHER_BODY, "japan")), 1
    ):
        text.write_text(body, encoding="utf-8")
        args = ("--date", f"2021-04-1{day}", "--title", title, "--slug", stem, "--topic", topic)
        add(root, text, "--speaker", "us-white-house", *args)
    table = expect(run_cli("corpus", "list", "--corpus", str(root), "--width", "100"), 0).stdout.splitlines()
    assert all(len(line) <= 100 for line in table), table
    assert table[0].index("TITLE") - table[0].index("TOPICS") == 22, table[0]
    assert "us-japan-joint-lead…" in table[1] and "japan " in table[2]
    assert table[0].index("DATE") >= 27, "the ids get the room the topics gave up (it was 22)"


def _columns(line: str) -> int:
    """Terminal columns of a line, counted from the Unicode tables (wide and full-width: two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)


def test_list_measures_korean_titles_in_terminal_columns(root: Path, text: Path) -> None:
    """A Hangul syllable takes two columns: a New Year address's title is cut to the table's width,
    not to as many characters, so no row runs past it."""
    titles = (
        "이미 얻은 승리를 공고히 하며 새로운 승리를 쟁취하기 위하여",
        "국토의 완정과 조국의 통일을 위하여 궐기하자",
    )
    for day, (title, body) in enumerate(zip(titles, (BODY, OTHER_BODY), strict=True), start=1):
        text.write_text(body, encoding="utf-8")
        add(root, text, "--speaker", "ru-mfa", "--date", f"2019-01-0{day}", "--title", title, "--slug", "x")
    table = expect(run_cli("corpus", "list", "--corpus", str(root), "--width", "60"), 0).stdout.splitlines()
    assert [_columns(line) <= 60 for line in table] == [True] * 3, table
    assert table[1].endswith("…") and "이미 얻은 승리를" in table[1], "cut, not dropped"
    assert _columns(table[1]) >= 59, "and cut no shorter than it must be"
    assert table[0].index("TITLE") == table[1].index("이미") == table[2].index("국토"), "columns stay aligned"


@pytest.mark.parametrize(
    ("extra", "rule"),
    [
        (["--date", "2999-01-01"], "[future-date]"),
        (["--date", "2017", "--language", "xx-zz"], "[field-type]"),
        (["--date", "2017", "--source", "ftp://x"], "[field-type]"),
    ],
)
def test_add_refuses_what_check_would_reject(root: Path, text: Path, extra: list[str], rule: str) -> None:
    message = add(root, text, "--speaker", "ru-mfa", "--title", "Comment", *extra, code=2)
    assert rule in message and "nothing was written" in message and message.count("\n") == 1, message
    assert not (root / "ru-mfa").exists()
    expect(run_cli("check", "--corpus", str(root)), 0)


def test_add_refuses_the_same_text_filed_twice(root: Path, text: Path) -> None:
    add(root, text, "--speaker", "ru-mfa", "--date", "2017", "--title", "Comment")
    registry = (root / "speakers.yaml").read_bytes()
    message = add(
        root, text, "--speaker", "cn-mfa", "--new-speaker", "Ministry of Foreign Affairs of China",
        "--date", "2018", "--title", "Again", code=2,
    )  # fmt: skip
    assert "[exact-duplicate]" in message and "2017-comment.txt" in message, message
    assert sorted(p.name for p in root.rglob("*.txt")) == ["2017-comment.txt"]
    assert (root / "speakers.yaml").read_bytes() == registry, "the new speaker is not registered either"
    expect(run_cli("check", "--corpus", str(root)), 0)


@pytest.mark.parametrize("front_matter", ["", "---\ntitle: Draft\nnote: x\n---\n\n"])
def test_add_names_the_lines_of_the_file_that_check_refuses(
    root: Path, tmp_path: Path, front_matter: str
) -> None:
    # a text with stray control characters (a bell from a terminal capture): the user must be told
    # where in their file, once per rule, not the same words once per line
    incoming = tmp_path / "speech.txt"
    body = "First paragraph.\n\a\nSecond paragraph.\n\nThird.\a\n\nFourth.\n"
    incoming.write_text(front_matter + body, encoding="utf-8")
    first = front_matter.count("\n") + 2
    message = add(root, incoming, "--speaker", "ru-mfa", "--date", "2017", "--title", "Speech", code=2)
    assert message.count("\n") == 1 and message.count("[control-character]") == 1, message
    assert f"lines {first}, {first + 3} of {incoming}" in message, message
    assert not (root / "ru-mfa").exists()


def test_a_form_feed_is_a_page_break_a_corpus_keeps(root: Path, tmp_path: Path) -> None:
    # UN speeches extracted from PDF keep a form feed at each page break (RUS_53_1998.txt and others):
    # the readers take it as a page break, so corpus add files it and check passes it
    incoming = tmp_path / "speech.txt"
    incoming.write_text("First paragraph.\n\f\nSecond paragraph.\n\nThird.\f\n\nFourth.\n", encoding="utf-8")
    add(root, incoming, "--speaker", "ru-mfa", "--date", "2017", "--title", "Speech")
    assert expect(run_cli("check", "--corpus", str(root)), 0).stdout
    (filed,) = (root / "ru-mfa").iterdir()
    assert "\f" in filed.read_text(encoding="utf-8")


WRAPPED = (
    "On 11 September 2001 the world changed, and it rallied together in\n"
    "the fight against the threat of terror, a threat common to all.\n"
    "The world displayed an unprecedented level of solidarity.\n"
    "We must build on that unity today, and not waste it on quarrels.\n"
)


@pytest.mark.parametrize("how", ["stdin", "no-suffix"])
def test_add_files_plain_text_as_text_whatever_its_name(root: Path, tmp_path: Path, how: str) -> None:
    # a plain-text speech piped in (or named without a suffix) was filed as .md and then read as
    # Markdown: one paragraph per line became one paragraph, other paragraphs than the user gave
    from dipdiff.readers import parse_statement

    args = ("--corpus", str(root), "--speaker", "ru-mfa", "--date", "2008", "--title", "Speech")
    if how == "stdin":
        run = expect(run_cli("corpus", "add", "-", *args, input=WRAPPED), 0)
    else:
        source = tmp_path / "speech"
        source.write_text(WRAPPED, encoding="utf-8")
        run = expect(run_cli("corpus", "add", str(source), *args), 0)
    (filed,) = (root / "ru-mfa").iterdir()
    assert filed.name == "2008-speech.txt", run
    given = parse_statement(WRAPPED.encode(), "given.txt").paragraphs
    assert parse_statement(filed.read_bytes(), str(filed)).paragraphs == given
    assert len(given) == 3  # a line a paragraph, but for the first, whose sentence runs on


def test_add_files_markdown_from_standard_input_as_markdown(root: Path) -> None:
    text = "---\ntitle: Draft\n---\n\nWe **welcome** the talks.\n\nWe call for restraint.\n"
    args = ("--corpus", str(root), "--speaker", "ru-mfa", "--date", "2008", "--title", "Speech")
    expect(run_cli("corpus", "add", "-", *args, input=text), 0)
    assert [p.name for p in (root / "ru-mfa").iterdir()] == ["2008-speech.md"]


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_add_files_old_line_endings_as_line_feeds(root: Path, tmp_path: Path, ending: str) -> None:
    source = tmp_path / "speech.txt"
    source.write_bytes(ending.join(["We met in Lima today.", "", "We spoke about trade.", ""]).encode())
    add(root, source, "--speaker", "ru-mfa", "--date", "2008", "--title", "Speech")
    filed = (root / "ru-mfa" / "2008-speech.txt").read_bytes()
    assert b"\r" not in filed and filed.endswith(b"\nWe met in Lima today.\n\nWe spoke about trade.\n")


def test_add_names_the_registry_when_the_speaker_is_not_in_it(root: Path, text: Path) -> None:
    # every error line names the file it is about: here the corpus's speakers.yaml
    unknown = add(root, text, "--speaker", "zz-mfa", "--date", "2017", "--title", "Comment", code=2)
    assert unknown.startswith(f"dipdiff: error: {root / 'speakers.yaml'}: speaker 'zz-mfa' is not in it"), (
        unknown
    )
    again = add(
        root, text, "--speaker", "ru-mfa", "--new-speaker", "Russia", "--date", "2017", "--title", "C", code=2
    )
    assert again.startswith(f"dipdiff: error: {root / 'speakers.yaml'}: speaker 'ru-mfa' is already"), again
