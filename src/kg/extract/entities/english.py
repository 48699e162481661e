"""English labels of names the report gives only in Vietnamese, from a curated glossary.

A project name is a common-noun phrase ("Cải tạo, nâng cấp đường tỉnh 205") around proper
names (places, rivers, units). The glossary (`projects.yaml` → `glossary`) translates
the common phrases; proper names (capitalised words), numbers and abbreviations are kept
as written. A name whose head the glossary does not know, or that keeps a lower-case
Vietnamese word untranslated, gets no English label rather than a half-translated one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

_PUNCT = set(" \n\t(),;:.-–/")


@cache
def _patterns(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    ordered = sorted(pairs, key=lambda p: -len(p[0]))
    return tuple(
        (re.compile(r"\s+".join(re.escape(w) for w in vi.split()) + r"(?!\w)", re.I), en)
        for vi, en in ordered
    )


def english_label(name: str, glossary: Mapping[str, str]) -> str | None:
    """The name with its common phrases in English, or None (see the module docstring)."""
    patterns = _patterns(tuple(sorted(glossary.items())))
    out: list[str] = []
    i, head = 0, None
    while i < len(name):
        if name[i] in _PUNCT:
            out.append(name[i])
            i += 1
            continue
        found = next(((p, en) for p, en in patterns if p.match(name, i)), None)
        if found:
            m = found[0].match(name, i)
            assert m is not None
            out.append(found[1])
            i, head = m.end(), head if head is not None else True
            continue
        word = re.match(r"[^\s(),;:]+", name[i:])
        assert word is not None
        text = word.group().strip(".-–/")
        if text[:1].islower():
            return None  # a common word the glossary does not know
        out.append(word.group())
        i, head = i + word.end(), head if head is not None else False
    if not head:
        return None
    label = " ".join("".join(out).split())
    return label[:1].upper() + label[1:]
