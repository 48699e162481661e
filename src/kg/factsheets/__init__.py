"""Fact sheets: readable pages computed from canned queries (`queries/factsheets/*.yaml`)."""

from kg.factsheets.library import Library, load_library, load_sheets
from kg.factsheets.spec import SheetSpec, load_sheet

__all__ = ["Library", "SheetSpec", "load_library", "load_sheet", "load_sheets"]
