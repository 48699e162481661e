"""The curated word lists in `data/lexicon/entities/`, loaded once per folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from kg.errors import KgError

FILES = (
    "programmes",
    "organisations",
    "documents",
    "places",
    "foreign-areas",
    "obstacles",
    "indices",
    "admin",
    "projects",
)


@dataclass(frozen=True)
class Lexicon:
    """Raw YAML content per file name; the matchers read the parts they need."""

    folder: Path
    data: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str, part: str) -> Any:
        return self.data[name].get(part) or []


@lru_cache(maxsize=8)
def load_lexicon(folder: Path) -> Lexicon:
    """Read every lexicon file; a missing or broken file is the user's error to fix."""
    data: dict[str, Any] = {}
    for name in FILES:
        path = folder / f"{name}.yaml"
        try:
            content = yaml.safe_load(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise KgError(f"{path}: entity lexicon file missing") from exc
        except yaml.YAMLError as exc:
            raise KgError(f"{path}: not valid YAML ({exc})") from exc
        if not isinstance(content, dict):
            raise KgError(f"{path}: expected a mapping at the top level")
        data[name] = content
    return Lexicon(folder, data)
