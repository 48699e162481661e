"""Typed records for one source report, and their loading and checking."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kg.errors import SourceError

_SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Issuer(_Strict):
    name_vi: str
    name_en: str
    area_code: str = Field(pattern=r"^\d{2}(\d|\d{3})?$")


class Bilingual(_Strict):
    vi: str
    en: str


class Period(_Strict):
    start: dt.date
    end: dt.date
    label_vi: str
    label_en: str


class Area(_Strict):
    gso_code: str = Field(pattern=r"^\d{2}(\d|\d{3})?$")
    admin_list: str = Field(pattern=r"^\d{4}$")


class TextInfo(_Strict):
    ocr: bool
    encoding: str = "utf-8"
    origin: str | None = None


class ReportMetadata(_Strict):
    """What the YAML file beside a report says about it."""

    slug: str = Field(pattern=_SLUG)
    document_number: str
    document_type: str
    date: dt.date
    issuer: Issuer
    title: Bilingual
    audience: Bilingual | None = None
    reporting_period: Period
    area: Area
    language: str = Field(pattern=r"^[a-z]{2}$")
    text: TextInfo


@dataclass(frozen=True)
class Report:
    """One report: its text exactly as stored (offsets count its characters) and metadata."""

    path: Path
    metadata_path: Path
    text: str
    sha256: str
    metadata: ReportMetadata

    @property
    def slug(self) -> str:
        return self.metadata.slug


def discover_reports(sources_dir: Path) -> list[Path]:
    """Report texts under `sources_dir`, sorted so the build order is deterministic."""
    if not sources_dir.is_dir():
        raise SourceError(f"{sources_dir}: sources folder not found")
    texts = sorted(sources_dir.glob("*.txt"))
    if not texts:
        raise SourceError(f"{sources_dir}: no report (*.txt) found")
    return texts


def load_report(path: Path) -> Report:
    """Read and check one report and its metadata; raise `SourceError` on any problem."""
    raw = _read_bytes(path)
    text = _decode(path, raw)
    metadata_path = path.with_suffix(".yaml")
    metadata = _load_metadata(metadata_path)
    return Report(
        path=path,
        metadata_path=metadata_path,
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        metadata=metadata,
    )


def _read_bytes(path: Path) -> bytes:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror})") from exc
    if not raw.strip():
        raise SourceError(f"{path}: file is empty")
    if b"\x00" in raw:
        raise SourceError(f"{path}: binary file (contains NUL bytes), expected UTF-8 text")
    return raw


def _decode(path: Path, raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"{path}: not UTF-8 text (invalid byte at offset {exc.start}); "
            "convert it with e.g. `iconv -t UTF-8`"
        ) from exc
    if re.search(r"[\x01-\x08\x0e-\x1f]", text):
        raise SourceError(f"{path}: contains control characters, expected plain text")
    return text


def _load_metadata(path: Path) -> ReportMetadata:
    if not path.is_file():
        raise SourceError(f"{path}: metadata file missing (each report needs a .yaml beside it)")
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise SourceError(f"{path}: expected a mapping of metadata fields")
    try:
        return ReportMetadata.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'metadata'}: {err['msg']}"
            for err in exc.errors()
        )
        raise SourceError(f"{path}: invalid metadata ({problems})") from exc
