"""Quantitative statements of a report -> `Figure` records (and `ReviewItem`s for the rest).

Generic rules read each sentence's numbers with the words around them: the unit after
the number, the cue words before and after it (đạt … KH, bằng … so với cùng kỳ, tăng,
giảm, chiếm …), the nearest indicator name from the curated lexicon, and the period
expressions of the sentence. Nothing here knows one particular report.
"""

from kg.extract.figures.extract import extract_figures

__all__ = ["extract_figures"]
