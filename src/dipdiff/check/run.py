"""Run every rule over a corpus, or over some of its files against the whole corpus."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dipdiff.check.content import content_findings
from dipdiff.check.context import CheckOptions, Context, Item, shown_path
from dipdiff.check.duplicates import duplicate_findings
from dipdiff.check.findings import Finding, Report, Severity
from dipdiff.check.metadata import metadata_findings
from dipdiff.check.supersedes import start_supersedes
from dipdiff.corpus.analysis import word_keys
from dipdiff.corpus.layout import REGISTRY_NAME, STATEMENT_SUFFIXES
from dipdiff.corpus.speakers import Registry, registry_path
from dipdiff.corpus.store import Corpus, Entry, open_corpus
from dipdiff.errors import CorpusError

if TYPE_CHECKING:
    from dipdiff.index import CorpusIndex


def run_check(
    root: Path,
    paths: Sequence[Path] = (),
    *,
    since: str | None = None,
    options: CheckOptions | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
) -> Report:
    """Check the named files (or those changed since a git ref, or all) against the whole corpus."""
    options = options or CheckOptions()
    today = options.today or dt.datetime.now(dt.UTC).date()
    corpus = open_corpus(root)
    full = not paths and since is None
    from dipdiff.index import CorpusIndex

    with CorpusIndex.for_corpus(root, cache_dir, enabled=use_cache, reflow=options.reflow) as index:
        if full:
            index.start_workers()  # a cold check: they set up while the registry is read
        registry_digest, registry = index.registry_and_digest(root)
        named = list(paths)
        if since is not None:
            from dipdiff.check.gitsince import changed_since

            named += [p for p in changed_since(since, root) if _in_corpus(p, corpus)]
        targets, check_registry = _targets(corpus, named, full)
        findings: list[Finding] = []
        if check_registry:
            findings += [
                Finding("registry", Severity.ERROR, _shown(registry_path(root)), line, message)
                for line, message in registry.problems
            ]
        findings += _layout_findings(corpus, full, targets)
        if full:
            findings += _full_check(corpus, index, (registry_digest, registry), options, today, progress)
        else:
            checked = {e.id for e in targets}
            others = (e.where for e in corpus.entries if e.id not in checked)
            analyses = index.analyses(others, progress, light=True)  # what the rules read of others
            if check_registry:  # a speaker dropped from speakers.yaml leaves its statements unregistered
                orphans = _unregistered(corpus.entries, checked, analyses, registry)
                targets += orphans
                checked |= {e.id for e in orphans}
            analyses.update(
                index.analyses((e.where for e in corpus.entries if e.id in checked), heads_only=True)
            )
            items = [Item(e, analyses[e.where]) for e in corpus.entries]
            context = Context(items, checked, index, options)
            findings += _rule_findings(context, registry, today)
    findings.sort(key=lambda f: (f.path, f.line, f.rule))
    return Report(str(root), len(corpus.entries), len(targets), tuple(findings))


def check_unwritten(
    root: Path,
    path: Path,
    data: bytes,
    *,
    registry: Registry | None = None,
    options: CheckOptions | None = None,
) -> Report:
    """Check a statement file before it is written: as if ``data`` were at ``path``, against the
    whole corpus, with the rules ``run_check`` applies to a named file (``corpus add`` files nothing
    that ``check`` would then reject). ``registry`` stands in for ``speakers.yaml`` when given."""
    from dipdiff.corpus.analysis import analyse_tokens
    from dipdiff.index import CorpusIndex

    options = options or CheckOptions()
    today = options.today or dt.datetime.now(dt.UTC).date()
    corpus = open_corpus(root)
    entry = Entry(path.relative_to(root).as_posix(), str(path))
    analysis, statement, tokens = analyse_tokens(data, str(path), reflow=options.reflow)
    with CorpusIndex.for_corpus(root, reflow=options.reflow) as index:
        analyses = index.analyses((e.where for e in corpus.entries), heads_only=True)
        items = [*(Item(e, analyses[e.where]) for e in corpus.entries), Item(entry, analysis)]
        words = word_keys([key for _, _, keys in tokens for key in keys])
        pending = {path: (statement, words)} if statement is not None else {}
        context = Context(items, {entry.id}, index, options, pending=pending)
        findings = _rule_findings(context, registry or index.registry(root), today)
    findings.sort(key=lambda f: (f.path, f.line, f.rule))
    return Report(str(root), len(corpus.entries) + 1, 1, tuple(findings))


def _full_check(
    corpus: Corpus,
    index: CorpusIndex,
    registry: tuple[str, Registry],
    options: CheckOptions,
    today: dt.date,
    progress: Callable[[str, int, int], None] | None,
) -> list[Finding]:
    """Every rule over every file; the findings the last full check kept when nothing they depend on
    has changed since (``check.kept``). ``registry`` comes with the hash of its file's bytes."""
    from dipdiff.check import kept

    paths = [entry.where for entry in corpus.entries]
    where = str(corpus.root.resolve())
    state = kept.state_key(corpus.entries, index.digests(paths), registry[0], options, today)
    if state is not None:
        record = index.result(kept.KIND, where, kept.is_kept)
        found = kept.decode(record, state) if record is not None else None
        if found is not None:
            return found
    analyses = index.analyses(paths, progress, heads_only=True)  # bodies: only those the rules compare
    items = [Item(e, analyses[e.where]) for e in corpus.entries]
    found = _rule_findings(Context(items, {e.id for e in corpus.entries}, index, options), registry[1], today)
    digests = {path: analysis.digest for path, analysis in analyses.items()}
    state = kept.state_key(corpus.entries, digests, registry[0], options, today)
    if state is not None:
        index.keep(kept.KIND, where, kept.encode(state, found))
    index.prune(paths, under=corpus.root)
    return found


def _rule_findings(context: Context, registry: Registry, today: dt.date) -> list[Finding]:
    """Every rule over the files being checked: their own text and front matter, then the rules
    that look across the corpus (ids, duplicates, supersedes)."""
    revisions = start_supersedes(context)  # the workers compare revisions while the rules below run
    findings: list[Finding] = []
    for item in context.items:
        if item.entry.id in context.targets:
            findings += content_findings(item.shown, item.analysis)
            findings += metadata_findings(item.shown, item.entry, item.analysis, registry, today)
    findings += _id_clashes(context.items, context)
    findings += duplicate_findings(context)
    findings += revisions()
    return findings


def _unregistered(
    entries: Sequence[Entry], checked: set[str], analyses: Mapping[str, Any], registry: Registry
) -> list[Entry]:
    """The statements not yet checked whose speaker is not in ``registry``: when speakers.yaml is
    checked, they are checked with it."""
    found = []
    for entry in entries:
        if entry.id in checked:
            continue
        speaker = analyses[entry.where].meta.get("speaker")
        if isinstance(speaker, str) and speaker not in registry:
            found.append(entry)
    return found


def _in_corpus(path: Path, corpus: Corpus) -> bool:
    """Whether a changed file belongs to the corpus (statements, misplaced files or the registry)."""
    try:
        path.resolve().relative_to(corpus.root.resolve())
    except ValueError:
        return False
    return path.suffix in STATEMENT_SUFFIXES or path.name == REGISTRY_NAME


def _targets(corpus: Corpus, named: list[Path], full: bool) -> tuple[list[Entry], bool]:
    """The entries to check, and whether the registry is among the files to check."""
    if full:
        return list(corpus.entries), True
    entries: dict[str, Entry] = {}
    check_registry = False
    for path in named:
        if path.name == REGISTRY_NAME and path.resolve() == registry_path(corpus.root).resolve():
            check_registry = True
            continue
        if not path.exists() and not path.is_symlink():
            raise CorpusError("no such file", source=str(path))
        entry = corpus.entry_for(path)
        if entry is None:
            if _escaping(path, corpus) or _at_root(path, corpus):
                continue  # a link out is reported by the layout rules; a root README is no statement
            raise CorpusError(f"not a statement file inside the corpus {corpus.root}", source=str(path))
        entries[entry.id + "\0" + entry.rel] = entry
    return list(entries.values()), check_registry


def _at_root(path: Path, corpus: Corpus) -> bool:
    """Whether a file sits directly in the corpus root, where files are not statements."""
    return path.resolve().parent == corpus.root.resolve()


def _escaping(path: Path, corpus: Corpus) -> bool:
    """Whether a named path is one of the corpus's links that lead outside it."""
    try:
        rel = path.absolute().relative_to(corpus.root.absolute()).as_posix()
    except ValueError:
        return False
    return any(link.as_posix() == rel for link, _ in corpus.escapes)


def _layout_findings(corpus: Corpus, full: bool, targets: list[Entry]) -> list[Finding]:
    """Links out of the corpus, and statement files at the wrong depth."""
    found = [
        Finding(
            "symlink",
            Severity.ERROR,
            _shown(corpus.root / link),
            1,
            f"symbolic link leads outside the corpus (to {target}); it was not read",
        )
        for link, target in corpus.escapes
    ]
    wanted = {entry.rel for entry in targets}
    found += [
        Finding(
            "path",
            Severity.ERROR,
            _shown(entry.where),
            1,
            "statement files sit directly in a speaker folder: <corpus>/<speaker>/<date>-<slug>.md",
        )
        for entry in corpus.misplaced
        if full or entry.rel in wanted
    ]
    return found


def _id_clashes(items: list[Item], context: Context) -> list[Finding]:
    """Two files with one statement id (``a.md`` and ``a.txt``) make ``supersedes`` ambiguous."""
    seen: dict[str, Item] = {}
    found = []
    for item in items:
        first = seen.setdefault(item.entry.id, item)
        if first is not item and item.entry.id in context.targets:
            found.append(
                Finding(
                    "path",
                    Severity.ERROR,
                    item.shown,
                    1,
                    f"same statement id '{item.entry.id}' as {first.shown}; rename one",
                    first.shown,
                )
            )
    return found


def _shown(path: str | Path) -> str:
    """A path as findings show it."""
    return shown_path(path)
