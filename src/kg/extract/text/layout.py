"""Separate body lines from page-bottom blocks (footnotes, links, page numbers)."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.text.footnotes import (
    LONG_LINE,
    Footnote,
    Zone,
    find_marker,
    footnote_number,
    is_artefact_line,
)
from kg.extract.text.lines import Line


@dataclass
class Layout:
    body: list[Line] = field(default_factory=list)
    zones: list[Zone] = field(default_factory=list)

    @property
    def footnotes(self) -> list[Footnote]:
        return [fn for zone in self.zones for fn in zone.footnotes]


@dataclass
class _State:
    layout: Layout
    expected: int = 1
    last_marker: int = 0
    zone: Zone | None = None
    spans: list[tuple[int, str]] = field(default_factory=list)


def read_layout(lines: list[Line]) -> Layout:
    """Walk the lines once, opening a zone at a footnote start and closing it at a page start."""
    state = _State(Layout())
    for i, line in enumerate(lines):
        prev_blank = i == 0 or lines[i - 1].blank
        if state.zone is not None and not (line.page_start or line.page_number):
            _extend_zone(state, line)
            continue
        state.zone = None
        if not line.blank and prev_blank and _opens_zone(state, line):
            continue
        state.layout.body.append(line)
        if not line.blank:
            state.spans.append((line.start, line.text))
    return state.layout


def _opens_zone(state: _State, line: Line) -> bool:
    if is_artefact_line(line):
        zone = Zone(lines=[line], kind="artefact")
        state.layout.zones.append(zone)
        state.zone = None if line.page_number else zone
        return True
    if footnote_number(line) == state.expected:
        marker = find_marker(state.spans, state.expected, state.last_marker)
        if marker is not None:
            zone = Zone(lines=[], kind="footnotes")
            state.layout.zones.append(zone)
            state.zone = zone
            _start_footnote(state, line, marker)
            return True
    if len(line.text.rstrip()) >= LONG_LINE and state.expected > 1:
        zone = Zone(lines=[line], kind="footnotes", continues=state.expected - 1)
        zone.head.append(line)
        state.layout.zones.append(zone)
        state.zone = zone
        return True
    return False


def _start_footnote(state: _State, line: Line, marker: tuple[int, int] | None) -> None:
    assert state.zone is not None
    state.zone.kind = "footnotes"
    state.zone.lines.append(line)
    state.zone.footnotes.append(Footnote(state.expected, [line], marker))
    if marker is not None:
        state.last_marker = marker[1]
    state.expected += 1


def _extend_zone(state: _State, line: Line) -> None:
    zone = state.zone
    assert zone is not None
    if footnote_number(line) == state.expected and zone.kind == "footnotes":
        _start_footnote(state, line, find_marker(state.spans, state.expected, state.last_marker))
        return
    zone.lines.append(line)
    if zone.footnotes:
        zone.footnotes[-1].lines.append(line)
    elif zone.kind == "footnotes":
        zone.head.append(line)
