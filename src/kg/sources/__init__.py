"""Stage 1: find the reports under `data/sources/` and read them safely.

Each report is a UTF-8 text file plus a YAML metadata file with the same stem.
Anything wrong with either becomes a `SourceError` naming the file and the problem,
before any output is written.
"""

from kg.sources.report import Report, ReportMetadata, discover_reports, load_report

__all__ = ["Report", "ReportMetadata", "discover_reports", "load_report"]
