"""The processes `bench_app.py` starts: a bare Textual app, our app to its first list, and our app's steps.

    python benchmarks/_app_child.py bare
    python benchmarks/_app_child.py app ARCHIVE CACHE_DIR
    python benchmarks/_app_child.py steps ARCHIVE CACHE_DIR HUGE_ARCHIVE

Kept apart from the benchmark (and importing only what each mode needs) so that start-up is what a user's start
is. Each mode writes `READY <perf_counter>` to file descriptor 1 as soon as its first screen is painted, then
one line of JSON with its measurements. Apps run headless with `App.run_test(size=(160, 48))`.

"Painted" is observed, not forced: the widget's drawing method is wrapped, and the time taken is when this
coroutine resumes after the screen update in which the compositor drew the widget (with its content: the Static,
the list with rows, the new rows) on the app's own refresh; the headless driver then discards the terminal
output. "Settled" (lists only) is when `await pilot.pause()` returns after that: Textual's test helper, which
also waits for pending messages and for the process to be idle (workers loading the detail pane included).
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

SIZE = (160, 48)
STEP_RUNS = 5


def say(line: str) -> None:
    """Write straight to fd 1: Textual captures `sys.stdout` while an app runs."""
    os.write(1, (line + "\n").encode())


def peak_rss() -> int:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def current_rss() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def median(values: list[float]) -> float:
    import statistics

    return statistics.median(values)


# a bare Textual app --------------------------------------------------------------------------------------------


class FirstDraw:
    """The time a widget class is first drawn with content (its `render_lines`, wrapped on the class)."""

    def __init__(self, cls, has_content) -> None:
        self.at: float | None = None
        inner = cls.render_lines
        watch = self

        def render_lines(widget, crop):
            if watch.at is None and has_content(widget):
                watch.at = time.perf_counter()
            return inner(widget, crop)

        cls.render_lines = render_lines

    async def painted(self, timeout: float = 60.0) -> float:
        """Wait for the first draw; the time this coroutine resumes, after that screen update."""
        limit = time.perf_counter() + timeout
        while self.at is None:
            if time.perf_counter() > limit:
                raise TimeoutError("the widget was never drawn")
            await asyncio.sleep(0.0005)
        return time.perf_counter()


async def bare() -> dict:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    imported = time.perf_counter()

    class Hello(Static):
        pass

    drawn = FirstDraw(Hello, lambda widget: True)

    class Bare(App):
        def compose(self) -> ComposeResult:
            yield Hello("Hello from a bare Textual app.", id="hello")

    app = Bare()
    async with app.run_test(size=SIZE):
        painted = await drawn.painted()
        say(f"READY {painted!r}")
    return {"started": STARTED, "imported": imported, "condition": drawn.at, "painted": painted}


# our app --------------------------------------------------------------------------------------------------------


async def our_app(root: str, cache: str) -> dict:
    from tui.app import make_app
    from tui.core.archive import Archive
    from tui.widgets.post_list import PostList

    imported = time.perf_counter()
    drawn = FirstDraw(PostList, lambda widget: widget.row_count > 0)
    archive = Archive.open(root, cache_dir=cache)
    app = make_app(archive, watch_index=False)
    async with app.run_test(size=SIZE):
        painted = await drawn.painted()
        say(f"READY {painted!r}")
        return {"started": STARTED, "imported": imported, "condition": drawn.at, "painted": painted,
                "rows": app.screen.query_one(PostList).row_count}


# steps inside our app -----------------------------------------------------------------------------------------


async def settle(pilot) -> None:
    """Wait until no worker runs and the screen has caught up (a worker may start another)."""
    from textual.worker import WorkerCancelled

    for _ in range(10):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:  # an exclusive worker replaced by a newer one
            continue
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            return


class DrawCounter:
    """Counts the compositor's calls of a widget's `render_lines` (wrapped on the instance)."""

    def __init__(self, widget) -> None:
        self.calls = 0
        inner = widget.render_lines

        def render_lines(crop):
            self.calls += 1
            return inner(crop)

        widget.render_lines = render_lines

    async def drawn_since(self, before: int, timeout: float = 5.0) -> float | None:
        """Wait until the compositor draws the widget again (the app's own screen update); the time we resume."""
        limit = time.perf_counter() + timeout
        while self.calls == before:
            if time.perf_counter() > limit:
                return None
            await asyncio.sleep(0.0005)
        return time.perf_counter()


async def wait_for_list(app, pilot):
    """Wait until the main screen's post list has rows, and the app has settled."""
    from textual.css.query import NoMatches

    from tui.widgets.post_list import PostList

    while True:
        try:
            post_list = app.screen.query_one(PostList)
        except NoMatches:
            post_list = None
        if post_list is not None and post_list.row_count:
            break
        await asyncio.sleep(0.001)
    await settle(pilot)
    return post_list


async def list_update(pilot, post_list, counter: DrawCounter, action) -> dict:
    """Time `action()` until the post list holds a new rows object, until it is drawn, until settled."""
    await settle(pilot)
    old = post_list.rows
    start = time.perf_counter()
    action()
    while post_list.rows is old:
        await asyncio.sleep(0.0005)
    rows = time.perf_counter()
    before = counter.calls
    painted = await counter.drawn_since(before)
    await pilot.pause()
    settled = time.perf_counter()
    return {"rows_s": rows - start, "painted_s": painted - start if painted else None,
            "settled_s": settled - start, "draws": counter.calls - before, "rows": post_list.row_count}


async def open_post(pilot, view, counter: DrawCounter, post, crop) -> dict:
    """Time `view.show(post)` plus `render_lines` of the visible region, then until the app drew the view."""
    await settle(pilot)
    start = time.perf_counter()
    view.show(post)
    strips = view.render_lines(crop())
    rendered = time.perf_counter()
    painted = await counter.drawn_since(counter.calls)
    return {"render_s": rendered - start, "painted_s": painted - start if painted else None, "lines": len(strips)}


async def reveal_all(pilot, view, counter: DrawCounter, crop) -> dict:
    await settle(pilot)
    start = time.perf_counter()
    view.action_toggle_all()
    strips = view.render_lines(crop())
    rendered = time.perf_counter()
    painted = await counter.drawn_since(counter.calls)
    view.action_toggle_all()  # hide them again for the next run (not timed)
    await settle(pilot)
    return {"render_s": rendered - start, "painted_s": painted - start if painted else None, "lines": len(strips)}


def summary(runs: list[dict], keys: tuple[str, ...]) -> dict:
    out: dict = {"runs": runs}
    for key in keys:
        values = [run[key] for run in runs if run[key] is not None]
        out[key] = median(values) if values else None
        out[f"first_{key}"] = runs[0][key]
    return out


async def steps(root: str, cache: str, huge_root: str) -> dict:
    from textual.geometry import Region
    from textual.widgets import Input

    from tui.app import make_app
    from tui.core.archive import Archive
    from tui.widgets.facet_list import VALUE_ROW, FacetList
    from tui.widgets.transcript import TranscriptView

    archive = Archive.open(root, cache_dir=cache)
    app = make_app(archive, watch_index=False)
    results: dict = {}
    async with app.run_test(size=SIZE) as pilot:
        post_list = await wait_for_list(app, pilot)
        say(f"READY {time.perf_counter()!r}")
        screen = app.screen
        facets = screen.query_one(FacetList)
        search = screen.query_one("#search", Input)
        view = screen.query_one(TranscriptView)
        counter = DrawCounter(post_list)
        view_counter = DrawCounter(view)
        await settle(pilot)

        def crop() -> Region:
            return Region(0, 0, view.outer_size.width, view.outer_size.height)

        # (c) facet toggles: the first value of the first field (the most common tag), on and off
        facets.focus()
        await settle(pilot)
        while facets.current is not None and facets.current.kind != VALUE_ROW:
            facets.action_cursor_down()
        value = facets.current.value
        toggles = []
        for _ in range(STEP_RUNS):
            for state in ("on", "off"):
                run = await list_update(pilot, post_list, counter, facets.action_toggle)
                run["state"] = state
                toggles.append(run)
        results["facet_toggle"] = {"field": facets.current.field, "value": value.label, **summary(
            toggles, ("rows_s", "painted_s", "settled_s"))}

        # (d) search keystrokes: '模' then '模型', each with a cold term cache
        search.focus()
        await settle(pilot)

        def typing(text: str):
            def action() -> None:
                app.library.use(lambda engine: engine._term_cache.clear())
                search.value = text
            return action

        one, two = [], []
        for _ in range(STEP_RUNS):
            search.value = ""
            await settle(pilot)
            one.append(await list_update(pilot, post_list, counter, typing("模")))
            two.append(await list_update(pilot, post_list, counter, typing("模型")))
        search.value = ""
        await settle(pilot)
        results["search_1"] = {"text": "模", **summary(one, ("rows_s", "painted_s", "settled_s"))}
        results["search_2"] = {"text": "模型", **summary(two, ("rows_s", "painted_s", "settled_s"))}

        # (e) open the post with the most turns up to 300
        post_list.focus()
        await settle(pilot)
        candidates = [p for p in app.library.snapshot.posts if p.turns <= 300]
        summary_300 = max(candidates, key=lambda p: p.turns)
        loads = []
        for _ in range(STEP_RUNS):
            start = time.perf_counter()
            post = app.library.use(lambda engine: engine.load_post(summary_300.id))
            loads.append(time.perf_counter() - start)
        opens = [await open_post(pilot, view, view_counter, post, crop) for _ in range(STEP_RUNS)]
        results["open_300"] = {"path": summary_300.path, "turns": summary_300.turns, "load_s": median(loads),
                               "first_load_s": loads[0], **summary(opens, ("render_s", "painted_s"))}

        # (g) reveal every original of that post
        await open_post(pilot, view, view_counter, post, crop)
        reveals = [await reveal_all(pilot, view, view_counter, crop) for _ in range(STEP_RUNS)]
        results["reveal_all_300"] = {"path": summary_300.path, **summary(reveals, ("render_s", "painted_s"))}

        # (f) a 20,000-turn post from its own index
        huge = Archive.open(huge_root, cache_dir=cache).engine()
        huge_summary = max(huge.snapshot.posts, key=lambda p: p.turns)
        loads = []
        for _ in range(3):
            start = time.perf_counter()
            huge_post = huge.load_post(huge_summary.id)
            loads.append(time.perf_counter() - start)
        opens = [await open_post(pilot, view, view_counter, huge_post, crop) for _ in range(3)]
        results["open_huge"] = {"path": huge_summary.path, "turns": huge_summary.turns, "load_s": median(loads),
                                "first_load_s": loads[0], **summary(opens, ("render_s", "painted_s"))}
        await settle(pilot)

        # (h) memory of this process after all of the above
        results["rss"] = {"peak_bytes": peak_rss(), "current_bytes": current_rss(),
                          "posts": app.library.snapshot.size}
    return results


def main(argv: list[str]) -> int:
    mode = argv[0]
    if mode == "bare":
        result = asyncio.run(bare())
    elif mode == "app":
        result = asyncio.run(our_app(argv[1], argv[2]))
    elif mode == "steps":
        result = asyncio.run(steps(argv[1], argv[2], argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    say(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main(sys.argv[1:]))
