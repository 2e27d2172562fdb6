"""The long fuzz run: every reader and the compare pipeline on many generated inputs (outside pytest).

Two modes:

- ``fuzz`` (default): coverage-guided with atheris (libFuzzer) when it is installed
  (``pip install -e '.[fuzz]'``), otherwise hypothesis with many examples. Each input is read in the
  format its first byte picks, then compared with the seed statement. The only allowed failure is
  ``InputError``; anything else is a crash, and libFuzzer keeps the input under ``--artifacts``.
- ``frontmatter``: statements whose front matter mixes the corpus fields with hostile values
  (``tests/fixtures/hostile.py``), read with hypothesis for ``--runs`` examples; each must read into
  metadata that is JSON (no NaN, no surrogate) or be refused with one ``InputError`` line.
- ``layout``: corpora laid out with FIFOs, sockets, links, hidden and misplaced files, hostile front
  matter and broken registries; ``check``, ``corpus list`` and ``timeline`` run on each (in this
  process) and must end in a result or one error line.
- ``catalog``: the named hostile and oversized inputs (50 MB line, 100,000 paragraphs, zip bomb,
  nested HTML, ...) run through the real ``dipdiff`` console script, each with a time limit; prints a
  Markdown table of exit code, seconds, peak memory and the error line, for RELIABILITY.md.

    .venv/bin/python benchmarks/fuzz_readers.py fuzz --runs 20000
    .venv/bin/python benchmarks/fuzz_readers.py frontmatter --runs 5000
    .venv/bin/python benchmarks/fuzz_readers.py layout --runs 300
    .venv/bin/python benchmarks/fuzz_readers.py catalog
"""

from __future__ import annotations

import argparse
import atexit
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fixtures import formats  # noqa: E402

FORMATS = ["auto", "text", "markdown", "html", "pdf", "docx"]
NAMES = ["x.txt", "x.md", "x.html", "x.pdf", "x.docx", "-"]
OUTCOMES: Counter[str] = Counter()
REPORT: list[Path] = []
"""Where the counts are written every 200 inputs (libFuzzer ends the process without atexit)."""


def seeds() -> dict[str, bytes]:
    """Real statements in each format, the starting points for mutation."""
    paragraphs = [p for p in formats.SEED.read_text(encoding="utf-8").split("\n") if p.strip()]
    return {
        "seed.txt": "\n\n".join(paragraphs).encode(),
        "seed.md": ("---\ntitle: Comment\n---\n" + "\n\n".join(paragraphs)).encode(),
        "seed.html": formats.html_page(paragraphs),
        "seed.pdf": formats.pdf_document(paragraphs),
        "seed-plain.pdf": formats.pdf_document(paragraphs[:3], compress=False),
        "seed.docx": formats.docx_document(paragraphs),
    }


def one_input(data: bytes) -> None:
    """Read ``data`` as the format its first byte picks and compare it; only InputError may escape."""
    from dipdiff.compare import compare
    from dipdiff.errors import InputError
    from dipdiff.options import CompareOptions
    from dipdiff.readers import InputFormat, parse_statement

    if REPORT and sum(OUTCOMES.values()) % 200 == 0:
        REPORT[0].write_text(_summary())
    choice = data[0] if data else 0
    fmt = InputFormat(FORMATS[choice % len(FORMATS)])
    name = NAMES[(choice // len(FORMATS)) % len(NAMES)]
    body = data[1:] if choice % 7 else data  # sometimes the first byte belongs to the file
    try:
        statement = parse_statement(body, name, fmt)
    except InputError as exc:
        message = str(exc)
        assert "\n" not in message and message.startswith(f"{name}: "), message
        OUTCOMES["refused with one line (InputError)"] += 1
        return
    OUTCOMES[f"read ({fmt.value})"] += 1
    compare(statement, statement, CompareOptions(time_budget=5.0))
    OUTCOMES["compared"] += 1


def _summary() -> str:
    total = sum(v for k, v in OUTCOMES.items() if k != "compared")
    lines = [f"inputs: {total}"] + [f"  {outcome}: {count}" for outcome, count in sorted(OUTCOMES.items())]
    return "\n".join(lines) + "\n"


def _report() -> None:
    print("\n" + _summary(), file=sys.stderr)


def fuzz(runs: int, artifacts: Path, max_seconds: int = 3600) -> None:
    """Run the fuzzer: atheris if importable, else hypothesis."""
    atexit.register(_report)
    try:
        import atheris
    except ImportError:
        atheris = None
    if atheris is None:
        _fuzz_hypothesis(runs)
        return
    corpus = Path(tempfile.mkdtemp(prefix="dipdiff-fuzz-corpus-"))
    for k, (name, data) in enumerate(seeds().items()):
        (corpus / name).write_bytes(bytes([k * len(FORMATS) % 256]) + data)
    artifacts.mkdir(parents=True, exist_ok=True)
    REPORT.append(artifacts / "outcomes.txt")
    with atheris.instrument_imports():
        import dipdiff.compare
        import dipdiff.readers.docx
        import dipdiff.readers.html
        import dipdiff.readers.pdf  # noqa: F401
    argv = [
        sys.argv[0],
        f"-runs={runs}",
        "-max_len=200000",
        "-timeout=60",
        "-rss_limit_mb=6000",
        f"-max_total_time={max_seconds}",
        f"-artifact_prefix={artifacts}/",
        str(corpus),
    ]
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


def _fuzz_hypothesis(runs: int) -> None:
    """Hypothesis fallback: random and mutated seeds, many examples."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    pool = list(seeds().values())

    @settings(max_examples=runs, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(st.binary(max_size=5000), st.tuples(st.sampled_from(pool), st.binary(max_size=64))))
    def run(case: bytes | tuple[bytes, bytes]) -> None:
        if isinstance(case, tuple):
            seed, noise = case
            cut = int.from_bytes(noise[:3] or b"\0", "big") % (len(seed) + 1)
            case = bytes([noise[0] if noise else 0]) + seed[:cut] + noise + seed[cut + len(noise) :]
        one_input(case)

    run()


def fuzz_front_matter(runs: int) -> None:
    """Hostile front matter: metadata that is JSON, or one error line."""
    import json

    from hypothesis import HealthCheck, given, settings
    from tests.fixtures.hostile import front_matter

    from dipdiff.errors import InputError
    from dipdiff.readers import parse_statement

    @settings(max_examples=runs, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(front_matter())
    def run(data: bytes) -> None:
        try:
            statement = parse_statement(data, "fm.md")
        except InputError as exc:
            assert str(exc).startswith("fm.md: ") and "\n" not in str(exc), str(exc)
            OUTCOMES["refused with one line (InputError)"] += 1
            return
        json.dumps(statement.meta, allow_nan=False, default=str, ensure_ascii=False).encode("utf-8")
        OUTCOMES["read, metadata is JSON"] += 1

    run()
    print(_summary())


def fuzz_layout(runs: int) -> None:
    """Hostile corpus layouts through check, corpus list, timeline and track: a result, or one error
    line (per unreadable file, for the commands that show what they could read)."""
    from hypothesis import HealthCheck, given, settings
    from tests.fixtures.hostile import Node, build_corpus, corpus_layout
    from tests.helpers import result_or_error_lines, run_cli

    @settings(max_examples=runs, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(corpus_layout())
    def run(nodes: list[Node]) -> None:
        with tempfile.TemporaryDirectory(prefix="dipdiff-layout-") as folder:
            work = Path(folder)
            build_corpus(work / "corpus", nodes, work / "outside.md")
            for args in (["check"], ["corpus", "list"], ["timeline"], ["track", "peninsula"]):
                done = run_cli(*args, "--corpus", str(work / "corpus"), env={"DIPDIFF_CACHE_DIR": folder})
                result_or_error_lines(done, None if args == ["check"] else work / "corpus")
                OUTCOMES[f"{args[0]}: exit {done.code}"] += 1

    run()
    print(_summary())


def _hostile(work: Path) -> dict[str, Path]:
    """Write the catalogue of hostile and oversized files."""
    paragraphs = [p for p in formats.SEED.read_text(encoding="utf-8").split("\n") if p.strip()]
    words = ["peace", "war", "talks", "sanctions", "restraint", "dialogue", "concern"]
    files = {
        "50 MB single line": b"x" * (50 * 1024 * 1024),
        "14 MB single line (A)": " ".join(words[k * 5 % 7] for k in range(2_000_000)).encode(),
        "14 MB single line (B, 1 word in 1000 changed)": " ".join(
            "changed" if k % 1000 == 0 else words[k * 5 % 7] for k in range(2_000_000)
        ).encode(),
        "100,000 one-word paragraphs (A)": "\n\n".join(words[k * 3 % 7] for k in range(100_000)).encode(),
        "100,000 one-word paragraphs (B)": "\n\n".join(
            "changed" if k % 97 == 0 else words[k * 3 % 7] for k in range(100_000)
        ).encode(),
        "100,001 paragraphs": "\n\n".join(["w"] * 100_001).encode(),
        "zip bomb posing as DOCX (80 MiB of zeros)": formats.zip_bomb_docx(),
        "ZIP of 6,000 files posing as DOCX": formats.many_members_docx(),
        "DOCX with an XML entity bomb": formats.replace_member(
            formats.docx_document(paragraphs), "word/document.xml", formats.BILLION_LAUGHS_XML
        ),
        "PDF with a broken xref table": formats.pdf_document(paragraphs, broken_xref=True),
        "PDF cut in half": formats.pdf_document(paragraphs)[:1500],
        "HTML nested 100,000 deep": formats.nested_html(100_000),
        "HTML page of 200,000 paragraphs": b"<html><body>" + b"<p>We are concerned.</p>" * 200_000,
        "YAML alias bomb front matter": b"---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n---\nText.\n",
        "Markdown: 50,000 nested quotes": b">" * 50_000 + b" text\n",
        "Markdown: 30,000 brackets": b"[" * 30_000 + b"x" + b"](" * 30_000,
        "random bytes (1 MiB)": os.urandom(1024 * 1024),
        "UTF-16 cut mid-character": b"\xff\xfe" + "We are concerned.".encode("utf-16-le")[:-1],
    }
    paths = {}
    suffixes = {"DOCX": ".docx", "PDF": ".pdf", "HTML": ".html", "YAML": ".md", "Markdown": ".md"}
    for k, (label, data) in enumerate(files.items()):
        suffix = next((s for key, s in suffixes.items() if key in label), ".txt")
        path = work / f"case{k:02d}{suffix}"
        path.write_bytes(data)
        paths[label] = path
    return paths


def catalog(timeout: float) -> None:
    """Run each hostile file through the console script and print a Markdown table."""
    dipdiff = ROOT / ".venv" / "bin" / "dipdiff"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        paths = _hostile(work)
        partner = {
            "14 MB single line (A)": paths["14 MB single line (B, 1 word in 1000 changed)"],
            "100,000 one-word paragraphs (A)": paths["100,000 one-word paragraphs (B)"],
        }
        print("| input | exit | seconds | peak MB | outcome |\n| --- | --- | --- | --- | --- |")
        for label, path in paths.items():
            if "(B" in label:
                continue
            other = partner.get(label, path)
            code, err, seconds, peak = _run(dipdiff, path, other, work, timeout)
            err = err.replace(str(work) + "/", "").replace("|", "\\|")
            print(f"| {label} | {code} | {seconds:.1f} | {peak:.0f} | {err} |", flush=True)


def _run(dipdiff: Path, old: Path, new: Path, work: Path, timeout: float) -> tuple[str, str, float, float]:
    """Run one comparison; return exit code, outcome, seconds and the child's own peak memory (MB)."""
    import json

    out, err_path = work / "stdout", work / "stderr"
    start = time.monotonic()
    with out.open("wb") as stdout, err_path.open("wb") as stderr:
        # /usr/bin/time reports the child's own peak; a child's ru_maxrss would start at the
        # parent's size, since Linux carries it over the fork.
        child = subprocess.Popen(
            ["/usr/bin/time", "-f", "%M", str(dipdiff), "compare", str(old), str(new), "-f", "json"],
            stdout=stdout,
            stderr=stderr,
        )
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                child.kill()
                _, status, usage = os.wait4(child.pid, 0)
                return "timeout", f"no answer in {timeout:.0f} s", timeout, usage.ru_maxrss / 1024
            time.sleep(0.05)
    seconds = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    *lines, peak_kb = err_path.read_text(errors="replace").strip().splitlines()
    outcome = " / ".join(line for line in lines if not line.startswith("Command exited"))
    if code in (0, 1):
        notes = json.loads(out.read_bytes()).get("notes", [])
        outcome = "result" + (f"; notes: {' / '.join(notes)}" if notes else "")
    return str(code), outcome, seconds, int(peak_kb) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "mode", choices=["fuzz", "frontmatter", "layout", "catalog"], nargs="?", default="fuzz"
    )
    parser.add_argument("--runs", type=int, default=20_000)
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--artifacts", type=Path, default=Path(tempfile.gettempdir()) / "dipdiff-fuzz")
    args = parser.parse_args()
    if args.mode == "catalog":
        catalog(args.timeout)
    elif args.mode == "frontmatter":
        fuzz_front_matter(args.runs)
    elif args.mode == "layout":
        fuzz_layout(args.runs)
    else:
        fuzz(args.runs, args.artifacts, int(args.timeout))


if __name__ == "__main__":
    main()
