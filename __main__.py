"""`python .` from a checkout: run the `transcripts` command without installing it."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tui.cli.main import main  # noqa: E402

raise SystemExit(main())
