"""How it was said: the rhetoric layers, run after quotes and speakers are resolved.

:class:`Rhetoric` adds four layers to an analysis, each switchable:

- ``claims``: a check-worthiness score per sentence (:mod:`.claims`);
- ``narratives``: quotes and check-worthy claims matched to known narratives (:mod:`.narratives`);
- ``threats``: threats and escalation statements (:mod:`.threats`);
- ``techniques``: persuasion techniques at span and sentence level (:mod:`.techniques`).

Every entry keeps voices apart: ``voice`` is ``outlet`` or ``quote:N`` (the index of the quote in
``quotes[]``), ``speaker`` the quote's speaker (``outlet`` in narration). Sentence vectors come from the
encoder each model was trained with (the shipped models: the static MiniLM distillation,
:mod:`saywho.embed.static`); each sentence is encoded once per encoder and shared by the claim
and narrative models.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..embed import ENCODERS, encode, encoder
from ..model import Quote
from .claims import ClaimModel, score_claims
from .narratives import NarrativeModel, match_spans
from .techniques import TechniqueModel, detect
from .threats import find_threats
from .voice import Voices

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["COMPONENTS", "Rhetoric", "RhetoricConfig", "load_rhetoric"]

COMPONENTS = ("claims", "narratives", "threats", "techniques")
RHETORIC_NAME = "rhetoric.v3"


@dataclass(frozen=True)
class RhetoricConfig:
    """Which rhetoric components run, and the model files they use (None: the shipped ones).

    ``encoder`` picks the shipped models: ``static`` (the default; sentence vectors from the
    static MiniLM table, the whole layer costs about 15% of analysis time) or ``minilm`` (the
    MiniLM transformer on every sentence and technique span, and the fine-tuned technique
    networks of :mod:`saywho.pipeline.technets`: several times the analysis time, more
    accurate techniques and claims; figures in docs/accuracy.md).
    """

    claims: bool = True
    narratives: bool = True
    threats: bool = True
    techniques: bool = True
    claim_model: str | None = None
    narrative_model: str | None = None
    technique_model: str | None = None
    technique_spans: str | None = None
    encoder: str = "static"
    technique_nets: bool | None = None  # None: with the minilm encoder, when they ship

    def __post_init__(self) -> None:
        if self.encoder not in ENCODERS:
            raise ValueError(f"unknown rhetoric encoder {self.encoder!r}; expected {ENCODERS}")

    @classmethod
    def only(cls, names: Sequence[str], *, encoder: str = "static") -> RhetoricConfig:
        unknown = sorted(set(names) - set(COMPONENTS))
        if unknown:
            raise ValueError(f"unknown rhetoric component(s) {unknown}; expected {COMPONENTS}")
        return cls(
            claims="claims" in names,
            narratives="narratives" in names,
            threats="threats" in names,
            techniques="techniques" in names,
            encoder=encoder,
        )

    def enabled(self) -> tuple[str, ...]:
        return tuple(c for c in COMPONENTS if getattr(self, c))


def _sentences(doc: Doc, text: str) -> list[tuple[int, int]]:
    out = []
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s >= 3 and any(ch.isalpha() for ch in text[s:e]):
            out.append((s, e))
    return out


class Rhetoric:
    """Runs the enabled rhetoric components on a parsed article."""

    def __init__(self, config: RhetoricConfig | None = None) -> None:
        self.config = config or RhetoricConfig()
        c = self.config
        e = c.encoder
        self.claims = ClaimModel.load(c.claim_model, encoder=e) if c.claims else None
        self.narratives = (
            NarrativeModel.load(c.narrative_model, encoder=e) if c.narratives else None
        )
        self.techniques = (
            TechniqueModel.load(
                c.technique_model, c.technique_spans, encoder=e, nets=c.technique_nets
            )
            if c.techniques
            else None
        )
        # load the encoders now: a missing table or MiniLM package fails here, with its
        # message, rather than at the first article (forked workers then share them)
        for name in sorted(self.encoders()):
            encoder(name)
        self.version = RHETORIC_NAME + "[" + ",".join(c.enabled()) + "]"
        if e != "static":
            self.version += f"[{e}]"
        if self.techniques is not None and self.techniques.nets is not None:
            self.version += "[nets]"

    def encoders(self) -> set[str]:
        """The sentence encoders the loaded models were trained with."""
        out = set()
        if self.claims is not None and self.claims.needs_vectors:
            out.add(self.claims.model.encoder)
        if self.narratives is not None:
            out.add(self.narratives.classifier.encoder)
        if self.techniques is not None and self.techniques.classifier.vec_dim:
            out.add(self.techniques.classifier.encoder)
        return out

    def layers(self, doc: Doc, text: str, quotes: Sequence[Quote]) -> dict[str, Any]:
        """The layer dicts (``claims``, ``narratives``, ``threats``, ``techniques``) of one
        article, for the components that are switched on."""
        out: dict[str, Any] = {}
        voices = Voices(quotes)
        sents = _sentences(doc, text)
        texts = [text[s:e] for s, e in sents]
        cache: dict[str, np.ndarray] = {}

        def vectors(encoder: str) -> np.ndarray:  # each sentence once per encoder
            if encoder not in cache:
                cache[encoder] = encode(encoder, texts)
            return cache[encoder]

        claims: list[dict[str, Any]] = []
        if self.claims is not None:
            needed = self.claims.needs_vectors and bool(sents)
            claim_vectors = vectors(self.claims.model.encoder) if needed else None
            claims = score_claims(self.claims, text, sents, claim_vectors, voices)
            out["claims"] = claims
        if self.narratives is not None:
            picked = [
                i
                for i, (s, e) in enumerate(sents)
                if voices.at(s, e).quote is not None or (claims and claims[i]["checkworthy"])
            ]
            if picked:
                narrative_vectors = vectors(self.narratives.classifier.encoder)[picked]
                entries = match_spans(
                    self.narratives, [sents[i] for i in picked], narrative_vectors
                )
                for entry in entries:
                    entry.update(voices.at(entry["start"], entry["end"]).to_dict())
                out["narratives"] = entries
            else:
                out["narratives"] = []
        if self.config.threats:
            out["threats"] = find_threats(doc, quotes, text)
        if self.techniques is not None:
            model = self.techniques
            out["techniques"] = detect(
                model,
                text,
                sents,
                lambda s, e: voices.at(s, e).to_dict(),
                lambda pieces: encode(model.classifier.encoder, pieces),
            )
        return out


def load_rhetoric(option: bool | RhetoricConfig) -> Rhetoric | None:
    """The rhetoric components for ``Pipeline(rhetoric=...)``: None when switched off."""
    if option is False:
        return None
    config = option if isinstance(option, RhetoricConfig) else RhetoricConfig()
    return Rhetoric(config) if config.enabled() else None
