"""kg: a knowledge graph of Vietnamese provincial socio-economic reports."""

__version__ = "0.1.0"
