"""Quote extraction: tag content/cue/source tokens, then assemble quotes.

The tagger is a linear-chain CRF over paragraphs (see :mod:`.features`),
trained on PolNeAR (``saywho train quotes``). Assembly turns tagged runs into
:class:`~saywho.model.Quote` objects: it joins a quote broken by its cue
(“A,” she said. “B.”) and news multi-paragraph quotes, picks the cue and the
speaker mention, and labels the kind (direct, indirect, mixed). Unmarked block
quotes come from :mod:`.blocks`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ModelError
from ..model.span import Span
from .features import (
    DocArrays,
    SentTable,
    dateline_end,
    paragraphs,
    quote_state,
    sentence_table,
    sequence_features,
)
from .lexicon import (
    DOUBLE_QUOTE_TOKENS,
    DOUBLE_QUOTES,
    OCCASIONS,
    QUOTE_CHARS,
    reporting_verbs,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as Span_

__all__ = [
    "QuoteTagger",
    "RawQuote",
    "Segment",
    "assemble",
    "char_span",
    "quote_kind",
    "rule_quotes",
]

_EDGE = set(".,;:!?—–-()…") | QUOTE_CHARS


@dataclass(slots=True)
class Segment:
    role: str  # CONTENT, CUE, SOURCE
    start: int  # token index (inclusive)
    end: int  # token index (exclusive)
    para: int
    score: float = 1.0


@dataclass(slots=True)
class RawQuote:
    """A quote before speaker resolution: token-level pieces of one statement."""

    content: list[Segment]
    cue: Segment | None = None
    source: Segment | None = None
    kind: str = "indirect"
    score: float = 1.0


class QuoteTagger:
    """The CRF tagger. Load it from a ``.crfsuite`` file."""

    def __init__(self, path: str | Path):
        import pycrfsuite

        path = Path(path)
        if not path.is_file():
            raise ModelError(
                f"quote model {path} not found; reinstall saywho or train one with "
                "'saywho train quotes --gold DIR --out PATH'"
            )
        self.path = path
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))

    def segments(
        self, doc: Doc, sents: SentTable | None = None, paras: list[list[int]] | None = None
    ) -> list[Segment]:
        """Tag every paragraph of ``doc``; return runs of CONTENT/CUE/SOURCE tokens."""
        out: list[Segment] = []
        arrays = DocArrays(doc, sents)
        for p, idx in enumerate(paras if paras is not None else paragraphs(doc)):
            q = quote_state(doc, idx)
            labels = self._tagger.tag(sequence_features(doc, idx, q, arrays))
            cur: Segment | None = None
            probs: list[float] = []
            for k, (i, lab) in enumerate(zip(idx, labels, strict=True)):
                if lab == "O":
                    cur = None
                    continue
                bio, role = lab.split("-", 1)  # B/I/L/U-ROLE (BIO or BILOU)
                if cur is None or bio not in "IL" or cur.role != role or cur.end > i:
                    cur = Segment(role, i, i + 1, p)
                    out.append(cur)
                    probs = []
                cur.end = i + 1
                if role == "CONTENT":
                    # confidence: the mean marginal probability of the content labels
                    probs.append(self._tagger.marginal(lab, k))
                    cur.score = sum(probs) / len(probs)
        return out


def _is_punct_or_quote(tok: Token) -> bool:
    return tok.is_punct or tok.text in QUOTE_CHARS or tok.is_space


def char_span(doc: Doc, seg: Segment) -> Span:
    return Span(doc[seg.start].idx, doc[seg.end - 1].idx + len(doc[seg.end - 1].text))


def _starts_quoted(piece: str) -> bool:
    return piece[:1] in DOUBLE_QUOTES or piece[:2] in DOUBLE_QUOTE_TOKENS


def _ends_quoted(piece: str) -> bool:
    piece = piece.rstrip(".,;:!?—–- ")
    return piece[-1:] in DOUBLE_QUOTES or piece[-2:] in DOUBLE_QUOTE_TOKENS


def quote_kind(text: str, spans: Sequence[Span]) -> str:
    """direct: every piece is enclosed in quote marks; mixed: marks inside; else indirect."""
    pieces = [text[s.start : s.end].strip() for s in spans]
    pieces = [p for p in pieces if p]
    if not pieces:
        return "indirect"
    # a piece may stay open when the quote runs on into the next paragraph
    closed = [
        _ends_quoted(p) or (k + 1 < len(spans) and "\n" in text[spans[k].end : spans[k + 1].start])
        for k, p in enumerate(pieces)
    ]
    if len(pieces) == len(spans) and all(_starts_quoted(p) for p in pieces) and all(closed):
        return "direct"
    if any(ch in DOUBLE_QUOTES for p in pieces for ch in p) or any("''" in p for p in pieces):
        return "mixed"
    return "indirect"


class _Sents:
    """Sentence bounds by token index, from a table built once per document."""

    __slots__ = ("of", "rows")

    def __init__(self, table: SentTable):
        self.of, self.rows = table

    def start(self, i: int) -> int:
        return self.rows[self.of[i]][0]

    def end(self, i: int) -> int:
        return self.rows[self.of[i]][1]


def assemble(doc: Doc, segs: list[Segment], sents: SentTable | None = None) -> list[RawQuote]:
    """Group tagged segments into quotes with one cue and one source each."""
    st = _Sents(sents or sentence_table(doc))
    roles: dict[int, str] = {}
    for s in segs:
        for i in range(s.start, s.end):
            roles[i] = s.role
    contents = [s for s in segs if s.role == "CONTENT"]
    cues = [s for s in segs if s.role == "CUE"]
    sources = [s for s in segs if s.role == "SOURCE"]
    groups: list[list[Segment]] = []
    for s in contents:
        if groups:
            last = groups[-1][-1]
            if _continues(doc, last, s, roles, cues, st):
                if last.para == s.para and not any(
                    roles.get(i) in ("CUE", "SOURCE") for i in range(last.end, s.start)
                ):
                    # only spaces or punctuation between: one piece, not two
                    last.end = s.end
                else:
                    groups[-1].append(s)
                continue
        groups.append([s])
    tagged = {i for s in contents for i in range(s.start, s.end)}
    for g in groups:
        _open_paragraphs_before(doc, g, tagged)
    used_cues: set[int] = set()
    quotes: list[RawQuote] = []
    for g in groups:
        cue = _pick_cue(g, cues, used_cues, st)
        if cue is not None:
            used_cues.add(cue.start)
        src = _pick_source(doc, g, cue, sources, st)
        score = sum(s.score for s in g) / len(g)
        quotes.append(RawQuote(content=g, cue=cue, source=src, score=score))
    return quotes


_ADJUNCTS = frozenset({"prep", "npadvmod", "advmod", "advcl", "agent"})


def trim_adjuncts(doc: Doc, raws: list[RawQuote]) -> None:
    """Cut from reported speech a trailing phrase that belongs to the cue verb, not to
    the content: 'Trump blasted [the instructor] during a rally' (the phrase hangs from
    'blasted', before the content, in spaCy's parse). Quoted pieces are left alone."""
    for raw in raws:
        seg = raw.content[-1]
        a, b = seg.start, seg.end
        if b - a < 3 or any(_is_dq(doc[i]) for i in range(a, b)):
            continue
        outside = [t for t in doc[a:b] if not a <= t.head.i < b and not (t.is_punct or t.is_space)]
        if len(outside) < 2:
            continue
        last = outside[-1]
        cut = last.left_edge.i
        if (
            last.dep_ in _ADJUNCTS
            and _occasion(doc[cut : last.right_edge.i + 1])
            and last.head.i < a
            and cut > outside[0].right_edge.i
            and last.right_edge.i >= b - 1
        ):
            while cut > a and (doc[cut - 1].is_punct or doc[cut - 1].is_space):
                cut -= 1
            if cut > a:
                seg.end = cut


def _occasion(phrase: Span_) -> bool:
    """A time or an occasion of speaking: 'on Tuesday', 'during a rally', 'in a tweet'."""
    if any(e.label_ in ("DATE", "TIME") for e in phrase.ents):
        return True
    return phrase[0].lower_ in ("during", "at", "in", "on", "after", "before") and any(
        t.lemma_.lower() in OCCASIONS for t in phrase
    )


def _is_dq(tok: Token) -> bool:
    return tok.text in DOUBLE_QUOTE_TOKENS


def _closed_after(doc: Doc, seg: Segment) -> bool:
    """The piece ends at a closing quote mark (possibly after , . ! ?)."""
    i = seg.end - 1
    if _is_dq(doc[i]):
        return True
    j = seg.end
    while j < len(doc) and j <= seg.end + 2 and (doc[j].is_punct or doc[j].is_space):
        if "\n" in doc[j].text:
            break
        if _is_dq(doc[j]):
            return True
        j += 1
    return False


@cache
def _string_ids(values: frozenset[str]) -> frozenset[int]:
    from spacy.strings import get_string_id

    return frozenset(get_string_id(v) for w in values for v in (w, w.capitalize()))


def _tokens_with(doc: Doc, attr: str, values: frozenset[str]) -> list[Token]:
    """The tokens whose ``attr`` ("LEMMA" or "LOWER") is one of ``values`` (or its
    capitalised form), found through the Doc's attribute array instead of a Token object
    per word: most words are not."""
    from spacy.attrs import IDS

    ids = _string_ids(values)
    column = doc.to_array([IDS[attr]])
    return [doc[i] for i, v in enumerate(column.tolist()) if v in ids]


def _taken(raws: list[RawQuote], *, cues: bool) -> set[int]:
    """Token indices the quotes found so far hold: their content (and their cues)."""
    taken = {i for r in raws for s in r.content for i in range(s.start, s.end)}
    if cues:
        taken |= {i for r in raws if r.cue is not None for i in range(r.cue.start, r.cue.end)}
    return taken


def _para_finder(paras: list[list[int]]) -> Callable[[int], int]:
    """``finder(i)``: the number of the paragraph that token ``i`` lies in."""
    starts = [idx[0] if idx else 0 for idx in paras]
    return lambda i: max(bisect_right(starts, i) - 1, 0)


def _end_before_punct(doc: Doc, start: int, end: int) -> int:
    """``end`` moved back over trailing punctuation and spaces, keeping a closing quote
    mark when the stretch opened a quotation."""
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        if _is_dq(doc[end - 1]) and any(_is_dq(doc[i]) for i in range(start, end - 1)):
            break
        end -= 1
    return end


def rule_quotes(
    doc: Doc, raws: list[RawQuote], paras: list[list[int]] | None = None
) -> list[RawQuote]:
    """Clear reported speech the tagger missed: a reporting verb with a subject and a
    clausal complement ("Germany would host …, the minister explained.")."""
    rep = reporting_verbs()
    taken = _taken(raws, cues=True)
    para_of = _para_finder(paras if paras is not None else list(paragraphs(doc)))
    out: list[RawQuote] = []
    for verb in _tokens_with(doc, "LEMMA", rep):
        if verb.pos_ != "VERB" or verb.i in taken:
            continue
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        comp = next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis")), None)
        if subj is None or comp is None:
            continue
        lo, hi = comp.left_edge.i, comp.right_edge.i + 1
        while hi > lo and doc[hi - 1].is_punct:
            hi -= 1
        if hi - lo < 4 or taken.intersection(range(lo, hi)):
            continue
        para = para_of(verb.i)
        out.append(
            RawQuote(
                content=[Segment("CONTENT", lo, hi, para)],
                cue=Segment("CUE", verb.i, verb.i + 1, para),
                source=_trim_dateline(doc, _subtree_seg(doc, subj, para)),
                score=0.5,
            )
        )
    return out


def according_quotes(
    doc: Doc, raws: list[RawQuote], paras: list[list[int]], sents: SentTable | None = None
) -> list[RawQuote]:
    """'X, according to Y.' and 'According to Y, X.': Y says all of X, the clause on the
    other side of the comma. A quote the tagger found with this cue gets the whole clause;
    otherwise a new quote is added (PolNeAR annotates the outer attribution too when X
    holds one of its own: 'According to the poll, most voters say …'), unless it would
    overlap a quote found there: quotes do not overlap."""
    st = _Sents(sents or sentence_table(doc))
    para_of = _para_finder(paras)
    out: list[RawQuote] = []
    for tok in _tokens_with(doc, "LOWER", frozenset(["according"])):
        if tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        para = para_of(tok.i)
        lo, hi = st.start(tok.i), st.end(tok.i)
        lo = max(lo, paras[para][0])
        hi = min(hi, paras[para][-1] + 1)
        phrase_end = max(tok.right_edge.i, doc[tok.i + 1].right_edge.i) + 1
        if tok.i > lo and doc[tok.i - 1].text == ",":
            start, end = lo, tok.i - 1  # X, according to Y
            cut = dateline_end(doc, start, end)
            start = cut if cut is not None else start
        elif tok.i == lo and phrase_end < hi and doc[phrase_end].text == ",":
            start, end = phrase_end + 1, hi  # According to Y, X
        else:
            continue
        end = _end_before_punct(doc, start, end)
        while start < end and doc[start].is_space:
            start += 1
        if end - start < 3:
            continue
        clause = Segment("CONTENT", start, end, para)
        cue = Segment("CUE", tok.i, tok.i + 2, para)
        source = Segment("SOURCE", tok.i + 2, phrase_end, para)
        mine = [r for r in raws if r.cue is not None and r.cue.start <= tok.i < r.cue.end]
        others = [s for r in raws + out if r not in mine for s in r.content]
        if any(s.start < end and start < s.end for s in others):
            continue  # quotes do not overlap: the tagger's quote inside the clause stays
        if mine:
            mine[0].content = [clause]
            mine[0].source = mine[0].source or source
            continue
        out.append(RawQuote(content=[clause], cue=cue, source=source, score=0.6))
    return out


def parenthetical_quotes(
    doc: Doc, raws: list[RawQuote], paras: list[list[int]], sents: SentTable | None = None
) -> list[RawQuote]:
    """'Many of the closures, he said, have involved public courses.': reported speech around
    a parenthetical attribution, as two content pieces, when the tagger found nothing in
    the sentence."""
    rep = reporting_verbs()
    st = _Sents(sents or sentence_table(doc))
    taken = _taken(raws, cues=True)
    para_of = _para_finder(paras)
    out: list[RawQuote] = []
    for verb in _tokens_with(doc, "LEMMA", rep):
        if verb.pos_ != "VERB" or verb.i in taken:
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.right_edge.i != verb.i - 1:
            continue
        lo, hi = subj.left_edge.i, verb.i + 1
        if lo < 1 or hi >= len(doc) or doc[lo - 1].text != "," or doc[hi].text != ",":
            continue
        s_lo, s_hi = st.start(verb.i), st.end(verb.i)
        while s_hi > hi and (doc[s_hi - 1].is_punct or doc[s_hi - 1].is_space):
            s_hi -= 1
        if lo - 1 - s_lo < 2 or s_hi - (hi + 1) < 3 or taken.intersection(range(s_lo, s_hi)):
            continue
        para = para_of(verb.i)
        out.append(
            RawQuote(
                content=[
                    Segment("CONTENT", s_lo, lo - 1, para),
                    Segment("CONTENT", hi + 1, s_hi, para),
                ],
                cue=Segment("CUE", verb.i, hi, para),
                source=Segment("SOURCE", lo, verb.i, para),
                score=0.5,
            )
        )
        taken.update(range(s_lo, s_hi))
    return out


#: Paragraph labels that are not speakers ("WATCH: …", "Related: …").
_NOT_SPEAKERS = frozenset(
    ["watch", "update", "updated", "related", "breaking", "note", "editor's note", "photo",
     "video", "source", "sources", "read more", "see also", "correction", "advertisement",
     "transcript", "q", "a", "read", "listen", "more", "also", "warning", "opinion", "analysis",
     "exclusive", "live", "latest", "the latest", "caption", "credit", "disclaimer"]
)  # fmt: skip


def _names_speaker(name: list[Token]) -> bool:
    """Whether the words before a paragraph's colon read as a speaker's name or label."""
    return all(
        t.pos_ == "PROPN"
        or t.ent_type_ in ("PERSON", "ORG")
        or (t.is_upper and t.is_alpha)
        or (t.is_punct and t.text in ".-'’")
        for t in name
    ) and any(t.ent_type_ in ("PERSON", "ORG") or (t.is_upper and len(t) > 1) for t in name)


def _interview(doc: Doc, paras: list[list[int]]) -> bool:
    """Whether the article is a question-and-answer interview: at least two paragraphs
    open with "Q:" and two with "A:"."""
    opens: Counter[str] = Counter()
    for idx in paras:
        words = [doc[i].text for i in idx[:3] if not doc[i].is_space]
        if len(words) > 1 and words[0] in ("Q", "A") and words[1] == ":":
            opens[words[0]] += 1
    return opens["Q"] >= 2 and opens["A"] >= 2


def label_quotes(doc: Doc, raws: list[RawQuote], paras: list[list[int]]) -> list[RawQuote]:
    """A paragraph that opens with a name and a colon is that name's statement: transcripts
    ("TAPPER: Do you think …") and headlines ("Kasich: ‘We Are Going To …’"). Labels that
    are not speakers ("WATCH:", "Related:") and names with a verb before the colon are left
    alone; so is a paragraph where the tagger found a quote. In a question-and-answer
    interview, "Q:" and "A:" label the questions and the answers."""
    taken = _taken(raws, cues=False)
    out: list[RawQuote] = []
    interview = _interview(doc, paras)
    for p, idx in enumerate(paras):
        words = [i for i in idx if not doc[i].is_space]
        colon = next((k for k, i in enumerate(words[:7]) if doc[i].text == ":"), None)
        if colon is None or colon == 0 or len(words) - colon - 1 < 3:
            continue
        name = [doc[i] for i in words[:colon]]
        label = " ".join(t.lower_ for t in name)
        # an interview's question or answer: the writer's, the interviewee's
        qa = interview and colon == 1 and name[0].text in ("Q", "A")
        if not qa and (
            label in _NOT_SPEAKERS
            or any(t.pos_ in ("VERB", "AUX") for t in name)
            or not _names_speaker(name)
        ):
            continue
        start, end = words[colon + 1], words[-1] + 1
        end = _end_before_punct(doc, start, end)
        if end - start < 3 or taken.intersection(range(start, end)):
            continue  # quotes do not overlap: what the tagger found there stays
        out.append(
            RawQuote(
                content=[Segment("CONTENT", start, end, p)],
                cue=Segment("CUE", words[colon], words[colon] + 1, p),
                source=Segment("SOURCE", words[0], words[colon], p),
                score=0.6,
            )
        )
    return out


def _continues(
    doc: Doc, last: Segment, s: Segment, roles: dict[int, str], cues: list[Segment], st: _Sents
) -> bool:
    if s.para == last.para:
        gap = range(last.end, s.start)
        gap_roles = {roles.get(i) for i in gap}
        if not gap_roles & {"CUE", "SOURCE"}:
            # a run broken by stray punctuation or spaces, unless a new sentence opens a
            # quote there: 'X was a mistake. “I stand by it,” he said' is two statements
            return all(_is_punct_or_quote(doc[i]) for i in gap) and not _new_quoted_sentence(
                doc, last, s, st
            )
        if (
            "CUE" in gap_roles
            and len(gap) <= 8
            and doc[gap.start].text == ","
            and doc[gap.stop - 1].text == ","
            and st.start(s.start) == st.start(last.start)
            and not _is_dq(doc[s.start])
        ):
            # "Many of the closures, he said, have involved …": one sentence around a
            # parenthetical attribution
            return True
        if gap_roles <= {"CUE", None} and _passive_gap(doc, gap):
            # "[The sale] is expected [to expand …]": the subject of a passive or raising
            # cue is part of what is reported
            return True
        # “A,” she said (at a rally). “B.” — a quote broken by its attribution
        if "CUE" not in gap_roles or len(gap) > 30:
            return False
        if not (_is_dq(doc[s.start]) or (s.start > 0 and _is_dq(doc[s.start - 1]))):
            return False
        if not _closed_after(doc, last):
            return False
        verbs = [
            c
            for c in cues
            if last.end <= c.start < s.start
            and any(doc[i].pos_ == "VERB" for i in range(c.start, c.end))
        ]
        if len(verbs) > 1:
            # “A,” he said, adding, “B.”: B has a cue (a verb) of its own
            return False
        # B has a cue of its own after it ("“B,” he added.") → a new quote. Only a cue in
        # B's paragraph counts: spaCy's sentences can run on over a paragraph break.
        s_end = st.end(s.end - 1)
        return not any(s.end <= c.start < s_end and c.para == s.para for c in cues)
    if s.para == last.para + 1:
        # news multi-paragraph quote: the earlier paragraph leaves its quote open and
        # the next paragraph opens again.
        first = doc[s.start]
        return (
            _is_dq(first)
            and first.i == _para_first(doc, first.i)
            and _open_at_end(doc, _para_first(doc, last.start), _para_last(doc, last.end - 1))
            and all(
                doc[i].is_punct and not _is_dq(doc[i])
                for i in range(last.end, _para_last(doc, last.end - 1) + 1)
            )
        )
    return False


def _passive_gap(doc: Doc, gap: range) -> bool:
    """A short gap that is a passive or raising verb group ("was expected", "appear")."""
    if not 1 <= len(gap) <= 4:
        return False
    toks = [doc[i] for i in gap]
    return any(t.dep_ == "auxpass" for t in toks) or any(
        t.lemma_ in ("appear", "seem") and t.pos_ == "VERB" for t in toks
    )


def _new_quoted_sentence(doc: Doc, last: Segment, s: Segment, st: _Sents) -> bool:
    """``s`` opens a new sentence with a quote mark right after ``last`` ended one."""
    first = s.start - 1 if s.start > 0 and _is_dq(doc[s.start - 1]) else s.start
    if not _is_dq(doc[first]) or first == last.start:
        return False
    j = first - 1
    while j >= last.start and (_is_dq(doc[j]) or doc[j].is_space):
        j -= 1
    return j >= last.start and doc[j].text in (".", "!", "?", "...", "…")


def _open_paragraphs_before(doc: Doc, group: list[Segment], tagged: set[int]) -> None:
    """News multi-paragraph quotes the tagger left out: paragraphs before the quote that
    open a quote and leave it open ("“Every day … lives.<br><br>“We are grateful …,” he
    said.") are pieces of the same quote. Prepends them to ``group``."""
    first = group[0]
    while True:
        start = first.start
        if start > 0 and _is_dq(doc[start - 1]):
            start -= 1
        if start <= 0 or not _is_dq(doc[start]) or _para_first(doc, start) != start:
            return
        prev_last = start - 1
        while prev_last > 0 and doc[prev_last].is_space:
            prev_last -= 1
        prev_first = _para_first(doc, prev_last)
        if (
            prev_first >= start
            or not _is_dq(doc[prev_first])
            or not _open_at_end(doc, prev_first, prev_last)
            or tagged.intersection(range(prev_first, prev_last + 1))
        ):
            return
        first = Segment("CONTENT", prev_first, prev_last + 1, first.para - 1, score=0.7)
        group.insert(0, first)


def _open_at_end(doc: Doc, first: int, last: int) -> bool:
    """Is a double quote still open at the end of the paragraph ``doc[first:last+1]``?"""
    idx = list(range(first, last + 1))
    state = quote_state(doc, idx)
    return bool(state) and state[-1] == 1 and not _is_dq(doc[last])


def _para_first(doc: Doc, i: int) -> int:
    while i > 0 and not (doc[i - 1].is_space and "\n" in doc[i - 1].text):
        i -= 1
    return i


def _para_last(doc: Doc, i: int) -> int:
    n = len(doc)
    while i + 1 < n and not (doc[i + 1].is_space and "\n" in doc[i + 1].text):
        i += 1
    return i


def _pick_cue(
    group: list[Segment], cues: list[Segment], used: set[int], st: _Sents
) -> Segment | None:
    first, last = group[0], group[-1]
    sents = {st.start(first.start), st.start(last.end - 1)}
    best: tuple[int, Segment] | None = None
    for c in cues:
        if c.start in used and not first.start < c.start < last.end:
            continue
        if c.para not in (first.para, last.para):
            continue
        inside = first.start <= c.start < last.end
        if c.end <= first.start:
            dist = first.start - c.end
        elif c.start >= last.end:
            dist = c.start - last.end
        else:
            dist = 0
        same_sent = st.start(c.start) in sents or inside
        if not same_sent and dist > 3:
            continue
        score = dist + (0 if same_sent else 50)
        if best is None or score < best[0]:
            best = (score, c)
    return best[1] if best else None


def _pick_source(
    doc: Doc, group: list[Segment], cue: Segment | None, sources: list[Segment], st: _Sents
) -> Segment | None:
    anchor = cue if cue is not None else group[0]
    sent_start = st.start(anchor.start)
    best: tuple[int, Segment] | None = None
    for s in sources:
        # sources usually share the cue's sentence; allow the cue's near neighbours
        if cue is not None and st.start(s.start) != sent_start and abs(s.start - anchor.start) > 6:
            continue
        dist = abs(s.start - anchor.start)
        if best is None or dist < best[0]:
            best = (dist, s)
    found = best[1] if best is not None and best[0] <= 40 else None
    if found is None and cue is not None:
        found = _subject_of(doc, cue)
    if found is None:
        found = _nearest_name(doc, group, anchor, st)
    if found is not None:
        found = _trim_dateline(doc, _antecedent(doc, found))
    return found


def _nearest_name(doc: Doc, group: list[Segment], anchor: Segment, st: _Sents) -> Segment | None:
    """Last resort: the person or organisation named nearest the anchor in its sentence,
    outside the quoted words."""
    lo, hi = st.start(anchor.start), st.end(anchor.start)
    inside = {i for g in group for i in range(g.start, g.end)}
    best: tuple[int, Segment] | None = None
    for ent in doc[lo:hi].ents:
        if ent.label_ not in ("PERSON", "ORG") or ent.start in inside:
            continue
        dist = abs(ent.start - anchor.start)
        if best is None or dist < best[0]:
            best = (dist, Segment("SOURCE", ent.start, ent.end, anchor.para))
    return best[1] if best else None


def _antecedent(doc: Doc, seg: Segment) -> Segment:
    """A relative pronoun source ("…, who said") stands for the noun it modifies."""
    if seg.end - seg.start == 1:
        tok = doc[seg.start]
        if tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl":
            noun = tok.head.head
            return Segment("SOURCE", noun.left_edge.i, noun.i + 1, seg.para)
    return seg


def _subject_of(doc: Doc, cue: Segment) -> Segment | None:
    """The grammatical subject of a cue verb (or the object of 'according to')."""
    rep = reporting_verbs()
    for i in range(cue.start, cue.end):
        tok = doc[i]
        if tok.lower_ == "according":
            for t in doc[i : min(i + 3, len(doc))]:
                for child in t.children:
                    if child.dep_ == "pobj":
                        return _subtree_seg(doc, child, cue.para)
        if tok.lemma_.lower() in rep or tok.pos_ == "VERB":
            # the cue's own subject, else that of the verb it hangs from
            # ("…, adding that", "was quick to say")
            verb: Token | None = tok
            for _ in range(3):
                if verb is None:
                    break
                for child in verb.children:
                    if child.dep_ in ("nsubj", "nsubjpass"):
                        return _subtree_seg(doc, child, cue.para)
                if verb.dep_ in ("xcomp", "advcl", "conj", "acl") and verb.head.i != verb.i:
                    verb = verb.head
                else:
                    verb = None
    return None


def _subtree_seg(doc: Doc, tok: Token, para: int) -> Segment:
    return Segment("SOURCE", tok.left_edge.i, tok.right_edge.i + 1, para)


def _trim_dateline(doc: Doc, seg: Segment) -> Segment:
    """Drop a dateline taken into a source: "MOSCOW (Reuters) - Russian President …"."""
    cut = dateline_end(doc, seg.start, seg.end)
    return seg if cut is None else Segment(seg.role, cut, seg.end, seg.para, seg.score)


def trim(text: str, span: Span) -> Span:
    s, e = span.start, span.end
    while s < e and (text[s].isspace() or text[s] in _EDGE):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in _EDGE):
        e -= 1
    return Span(s, e)
