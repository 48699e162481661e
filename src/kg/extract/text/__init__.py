"""The text layer: normalisation, segmentation and sentences of a report's OCR text."""
