"""Parse speed: our full read+parse of each post against bare `frontmatter.load` of the same files.

    python benchmarks/bench_parse.py [--posts 2000] [--archive DIR] [--rounds 3] [--json | --out FILE]

Both passes read every file (the page cache is warmed first). `frontmatter.load` parses only the YAML front
matter and leaves the body a string; ours decodes, splits, loads the front matter with our checks and parses the
body into sections and speaker turns. Goal: ours / bare <= 1.5.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import _common as c

GOAL_RATIO = 1.5


def bare_pass(entries) -> int:
    import frontmatter

    keys = 0
    for entry in entries:
        keys += len(frontmatter.load(entry.abspath).metadata)
    return keys


def our_pass(entries) -> int:
    from tui.core.reader import parse_post

    turns = 0
    for entry in entries:
        with open(entry.abspath, "rb") as handle:
            data = handle.read()
        post, _ = parse_post(data, entry.relpath)
        if post is not None:
            turns += sum(len(section.turns) for section in post.sections)
    return turns


def main(argv: list[str] | None = None) -> int:
    p = c.parser(__doc__.split("\n")[0])
    c.add_archive_options(p, 2000, cache=False)
    p.add_argument("--rounds", type=int, default=3, help="timed passes of each parser (default 3)")
    args = p.parse_args(argv)
    root = c.archive_from_args(args)
    entries = c.markdown_files(root, args.posts)
    if not entries:
        sys.exit(f"no Markdown files in {root}")
    total_bytes = sum(entry.size for entry in entries)
    for entry in entries:  # warm the page cache: both passes then read from memory
        with open(entry.abspath, "rb") as handle:
            handle.read()
    c.log(f"parsing {len(entries):,} files ({total_bytes / 1e6:,.1f} MB) from {root}, {args.rounds} rounds …")

    passes = {"bare": bare_pass, "ours": our_pass}
    times: dict[str, list[float]] = {"bare": [], "ours": []}
    turns = 0
    for round_ in range(args.rounds):
        order = ("bare", "ours") if round_ % 2 == 0 else ("ours", "bare")
        for name in order:
            gc.collect()
            seconds, result = c.timed(lambda name=name: passes[name](entries))
            times[name].append(seconds)
            if name == "ours":
                turns = result
            c.log(f"  round {round_ + 1}: {name} {seconds:.2f} s")

    n = len(entries)
    results = {}
    table = c.Table(f"Parse {n:,} posts ({total_bytes / 1e6:,.1f} MB, {turns:,} turns) — median of {args.rounds}",
                    ["parser", "median", "posts/s", "MB/s", "µs/post", "rounds"])
    labels = {"bare": "frontmatter.load (bare)", "ours": "read + parse_post (ours)"}
    for name in ("bare", "ours"):
        med = c.median(times[name])
        results[name] = {"times": times[name], "median_s": med, "posts_per_s": n / med,
                         "mb_per_s": total_bytes / 1e6 / med, "us_per_post": med / n * 1e6}
        table.add(labels[name], c.secs(med), f"{n / med:,.0f}", f"{total_bytes / 1e6 / med:,.1f}",
                  f"{med / n * 1e6:,.0f}", " ".join(f"{t:.2f}" for t in times[name]))
    value = results["ours"]["median_s"] / results["bare"]["median_s"]
    ok = value <= GOAL_RATIO
    goals = c.Table("Goal", ["measure", "value", "goal", "verdict"])
    goals.add("ours / bare (median time)", c.ratio(value), f"<= {GOAL_RATIO}x", c.verdict(ok))
    data = {"archive": str(root), "posts": n, "bytes": total_bytes, "turns": turns, "rounds": args.rounds,
            "results": results, "ratio_ours_over_bare": value,
            "goals": {"ratio": {"value": value, "goal": GOAL_RATIO, "pass": ok}}}
    notes = ["bare = frontmatter.load(path): YAML front matter only, body left as a string; "
             "ours = open/read + parse_post: decode, front matter with checks, body into sections and turns",
             "rounds alternate the order (bare first, then ours first); files are read from the page cache"]
    c.emit("bench_parse", args, data, [table, goals], notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
