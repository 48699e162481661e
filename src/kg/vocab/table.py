"""Read the reference CSV files strictly, so that a damaged file stops the build.

The vocabularies are curated by hand and by ad-hoc scripts; a shifted column or a stray
code would silently mint wrong units. Every problem is reported as a `KgError` that
names the file and, where it has one, the line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError

LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Row:
    """One data row, with where it came from for error messages."""

    path: Path
    line: int
    values: Mapping[str, str]

    def error(self, message: str) -> KgError:
        return KgError(f"{self.path}: line {self.line}: {message}")

    def get(self, column: str) -> str:
        """The cell without surrounding spaces; blank means 'not known', never 'none'."""
        return self.values[column].strip()

    def required(self, column: str) -> str:
        value = self.get(column)
        if not value:
            raise self.error(f"column '{column}' is empty")
        return value

    def matching(self, column: str, pattern: re.Pattern[str], *, required: bool = False) -> str:
        """A cell that must look like an identifier: a typo must not become an IRI."""
        value = self.required(column) if required else self.get(column)
        if value and not pattern.fullmatch(value):
            raise self.error(f"column '{column}': {value!r} does not match {pattern.pattern}")
        return value

    def split(self, column: str) -> list[str]:
        return [part.strip() for part in self.get(column).split(LIST_SEPARATOR) if part.strip()]


@dataclass(frozen=True)
class Table:
    path: Path
    rows: list[Row]

    def error(self, message: str) -> KgError:
        return KgError(f"{self.path}: {message}")


def read_table(path: Path, columns: Sequence[str]) -> Table:
    """Rows of a UTF-8 CSV file whose header has at least `columns`."""
    text = _read_text(path)
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = reader.fieldnames or []
        missing = [name for name in columns if name not in header]
        if missing:
            raise KgError(f"{path}: missing column(s) {', '.join(missing)}")
        return Table(path, [_row(path, reader.line_num, values) for values in reader])
    except csv.Error as exc:
        raise KgError(f"{path}: line {reader.line_num}: not valid CSV ({exc})") from exc


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")  # tolerate a byte-order mark
    except FileNotFoundError as exc:
        raise KgError(f"{path}: reference file not found") from exc
    except UnicodeDecodeError as exc:
        raise KgError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise KgError(f"{path}: cannot read reference file ({exc.strerror})") from exc


def _row(path: Path, line: int, values: dict[str | None, str | None]) -> Row:
    """Refuse rows with too many or too few cells: their columns are shifted."""
    if None in values or any(value is None for value in values.values()):
        raise KgError(f"{path}: line {line}: wrong number of cells for the header")
    return Row(path, line, {str(key): str(value) for key, value in values.items()})
