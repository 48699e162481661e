"""The curated word lists under `data/lexicon/`, loaded into typed, immutable records.

Lexicons hold words only (names, unit forms, cue words, period patterns); every value
of a figure comes from the report text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml

from kg.errors import KgError

LEXICON_DIR = Path(__file__).resolve().parents[4] / "data" / "lexicon"


UNCLASSIFIED = "unclassified"  # sector of figures no lexicon name fits


def unclassified_key(unit: str) -> str:
    """Indicator of a figure whose unit, kind and period are read but whose name is not
    in the lexicon: kept (with its evidence) rather than lost, and counted apart."""
    return f"{UNCLASSIFIED}-{unit}"


@dataclass(frozen=True)
class Indicator:
    key: str
    vi: str
    en: str
    sector: str
    unit: str
    names: tuple[str, ...]
    bare: str | None = None  # measure kind of a bare value with no cue word
    family: str | None = None  # family prefix when generated from items × variables
    item: str | None = None
    whole: str | None = None  # indicator of the y of an "x/y" count (the whole x is part of)
    count: str | None = None  # indicator of the x of "x% (x/y)" when this one is the rate


@dataclass(frozen=True)
class Variable:
    key: str
    vi: str
    en: str
    unit: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Family:
    prefix: str
    sector: str
    items: tuple[Indicator, ...]  # one pseudo-indicator per item (names of the item)
    variables: tuple[Variable, ...]

    def key(self, item: str, variable: str) -> str:
        return f"{self.prefix}-{item}-{variable}"


@dataclass(frozen=True)
class Unit:
    key: str
    vi: str
    en: str
    kind: str
    forms: tuple[str, ...]
    qudt: str | None = None
    dimension: str | None = None  # count units only: the unit whose things it counts


@dataclass(frozen=True)
class Label:
    key: str
    vi: str
    en: str


@dataclass(frozen=True)
class ContextualUnit:
    """A unit form that names another unit after certain words ("đạt 08 giải": prizes)."""

    form: str
    unit: str
    before: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class Lexicon:
    indicators: dict[str, Indicator]
    families: tuple[Family, ...]
    units: dict[str, Unit]
    sectors: dict[str, Label]
    measure_kinds: dict[str, Label]
    concepts: dict[str, str]  # measure kind key -> kg: concept local name
    cues: dict[str, tuple[str, ...]]
    qualifiers: dict[str, tuple[str, ...]]
    periods: dict[str, tuple[re.Pattern[str], ...]]
    table_columns: dict[str, tuple[str, tuple[re.Pattern[str], ...]]]
    contextual_units: tuple[ContextualUnit, ...] = ()
    classifiers: tuple[str, ...] = ()  # unit forms standing for a longer form said before

    @cached_property
    def everything(self) -> dict[str, Indicator]:
        """Plain indicators plus every item × variable of the families."""
        out = dict(self.indicators)
        for fam in self.families:
            for item in fam.items:
                for var in fam.variables:
                    key = fam.key(item.item or "", var.key)
                    out[key] = Indicator(
                        key,
                        f"{item.vi} - {var.vi}",
                        f"{item.en} - {var.en}",
                        fam.sector,
                        var.unit,
                        (),
                    )
        for unit in self.units.values():
            key = unclassified_key(unit.key)
            out[key] = Indicator(
                key,
                f"Số liệu chưa phân loại (đơn vị: {unit.vi})",
                f"Unclassified figure (unit: {unit.en})",
                UNCLASSIFIED,
                unit.key,
                (),
            )
        return out


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KgError(f"{path}: cannot read lexicon ({exc})") from exc
    if not isinstance(data, dict):
        raise KgError(f"{path}: expected a mapping")
    return data


def _indicator(raw: dict[str, Any], path: Path) -> Indicator:
    try:
        return Indicator(
            key=raw["key"],
            vi=raw["vi"],
            en=raw["en"],
            sector=raw["sector"],
            unit=raw["unit"],
            names=tuple(raw.get("names") or ()),
            bare=raw.get("bare"),
            whole=raw.get("whole"),
            count=raw.get("count"),
        )
    except KeyError as exc:
        raise KgError(f"{path}: indicator {raw.get('key')!r} lacks {exc}") from exc


def _family(raw: dict[str, Any]) -> Family:
    items = tuple(
        Indicator(
            key=f"{raw['prefix']}-{i['key']}",
            vi=i["vi"],
            en=i["en"],
            sector=raw["sector"],
            unit="",
            names=tuple(i["names"]),
            family=raw["prefix"],
            item=i["key"],
        )
        for i in raw["items"]
    )
    variables = tuple(
        Variable(v["key"], v["vi"], v["en"], v["unit"], tuple(v["names"])) for v in raw["variables"]
    )
    return Family(raw["prefix"], raw["sector"], items, variables)


@cache
def load_lexicon(folder: Path = LEXICON_DIR) -> Lexicon:
    """Read and check every lexicon file once; a bad file is a `KgError` naming it."""
    ind = _read(folder / "indicators.yaml")
    units = _read(folder / "units.yaml")
    sectors = _read(folder / "sectors.yaml")
    measures = _read(folder / "measures.yaml")
    periods = _read(folder / "periods.yaml")
    lex = Lexicon(
        indicators={i["key"]: _indicator(i, folder / "indicators.yaml") for i in ind["indicators"]},
        families=tuple(_family(f) for f in ind.get("families", ())),
        units={
            u["key"]: Unit(
                u["key"],
                u["vi"],
                u["en"],
                u["kind"],
                tuple(u["forms"]),
                u.get("qudt"),
                u.get("dimension"),
            )
            for u in units["units"]
        },
        sectors={s["key"]: Label(s["key"], s["vi"], s["en"]) for s in sectors["sectors"]},
        measure_kinds={
            m["key"]: Label(m["key"], m["vi"], m["en"]) for m in measures["measure_kinds"]
        },
        concepts={m["key"]: m["concept"] for m in measures["measure_kinds"]},
        cues={k: tuple(v) for k, v in measures["cues"].items()},
        qualifiers={k: tuple(v) for k, v in measures["qualifiers"].items()},
        periods={k: tuple(_spaced(p) for p in v) for k, v in periods.items()},
        table_columns={
            k: (v["kind"], tuple(_spaced(c) for c in v["cues"]))
            for k, v in measures.get("table_columns", {}).items()
        },
        contextual_units=tuple(
            ContextualUnit(c["form"], c["unit"], tuple(c["before"]))
            for c in units.get("contextual", ())
        ),
        classifiers=tuple(units.get("classifiers", ())),
    )
    _check(lex, folder)
    return lex


def _spaced(pattern: str) -> re.Pattern[str]:
    """A lexicon pattern whose spaces match any whitespace run (OCR breaks lines anywhere)."""
    optional = re.sub(r"(?<!\\) \?", r"\\s*", pattern)
    return re.compile(re.sub(r"(?<!\\) (?![?*+])", r"\\s+", optional))


def _check(lex: Lexicon, folder: Path) -> None:
    for ind in lex.indicators.values():
        if ind.sector not in lex.sectors:
            raise KgError(f"{folder / 'indicators.yaml'}: {ind.key}: unknown sector {ind.sector!r}")
        if ind.unit not in lex.units:
            raise KgError(f"{folder / 'indicators.yaml'}: {ind.key}: unknown unit {ind.unit!r}")
        for other in (ind.whole, ind.count):
            if other is not None and other not in lex.indicators:
                raise KgError(
                    f"{folder / 'indicators.yaml'}: {ind.key}: unknown indicator {other!r}"
                )
    for unit in lex.units.values():
        same = lex.units.get(unit.dimension or unit.key)
        if same is None or same.kind != unit.kind:
            raise KgError(
                f"{folder / 'units.yaml'}: {unit.key}: dimension {unit.dimension!r} is not a "
                f"unit of the same kind"
            )
    for c in lex.contextual_units:
        if c.unit not in lex.units:
            raise KgError(
                f"{folder / 'units.yaml'}: contextual {c.form!r}: unknown unit {c.unit!r}"
            )
