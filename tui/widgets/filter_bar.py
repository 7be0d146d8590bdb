"""The active facet filters as removable chips above the post list (click a chip, or `x` in the facets)."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from .facet_list import FIELD_LABELS


class FilterBar(Static):
    """Shows `Tags: rust ✕  People: Alice ✕`, or a hint when nothing is chosen.

    One line, always there: a line that came and went, or grew, would lay out the whole screen again on
    every click of a facet.
    """

    DEFAULT_CSS = """
    FilterBar { height: 1; padding: 0 1; color: $text-secondary; }
    FilterBar.-empty { color: $text-muted; }
    """

    def show_filters(self, chips: list[tuple[str, str, str]]) -> None:
        """`chips`: (field, key, label) for each chosen value."""
        if chips == getattr(self, "_chips", None):
            return  # unchanged: no layout
        self._chips = list(chips)
        self.set_class(bool(chips), "-active")
        self.set_class(not chips, "-empty")
        text = Text(no_wrap=True, overflow="ellipsis")
        if not chips:
            text.append("no filters (f: facets)")
        for index, (field, _key, label) in enumerate(chips):
            chip = Text.assemble((f"{FIELD_LABELS.get(field, field)}: ", "dim"), label, " ✕")
            chip.stylize(Style(meta={"@click": f"screen.remove_filter({index})"}))
            text.append_text(chip)
            text.append("   ")
        if chips:
            clear = Text("clear all", style=Style(underline=True, meta={"@click": "screen.clear_filters"}))
            text.append_text(clear)
        self.update(text, layout=False)
