"""The sheets and the query catalogue they run on, loaded and checked once.

The CLI and the HTTP router both go through `Library.render`, so a sheet looks the same
whichever way it is asked for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from kg.errors import KgError
from kg.factsheets.check import check_sheet
from kg.factsheets.compute import compute_sheet
from kg.factsheets.deadline import Deadline
from kg.factsheets.model import Sheet
from kg.factsheets.render import FORMATS, render_html, render_markdown, render_pdf
from kg.factsheets.spec import SheetSpec, load_sheet
from kg.iris import Iris
from kg.queries import CannedQuery, load_catalog
from kg.settings import Settings

SHEETS_FOLDER = "factsheets"
LANGS = ("vi", "en")
MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
}


@dataclass(frozen=True)
class Library:
    sheets: dict[str, SheetSpec]
    catalog: dict[str, CannedQuery]
    iris: Iris

    def spec(self, name: str) -> SheetSpec:
        if name not in self.sheets:
            known = ", ".join(self.sheets) or "none"
            raise KgError(f"no fact sheet {name!r} (sheets: {known})")
        return self.sheets[name]

    def compute(
        self,
        name: str,
        store: pyoxigraph.Store,
        params: Mapping[str, str],
        lang: str,
        deadline: Deadline | None = None,
    ) -> Sheet:
        if lang not in LANGS:
            raise KgError(f"--lang {lang!r}: choose one of {', '.join(LANGS)}")
        spec = self.spec(name)
        return compute_sheet(spec, store, self.catalog, self.iris, params, lang, deadline)

    def render(
        self,
        name: str,
        store: pyoxigraph.Store,
        params: Mapping[str, str],
        lang: str,
        fmt: str,
        links: list[tuple[str, str]] | None = None,
        deadline: Deadline | None = None,
        api: str | None = None,
    ) -> bytes:
        """The sheet in one format; `api` is the service's canned-query base URL, for links
        to the full result of a section that prints only its first rows."""
        if fmt not in FORMATS:
            raise KgError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
        deadline = deadline or Deadline()
        sheet = self.compute(name, store, params, lang, deadline)
        deadline.check(f"laying out the {fmt.upper()}")
        if fmt == "pdf":
            return render_pdf(sheet, api)
        text = render_markdown(sheet) if fmt == "md" else render_html(sheet, links, api)
        return text.encode("utf-8")


def load_sheets(folder: Path, catalog: dict[str, CannedQuery]) -> dict[str, SheetSpec]:
    """Every `*.yaml` of the folder, by file name, each checked against the catalogue."""
    if not folder.is_dir():
        raise KgError(f"{folder}: fact-sheet folder not found")
    sheets: dict[str, SheetSpec] = {}
    for path in sorted(folder.glob("*.yaml")):
        spec = load_sheet(path)
        check_sheet(spec, catalog)
        sheets[spec.name] = spec
    return sheets


def load_library(settings: Settings) -> Library:
    catalog = load_catalog(settings.queries_dir)
    sheets = load_sheets(settings.queries_dir / SHEETS_FOLDER, catalog)
    return Library(sheets, catalog, Iris(settings.base_iri))
