"""Lay out the shared statements (``DIPDIFF_DATA``) as a temporary dipdiff corpus, or a synthetic one.

    python benchmarks/make_corpus.py OUT_DIR [--series un,unsc,whitehouse,nk] [--synthetic N]
                                             [--data DIR] [--seed S]

OUT_DIR becomes a corpus root (``speakers.yaml`` plus one folder per speaker) and must not exist yet or
be empty. The source files are never modified; each statement gets dipdiff front matter and keeps its
body as published (a byte-order mark is dropped, line endings become LF).

Real series (default: all four); ``--match REGEX`` keeps only source files whose path matches:

* ``un``: UN General Debate speeches, speaker ``unga-<iso3>`` (e.g. ``unga-rus``), dated by year
  (``2017``), ``<year>-session-<nn>.txt``.
* ``unsc``: Security Council resolutions, speaker ``unsc``, dated from the "Resolution of 25 June 1950"
  header when present, else by year, ``<date>-resolution-<nnnn>.txt``.
* ``whitehouse``: White House joint statements and readouts, speaker ``us-white-house``,
  ``<date>-<original slug>.md``. Each earlier published version under ``revisions/`` becomes
  ``<date>-<slug>-v<NN>.md``, and each version ``supersedes`` the one before it (the current text
  supersedes the last earlier version that differs from it).
* ``nk``: North Korean New Year addresses and joint editorials, speaker ``prk-new-year``,
  ``<year>-01-01-new-year.txt``.

``--grow N`` lays out the real series, then adds perturbed copies of their statements until the
corpus holds N: round k files a copy of every statement under a clone speaker ``<speaker>-gk`` (with
``supersedes`` pointing into the clone), each copy with about 2% of its words replaced by other words
of the same statement and, one time in four, one paragraph dropped. A speaker's series keeps its
shape (the same revisions, the same near-repeats), so work per statement stays comparable as the
corpus grows.

``--synthetic N`` instead writes N statements whose paragraphs are drawn at random from the English
series, spread over ``N // 100`` speakers ``syn-0001``...; every 500th statement is a planted
near-duplicate (one word changed) of an earlier statement by the same speaker, and every 1000th is a
revision of an earlier one with ``supersedes``. A summary (counts, planted pairs) is printed as JSON.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import json
import os
import random
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from dipdiff.corpus.layout import render_front_matter, slugify, statement_id, statement_relpath

SERIES = ("un", "unsc", "whitehouse", "nk")
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}


@dataclass
class Layout:
    """The statements and speakers being written."""

    out: Path
    speakers: dict[str, dict[str, Any]] = field(default_factory=dict)
    written: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    paths: set[PurePosixPath] = field(default_factory=set)
    match: re.Pattern[str] | None = None
    """Only source files whose path (below the data folder) this matches are imported."""

    def wanted(self, path: Path | str) -> bool:
        """Whether a source file passes ``--match``."""
        return self.match is None or bool(self.match.search(Path(path).as_posix()))

    def speaker(self, sid: str, name: str, country: str | None, aliases: tuple[str, ...] = ()) -> None:
        """Register a speaker once; later aliases are merged in."""
        entry = self.speakers.setdefault(sid, {"name": name})
        if country:
            entry["country"] = country
        known = entry.setdefault("aliases", [])
        for alias in aliases:
            alias = alias.strip()
            if alias and alias != name and alias not in known:
                known.append(alias)

    def add(self, meta: dict[str, Any], body: str, slug: str, suffix: str, series: str) -> PurePosixPath:
        """Write one statement under its corpus path; a taken path gets a numbered slug."""
        base, n = slug, 1
        while True:
            rel = statement_relpath(meta["speaker"], str(meta["date"]), slug, suffix)
            if rel not in self.paths:
                break
            n += 1
            slug = f"{base}-{n}"
        self.paths.add(rel)
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_front_matter(meta) + "\n" + body.lstrip("\n"), encoding="utf-8")
        self.written[series] += 1
        return rel

    def finish(self) -> None:
        """Write the speakers registry."""
        import yaml

        registry = {}
        for sid in sorted(self.speakers):
            entry = dict(self.speakers[sid])
            if not entry.get("aliases"):
                entry.pop("aliases", None)
            registry[sid] = entry
        header = "# Speakers registry written by benchmarks/make_corpus.py\n"
        text = yaml.safe_dump(registry, sort_keys=False, allow_unicode=True, width=100)
        (self.out / "speakers.yaml").write_text(header + text, encoding="utf-8")


def read_text(path: Path) -> str:
    """Read a source file as UTF-8, dropping a byte-order mark and normalising line ends."""
    text = path.read_bytes().decode("utf-8")
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def split_front(text: str) -> tuple[dict[str, Any], str]:
    """Split a source file's own front matter from its body."""
    import yaml

    if not text.startswith("---\n"):
        return {}, text
    end = text.index("\n---\n", 3)
    return yaml.safe_load(text[4:end]) or {}, text[end + 5 :]


def import_un(data: Path, layout: Layout) -> None:
    """UN General Debate speeches: one speaker per country code, dated by year."""
    people: dict[tuple[str, str], dict[str, str]] = {}
    with (data / "ungdc" / "Speakers_by_session.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            people[(row["ISO Code"].strip(), row["Year"].strip())] = row
    for path in sorted((data / "ungdc" / "TXT").glob("*/*.txt")):
        if not layout.wanted(path):
            continue
        code, session, year = path.stem.split("_")
        row = people.get((code, year), {})
        country = (row.get("Country") or code).strip()
        sid = f"unga-{code.lower()}"
        layout.speaker(sid, f"{country} at the UN General Debate", _iso3(code), (country,))
        person = ", ".join(
            p
            for p in ((row.get("Name of Person Speaking") or "").strip(), (row.get("Post") or "").strip())
            if p
        )
        title = f"UN General Debate, session {int(session)} ({year}): {country}"
        meta = {
            "speaker": sid,
            "date": year,
            "title": title + (f", {person}" if person else ""),
            "language": "en",
            "topics": ["un-general-debate"],
        }
        layout.add(meta, read_text(path), f"session-{int(session)}", ".txt", "un")


def _iso3(code: str) -> str | None:
    """ISO 3166-1 alpha-3 codes are kept; the EU and other non-country codes are not countries."""
    return code if re.fullmatch(r"[A-Z]{3}", code) else None


def import_unsc(data: Path, layout: Layout) -> None:
    """Security Council resolutions, dated from their header when it names the day."""
    layout.speaker("unsc", "United Nations Security Council", None, ("Security Council", "UNSC"))
    for path in sorted((data / "cr_unsc_gold" / "res_en_gold").glob("S_RES_*_EN_GOLD.txt")):
        if not layout.wanted(path):
            continue
        _, _, number, year, *_ = path.stem.split("_")
        text = read_text(path)
        date = _resolution_date(text[:400], year)
        meta = {
            "speaker": "unsc",
            "date": date,
            "title": f"Security Council resolution {int(number)} ({year})",
            "language": "en",
            "topics": ["un-security-council"],
        }
        layout.add(meta, text, f"resolution-{number}", ".txt", "unsc")


def _resolution_date(head: str, year: str) -> str:
    """The adoption date from 'of 25 June 1950' in a header, or just the year."""
    match = re.search(r"of\s+(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})", head)
    if match and match.group(2).lower() in _MONTHS and match.group(3) == year:
        return f"{year}-{_MONTHS[match.group(2).lower()]:02d}-{int(match.group(1)):02d}"
    return year


def import_whitehouse(data: Path, layout: Layout) -> None:
    """White House statements and readouts, with their earlier published versions as revisions."""
    root = data / "whitehouse_briefings"
    layout.speaker("us-white-house", "The White House", "USA", ("White House", "Briefing Room"))
    series: dict[str, list[str]] = defaultdict(list)
    with (root / "series_index.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            original = row["path"].removeprefix("current/")
            series[original].append(row["series"].replace("_", "-"))
    versions: dict[str, list[Path]] = {}
    with (root / "revisions" / "index.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            folder = root / "revisions" / row["original_path"].removesuffix(".md")
            versions[row["original_path"]] = [folder / name for name in row["version_files"].split(";")]
    current = {p.relative_to(root / "current").as_posix(): p for p in (root / "current").glob("*/*/*.md")}
    for original in sorted(set(current) | set(versions)):
        if not layout.wanted(original):
            continue
        earlier = versions.get(original, [])
        head = current.get(original)
        chain = list(earlier)
        if head is not None and earlier and _body(head) == _body(earlier[-1]):
            chain = earlier[:-1]  # the current file is that last version
        previous: str | None = None
        # Room for the "-vNN" of earlier versions.
        slug = slugify(re.sub(r"^\d{4}-\d{2}-\d{2}-", "", Path(original).stem), 100)
        for number, path in enumerate(chain, 1):
            version = f"{slug}-v{number:02d}"
            previous = _add_whitehouse(layout, path, version, series[original], previous)
        if head is not None:
            _add_whitehouse(layout, head, slug, series[original], previous)


def _body(path: Path) -> str:
    """A White House file's body, for comparing versions."""
    return split_front(read_text(path))[1]


def _add_whitehouse(layout: Layout, path: Path, slug: str, topics: list[str], supersedes: str | None) -> str:
    """Write one White House file; return its statement id."""
    front, body = split_front(read_text(path))
    meta: dict[str, Any] = {
        "speaker": "us-white-house",
        "date": str(front["date"]),
        "title": " ".join(str(front.get("title", slug)).split()),
        "language": "en",
    }
    if front.get("source_url"):
        meta["source"] = front["source_url"]
    if topics:
        meta["topics"] = sorted(set(topics))
    if supersedes:
        meta["supersedes"] = supersedes
    return statement_id(layout.add(meta, body, slug, ".md", "whitehouse"))


def import_nk(data: Path, layout: Layout) -> None:
    """North Korean New Year addresses and joint editorials, one a year."""
    layout.speaker(
        "prk-new-year",
        "DPRK New Year address or joint editorial",
        "PRK",
        ("North Korea New Year address", "신년사"),
    )
    for path in sorted((data / "nk_new_year_addresses" / "data").glob("*.txt")):
        if not layout.wanted(path):
            continue
        text = read_text(path)
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        title = first if 0 < len(first) <= 120 else f"New Year address {path.stem}"
        meta = {
            "speaker": "prk-new-year",
            "date": f"{path.stem}-01-01",
            "title": title,
            "language": "ko",
            "topics": ["new-year"],
        }
        layout.add(meta, text, "new-year", ".txt", "nk")


def english_paragraphs(data: Path) -> list[str]:
    """Paragraphs of at least 20 words from the English series, in a stable order."""
    pool: list[str] = []
    files = sorted((data / "ungdc" / "TXT").glob("*/*.txt"))
    files += sorted((data / "whitehouse_briefings" / "current").glob("*/*/*.md"))
    for path in files:
        body = split_front(read_text(path))[1]
        for para in re.split(r"\n\s*\n|\n(?=\S)", body):
            text = " ".join(para.split())
            if len(text.split()) >= 20 and not text.startswith(("---", "#", "|")):
                pool.append(text)
    return pool


def synthesise(data: Path, layout: Layout, count: int, seed: int) -> dict[str, Any]:
    """Write ``count`` statements made of real paragraphs, with planted near-duplicates."""
    rng = random.Random(seed)
    pool = english_paragraphs(data)
    speakers = [f"syn-{i:04d}" for i in range(1, max(1, count // 100) + 1)]
    for sid in speakers:
        layout.speaker(sid, f"Synthetic speaker {sid[4:]}", None)
    by_speaker: dict[str, list[tuple[str, list[str], str]]] = defaultdict(list)
    planted: list[list[str]] = []
    revisions: list[list[str]] = []
    for number in range(1, count + 1):
        sid = rng.choice(speakers)
        date = f"{rng.randint(1950, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        meta: dict[str, Any] = {
            "speaker": sid,
            "date": date,
            "title": f"Synthetic statement {number}",
            "language": "en",
            "topics": [f"topic-{rng.randint(1, 20)}"],
        }
        earlier = by_speaker[sid]
        kind = "plain"
        if number % 1000 == 0 and earlier:
            kind, (old_id, old_paras, old_date) = "revision", rng.choice(earlier)
            paras = _edit(rng, old_paras)
            meta["date"] = max(date, old_date)
            meta["supersedes"] = old_id
        elif number % 500 == 0 and earlier:
            kind, (old_id, old_paras, _) = "near", rng.choice(earlier)
            paras = _edit(rng, old_paras)
        else:
            paras = rng.sample(pool, rng.randint(6, 18))
        suffix = ".md" if number % 10 == 0 else ".txt"
        rel = layout.add(meta, "\n\n".join(paras) + "\n", f"statement-{number}", suffix, "synthetic")
        sid_rel = statement_id(rel)
        by_speaker[sid].append((sid_rel, paras, meta["date"]))
        if kind == "near":
            planted.append([old_id, sid_rel])
        elif kind == "revision":
            revisions.append([old_id, sid_rel])
    return {"planted_near_duplicates": planted, "revisions": revisions}


def _edit(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """Change one word of one paragraph."""
    paras = list(paragraphs)
    i = rng.randrange(len(paras))
    words = paras[i].split()
    words[rng.randrange(len(words))] = rng.choice(["firmly", "strongly", "deeply", "fully"])
    paras[i] = " ".join(words)
    return paras


def grow(layout: Layout, target: int, seed: int) -> int:
    """Add perturbed copies of the statements written so far until there are ``target``."""
    import yaml

    rng = random.Random(seed)
    originals = sorted(layout.paths)
    added = 0
    copy = 0
    while len(layout.paths) < target:
        copy += 1
        for rel in originals:
            if len(layout.paths) >= target:
                break
            meta, body = split_front(read_text(layout.out / rel))
            sid = f"{meta['speaker']}-g{copy}"
            entry = layout.speakers[str(meta["speaker"])]
            layout.speaker(sid, f"{entry['name']} (copy {copy})", entry.get("country"))
            meta["speaker"] = sid
            if meta.get("supersedes"):
                old_speaker, old_stem = str(meta["supersedes"]).split("/", 1)
                meta["supersedes"] = f"{old_speaker}-g{copy}/{old_stem}"
            target_rel = PurePosixPath(sid, rel.name)
            layout.paths.add(target_rel)
            path = layout.out / target_rel
            path.parent.mkdir(parents=True, exist_ok=True)
            front = "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100) + "---\n"
            path.write_text(front + "\n" + _perturb(rng, body), encoding="utf-8")
            layout.written["grown"] += 1
            added += 1
    return added


def _perturb(rng: random.Random, body: str) -> str:
    """Replace about 2% of the words with other words of the text; sometimes drop a paragraph."""
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    if len(paragraphs) > 2 and rng.random() < 0.25:
        del paragraphs[rng.randrange(len(paragraphs))]
    vocabulary = body.split() or ["word"]
    out = []
    for paragraph in paragraphs:
        words = paragraph.split(" ")
        for i in range(len(words)):
            if rng.random() < 0.02:
                words[i] = rng.choice(vocabulary)
        out.append(" ".join(words))
    return "\n\n".join(out) + "\n"


def make_corpus(
    out: Path,
    data: Path,
    series: tuple[str, ...] = SERIES,
    synthetic: int = 0,
    seed: int = 1,
    *,
    match: str | None = None,
    grow_to: int = 0,
) -> dict[str, Any]:
    """Build the corpus under ``out``; return a summary of what was written."""
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"make_corpus: {out} exists and is not empty")
    out.mkdir(parents=True, exist_ok=True)
    layout = Layout(out, match=re.compile(match) if match else None)
    summary: dict[str, Any] = {}
    if synthetic:
        summary.update(synthesise(data, layout, synthetic, seed))
    else:
        importers = {"un": import_un, "unsc": import_unsc, "whitehouse": import_whitehouse, "nk": import_nk}
        for name in series:
            importers[name](data, layout)
        if grow_to:
            summary["grown"] = grow(layout, grow_to, seed)
    layout.finish()
    summary["statements"] = dict(layout.written)
    summary["speakers"] = len(layout.speakers)
    return summary


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="corpus root to create (must not exist or be empty)")
    parser.add_argument("--data", type=Path, default=None, help="shared data (default: DIPDIFF_DATA)")
    parser.add_argument("--series", default=",".join(SERIES), help="comma-separated: " + ",".join(SERIES))
    parser.add_argument("--synthetic", type=int, default=0, metavar="N", help="write N synthetic statements")
    parser.add_argument(
        "--grow", type=int, default=0, metavar="N", help="add perturbed copies of the real series up to N"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--match",
        default=None,
        metavar="REGEX",
        help="only import source files whose path matches, e.g. RUS_ or 2025-10",
    )
    return parser.parse_args(argv)


def _data_dir(given: Path | None) -> Path:
    if given is not None:
        return given
    root = Path(__file__).resolve().parent.parent
    return Path(os.environ.get("DIPDIFF_DATA", root.parent / "shared" / "data"))


def main(argv: list[str] | None = None) -> None:
    """Run the importer from the command line."""
    args = _arguments(argv)
    series = tuple(s for s in args.series.split(",") if s)
    unknown = set(series) - set(SERIES)
    if unknown:
        raise SystemExit(f"make_corpus: unknown series {sorted(unknown)}; choose from {SERIES}")
    summary = make_corpus(
        args.out, _data_dir(args.data), series, args.synthetic, args.seed, match=args.match, grow_to=args.grow
    )
    json.dump(summary, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
