"""Documents the report cites: type word, number, date, issuer; laws by name.

The issuer is the body the text names after the number ("… của Chính phủ"); failing
that, the body coded in the number itself ("01/NQ-CP": CP is the Government), as
official numbering prescribes. Đề án with a number are schemes (kg:Scheme).
"""

from __future__ import annotations

import re
from typing import Any

from kg.extract.entities.context import Collector, Doc
from kg.extract.entities.fold import compile_folded, fold
from kg.extract.entities.lexicon import Lexicon
from kg.extract.entities.terms import fill
from kg.extract.records import Span
from kg.iris import slug

_NUMBER = (
    r"(?P<num>\d+(?:\s?/\s?\d{4})?\s?/\s?(?:[a-z]+\s*-\s*)?[a-z]+\d*(?![\w/-])"
    r"|\d+-[a-z]+/[a-z]+(?!\w))"
)
_DATE = re.compile(r"[ \t]*,?\s*ngay\s+(\d{1,2})\s?/\s?(\d{1,2})\s?/\s?(\d{4})")
_OF = re.compile(r"\s*,?\s*cua\s+")
_TITLE_END = re.compile(r"[;.:(“\"]|\n\s*\n| tren dia ban")


Orgs = dict[int, tuple[str, int]]  # start of an organisation's mention → (key, end)


def add_documents(
    col: Collector, doc: Doc, lex: Lexicon, organisations: dict[str, list[tuple[int, int]]]
) -> None:
    """Numbered documents (and schemes), then laws; `organisations` are the org mentions."""
    orgs: Orgs = {
        start: (ref.partition(":")[2], end)
        for ref, places in sorted(organisations.items())
        for start, end in places
    }
    types = lex.get("documents", "types")
    words = "|".join(t["word"] for t in types)
    pattern = compile_folded(rf"(?<!\w)(?P<type>{words})(?: s\w)?\s*{_NUMBER}")
    for m in pattern.finditer(doc.folded):
        kind = next(t for t in types if re.fullmatch(t["word"], " ".join(m["type"].split())))
        _add_one(col, doc, lex, kind, m, orgs)
    _add_laws(col, doc, lex)


def _add_one(
    col: Collector, doc: Doc, lex: Lexicon, kind: dict[str, Any], m: re.Match, orgs: Orgs
) -> None:
    number = normalise_number(doc.text[m.start("num") : m.end("num")], lex)
    end = m.end()
    attrs = {"number": number, "doc-type": kind["key"], "class": kind["class"]}
    date = _DATE.match(doc.folded, end)
    if date:
        day, month, year = (int(g) for g in date.groups())
        attrs["date"] = f"{year:04d}-{month:02d}-{day:02d}"
        end = date.end()
    issuer, issuer_end = _named_issuer(doc, orgs, end)
    span = doc.span(m.start(), max(end, issuer_end))
    issuer = issuer or _coded_issuer(col, doc, lex, number, span)
    title = _title(doc, max(end, issuer_end))
    if title:
        attrs["title"] = title
    entity_kind = "scheme" if kind["key"] == "scheme" else "document"
    ref = col.add(
        entity_kind,
        document_key(number, lex, doc.province_code),
        f"{kind['label']} số {number}",
        span,
        f"{kind['label_en']} No. {number}",
        attrs,
    )
    if issuer:
        col.relate(ref, "issuer", f"organisation:{issuer}", span)


def document_key(number: str, lex: Lexicon, province_code: str) -> str:
    """ "01/NQ-CP" → "01-nq-cp"; "354/KH-UBND" → "04/354-kh-ubnd" in a Cao Bằng report.

    Every province's People's Committee numbers its own "…/KH-UBND": a number whose issuer
    code names a provincial body (`issuer_codes` entries holding `{province_key}`) is only
    unique within the province, so the report's province code goes first. Decided from the
    number alone, so every mention of one document gets one key."""
    key = slug(number)
    if province_code and "{province_key}" in (_issuer_template(number, lex) or ""):
        return f"{province_code}/{key}"
    return key


def _issuer_template(number: str, lex: Lexicon) -> str | None:
    """The organisation key template of the issuer code ending the number ("UBND")."""
    codes = lex.data["documents"].get("issuer_codes") or {}
    last = re.findall(r"[^\W\d_]+", number)
    return codes.get(fold(last[-1]).lower()) if last else None


def normalise_number(printed: str, lex: Lexicon) -> str:
    """ "354/HK-UBND" → "354/KH-UBND", "01/NQ-CP"; blanks dropped, codes spelled alike."""
    spelling = lex.data["documents"].get("spelling") or {}
    out = []
    for token in re.findall(r"\d+|[^\W\d_]+|[/-]", printed):
        folded = fold(token)
        if token.isdigit() or token in "/-":
            out.append(token)
        else:
            out.append(spelling.get(folded, token.upper()))
    return "".join(out)


def _named_issuer(doc: Doc, orgs: Orgs, end: int) -> tuple[str | None, int]:
    """The organisation named right after "của" ("… của Bộ Tài chính")."""
    m = _OF.match(doc.folded, end)
    if not m or m.end() not in orgs:
        return None, end
    return orgs[m.end()]


def _coded_issuer(col: Collector, doc: Doc, lex: Lexicon, number: str, span: Span) -> str | None:
    """The body coded in the number; recorded as mentioned by the number itself."""
    template = _issuer_template(number, lex)
    if not template:
        return None
    for entry in lex.get("organisations", "organisations"):
        if entry["key"] == template:
            key = (fill(template, doc) or "").strip("-")
            col.add(
                "organisation",
                key,
                fill(entry["label"], doc) or key,
                span,
                fill(entry.get("label_en"), doc),
            )
            return key
    return None


def _title(doc: Doc, pos: int) -> str | None:
    """ "… về nhiệm vụ, giải pháp …": the subject the text gives after the number."""
    m = re.match(r"\s*(?:,\s*)?(ve|phe duyet|quy dinh|ban hanh|thuc hien)\s", doc.folded[pos:])
    if not m:
        return None
    start = pos + m.start(1)
    stop = _TITLE_END.search(doc.folded, start)
    end = min(stop.start() if stop else len(doc.text), start + 300)
    return doc.display(start, end) or None


def _add_laws(col: Collector, doc: Doc, lex: Lexicon) -> None:
    """ "Luật Lâm nghiệp", "Luật Đất đai (sửa đổi)": laws are cited by name."""
    law = lex.data["documents"]["law"]
    for m in re.finditer(r"(?<!\w)Luật[ \t]+(?!số)[^\W\d_][^;,.()“”\"]{2,60}", doc.text):
        cut = re.split(r"\n\s*\n", m.group())[0]
        name = re.split(r"\s+(?:năm|trên|của|theo|và|đã|được|bằng|đến)\s", cut + " ")[0]
        words = list(re.finditer(r"\S+", name))[:7]
        end = m.start() + words[-1].end()
        label = doc.display(m.start(), end)
        col.add(
            "document",
            slug(label),
            label,
            doc.span(m.start(), end),
            f"{law['label_en']}: {label[len(law['label']) :].strip()}",
            {"doc-type": "law", "class": law["class"]},
        )
