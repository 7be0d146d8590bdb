"""The OSC 52 escape sequences that put text on the user's clipboard, also through tmux and over SSH.

Inside tmux (`$TMUX` set) the sequence is sent twice: wrapped in tmux's passthrough (`ESC P tmux; … ESC \\`), which
reaches the outer terminal when tmux has `allow-passthrough on`, and plain, which tmux takes into its own buffer
and forwards when it has `set-clipboard on`.
"""

from __future__ import annotations

import base64


def osc52(text: str, *, tmux: bool = False) -> str:
    """The escape sequence(s) that copy `text`."""
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    sequence = f"\x1b]52;c;{payload}\x07"
    if not tmux:
        return sequence
    wrapped = "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"
    return wrapped + sequence
