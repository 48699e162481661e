"""Capitalised names in the original text: runs of words that start with a capital.

Vietnamese proper names are written with a capital on every syllable ("Hà Quảng",
"Bản Giốc"); a run of such words after a cue word ("huyện", "cửa khẩu") is the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+")
_GAP = re.compile(r"[ \t]*\n?[ \t]*")


@dataclass(frozen=True)
class Run:
    """Consecutive capitalised words: their offsets and each word's offsets."""

    words: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.words[0][0]

    @property
    def end(self) -> int:
        return self.words[-1][1]

    def prefix(self, n: int) -> Run:
        return Run(self.words[:n])


def is_capital(word: str) -> bool:
    return word[:1].isupper()


def run_at(text: str, pos: int, max_words: int = 6, allow_digits: bool = False) -> Run | None:
    """The capitalised run starting at `pos` (after blanks), or None."""
    words: list[tuple[int, int]] = []
    while len(words) < max_words:
        gap = _GAP.match(text, pos)
        assert gap is not None  # the pattern matches the empty string
        m = _WORD.match(text, gap.end())
        if not m or not (is_capital(m.group()) or (allow_digits and words and _short(m.group()))):
            break
        words.append((m.start(), m.end()))
        pos = m.end()
    return Run(tuple(words)) if words else None


def _short(word: str) -> bool:
    """A trailing code such as the "A" of "Bảo Lạc A" or a number."""
    return word.isdigit() or (len(word) <= 2 and word.isupper())


def runs_from_longest(run: Run, max_words: int = 4) -> list[Run]:
    return [run.prefix(n) for n in range(min(len(run.words), max_words), 0, -1)]


UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
CAP_WORD = rf"[{UPPER}][^\W_]*"
CAP_RUN = rf"{CAP_WORD}(?:[ \t]{{1,3}}\n?[ \t]*{CAP_WORD}){{0,3}}"


def words_of(text: str, start: int, end: int) -> Run | None:
    """The words of text[start:end] as a run (capitalised or not)."""
    words = tuple((m.start(), m.end()) for m in _WORD.finditer(text, start, end))
    return Run(words) if words else None


def suffixes(run: Run, max_words: int = 4) -> list[Run]:
    """Trailing parts of a run, longest first: the name before "(huyện X)" may follow
    other capitalised words ("Dự án Cải tạo ... Chu Trinh")."""
    n = len(run.words)
    return [Run(run.words[n - k :]) for k in range(min(n, max_words), 0, -1)]
