"""Synthetic reports in the genre, for running the whole pipeline on many reports.

Each report is the real seed report (Cao Bằng, 1468/BC-UBND, first half of 2023) with
its structure kept and its particulars changed programmatically: the province (name
and code from `data/vocab/provinces-2023.csv`), the years (shifted together, so "so
với cùng kỳ năm 2022" stays one year back) and the figures (each measured number scaled
by a factor drawn per number, its format — thousands dots, decimal comma, number of
decimals — kept). Nothing is typed in: the pipeline extracts whatever the text says.
The same index always gives the same report (seeded RNG), so runs are comparable.

    python bench/generate.py OUT_DIR --reports 100 [--with-seed]

writes OUT_DIR/data/sources/*.txt + *.yaml and links OUT_DIR/data/vocab to the repo's.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "sources" / "cao-bang-1468-bc-ubnd-2023-06-14"
SEED_PROVINCE = "Cao Bằng"
# Measured numbers: with a decimal comma or thousands dots, or plain integers of 2+
# digits; never part of a date, a document number (n/…) or a code.
_NUMBER = re.compile(r"(?<![\d/.,-])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d{2,})(?![\d/]|\.\d)")
_YEAR = re.compile(r"(?<!\d)(20[0-3]\d)(?!\d)")
# Kept as written: page numbers (a line holding only a number) and footnote markers (a
# number glued to a word, "giao thông46", or opening a line before a capital, "46 Dự
# án"), since footnote detection reads the page layout from them; and the day of a
# written date ("ngày 14 tháng 6 năm 2023", OCR spellings included): not figures.
_KEEP = re.compile(
    r"^[ \t]*\d+[ \t]*$|(?<=[^\W\d_])\d+|^\d+(?= [^\W\d_])(?=\s*[A-ZĐÀ-Ỹ])"
    r"|\d{1,2}(?=\s+th\S{1,3}ng\s+\d{1,2}\s+n\S{1,2}m)",
    re.M,
)
SEED_NUMBER = "1468/BC"


@dataclass(frozen=True)
class Province:
    code: str
    name: str  # short name, as reports write it ("Cao Bằng")


def provinces() -> list[Province]:
    with (ROOT / "data" / "vocab" / "provinces-2023.csv").open(encoding="utf-8") as handle:
        return [Province(row["code"], row["short_name"]) for row in csv.DictReader(handle)]


def perturb_number(text: str, rng: random.Random) -> str:
    """The same number format with a value scaled by 0.7–1.3."""
    if _YEAR.fullmatch(text):
        return text
    grouped = "." in text
    whole, _, decimals = text.replace(".", "").partition(",")
    value = float(f"{whole}.{decimals or 0}") * rng.uniform(0.7, 1.3)
    out = f"{value:.{len(decimals)}f}" if decimals else str(max(1, round(value)))
    if whole.startswith("0") and not decimals:
        out = out.zfill(len(whole))  # "03 chương trình" keeps its written width
    int_part, _, frac = out.partition(".")
    if grouped:
        int_part = f"{int(int_part):,}".replace(",", ".")
    return int_part + ("," + frac if frac else "")


def synthetic_text(
    seed: str, province: Province, shift: int, rng: random.Random, number: str = SEED_NUMBER
) -> str:
    """The seed with figures perturbed, years shifted, and the province and the report's
    own number (cited in the annex headings) replaced."""
    pieces, last = [], 0
    for kept in _KEEP.finditer(seed):
        pieces.append(
            _NUMBER.sub(lambda m: perturb_number(m.group(), rng), seed[last : kept.start()])
        )
        pieces.append(kept.group())
        last = kept.end()
    pieces.append(_NUMBER.sub(lambda m: perturb_number(m.group(), rng), seed[last:]))
    text = "".join(pieces).replace(SEED_NUMBER, number)
    text = _YEAR.sub(lambda m: str(int(m.group()) + shift), text)
    text = text.replace(SEED_PROVINCE, province.name)
    return text.replace(SEED_PROVINCE.upper(), province.name.upper())


def synthetic_metadata(seed: dict, index: int, province: Province, shift: int) -> dict:
    meta = yaml.safe_load(yaml.safe_dump(seed))  # a deep copy
    year = 2023 + shift
    meta["slug"] = f"synthetic-{index:04d}-p{province.code}-{year}"
    meta["document_number"] = f"{1000 + index}/BC-UBND"
    meta["date"] = meta["date"].replace(year=year)
    meta["issuer"]["name_vi"] = f"Ủy ban nhân dân tỉnh {province.name}"
    meta["issuer"]["name_en"] = f"People's Committee of {province.name} Province"
    meta["issuer"]["area_code"] = province.code
    meta["area"]["gso_code"] = province.code
    period = meta["reporting_period"]
    period["start"] = period["start"].replace(year=year)
    period["end"] = period["end"].replace(year=year)
    for key in ("label_vi", "label_en"):
        period[key] = period[key].replace("2023", str(year))
    for part in ("vi", "en"):
        meta["title"][part] = meta["title"][part].replace("2023", str(year))
        if meta.get("audience"):
            meta["audience"][part] = meta["audience"][part].replace("2023", str(year))
    meta["text"]["origin"] = f"synthetic: bench/generate.py index {index} from the seed report"
    return meta


def generate(out: Path, count: int, with_seed: bool = False) -> Path:
    """Write `count` synthetic reports (and optionally the real one) under out/data."""
    data = out / "data"
    sources = data / "sources"
    if sources.exists():
        shutil.rmtree(sources)
    sources.mkdir(parents=True)
    vocab = data / "vocab"
    if not vocab.exists():
        vocab.symlink_to(ROOT / "data" / "vocab", target_is_directory=True)
    seed_text = SEED.with_suffix(".txt").read_text(encoding="utf-8")
    seed_meta = yaml.safe_load(SEED.with_suffix(".yaml").read_text(encoding="utf-8"))
    places = provinces()
    for index in range(count):
        rng = random.Random(index)
        province = places[index % len(places)]
        shift = -((index // len(places)) % 5)  # 2023, 2022, … 2019
        name = f"synthetic-{index:04d}"
        text = synthetic_text(seed_text, province, shift, rng, f"{1000 + index}/BC")
        meta = synthetic_metadata(seed_meta, index, province, shift)
        (sources / f"{name}.txt").write_text(text, encoding="utf-8")
        (sources / f"{name}.yaml").write_text(
            yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    if with_seed:
        for suffix in (".txt", ".yaml"):
            shutil.copy(SEED.with_suffix(suffix), sources / (SEED.name + suffix))
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write data/ into")
    parser.add_argument("--reports", type=int, default=10, help="synthetic reports to write")
    parser.add_argument("--with-seed", action="store_true", help="include the real report")
    args = parser.parse_args()
    data = generate(args.out, args.reports, args.with_seed)
    print(f"wrote {args.reports} reports to {data / 'sources'}")


if __name__ == "__main__":
    main()
