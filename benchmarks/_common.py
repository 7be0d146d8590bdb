"""Shared helpers for the benchmark scripts: options, timing, tables, JSON output, archives, child RSS, ripgrep."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
"""The project checkout (holds `tui/` and `benchmarks/`)."""
BENCH_DIR = ROOT / "benchmarks"
OUT_DIR = BENCH_DIR / "out"
ARCHIVES_DIR = OUT_DIR / "archives"
CACHE_DIR = OUT_DIR / "cache"


# options ------------------------------------------------------------------------------------------------------


def parser(description: str) -> argparse.ArgumentParser:
    """An argument parser with the output options every benchmark shares (`--json`, `--out`)."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--json", action="store_true", help="print the JSON results to stdout (the table goes to stderr)")
    p.add_argument("--out", metavar="FILE", help="write the JSON results to FILE "
                                                 "(default: benchmarks/out/<name>.json)")
    p.add_argument("--seed", type=int, default=0, help="seed of the generated archive (default 0)")
    return p


def add_archive_options(p: argparse.ArgumentParser, posts: int, *, cache: bool = True) -> None:
    p.add_argument("--posts", type=int, default=posts,
                   help=f"posts in the generated archive (default {posts:,})")
    p.add_argument("--archive", metavar="DIR", help="use this archive instead of generating one")
    if cache:
        p.add_argument("--cache-dir", metavar="DIR",
                       help="where the index is kept (default: benchmarks/out/cache; never inside the archive)")


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not sizes or any(size < 1 for size in sizes):
        raise argparse.ArgumentTypeError("sizes must be positive numbers, e.g. 1000,10000")
    return sizes


# timing -------------------------------------------------------------------------------------------------------


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """(seconds, result) of one call."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def repeat(fn: Callable[[], Any], runs: int, *, before: Callable[[], Any] | None = None) -> tuple[list[float], Any]:
    """Time `runs` calls of `fn` (calling `before`, untimed, ahead of each); returns the seconds and last result."""
    times = []
    result = None
    for _ in range(runs):
        if before is not None:
            before()
        seconds, result = timed(fn)
        times.append(seconds)
    return times, result


def median(values: Iterable[float]) -> float:
    values = list(values)
    return statistics.median(values) if values else float("nan")


def ms(seconds: float | None, digits: int = 1) -> str:
    if seconds is None or seconds != seconds:
        return "—"
    return f"{seconds * 1000:,.{digits}f} ms"


def secs(seconds: float | None) -> str:
    if seconds is None or seconds != seconds:
        return "—"
    return f"{seconds:,.2f} s"


def ratio(value: float | None) -> str:
    if value is None or value != value:
        return "—"
    return f"{value:,.2f}x"


def mb(n_bytes: float | None) -> str:
    if n_bytes is None:
        return "—"
    return f"{n_bytes / 1e6:,.1f} MB"


def verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("PASS" if ok else "FAIL")


def round_floats(value: Any, digits: int = 6) -> Any:
    """`value` with floats rounded (for readable JSON)."""
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, dict):
        return {k: round_floats(v, digits) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [round_floats(v, digits) for v in value]
    return value


# tables and output --------------------------------------------------------------------------------------------


@dataclass
class Table:
    """A titled table of strings, printed with rich."""

    title: str
    columns: Sequence[str]
    rows: list[Sequence[str]] = field(default_factory=list)
    caption: str | None = None

    def add(self, *cells: object) -> None:
        self.rows.append([str(c) for c in cells])

    def rich(self):
        from rich.table import Table as RichTable

        table = RichTable(title=self.title, caption=self.caption, caption_justify="left", title_justify="left")
        for index, column in enumerate(self.columns):
            table.add_column(column, justify="left" if index in (0, len(self.columns) - 1) else "right",
                             style="bold" if column in ("goal", "verdict") else None, overflow="fold")
        for row in self.rows:
            table.add_row(*[_colour(cell) for cell in row])
        return table


def _colour(cell: str) -> str:
    if cell == "PASS":
        return "[green]PASS[/]"
    if cell == "FAIL":
        return "[red]FAIL[/]"
    return cell.replace("[", r"\[")


def console(to_stderr: bool):
    from rich.console import Console

    return Console(stderr=to_stderr, highlight=False, width=max(150, shutil.get_terminal_size().columns))


def environment() -> dict:
    """Where the numbers were measured."""
    return {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
    }


def emit(name: str, args: argparse.Namespace, data: dict, tables: Sequence[Table],
         notes: Sequence[str] = ()) -> None:
    """Print the tables (to stderr with `--json`) and write the JSON results (stdout, `--out`, or the default)."""
    out = console(to_stderr=bool(args.json))
    for table in tables:
        out.print(table.rich())
        out.print()
    for note in notes:
        out.print(f"note: {note}", markup=False)
    payload = round_floats({"benchmark": name, "environment": environment(),
                            "arguments": {k: v for k, v in vars(args).items() if not k.startswith("_")},
                            **data, "notes": list(notes)})
    text = json.dumps(payload, ensure_ascii=False, indent=2)
    if args.json:
        print(text)
    if args.out or not args.json:
        path = Path(args.out) if args.out else OUT_DIR / f"{name}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
        out.print(f"JSON written to {path}", markup=False)


def log(message: str) -> None:
    """Progress on stderr (never mixed into `--json` output)."""
    print(message, file=sys.stderr, flush=True)


# archives and caches -----------------------------------------------------------------------------------------


def generated_archive(posts: int, seed: int = 0, *, huge_turns: int = 0, min_turns: int = 20,
                      max_turns: int = 300) -> Path:
    """A generated archive, cached under benchmarks/out/archives/ and reused when complete.

    Plain archives are `<posts>-<seed>/`; with `huge_turns`, `huge<huge_turns>-<posts>-<seed>/`. A marker file
    *beside* the folder (never inside it) records that generation finished.
    """
    from benchmarks.generate import generate_archive

    name = f"{posts}-{seed}" if not huge_turns else f"huge{huge_turns}-{posts}-{seed}"
    if (min_turns, max_turns) != (20, 300):
        name += f"-t{min_turns}-{max_turns}"
    folder = ARCHIVES_DIR / name
    marker = ARCHIVES_DIR / f"{name}.done.json"
    if folder.is_dir() and marker.is_file():
        return folder
    log(f"generating {posts:,} posts{f' + one {huge_turns:,}-turn post' if huge_turns else ''} into {folder} …")
    start = time.perf_counter()
    if folder.exists():
        shutil.rmtree(folder)
    totals = generate_archive(folder, posts, seed=seed, min_turns=min_turns, max_turns=max_turns,
                              huge_turns=huge_turns)
    totals["seconds"] = round(time.perf_counter() - start, 2)
    marker.write_text(json.dumps(totals) + "\n", encoding="utf-8")
    log(f"  {totals['posts']:,} files, {totals['bytes'] / 1e6:,.1f} MB in {totals['seconds']} s")
    return folder


def archive_from_args(args: argparse.Namespace, posts: int | None = None) -> Path:
    """The archive named by `--archive`, else the generated one of `posts` (default `--posts`) posts."""
    if getattr(args, "archive", None):
        folder = Path(args.archive).expanduser().resolve()
        if not folder.is_dir():
            sys.exit(f"not a folder: {args.archive}")
        return folder
    return generated_archive(posts if posts is not None else args.posts, args.seed)


def cache_dir_from_args(args: argparse.Namespace) -> Path:
    folder = Path(args.cache_dir).expanduser() if getattr(args, "cache_dir", None) else CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def fresh_cache_dir(prefix: str = "cold-") -> Path:
    """An empty cache folder under benchmarks/out/cache/ (delete it with `shutil.rmtree` when done)."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=prefix, dir=CACHE_DIR))


def open_warm_archive(root: Path, cache_dir: Path):
    """`Archive.open` with an up-to-date index (built when missing) and its snapshot stored."""
    from tui.core.archive import Archive

    archive = Archive.open(root, cache_dir=cache_dir)
    log(f"bringing the index of {root} up to date (in {cache_dir}) …")
    report = archive.refresh()
    if report.touched:
        log(f"  {len(report.added):,} added, {len(report.changed):,} changed, {len(report.removed):,} removed "
            f"in {report.seconds:.1f} s")
    archive.engine().conn.close()  # the first reader of a generation stores its snapshot
    return archive


def markdown_files(root: Path, limit: int | None = None) -> list:
    """The archive's files as `walk_archive` lists them (FileEntry), at most `limit`."""
    from tui.core.reader import walk_archive

    entries = []
    for entry in walk_archive(root):
        entries.append(entry)
        if limit is not None and len(entries) >= limit:
            break
    return entries


def index_bytes(path: Path) -> dict:
    """Size of the SQLite index file and its write-ahead log."""
    sizes = {}
    for suffix in ("", "-wal"):
        try:
            sizes["db" if not suffix else "wal"] = os.path.getsize(f"{path}{suffix}")
        except OSError:
            sizes["db" if not suffix else "wal"] = 0
    sizes["total"] = sizes["db"] + sizes["wal"]
    return sizes


# processes and memory ----------------------------------------------------------------------------------------


def self_peak_rss() -> int:
    """Peak resident memory of this process, in bytes."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def current_rss(pid: int | str = "self") -> int | None:
    """Resident memory of a process right now (Linux /proc), in bytes."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return []
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as handle:
                stat = handle.read()
            parent = int(stat[stat.rindex(")") + 2 :].split()[1])
        except (OSError, ValueError):
            continue
        children.setdefault(parent, []).append(int(name))
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        todo.extend(children.get(current, ()))
    return out


@dataclass
class ChildRun:
    """A finished child process: exit code, output, wall time and memory."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss: int | None
    """The largest peak RSS of any one process of the run (the child or one of its workers), from `wait4`."""
    tree_peak_rss: int | None
    """The largest sum of RSS over the child and its descendants, sampled from /proc every 50 ms."""


def run_child(cmd: Sequence[str], *, cwd: Path | None = None, env: dict | None = None) -> ChildRun:
    """Run `cmd`, timing it and reading its peak memory (`ru_maxrss` of the child via `wait4`, and /proc)."""
    with tempfile.TemporaryFile() as stdout_file, tempfile.TemporaryFile() as stderr_file:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), cwd=cwd, env=env, stdout=stdout_file, stderr=stderr_file)
        tree_peak = 0
        stop = threading.Event()

        def sample() -> None:
            nonlocal tree_peak
            while not stop.is_set():
                total = sum(current_rss(pid) or 0 for pid in _descendants(proc.pid))
                tree_peak = max(tree_peak, total)
                stop.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True) if os.path.isdir("/proc") else None
        if sampler:
            sampler.start()
        peak: int | None = None
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
        else:  # pragma: no cover - not Unix
            proc.wait()
            seconds = time.perf_counter() - start
        stop.set()
        if sampler:
            sampler.join()
        stdout_file.seek(0)
        stderr_file.seek(0)
        out = stdout_file.read().decode("utf-8", "replace")
        err = stderr_file.read().decode("utf-8", "replace")
    return ChildRun(proc.returncode, out, err, seconds, peak, tree_peak or None)


# ripgrep ------------------------------------------------------------------------------------------------------


def ensure_ripgrep() -> str | None:
    """The path to `rg`; when missing, install it with `apt-get install -y ripgrep`. None when unavailable."""
    found = shutil.which("rg")
    if found:
        return found
    apt = shutil.which("apt-get")
    if apt is None:
        log("ripgrep (rg) is not installed and apt-get is not available: rg baselines are skipped")
        return None
    sudo = [] if hasattr(os, "geteuid") and os.geteuid() == 0 else (["sudo", "-n"] if shutil.which("sudo") else [])
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    log("ripgrep (rg) is missing; installing it with apt-get install -y ripgrep …")
    attempts = [[*sudo, apt, "install", "-y", "ripgrep"]]
    attempts.append([*sudo, apt, "update"])  # the package lists may be missing or stale: update, then retry
    attempts.append([*sudo, apt, "install", "-y", "ripgrep"])
    for cmd in attempts:
        try:
            subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600, check=True)
        except (OSError, subprocess.SubprocessError) as error:
            log(f"  {' '.join(cmd)} failed: {getattr(error, 'stderr', b'') or error!s}"[:300])
            continue
        found = shutil.which("rg")
        if found:
            return found
    log("ripgrep could not be installed: rg baselines are skipped")
    return None


def ripgrep_version(rg: str | None) -> str | None:
    if rg is None:
        return None
    try:
        return subprocess.run([rg, "--version"], capture_output=True, text=True, check=False).stdout.split("\n")[0]
    except OSError:
        return None


def time_command(cmd: Sequence[str], runs: int, *, warmup: int = 1) -> dict:
    """Median wall time of `cmd` over `runs` runs (after `warmup` untimed ones), its output captured (as a user
    would see it) and its lines counted."""
    lines = 0
    for _ in range(warmup):
        subprocess.run(list(cmd), capture_output=True, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(list(cmd), capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        lines = done.stdout.count(b"\n")
        if done.returncode not in (0, 1):
            raise RuntimeError(f"{cmd[0]} failed ({done.returncode}): {done.stderr.decode(errors='replace')[:300]}")
    return {"command": list(cmd), "times": times, "median": median(times), "lines": lines}


def rg_escape(text: str) -> str:
    """`text` as a literal in a ripgrep (Rust) regex."""
    return "".join("\\" + ch if ch in "\\.+*?()|[]{}^$#&-~" else ch for ch in text)


def python() -> str:
    return sys.executable
