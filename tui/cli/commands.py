"""What each command does: open the archive, refresh its index, answer, print (plain or JSON)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from ..core.archive import Archive
from ..core.query import FIELD_NAMES, FIELDS, parse_query
from ..core.reader import read_post
from . import render
from .main import EXIT_OK, EXIT_PROBLEMS, UsageError
from .progress import ProgressReporter


def run(args: argparse.Namespace) -> int:
    command = args.command or "browse"
    return _COMMANDS[command](args)


def demo_archive() -> Path:
    return Path(__file__).resolve().parent.parent / "demo"


def _open(args: argparse.Namespace, *, refresh: bool = True, quiet: bool = False) -> Archive:
    archive = Archive.open(args.archive, cache_dir=getattr(args, "cache_dir", None),
                           no_cache=getattr(args, "no_cache", False))
    for notice in archive.notices:
        print(f"transcripts: {notice}", file=sys.stderr)
    if refresh:
        with ProgressReporter(enabled=not quiet) as reporter:
            archive.refresh(progress=reporter.update, on_wait=reporter.waiting)
    return archive


def _emit(data: dict[str, Any]) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _exit_code(archive: Archive) -> int:
    return EXIT_PROBLEMS if archive.problems() else EXIT_OK


# commands ----------------------------------------------------------------------------------------------------


def cmd_browse(args: argparse.Namespace) -> int:
    path = args.archive or os.environ.get("TRANSCRIPTS_ARCHIVE") or str(demo_archive())
    archive = Archive.open(path, cache_dir=args.cache_dir, no_cache=args.no_cache)
    from ..app import make_app

    app = make_app(archive)
    app.run()
    return app.return_code or 0


def cmd_check(args: argparse.Namespace) -> int:
    archive = _open(args, quiet=args.json)
    started = time.perf_counter()
    stats = archive.stats()
    problems = archive.problems()
    data = {
        "archive": str(archive.root), "posts": stats.posts, "sections": stats.sections, "turns": stats.turns,
        "originals": stats.originals, "speakers": stats.speakers,
        "problems": [p.to_json() for p in problems],
        "elapsed_ms": round((time.perf_counter() - started) * 1000, 2),
    }
    if args.json:
        _emit(data)
    else:
        render.check(data)
    return EXIT_PROBLEMS if problems else EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    root = Path(args.archive).expanduser()
    if not root.is_dir():
        raise UsageError(f"no such folder: {args.archive}")
    root = root.resolve()
    target = (root / args.post).resolve()
    if root not in target.parents or not target.is_file():
        raise UsageError(f"no post {args.post!r} in {args.archive}")
    post, problems = read_post(target, target.relative_to(root).as_posix())
    if post is None:
        for problem in problems:
            print(f"transcripts: {problem}", file=sys.stderr)
        return EXIT_PROBLEMS
    if args.json:
        _emit(post.to_json())
    else:
        render.post(post, originals=not args.no_originals)
    return EXIT_PROBLEMS if problems else EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    query = parse_query(args.query)
    archive = _open(args, quiet=args.json)
    engine = archive.engine()
    result = engine.search(query, limit=args.limit, sort=args.sort)
    data = {
        "query": args.query, "total": result.total, "sort": args.sort,
        "results": [{
            "path": hit.post.path, "title": hit.post.title, "date": hit.post.date, "channel": hit.post.channel,
            "matching_turns": hit.matching_turns, "snippet": hit.snippet, "turn": hit.snippet_turn,
        } for hit in result.hits],
        "elapsed_ms": result.elapsed_ms,
    }
    if args.json:
        _emit(data)
    else:
        render.search(data)
    return _exit_code(archive)


def cmd_facets(args: argparse.Namespace) -> int:
    from ..core.index.schema import FACET_FIELDS

    fields = FACET_FIELDS
    if args.field:
        name = FIELDS.get(args.field.lower(), args.field.lower())
        if name not in FACET_FIELDS:
            raise UsageError(f"unknown field {args.field!r}; fields are: {', '.join(FIELD_NAMES[:-1])}")
        fields = (name,)
    query = parse_query(args.query)
    archive = _open(args, quiet=args.json)
    engine = archive.engine()
    started = time.perf_counter()
    counts = engine.facet_counts(query, fields=fields)
    elapsed = round((time.perf_counter() - started) * 1000, 2)
    data = {
        "query": args.query,
        "total": engine.post_bits(query).bit_count(),
        "facets": {name: [{"value": c.label, "count": c.count} for c in values[: args.limit]]
                   for name, values in counts.items()},
        "elapsed_ms": elapsed,
    }
    if args.json:
        _emit(data)
    else:
        render.facets(data)
    return _exit_code(archive)


def cmd_quotes(args: argparse.Namespace) -> int:
    query = parse_query(args.query)
    if not args.speaker and not query.texts() and not any(
            getattr(atom, "field", None) == "speaker" for atom in query.atoms()):
        raise UsageError("quotes needs words to find or a speaker (--speaker NAME or speaker:NAME)")
    archive = _open(args, quiet=args.json)
    engine = archive.engine()
    result = engine.quotes(query, speaker=args.speaker, limit=args.limit)
    data = {
        "query": args.query, "speaker": args.speaker, "total": result.total,
        "results": [quote.to_json() for quote in result.quotes], "elapsed_ms": result.elapsed_ms,
    }
    if args.json:
        _emit(data)
    elif args.format == "markdown":
        render.quotes_markdown(result.quotes)
    else:
        render.quotes(data, [t.text for t in query.texts()])
    return _exit_code(archive)


def cmd_speakers(args: argparse.Namespace) -> int:
    archive = _open(args, quiet=args.json)
    engine = archive.engine()
    started = time.perf_counter()
    speakers = engine.speakers.speakers
    if args.query:
        wanted = engine.speaker_groups(args.query)
        speakers = [s for s in speakers if s.group in wanted]
    total = len(speakers)
    if args.limit:
        speakers = speakers[: args.limit]
    data = {
        "query": args.query, "total": total, "speakers": [s.to_json() for s in speakers],
        "elapsed_ms": round((time.perf_counter() - started) * 1000, 2),
    }
    if args.json:
        _emit(data)
    else:
        render.speakers(data)
    return _exit_code(archive)


def cmd_index(args: argparse.Namespace) -> int:
    archive = _open(args, refresh=False)
    if args.rebuild:
        archive.store.reset()
    with ProgressReporter(enabled=not args.json) as reporter:
        report = archive.refresh(progress=reporter.update, on_wait=reporter.waiting)
    stats = archive.stats()
    data = {"archive": str(archive.root), "index": str(archive.store.path), **report.to_json(),
            "posts": stats.posts, "turns": stats.turns, "problems": len(archive.problems())}
    if args.json:
        _emit(data)
    else:
        render.index(data)
    return _exit_code(archive)


_COMMANDS = {
    "browse": cmd_browse, "check": cmd_check, "show": cmd_show, "search": cmd_search, "facets": cmd_facets,
    "quotes": cmd_quotes, "speakers": cmd_speakers, "index": cmd_index,
}
