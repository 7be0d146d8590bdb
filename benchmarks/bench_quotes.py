"""Quote lookups (turns said by a speaker, holding some words) against the `rg` a user would type for each.

    python benchmarks/bench_quotes.py [--posts 10000] [--archive DIR] [--cache-dir DIR] [--speaker Host]
                                      [--phrase "open source"] [--json | --out FILE]

Each lookup is "count plus first page" (`engine.quotes(limit=50)`), median of 7 runs after a first one (reported
apart; the first speaker lookup also loads the speaker index). The index is built first when missing. Goals: each
lookup <= 50 ms and >= 10x faster than its rg (median of 5 runs).
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import _common as c

RUNS = 7
RG_RUNS = 5
GOAL_S = 0.050
GOAL_SPEEDUP = 10.0
PHRASES = ("open source", "reinforcement learning", "language model", "supply chain", "deep learning",
           "machine learning", "business model")
"""Two-word phrases of the generated archives' English originals; the first one the speaker says is used."""


def speaker_labels(engine, speaker: str) -> list[str]:
    """The labels (Chinese and English) of the speakers a typed name finds, most used first."""
    groups = engine.speaker_groups(speaker)
    counts: dict[str, int] = {}
    for person in engine.speakers.speakers:
        if person.group in groups:
            for label, turns in person.labels.items():
                counts[label] = counts.get(label, 0) + turns
    return sorted(counts, key=lambda label: -counts[label])[:20] or [speaker]


def lookup_times(engine, text: str, speaker: str | None) -> dict:
    from tui.core.query import parse_query

    def run():
        return engine.quotes(parse_query(text), speaker=speaker, limit=50)

    times, result = c.repeat(run, 1 + RUNS, before=engine._term_cache.clear)
    return {"query": text, "speaker": speaker, "first_s": times[0], "times": times[1:],
            "median_s": c.median(times[1:]), "total": result.total, "page": len(result.quotes),
            "engine_elapsed_ms": result.elapsed_ms}


def pick_phrase(engine, speaker: str, wanted: str | None) -> str:
    from tui.core.query import parse_query

    for phrase in ([wanted] if wanted else PHRASES):
        if engine.quotes(parse_query(f'"{phrase}"'), speaker=speaker, limit=1).total:
            return phrase
    return wanted or PHRASES[0]


def main(argv: list[str] | None = None) -> int:
    p = c.parser(__doc__.split("\n")[0])
    c.add_archive_options(p, 10_000)
    p.add_argument("--speaker", default="Host", help="the speaker to look up (default Host)")
    p.add_argument("--phrase", help="the English phrase for the speaker + phrase lookup "
                                    "(default: the first of a few common ones the speaker says)")
    args = p.parse_args(argv)
    rg = c.ensure_ripgrep()
    root = c.archive_from_args(args)
    archive = c.open_warm_archive(root, c.cache_dir_from_args(args))
    for entry in c.markdown_files(root):  # warm the page cache for rg as for the index
        with open(entry.abspath, "rb") as handle:
            handle.read()
    engine = archive.engine()
    speaker = args.speaker
    labels = speaker_labels(engine, speaker)
    who = "(" + "|".join(c.rg_escape(label) for label in labels) + ")"
    phrase = pick_phrase(engine, speaker, args.phrase)
    engine._speakers = None  # the first lookup below loads the speaker index again, as in a fresh engine
    lookups = [
        ("speaker alone", "", speaker, ["-n", "--fixed-strings", f"**{speaker}**"]),
        ("speaker + 2-char Chinese word", "模型", speaker, ["-n", "-e", rf"\*\*{who}\*\*.*模型"]),
        ("speaker + English phrase", f'"{phrase}"', speaker, ["-n", "-e", rf"\*\*{who}\*\*.*{c.rg_escape(phrase)}"]),
        ("two words in one turn", "模型 推理", None, ["-n", "-e", "模型.*推理|推理.*模型"]),
    ]
    c.log(f"{len(lookups)} lookups on {engine.snapshot.size:,} posts …")
    results = []
    for label, text, who_said, rg_args in lookups:
        result = lookup_times(engine, text, who_said)
        result["label"] = label
        if rg:
            result["rg"] = c.time_command([rg, *rg_args, str(root)], RG_RUNS)
            result["speedup"] = result["rg"]["median"] / result["median_s"]
        ok = result["median_s"] <= GOAL_S and (result.get("speedup") is None or result["speedup"] >= GOAL_SPEEDUP)
        result["pass"] = ok
        results.append(result)
        c.log(f"  {label}: {c.ms(result['median_s'])}")
    engine.conn.close()

    table = c.Table(f"Quote lookups at {len(c.markdown_files(root)):,} posts ({root})",
                    ["lookup", "ours", "rg", "speedup", "goal", "verdict", "found", "rg command"],
                    caption=f"speaker labels searched by rg: {', '.join(labels)}")
    for result in results:
        rg_result = result.get("rg")
        who_text = f"{result['speaker']}: " if result["speaker"] else ""
        table.add(f"{result['label']} ({who_text}{result['query'] or '—'})", c.ms(result["median_s"]),
                  c.ms(rg_result["median"]) if rg_result else "n/a",
                  f"{result['speedup']:,.1f}x" if rg_result else "",
                  f"<= {GOAL_S * 1000:.0f} ms, >= {GOAL_SPEEDUP:.0f}x", c.verdict(result["pass"]),
                  f"{result['total']:,} turns" + (f" / {rg_result['lines']:,} lines" if rg_result else ""),
                  " ".join(["rg", *rg_result["command"][1:-1], "ARCHIVE"]) if rg_result else "")
    notes = [
        f"ours: engine.quotes(parse_query(q), speaker=..., limit=50), median of {RUNS} after a first run "
        "(first runs: " + ", ".join(f"{r['label']} {c.ms(r['first_s'])}" for r in results) + ")",
        f"rg: median of {RG_RUNS} after a warm-up, output captured; a turn is two lines in a file (the Chinese "
        "translation and the English original), so line counts differ from turn counts",
    ]
    c.emit("bench_quotes", args, {"archive": str(root), "posts": len(c.markdown_files(root)),
                                  "rg": c.ripgrep_version(rg), "speaker_labels": labels, "phrase": phrase,
                                  "lookups": results}, [table], notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
