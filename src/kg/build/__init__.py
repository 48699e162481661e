"""Stage 3: turn ontology, vocabularies and extracted records into named graphs on disk."""

from kg.build.pipeline import BuildResult, run_build

__all__ = ["BuildResult", "run_build"]
