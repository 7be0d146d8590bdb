"""The `transcripts` command line: argument parsing and dispatch.

`transcripts [ARCHIVE]` opens the app; the other commands print plain text or, with `--json`, one JSON object
for scripts. Exit codes: 0 success, 1 the archive has files with problems (everything else was still read),
2 usage errors (a missing folder, a malformed query). Textual is imported only when the app opens.
"""

from __future__ import annotations

import argparse
import os
import sys

from .. import __version__

COMMANDS = ("browse", "check", "show", "search", "facets", "quotes", "speakers", "index")

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in how the command was called; printed as one line, exit code 2."""


def _archive_argument(parser: argparse.ArgumentParser, *, optional: bool = False) -> None:
    if optional:
        parser.add_argument("archive", nargs="?", metavar="ARCHIVE",
                            help="the archive folder (default: $TRANSCRIPTS_ARCHIVE, else the built-in demo)")
    else:
        parser.add_argument("archive", metavar="ARCHIVE", help="the archive folder")


def _index_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("index")
    group.add_argument("--cache-dir", metavar="DIR",
                       help="where indexes are kept (default: the user cache folder; never inside the archive)")
    group.add_argument("--no-cache", action="store_true",
                       help="build a throwaway index for this run only")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="transcripts",
        description="Browse, search and quote a bilingual transcript archive (a folder of Markdown posts).",
        epilog="Run `transcripts COMMAND --help` for each command. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"transcripts {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    browse = sub.add_parser("browse", help="open the app (the default command)",
                            description="Open the terminal app on ARCHIVE.")
    _archive_argument(browse, optional=True)
    _index_options(browse)

    check = sub.add_parser("check", help="read every post and report counts and problems",
                           description="Read every post; print counts and the files that had problems. "
                                       "Exit 0 when clean, 1 when some files had problems.")
    _archive_argument(check)
    check.add_argument("--json", action="store_true", help="print JSON")
    _index_options(check)

    show = sub.add_parser("show", help="print one post",
                          description="Print one post, readably (for a pager) or as JSON.")
    _archive_argument(show)
    show.add_argument("post", metavar="POST", help="the post's path, relative to the archive")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.add_argument("--no-originals", action="store_true", help="leave out the English originals")

    search = sub.add_parser("search", help="find posts", description="Find posts matching QUERY, newest first.")
    _archive_argument(search)
    search.add_argument("query", metavar="QUERY", help='e.g. \'模型 tag:llm -crypto "open source"\'')
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument("--limit", type=_positive, default=20, metavar="N", help="at most N posts (default 20)")
    search.add_argument("--sort", choices=("date", "relevance"), default="date",
                        help="newest first (default), or by number of matching turns")
    _index_options(search)

    facets = sub.add_parser("facets", help="count posts per facet value",
                            description="For every facet field (or one), each value and its number of posts "
                                        "under QUERY.")
    _archive_argument(facets)
    facets.add_argument("query", metavar="QUERY", nargs="?", default="", help="restrict to posts matching QUERY")
    facets.add_argument("--field", metavar="NAME", help="only this field (tags, people, speaker, year, ...)")
    facets.add_argument("--limit", type=_positive, default=None, metavar="N", help="at most N values per field")
    facets.add_argument("--json", action="store_true", help="print JSON")
    _index_options(facets)

    quotes = sub.add_parser("quotes", help="find what someone said",
                            description="Turns matching QUERY (all words within one turn), said by --speaker, "
                                        "newest first.")
    _archive_argument(quotes)
    quotes.add_argument("query", metavar="QUERY", nargs="?", default="", help="words to find, and filters")
    quotes.add_argument("--speaker", metavar="NAME", help="who said it: any label, Chinese or English")
    quotes.add_argument("--limit", type=_positive, default=20, metavar="N", help="at most N quotes (default 20)")
    quotes.add_argument("--json", action="store_true", help="print JSON")
    quotes.add_argument("--format", choices=("text", "markdown"), default="text",
                        help="plain text (default) or Markdown citations ready to paste")
    _index_options(quotes)

    speakers = sub.add_parser("speakers", help="list speakers",
                              description="Every speaker with their labels, number of turns and of posts.")
    _archive_argument(speakers)
    speakers.add_argument("query", metavar="QUERY", nargs="?", default="",
                          help="only speakers whose name or a label contains QUERY")
    speakers.add_argument("--json", action="store_true", help="print JSON")
    speakers.add_argument("--limit", type=_positive, default=None, metavar="N", help="at most N speakers")
    _index_options(speakers)

    index = sub.add_parser("index", help="build or refresh the index",
                           description="Build or refresh the archive's index, printing what changed.")
    _archive_argument(index)
    index.add_argument("--rebuild", action="store_true", help="start again from an empty index")
    index.add_argument("--json", action="store_true", help="print JSON")
    _index_options(index)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _with_default_command(argv: list[str]) -> list[str]:
    """`transcripts [ARCHIVE] [options]` means `transcripts browse [ARCHIVE] [options]`."""
    positional = [arg for arg in argv if not arg.startswith("-")]
    if positional and positional[0] in COMMANDS:
        return argv
    if not positional and any(arg in ("-h", "--help", "--version") for arg in argv):
        return argv
    return ["browse", *argv]


def main(argv: list[str] | None = None) -> int:
    args_list = _with_default_command(list(sys.argv[1:] if argv is None else argv))
    parser = build_parser()
    args = parser.parse_args(args_list)
    from ..core.archive import ArchiveError
    from ..core.query import QueryError
    from . import commands

    try:
        return commands.run(args)
    except (ArchiveError, UsageError) as error:
        print(f"transcripts: {error}", file=sys.stderr)
        return EXIT_USAGE
    except QueryError as error:
        print(f"transcripts: bad query: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("transcripts: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`| head`): not an error worth a message.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # no traceback reaches a user; TRANSCRIPTS_DEBUG=1 shows it
        if os.environ.get("TRANSCRIPTS_DEBUG"):
            raise
        print(f"transcripts: unexpected error: {type(error).__name__}: {error} "
              f"(set TRANSCRIPTS_DEBUG=1 to see details)", file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
