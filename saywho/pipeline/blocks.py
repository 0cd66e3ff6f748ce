"""Unmarked block quotes: first-person paragraphs that continue a speaker.

News sites set transcript excerpts as their own paragraphs, with no quote
marks, after an introduction such as "In his address, Zelensky said:" or right
after the speaker's quoted statement. A paragraph is a block quote when

* it has no quote marks and the tagger found no quote in it,
* it speaks in the first person (I, we, my, our …), and
* the paragraph before it ends with a colon after a reporting verb, or ends
  with a direct quote, or is itself a block quote of the same speaker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .features import paragraphs
from .lexicon import DOUBLE_QUOTES, reporting_verbs
from .quotes import RawQuote, Segment

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["block_quotes"]

_FIRST_PERSON = frozenset({"i", "we", "my", "our", "us", "me", "ours", "mine", "myself", "ourselves"})


def _intro(doc: Doc, idx: list[int], para: int) -> tuple[Segment | None, Segment | None] | None:
    """For a paragraph ending in ':' after a reporting verb: (cue, subject)."""
    last = doc[idx[-1]]
    if last.text != ":":
        return None
    rep = reporting_verbs()
    for tok in reversed(list(last.sent)):
        if tok.lemma_.lower() in rep and tok.pos_ in ("VERB", "AUX"):
            cue = Segment("CUE", tok.i, tok.i + 1, para)
            for child in tok.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    return cue, Segment("SOURCE", child.left_edge.i, child.right_edge.i + 1, para)
            return cue, None
    return None


def block_quotes(doc: Doc, raws: list[RawQuote]) -> list[RawQuote]:
    tagged = set()
    for r in raws:
        for s in r.content:
            tagged.update(range(s.start, s.end))
    ends_direct: dict[int, RawQuote] = {}
    for r in raws:
        if r.source is not None:
            last = r.content[-1]
            ends_direct[last.para] = r
    out: list[RawQuote] = []
    prev: tuple[int, list[int]] | None = None
    carry: RawQuote | None = None  # the quote a block would continue
    for p, idx in enumerate(paragraphs(doc)):
        is_block = False
        if prev is not None and carry is not None:
            words = [doc[i].lower_ for i in idx]
            has_marks = any(doc[i].text in DOUBLE_QUOTES for i in idx)
            first_person = sum(w in _FIRST_PERSON for w in words)
            if not has_marks and first_person >= 1 and not tagged.intersection(idx):
                is_block = True
        if is_block and carry is not None:
            block = RawQuote(
                content=[Segment("CONTENT", idx[0], idx[-1] + 1, p)],
                cue=carry.cue,
                source=carry.source,
                kind="block",
                score=0.6,
            )
            out.append(block)
            carry = block
        else:
            carry = None
            intro = _intro(doc, idx, p)
            if intro is not None and intro[1] is not None:
                carry = RawQuote(content=[], cue=intro[0], source=intro[1])
            elif p in ends_direct and doc[idx[-1]].text in DOUBLE_QUOTES | {"."}:
                r = ends_direct[p]
                last_tok = doc[r.content[-1].end - 1]
                if last_tok.i >= idx[-1] - 1 and any(doc[i].text in DOUBLE_QUOTES for i in idx):
                    carry = r
        prev = (p, idx)
    return out
