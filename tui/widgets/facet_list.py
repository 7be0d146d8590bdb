"""Facet filters: a section per field, values with their counts, multi-select, filtered by typing.

A Line-API view like the post list: counts change on every keystroke of a search, and a field may have
thousands of values (people, speakers), so rows are plain data and only the visible ones are drawn. Each field
shows its top values and a "more" row that expands it; the filter box above shows matches in every field.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from ..core.index.engine import FacetCount
from ..core.text import fold
from .cursor_list import CursorList

FIELD_LABELS: dict[str, str] = {
    "tags": "Tags", "category": "Category", "area": "Area", "channel": "Channel", "year": "Year",
    "people": "People", "companies_orgs": "Orgs", "products_models": "Products", "media_books": "Books",
    "project": "Project", "series": "Series", "status": "Status", "speaker": "Speakers",
}
"""How each facet field is titled in the app, in display order."""

TOP_VALUES = 6

FIELD_ROW, VALUE_ROW, MORE_ROW = 0, 1, 2


@dataclass(slots=True, frozen=True)
class _Row:
    kind: int
    field: str
    value: FacetCount | None = None
    hidden: int = 0


class FacetList(CursorList):
    """Facet fields and values; space/enter toggles a value, `x` clears a field, `X` clears all."""

    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False, id="facets.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="facets.up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="facets.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="facets.page_up"),
        Binding("home,g", "first", "First", show=False, id="facets.first"),
        Binding("end,G", "last", "Last", show=False, id="facets.last"),
        Binding("space,enter", "toggle", "Toggle", id="facets.toggle"),
        Binding("left,h", "collapse", "Fold", show=False, id="facets.collapse"),
        Binding("right,l", "expand", "Unfold", show=False, id="facets.expand"),
        Binding("x", "clear_field", "Clear field", id="facets.clear_field"),
        Binding("X", "clear_all", "Clear all", show=False, id="facets.clear_all"),
    ]

    COMPONENT_CLASSES = {"facet-list--field", "facet-list--count", "facet-list--selected", "facet-list--cursor",
                         "facet-list--more", "facet-list--empty"}

    DEFAULT_CSS = """
    FacetList { overflow-x: hidden; }
    FacetList > .facet-list--field { text-style: bold; color: $text-primary; }
    FacetList > .facet-list--count { color: $text-muted; }
    FacetList > .facet-list--selected { color: $text-success; text-style: bold; }
    FacetList > .facet-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    FacetList:blur > .facet-list--cursor { background: $block-cursor-blurred-background;
                                           color: $block-cursor-blurred-foreground; }
    FacetList > .facet-list--more { color: $text-muted; text-style: italic; }
    FacetList > .facet-list--empty { color: $text-muted; text-style: italic; }
    """

    @dataclass
    class Toggled(Message):
        """A value was selected or unselected."""

        field: str
        key: str
        label: str

    @dataclass
    class Cleared(Message):
        """The selection of one field (or of all, when `field` is None) was cleared."""

        field: str | None

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._counts: dict[str, list[FacetCount]] = {}
        self._rows: list[_Row] = []
        self._collapsed: set[str] = set()
        self._expanded: set[str] = set()
        self._filter = ""

    def set_counts(self, counts: dict[str, list[FacetCount]]) -> None:
        """Show new counts, keeping the cursor on the same field and value."""
        previous = self._rows[self.cursor] if 0 <= self.cursor < len(self._rows) else None
        self._counts = counts
        self._rebuild(previous)

    def set_filter(self, text: str) -> None:
        self._filter = fold(text.strip())
        self._rebuild(None)

    def _rebuild(self, keep: _Row | None) -> None:
        rows: list[_Row] = []
        for name in FIELD_LABELS:
            values = self._counts.get(name)
            if not values:
                continue
            if name == "year":
                values = sorted(values, key=lambda v: v.label, reverse=True)
            if self._filter:
                matches = [v for v in values if self._filter in fold(v.label)]
                if not matches:
                    continue
                rows.append(_Row(FIELD_ROW, name))
                rows.extend(_Row(VALUE_ROW, name, v) for v in matches)
                continue
            rows.append(_Row(FIELD_ROW, name))
            if name in self._collapsed:
                continue
            if name in self._expanded or len(values) <= TOP_VALUES + 1:
                shown = values
            else:
                shown = values[:TOP_VALUES]
                shown += [v for v in values[TOP_VALUES:] if v.selected]
            rows.extend(_Row(VALUE_ROW, name, v) for v in shown)
            if len(shown) < len(values):
                rows.append(_Row(MORE_ROW, name, hidden=len(values) - len(shown)))
        self._rows = rows
        cursor = 0
        if keep is not None:
            for index, row in enumerate(rows):
                if row.kind == keep.kind and row.field == keep.field and (
                        row.value is None or keep.value is None or row.value.key == keep.value.key):
                    cursor = index
                    break
        self.virtual_size = Size(self.size.width, len(rows))
        self.cursor = min(cursor, max(0, len(rows) - 1))
        self.refresh()

    @property
    def current(self) -> _Row | None:
        return self._rows[self.cursor] if 0 <= self.cursor < len(self._rows) else None

    # actions ------------------------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def action_toggle(self) -> None:
        row = self.current
        if row is None:
            return
        if row.kind == VALUE_ROW and row.value is not None:
            self.post_message(self.Toggled(row.field, row.value.key, row.value.label))
        elif row.kind == MORE_ROW:
            self._expanded.add(row.field)
            self._rebuild(row)
        elif row.field in self._collapsed:
            self._collapsed.discard(row.field)
            self._rebuild(row)
        else:
            self._collapsed.add(row.field)
            self._rebuild(row)

    def action_collapse(self) -> None:
        row = self.current
        if row is not None:
            if row.field in self._expanded:
                self._expanded.discard(row.field)
            else:
                self._collapsed.add(row.field)
            self._rebuild(_Row(FIELD_ROW, row.field))

    def action_expand(self) -> None:
        row = self.current
        if row is not None:
            if row.field in self._collapsed:
                self._collapsed.discard(row.field)
            else:
                self._expanded.add(row.field)
            self._rebuild(row)

    def action_clear_field(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Cleared(row.field))

    def action_clear_all(self) -> None:
        self.post_message(self.Cleared(None))

    def on_click(self, event: events.Click) -> None:
        row = round(self.scroll_y) + event.y
        if 0 <= row < len(self._rows):
            self.move_to(row)
            self.action_toggle()

    # drawing ------------------------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = round(self.scroll_y) + y
        if not self._rows:
            if y == 0:
                text = "  no matching values" if self._filter else "  no facets yet"
                style = base + self.get_component_rich_style("facet-list--empty")
                return Strip([Segment(set_cell_size(text, width), style)])
            return Strip.blank(width, base)
        if index >= len(self._rows):
            return Strip.blank(width, base)
        row = self._rows[index]
        on_cursor = self.get_component_rich_style("facet-list--cursor") if index == self.cursor else None

        def styled(component: str | None = None) -> Style:
            style = base + self.get_component_rich_style(component) if component else base
            return style + on_cursor if on_cursor is not None else style

        if row.kind == FIELD_ROW:
            values = self._counts.get(row.field, [])
            chosen = sum(1 for v in values if v.selected)
            arrow = "▸" if row.field in self._collapsed and not self._filter else "▾"
            extra = f" ({chosen} chosen)" if chosen else f" ({len(values)})"
            segments = [Segment(f"{arrow} {FIELD_LABELS[row.field]}", styled("facet-list--field")),
                        Segment(extra, styled("facet-list--count"))]
            return Strip(segments).adjust_cell_length(width, styled())
        if row.kind == MORE_ROW:
            return Strip([Segment(f"    … {row.hidden} more", styled("facet-list--more"))]).adjust_cell_length(
                width, styled())
        value = row.value
        assert value is not None
        count = f" {value.count:,}"
        mark = "[x] " if value.selected else "[ ] "
        label_width = max(1, width - 2 - len(mark) - cell_len(count))
        label = " ".join(value.label.split())
        label = set_cell_size(label, label_width) if cell_len(label) <= label_width else \
            set_cell_size(label, label_width - 1) + "…"
        value_style = styled("facet-list--selected") if value.selected else styled()
        segments = [Segment("  " + mark, value_style), Segment(label, value_style),
                    Segment(count, styled("facet-list--count"))]
        return Strip(segments).adjust_cell_length(width, styled())
