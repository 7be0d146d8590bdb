"""`python -m tui`: the same entry point as the `transcripts` command."""

if __name__ == "__main__":  # not when a worker process re-imports this module
    from tui.cli.main import main

    raise SystemExit(main())
