"""Plans (Kế hoạch) and schemes (Đề án) the report names by title, without a number.

"Kế hoạch thực hiện Chương trình OCOP năm 2023 …": the title runs from the type word to
the end of the clause; a programme named inside the title is the plan's programme.
"""

from __future__ import annotations

import re

from kg.extract.entities.context import Collector, Doc
from kg.extract.entities.names import CAP_RUN
from kg.iris import slug

_TYPE = re.compile(r"(?<!\w)(K[eêế]\s+hoạch|Đ[eềê]\s+án)\s+(?!số\b)(?=[^\W\d_])")
# A title ends where the clause goes on with what was done ("…, thực hiện …") or with the
# next document ("… và Kế hoạch …").
_NEXT = (
    r"(?:thực hiện|triển khai|chỉ đạo|tổ chức|ban hành|kiện toàn|đôn đốc|hướng dẫn|phê duyệt"
    r"|K[eêế] hoạch|Đ[eềê] án)"
).replace(" ", r"\s+")
_END = re.compile(
    r"[;:.(]|\s(?:trên\s+địa\s+bàn|theo|để|nhằm|tiếp\s+tục|được|đã|đang|chi\s+tiết)\s"
    rf"|,\s+{_NEXT}\s|\s+và\s+{_NEXT}\s"
)
_NOT_TITLE = re.compile(r"(?:của|và|cho|với|đã|được|này|năm)\s", re.IGNORECASE)
_HEADS = re.compile(r"(?:Bộ|Sở|Phòng)\s+$")
_MASTER_PLAN = re.compile(
    rf"Quy\s+hoạch\s+tỉnh\s+({CAP_RUN})\s+thời\s+kỳ\s+(\d{{4}})\s*-\s*(\d{{4}})"
)
_KINDS = {"k": ("plan", "Kế hoạch", "Plan"), "đ": ("scheme", "Đề án", "Scheme")}


def add_plans(
    col: Collector,
    doc: Doc,
    programmes: dict[str, list[tuple[int, int]]],
    indices: dict[str, list[tuple[int, int]]],
) -> None:
    """Each titled plan or scheme; the programme or composite index its title names."""
    for m in _TYPE.finditer(doc.text):
        if _HEADS.search(doc.text, max(0, m.start() - 8), m.start()):
            continue  # "Bộ Kế hoạch và Đầu tư" is a ministry
        stop = _END.search(doc.text, m.end(), doc.segment_end(m.start()))
        end = stop.start() if stop else doc.segment_end(m.start())
        end = min(end, m.end() + 220)
        title = doc.display(m.end(), end).strip(' ,“”"')
        if len(title.split()) < 3 or title[:1].isdigit() or _NOT_TITLE.match(title):
            continue
        kind, word, _word_en = _KINDS[m.group(1)[0].lower()]
        ref = col.add(
            kind,
            slug(f"{word} {title}")[:90].strip("-"),
            f"{word} {title}",
            doc.span(m.start(), end),
            None,
            {"title": title},
        )
        for predicate, found in (("programme", programmes), ("indicator", indices)):
            for target, places in sorted(found.items()):
                for p_start, p_end in places:
                    if m.end() <= p_start and p_end <= end:
                        col.relate(ref, predicate, target, doc.span(p_start, p_end))


def add_master_plans(col: Collector, doc: Doc) -> None:
    """ "Quy hoạch tỉnh Cao Bằng thời kỳ 2021-2030": the province's master plan."""
    for m in _MASTER_PLAN.finditer(doc.text):
        name, first, last = doc.display(m.start(1), m.end(1)), m.group(2), m.group(3)
        col.add(
            "plan",
            slug(f"quy hoach tinh {name} {first} {last}"),
            f"Quy hoạch tỉnh {name} thời kỳ {first}-{last}",
            doc.span(m.start(), m.end()),
            f"{name} provincial master plan {first}-{last}",
            {"plan-type": "provincial-master-plan"},
        )
