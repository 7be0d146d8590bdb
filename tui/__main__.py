"""`python -m tui`: the same entry point as the `transcripts` command."""

from tui.cli.main import main

raise SystemExit(main())
