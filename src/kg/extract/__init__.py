"""Stage 2: read a report's text and produce typed records (figures, entities, relations)."""
