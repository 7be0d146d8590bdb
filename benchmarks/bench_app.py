"""App responsiveness: start-up against a bare Textual app, facet and search updates, opening posts, memory.

    python benchmarks/bench_app.py [--posts 10000] [--archive DIR] [--cache-dir DIR] [--runs 5]
                                   [--json | --out FILE]

Start-up runs in fresh processes (`benchmarks/_app_child.py`), alternating: (a) a bare Textual app showing one
Static, to its first paint; (b) our app, to a painted post list with rows (warm index, built first when missing).
Both run headless with `App.run_test(size=(160, 48))`; "painted" is observed on the app's own screen updates
(the widget's `render_lines` is wrapped: the time is taken when the frame that drew it is done; the headless
driver discards the terminal output). Then one more process of our app measures (c) facet toggles and (d)
search keystrokes until the list holds new rows, until painted, and until `await pilot.pause()` returns
("settled"), (e) opening a ~300-turn post (`show` + `render_lines` of the visible region; loading from SQLite
reported apart), (f) a 20,000-turn post from its own small archive, (g) revealing every original of the
300-turn post, and (h) its peak RSS. Goals: (b)/(a) <= 1.5; (c), (d) <= 50 ms; (e) <= 100 ms;
(f) <= 500 ms; (g) <= 100 ms; RSS <= 250 MB.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import _common as c

CHILD = Path(__file__).resolve().parent / "_app_child.py"
HUGE_TURNS = 20_000
GOAL_STARTUP_RATIO = 1.5
GOAL_UPDATE_S = 0.050
GOAL_OPEN_S = 0.100
GOAL_HUGE_S = 0.500
GOAL_REVEAL_S = 0.100
GOAL_RSS = 250e6
SHARED_CLOCK = time.get_clock_info("perf_counter").implementation.startswith("clock_gettime(CLOCK_MONOTONIC")
"""perf_counter is the system-wide monotonic clock (Linux), so a child's stamps compare with ours."""


def child_env(config: Path) -> dict:
    import os

    return {**os.environ, "TRANSCRIPTS_CONFIG_DIR": str(config)}


def startup(mode: list[str], env: dict) -> dict:
    """Start a child; seconds from before `Popen` to its first paint, and its own stamps (same clock)."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen([c.python(), str(CHILD), *mode], stdout=subprocess.PIPE, stderr=errors,
                                cwd=c.ROOT, env=env)
        line = proc.stdout.readline().decode()
        seen = time.perf_counter()
        rest = proc.stdout.read().decode()
        proc.wait()
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    if proc.returncode != 0 or not line.startswith("READY"):
        sys.exit(f"{mode[0]} child failed ({proc.returncode}):\n{line}{rest}\n{stderr[-3000:]}")
    stamps = json.loads(rest.strip().splitlines()[-1])
    out = {"seconds_seen": seen - start}
    if SHARED_CLOCK:
        out["seconds"] = stamps["painted"] - start
        out["interpreter_s"] = stamps["started"] - start
        out["imports_s"] = stamps["imported"] - stamps["started"]
        out["to_condition_s"] = stamps["condition"] - stamps["imported"]
        out["paint_s"] = stamps["painted"] - stamps["condition"]
    else:
        out["seconds"] = out["seconds_seen"]
    return out


def main(argv: list[str] | None = None) -> int:
    p = c.parser(__doc__.split("\n")[0])
    c.add_archive_options(p, 10_000)
    p.add_argument("--runs", type=int, default=5, help="start-ups of each app (default 5)")
    args = p.parse_args(argv)
    root = c.archive_from_args(args)
    cache = c.cache_dir_from_args(args)
    archive = c.open_warm_archive(root, cache)
    posts = archive.engine().snapshot.size
    huge_root = c.generated_archive(0, args.seed, huge_turns=HUGE_TURNS)
    c.open_warm_archive(huge_root, cache)
    config = Path(tempfile.mkdtemp(prefix="config-", dir=c.CACHE_DIR))
    env = child_env(config)
    try:
        modes = {"bare": ["bare"], "app": ["app", str(root), str(cache)]}
        runs: dict[str, list[dict]] = {"bare": [], "app": []}
        startup(modes["bare"], env)  # one untimed start of each: the OS caches Python, Textual and the index
        startup(modes["app"], env)
        for index in range(args.runs):
            for name in ("bare", "app") if index % 2 == 0 else ("app", "bare"):
                run = startup(modes[name], env)
                runs[name].append(run)
                c.log(f"  start-up {index + 1}: {name} {c.ms(run['seconds'])}")
        c.log("steps in our app …")
        child = c.run_child([c.python(), str(CHILD), "steps", str(root), str(cache), str(huge_root)],
                            cwd=c.ROOT, env=env)
        if child.returncode != 0:
            sys.exit(f"steps child failed ({child.returncode}):\n{child.stdout[-2000:]}\n{child.stderr[-3000:]}")
        steps = json.loads(child.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(config, ignore_errors=True)

    start = {name: {"runs": values, "median_s": c.median(r["seconds"] for r in values)}
             for name, values in runs.items()}
    for name, values in runs.items():
        for key in ("interpreter_s", "imports_s", "to_condition_s", "paint_s"):
            if values and key in values[0]:
                start[name][key] = c.median(r[key] for r in values)
    startup_ratio = start["app"]["median_s"] / start["bare"]["median_s"]
    rss = steps["rss"]["peak_bytes"]
    checks = {
        "startup_ratio": (startup_ratio, GOAL_STARTUP_RATIO),
        "facet_toggle": (steps["facet_toggle"]["painted_s"], GOAL_UPDATE_S),
        "search_1": (steps["search_1"]["painted_s"], GOAL_UPDATE_S),
        "search_2": (steps["search_2"]["painted_s"], GOAL_UPDATE_S),
        "open_300": (steps["open_300"]["render_s"], GOAL_OPEN_S),
        "open_huge": (steps["open_huge"]["render_s"], GOAL_HUGE_S),
        "reveal_all_300": (steps["reveal_all_300"]["render_s"], GOAL_REVEAL_S),
        "rss": (rss, GOAL_RSS),
    }
    goals = {name: {"value": value, "goal": goal, "pass": value is not None and value <= goal}
             for name, (value, goal) in checks.items()}

    def ok(name: str) -> str:
        return c.verdict(goals[name]["pass"])

    def split(name: str) -> str:
        s = start[name]
        if "imports_s" not in s:
            return ""
        return (f"python {c.ms(s['interpreter_s'])}, imports {c.ms(s['imports_s'])}, "
                f"then {c.ms(s['to_condition_s'])} until {'the Static' if name == 'bare' else 'the list with rows'} "
                f"is drawn, frame done {c.ms(s['paint_s'])} later")

    table = c.Table(f"App at {posts:,} posts ({root}); terminal {160}x{48}, headless",
                    ["measure", "median", "goal", "verdict", "detail"],
                    caption="'painted' = the app's own screen update drew the widget (observed by wrapping its "
                            "render_lines); 'settled' = `await pilot.pause()` returned (also waits for idle); "
                            "'render' = show() + widget.render_lines(Region(0, 0, w, h)) called directly")
    table.add("(a) bare Textual app: start to first paint", c.ms(start["bare"]["median_s"]), "", "",
              f"median of {args.runs} processes; {split('bare')}")
    table.add("(b) our app: start to painted list with rows", c.ms(start["app"]["median_s"]),
              "", "", f"median of {args.runs} processes; {split('app')}")
    table.add("(b) / (a)", c.ratio(startup_ratio), f"<= {GOAL_STARTUP_RATIO}x", ok("startup_ratio"), "")
    facet = steps["facet_toggle"]
    table.add(f"(c) facet toggle ({facet['field']}: {facet['value']}) → painted", c.ms(facet["painted_s"]),
              f"<= {GOAL_UPDATE_S * 1000:.0f} ms", ok("facet_toggle"),
              f"rows updated {c.ms(facet['rows_s'])}, settled {c.ms(facet['settled_s'])}; "
              f"median of {len(facet['runs'])} (on and off)")
    for key, label in (("search_1", "(d) search: type 模"), ("search_2", "(d) search: 模 → 模型")):
        s = steps[key]
        table.add(f"{label} → painted", c.ms(s["painted_s"]), f"<= {GOAL_UPDATE_S * 1000:.0f} ms", ok(key),
                  f"rows updated {c.ms(s['rows_s'])}, settled {c.ms(s['settled_s'])}; {s['runs'][-1]['rows']:,} "
                  f"posts; cold term cache")
    o = steps["open_300"]
    table.add(f"(e) open a {o['turns']}-turn post: show + render", c.ms(o["render_s"]),
              f"<= {GOAL_OPEN_S * 1000:.0f} ms", ok("open_300"),
              f"on screen {c.ms(o['painted_s'])}; load from SQLite {c.ms(o['load_s'])} (not included); "
              f"first {c.ms(o['first_render_s'])}")
    h = steps["open_huge"]
    table.add(f"(f) open a {h['turns']:,}-turn post: show + render", c.ms(h["render_s"]),
              f"<= {GOAL_HUGE_S * 1000:.0f} ms", ok("open_huge"),
              f"on screen {c.ms(h['painted_s'])}; load from SQLite {c.ms(h['load_s'])} (not included); "
              f"first {c.ms(h['first_render_s'])}")
    r = steps["reveal_all_300"]
    table.add(f"(g) reveal all originals ({o['turns']} turns): toggle + render", c.ms(r["render_s"]),
              f"<= {GOAL_REVEAL_S * 1000:.0f} ms", ok("reveal_all_300"), f"on screen {c.ms(r['painted_s'])}")
    table.add("(h) peak RSS of the app process after (c)-(g)", c.mb(rss), f"<= {GOAL_RSS / 1e6:.0f} MB", ok("rss"),
              f"now {c.mb(steps['rss']['current_bytes'])}; wait4 says {c.mb(child.peak_rss)}")
    notes = [
        "start-up: from before Popen to the end of the child's first frame that drew the Static / the list with "
        "rows, read on the shared monotonic clock"
        if SHARED_CLOCK else "start-up: from before Popen to reading the child's READY line",
        "our app is started with make_app(archive, watch_index=False) on an up-to-date index",
        "(c), (d): from the action (toggle, setting the Input's value) until PostList.rows is a new list ('rows "
        "updated'), until the app's next screen update drew the list ('painted', the verdict), and until "
        "`await pilot.pause()` returns ('settled': it also waits for pending messages and an idle process, e.g. "
        "the worker loading the newly highlighted post into the detail pane)",
        "(e)-(g): verdict on show()/toggle + render_lines of the visible region; 'on screen' = until the app's "
        "next screen update drew the view",
    ]
    data = {"archive": str(root), "posts": posts, "huge_archive": str(huge_root), "startup": start,
            "startup_ratio": startup_ratio, "steps": steps, "steps_child_wait4_peak_rss": child.peak_rss,
            "goals": goals}
    c.emit("bench_app", args, data, [table], notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
