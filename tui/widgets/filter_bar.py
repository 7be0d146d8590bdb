"""The active facet filters as removable chips above the post list (click a chip, or `x` in the facets)."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from .facet_list import FIELD_LABELS


class FilterBar(Static):
    """Shows `Tags: rust ✕  People: Alice ✕`; hidden when nothing is chosen."""

    DEFAULT_CSS = """
    FilterBar { height: auto; max-height: 3; padding: 0 1; color: $text-secondary; display: none; }
    FilterBar.-active { display: block; }
    """

    def show_filters(self, chips: list[tuple[str, str, str]]) -> None:
        """`chips`: (field, key, label) for each chosen value."""
        self.set_class(bool(chips), "-active")
        text = Text(no_wrap=False)
        for index, (field, _key, label) in enumerate(chips):
            chip = Text.assemble((f"{FIELD_LABELS.get(field, field)}: ", "dim"), label, " ✕")
            chip.stylize(Style(meta={"@click": f"screen.remove_filter({index})"}))
            text.append_text(chip)
            text.append("   ")
        if chips:
            clear = Text("clear all", style=Style(underline=True, meta={"@click": "screen.clear_filters"}))
            text.append_text(clear)
        self.update(text)
