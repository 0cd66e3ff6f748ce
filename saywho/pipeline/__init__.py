"""The analysis pipeline: spaCy parse, quote tagger, assembly, speakers, block quotes."""

from .pipeline import DEFAULT_MODEL, Pipeline, load

__all__ = ["DEFAULT_MODEL", "Pipeline", "load"]
