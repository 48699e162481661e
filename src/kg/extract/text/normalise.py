"""Matching keys for OCR'd Vietnamese text, with a way back to the original offsets.

Extractors match lexicon terms and patterns against a *folded* copy of the report
(lowercase, NFC, whitespace collapsed, frequent OCR slips repaired) because the OCR
text spells the same word several ways ("Ke hoạch", "Kê hoạch", "Kế hoạch").
Evidence must still point into the stored file, so `fold_with_map` keeps, for every
folded character, the offset of the original character it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_NUM = r"\d[\d.,]*"

# (pattern on the folded text, replacement). A named group `w` marks the slipped word
# when the pattern needs context around it (look-behinds must be fixed-width).
# Order matters: earlier fixes feed later ones.
_FIXES: tuple[tuple[str, str], ...] = (
    # letters spaced apart by the OCR
    (r"\bv ớ i\b", "với"),
    (r"\bủ y(?= +ban\b)", "ủy"),
    (r"\bb ằ n g\b", "bằng"),
    (r"\bc ỏ\b", "cỏ"),
    (r"\bk ỹ\b", "kỹ"),
    (r"\bt ế\b", "tế"),
    (r"\bv ụ\b", "vụ"),
    # lost or wrong tone marks on frequent words
    (r"\b(?:ke|kê|kề)(?= hoạch\b)", "kế"),
    (r"\b(?:đe|đê)(?= án\b)", "đề"),
    (r"\bkỉnh(?= tế\b)", "kinh"),
    (r"\bket(?= quả\b)", "kết"),
    (r"\bquyêt\b", "quyết"),
    (r"\bnghị quyết (?P<w>sô)\b", "số"),
    (r"\bquôc\b", "quốc"),
    (r"\btinh(?= hình\b)", "tình"),
    (r"\btinh\b(?! (?:thần|giản|quặng|tế|hoa|thông|dầu|bột|khiết|chỉnh|luyện|xảo|vi))", "tỉnh"),
    (r"\btình(?= cao b[ằă]ng\b)", "tỉnh"),
    (r"\b(?:toàn|của|cấp|bàn) (?P<w>tình)\b(?! (?:hình|trạng|huống|cảm|nguyện|thương))", "tỉnh"),
    (r"\bcao (?P<w>băng)\b", "bằng"),
    (r"\b(?:bàng|bẩng)\b(?! hoàng)", "bằng"),
    (r"\bbăng(?= \d)", "bằng"),
    (r"\bsàn(?= (?:lượng|phẩm|xuất)\b)", "sản"),
    (r"\bsản (?P<w>phấm)\b", "phẩm"),
    (r"\d ?(?P<w>tan|tân)\b", "tấn"),
    (r"\bcung(?= k[ỳy]\b)", "cùng"),
    (r"\bcùng (?P<w>ky)\b", "kỳ"),
    (r"\băng(?= suất\b)", "năng"),
    (r"\b(?:tọng|tồng)\b", "tổng"),
    (r"\btròng(?= trọt\b)", "trồng"),
    (r"\btet\b", "tết"),
    (r"\bđen(?= (?:ngày|nay|hết)\b)", "đến"),
    (r"\bữên\b", "trên"),
    (r"\bhon(?= \d)", "hơn"),
    (r"\bhọp(?= (?:tác|pháp|lý)\b)", "hợp"),
    (r"\b(?:phù|trường|liên) (?P<w>họp)\b", "hợp"),
    (r"\blóp\b", "lớp"),
    (r"\btỳ(?= đồng\b)", "tỷ"),
    (r"\bừiệu\b", "triệu"),
    (r"\b(?:tỷ|triệu|nghìn) (?P<w>đông)\b", "đồng"),
    (r"\bthè\b", "thẻ"),
    (r"\bngựời\b", "người"),
    (r"\bchét\b", "chết"),
    (r"\bgân(?= \d)", "gần"),
    (r"\bchỉ (?P<w>sổ)\b", "số"),
    (r"\bsổ(?= dự án\b)", "số"),
    (r"\d (?P<w>diêm)\b", "điểm"),
    (r"\bcụ (?P<w>the)\b", "thể"),
    # a lost tone on a circumflex vowel: none of these spellings is a Vietnamese word
    (r"\bcâp\b", "cấp"),
    (r"\bchât\b", "chất"),
    (r"\btiêp\b", "tiếp"),
    (r"\bkêt\b", "kết"),
    (r"\bnhât\b", "nhất"),
    (r"\btriên\b", "triển"),
    (r"\btruyên\b", "truyền"),
    (r"\bbiêu\b", "biểu"),
    (r"\bđiêu(?= (?:chỉnh|trị|tra|kiện|hành|động)\b)", "điều"),
    (r"\bthâm(?= (?:định|duyệt|quyền)\b)", "thẩm"),
    (r"\btô(?= chức\b)", "tổ"),
    (r"\bđâu(?= (?:tư|năm)\b)", "đầu"),
    (r"\bđên\b", "đến"),
    (r"\bhội (?P<w>đông)\b", "đồng"),
    (r"\b(?:nhập|xuất) (?P<w>khau)\b", "khẩu"),
    (r"\btông(?= (?:giá trị|số|chiều dài|kinh phí|thu|chi|vốn|điểm)\b)", "tổng"),
    (r"\bqủa\b", "quả"),
    (r"\blưomg\b", "lương"),
    (r"\bcâyăn\b", "cây ăn"),
)


@dataclass(frozen=True)
class _Fix:
    pattern: re.Pattern[str]
    replacement: str


_COMPILED: tuple[_Fix, ...] = tuple(_Fix(re.compile(p), r) for p, r in _FIXES)


def _clusters(text: str) -> list[tuple[int, str]]:
    """Split into (offset, base char + combining marks) so NFC never spans two groups."""
    out: list[tuple[int, str]] = []
    for i, ch in enumerate(text):
        if out and unicodedata.combining(ch):
            start, group = out[-1]
            out[-1] = (start, group + ch)
        else:
            out.append((i, ch))
    return out


def _lower_nfc(text: str) -> tuple[list[str], list[int]]:
    chars: list[str] = []
    offsets: list[int] = []
    for start, group in _clusters(text):
        for ch in unicodedata.normalize("NFC", group).lower():
            chars.append(ch)
            offsets.append(start)
    return chars, offsets


def _collapse_space(chars: list[str], offsets: list[int]) -> tuple[str, list[int]]:
    out: list[str] = []
    out_map: list[int] = []
    for ch, off in zip(chars, offsets, strict=True):
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                out_map.append(off)
            continue
        out.append(ch)
        out_map.append(off)
    if out and out[-1] == " ":
        out.pop()
        out_map.pop()
    return "".join(out), out_map


def _apply(fix: _Fix, text: str, mapping: list[int]) -> tuple[str, list[int]]:
    pieces: list[str] = []
    new_map: list[int] = []
    last = 0
    for m in fix.pattern.finditer(text):
        a, b = m.span("w") if "w" in fix.pattern.groupindex else m.span()
        if a == b:
            continue
        pieces.append(text[last:a])
        new_map.extend(mapping[last:a])
        pieces.append(fix.replacement)
        width = b - a
        new_map.extend(mapping[a + min(i, width - 1)] for i in range(len(fix.replacement)))
        last = b
    pieces.append(text[last:])
    new_map.extend(mapping[last:])
    return "".join(pieces), new_map


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """The matching key of `text` and, per folded character, its original offset."""
    chars, offsets = _lower_nfc(text)
    folded, mapping = _collapse_space(chars, offsets)
    for fix in _COMPILED:
        folded, mapping = _apply(fix, folded, mapping)
    return folded, mapping


def fold(text: str) -> str:
    """Lowercase, NFC, OCR-repaired, whitespace-collapsed form used for matching."""
    return fold_with_map(text)[0]


def to_original(original: str, mapping: list[int], start: int, end: int) -> tuple[int, int]:
    """Original (start, end) of the folded slice [start, end); end covers trailing marks."""
    if not 0 <= start < end <= len(mapping):
        raise ValueError(f"folded span {start}-{end} outside 0-{len(mapping)}")
    o_start = mapping[start]
    o_end = mapping[end - 1] + 1
    while o_end < len(original) and unicodedata.combining(original[o_end]):
        o_end += 1
    return o_start, o_end


def finditer_original(
    pattern: re.Pattern[str], original: str
) -> list[tuple[re.Match[str], int, int]]:
    """Match `pattern` on the folded text; yield each match with its original span."""
    folded, mapping = fold_with_map(original)
    return [
        (m, *to_original(original, mapping, m.start(), m.end()))
        for m in pattern.finditer(folded)
        if m.end() > m.start()
    ]
