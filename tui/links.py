"""Opening a post's source URL: only http(s), and only where a browser can open (not over SSH)."""

from __future__ import annotations

import os
import sys
from urllib.parse import urlparse


def is_web_url(url: str) -> bool:
    parsed = urlparse(url.strip())
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def can_open_browser() -> bool:
    """False over SSH, and on Linux without a display: a browser would open on the wrong machine or not at all."""
    if os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"):
        return False
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True
