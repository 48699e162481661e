"""Print a validation report for a person: results grouped by rule, each rule explained once.

A broken extractor yields the same problem on thousands of nodes; one table row per
result buries the message. Grouping by (severity, shape, message) shows each problem
once, with the nodes it hits underneath.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from kg.iris import PREFIXES
from kg.validate.shacl import ValidationReport, Violation

_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
_BRACKETED = re.compile(r"<([^<>\s]+)>")
_NAMESPACES = {**PREFIXES, "kgsh": "https://w3id.org/kg-vn/shapes#"}


def render_report(report: ValidationReport, limit: int | None = 20) -> str:
    """Plain text; at most `limit` nodes per rule (None: all)."""
    groups: dict[tuple[str, str, str], list[Violation]] = defaultdict(list)
    for result in report.results:
        groups[(result.severity, result.shape, result.message)].append(result)
    lines = [_headline(report, len(groups))]
    for key in sorted(groups, key=lambda k: (_ORDER.get(k[0], 9), k[1], k[2])):
        lines.extend(["", *_group(key, groups[key], limit)])
    return "\n".join(lines) + "\n"


def compact(text: str) -> str:
    """kg:Province instead of the full IRI, for the well-known vocabularies only.

    `text` is an IRI, or a property path with its IRIs in <…> ("^<…#sameAs>/<…#listVersion>").
    """
    if "<" not in text:
        return _compact_iri(text)
    return _BRACKETED.sub(lambda m: _compact_iri(m.group(1), f"<{m.group(1)}>"), text)


def _compact_iri(iri: str, otherwise: str | None = None) -> str:
    for prefix, namespace in sorted(_NAMESPACES.items(), key=lambda p: -len(p[1])):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri if otherwise is None else otherwise


def _headline(report: ValidationReport, rules: int) -> str:
    verdict = "valid" if report.conforms else "NOT valid"
    return (
        f"{verdict}: {len(report.violations)} violation(s), {len(report.warnings)} warning(s)"
        f" from {rules} rule(s)"
    )


def _group(key: tuple[str, str, str], results: list[Violation], limit: int | None) -> Iterable[str]:
    severity, shape, message = key
    yield f"{severity.upper()} [{compact(shape)}] {message} — {len(results)} node(s)"
    shown = results if limit is None else results[:limit]
    for r in shown:
        detail = [f"focus {r.focus}"]
        if r.path:
            detail.append(f"path {compact(r.path)}")
        if r.value and r.value != r.focus:
            detail.append(f"value {_short(r.value)}")
        yield "  - " + " · ".join(detail)
    if len(shown) < len(results):
        yield f"  … and {len(results) - len(shown)} more (use --all to list every node)"


def _short(value: str, width: int = 80) -> str:
    value = compact(value).replace("\n", " ")
    return value if len(value) <= width else value[: width - 1] + "…"
