"""`python .` from a checkout: run the `transcripts` command without installing it."""

import sys
from pathlib import Path

if __name__ == "__main__":  # not when a worker process re-imports this file
    sys.path.insert(0, str(Path(__file__).resolve().parent))

    from tui.cli.main import main

    raise SystemExit(main())
