"""What the app remembers between runs (the theme) and the user's key remapping, in the user config folder.

`$TRANSCRIPTS_CONFIG_DIR` overrides the folder (the tests use it). Files:

* `settings.json`, written by the app: `{"theme": "ansi-dark"}`;
* `keymap.toml`, written by the user: binding ids to keys, e.g. `"detail.original" = "o"` (see `?` in the app).
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path


def config_dir() -> Path:
    override = os.environ.get("TRANSCRIPTS_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("transcripts", appauthor=False))


def load_settings() -> dict:
    try:
        data = json.loads((config_dir() / "settings.json").read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def save_settings(settings: dict) -> None:
    folder = config_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "settings.json").write_text(json.dumps(settings, indent=2), encoding="utf-8")
    except OSError:
        pass  # not being able to remember a theme is not worth interrupting anyone


def load_keymap() -> tuple[dict[str, str], str | None]:
    """(binding id -> keys, problem): the user's keymap, or an empty one and why it could not be read."""
    path = config_dir() / "keymap.toml"
    if not path.exists():
        return {}, None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return {}, f"{path}: {error}"
    table = data.get("keys", data)
    keymap = {str(k): str(v) for k, v in table.items() if isinstance(v, str)}
    return keymap, None
