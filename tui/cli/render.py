"""Plain-text output of the commands, readable in a terminal and in a pipe.

Everything from the archive is printed as Rich `Text` (never parsed as markup); colour only on a terminal.
"""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console
from rich.text import Text

from ..core import citation
from ..core.index.engine import Quote
from ..core.index.highlight import find_spans
from ..core.model import Post


def _console() -> Console:
    tty = sys.stdout.isatty()
    return Console(highlight=False, soft_wrap=not tty, no_color=not tty or None, emoji=False, markup=False)


def check(data: dict[str, Any]) -> None:
    out = _console()
    out.print(Text(f"{data['archive']}", style="bold"))
    out.print(f"{data['posts']:,} posts, {data['sections']:,} sections, {data['turns']:,} turns "
              f"({data['originals']:,} with the English original), {data['speakers']:,} speakers")
    problems = data["problems"]
    if not problems:
        out.print(Text("no problems", style="green"))
        return
    files = len({p["path"] for p in problems})
    out.print(Text(f"{len(problems)} problem(s) in {files} file(s):", style="yellow"))
    for problem in problems:
        where = f"{problem['path']}:{problem['line']}" if problem["line"] else problem["path"]
        out.print(Text.assemble((where, "bold"), ": ", problem["message"]))


def post(item: Post, *, originals: bool = True) -> None:
    out = _console()
    out.print(Text(item.title, style="bold"))
    meta = [x for x in (item.date.isoformat() if item.date else None, item.channel, item.source) if x]
    if meta:
        out.print(Text(" · ".join(meta), style="dim"))
    for name in ("tags", "people", "companies_orgs", "products_models", "media_books"):
        values = getattr(item, name)
        if values:
            out.print(Text.assemble((f"{name}: ", "dim"), ", ".join(values)))
    if item.summary:
        out.print()
        out.print(Text(item.summary, style="italic"))
    for section in item.sections:
        if section.title:
            out.print()
            out.print(Text(("#" * max(section.level, 1)) + " " + section.title, style="bold cyan"))
        for turn in section.turns:
            out.print()
            line = Text()
            if turn.speaker:
                line.append(f"{turn.speaker}: ", style="bold")
            line.append(turn.text)
            out.print(line)
            if originals and turn.original:
                original = Text("    ", style="dim")
                if turn.original_speaker:
                    original.append(f"{turn.original_speaker}: ", style="dim bold")
                original.append(turn.original.replace("\n", "\n    "), style="dim")
                out.print(original)
    for problem in item.problems:
        print(f"transcripts: {problem}", file=sys.stderr)


def search(data: dict[str, Any]) -> None:
    out = _console()
    shown = len(data["results"])
    out.print(Text(f"{data['total']:,} post(s) match" + (f"; showing {shown}" if shown < data["total"] else ""),
                   style="dim"))
    for hit in data["results"]:
        line = Text.assemble((hit["date"] or "----------", "cyan"), "  ", (hit["title"], "bold"))
        if hit["channel"]:
            line.append(f"  [{hit['channel']}]", style="dim")
        if hit["matching_turns"]:
            line.append(f"  ({hit['matching_turns']} turn{'s' if hit['matching_turns'] != 1 else ''})")
        out.print(line)
        out.print(Text(f"    {hit['path']}", style="dim"))
        if hit["snippet"]:
            out.print(Text(f"    {hit['snippet']}"))


def facets(data: dict[str, Any]) -> None:
    out = _console()
    out.print(Text(f"{data['total']:,} post(s)", style="dim"))
    for name, values in data["facets"].items():
        if not values:
            continue
        out.print()
        out.print(Text(name, style="bold"))
        width = max(len(str(v["count"])) for v in values)
        for value in values:
            out.print(Text(f"  {value['count']:>{width}}  {value['value']}"))


def quotes(data: dict[str, Any], terms: list[str]) -> None:
    out = _console()
    shown = len(data["results"])
    out.print(Text(f"{data['total']:,} quote(s)" + (f"; showing {shown}" if shown < data["total"] else ""),
                   style="dim"))
    for quote in data["results"]:
        out.print()
        head = Text()
        head.append(quote["speaker"] or quote["original_speaker"] or "(narration)", style="bold magenta")
        if quote["original_speaker"] and quote["original_speaker"] != quote["speaker"]:
            head.append(f" ({quote['original_speaker']})", style="magenta")
        head.append(f" — {quote['title']}", style="bold")
        if quote["date"]:
            head.append(f" ({quote['date']})", style="cyan")
        out.print(head)
        out.print(_highlighted("  " + quote["text"].replace("\n", "\n  "), terms))
        if quote["original"]:
            out.print(_highlighted("  " + quote["original"].replace("\n", "\n  "), terms, style="dim"))
        out.print(Text(f"  {quote['path']} · turn {quote['turn'] + 1}", style="dim"))


def quotes_markdown(items: list[Quote]) -> None:
    blocks = [citation.markdown(quote.citation()) for quote in items]
    sys.stdout.write("\n\n".join(blocks) + ("\n" if blocks else ""))


def speakers(data: dict[str, Any]) -> None:
    out = _console()
    out.print(Text(f"{data['total']:,} speaker(s)", style="dim"))
    for speaker in data["speakers"]:
        line = Text.assemble((speaker["name"], "bold"), f"  {speaker['turns']:,} turns, {speaker['posts']} posts")
        if speaker["post"]:
            line.append(f"  (in {speaker['post']})", style="dim")
        out.print(line)
        others = [label for label in speaker["labels"] if label != speaker["name"]]
        if others:
            out.print(Text("    also: " + ", ".join(others), style="dim"))


def index(data: dict[str, Any]) -> None:
    out = _console()
    out.print(Text(data["index"], style="dim"))
    out.print(f"{len(data['added'])} added, {len(data['changed'])} changed, {len(data['removed'])} removed, "
              f"{data['unchanged']} unchanged in {data['elapsed_ms'] / 1000:.2f} s")
    for label, paths in (("+", data["added"]), ("~", data["changed"]), ("-", data["removed"])):
        for path in paths[:50]:
            out.print(Text(f"  {label} {path}"))
        if len(paths) > 50:
            out.print(Text(f"  {label} … and {len(paths) - 50} more", style="dim"))
    out.print(f"{data['posts']:,} posts, {data['turns']:,} turns, {data['problems']} problem(s)")


def _highlighted(text: str, terms: list[str], style: str = "") -> Text:
    result = Text(text, style=style)
    for start, end in find_spans(text, terms):
        result.stylize("bold reverse", start, end)
    return result
