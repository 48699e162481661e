"""SPARQL results serializers for a capped list of rows.

pyoxigraph serializes a whole result iterator; the service must stop at the row limit
and say so, so the rows are taken first and written here in the four W3C formats
(JSON, XML, CSV, TSV). A cut JSON result says so in its head (`kg:truncated`) and in a
`kg:note`; every format also gets the `X-KG-Truncated` header from the service.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

_XML_CONTROL = {"\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}  # kept exact by XML parsers
Row = Sequence[Any]  # terms (or None) in the order of the variables
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RESULTS_NS = "http://www.w3.org/2005/sparql-results#"


def term_json(term: Any) -> dict[str, Any]:
    """One term in the SPARQL 1.1 JSON results shape."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": term_json(term.subject),
                "predicate": term_json(term.predicate),
                "object": term_json(term.object),
            },
        }
    out: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def select_json(variables: list[str], rows: list[Row], truncated: bool) -> bytes:
    head: dict[str, Any] = {"vars": variables}
    if truncated:
        head["kg:truncated"] = True
    bindings = [
        {v: term_json(t) for v, t in zip(variables, row, strict=True) if t is not None}
        for row in rows
    ]
    doc = {"head": head, "results": {"bindings": bindings}}
    if truncated:
        doc["kg:note"] = f"result cut to the first {len(rows)} rows (max_result_rows)"
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _term_xml(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Triple):
        parts = zip(("subject", "predicate", "object"), term, strict=True)
        inner = "".join(f"<{name}>{_term_xml(t)}</{name}>" for name, t in parts)
        return f"<triple>{inner}</triple>"
    text = escape(term.value, _XML_CONTROL)
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{text}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{text}</literal>"
    return f"<literal>{text}</literal>"


def select_xml(variables: list[str], rows: list[Row], truncated: bool) -> bytes:
    out = ['<?xml version="1.0"?>\n', f'<sparql xmlns="{RESULTS_NS}">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    if truncated:
        out.append('<link href="urn:kg:truncated"/>')
    out.append("</head><results>")
    for row in rows:
        out.append("<result>")
        for var, term in zip(variables, row, strict=True):
            if term is not None:
                out.append(f"<binding name={quoteattr(var)}>{_term_xml(term)}</binding>")
        out.append("</result>")
    out.append("</results></sparql>\n")
    return "".join(out).encode("utf-8")


def _csv_value(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def select_csv(variables: list[str], rows: list[Row], truncated: bool) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow([_csv_value(t) for t in row])
    return buffer.getvalue().encode("utf-8")


def select_tsv(variables: list[str], rows: list[Row], truncated: bool) -> bytes:
    lines = ["\t".join(f"?{v}" for v in variables)]
    for row in rows:
        lines.append("\t".join("" if t is None else str(t) for t in row))
    return ("\n".join(lines) + "\n").encode("utf-8")


def ask_body(kind: str, value: bool) -> bytes:
    """ASK answers; CSV/TSV have no W3C shape for booleans: the bare word, as Oxigraph."""
    text = "true" if value else "false"
    if kind == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if kind == "xml":
        return (
            f'<?xml version="1.0"?>\n<sparql xmlns="{RESULTS_NS}"><head/>'
            f"<boolean>{text}</boolean></sparql>\n"
        ).encode()
    return text.encode()


SELECT_WRITERS = {"json": select_json, "xml": select_xml, "csv": select_csv, "tsv": select_tsv}
