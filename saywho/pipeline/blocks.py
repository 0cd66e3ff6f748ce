"""Unmarked block quotes: first-person paragraphs that continue a speaker.

News sites set transcript excerpts as their own paragraphs, with no quote
marks, after an introduction such as "In his address, Zelensky said:" or right
after the speaker's quoted statement. The rules stay conservative, since op-eds
and reportage narrate in the first person too. A paragraph is a block quote when

* it has no double quote marks and speaks in the first person (I, we, my, our …), and
* the paragraph before it
  - ends with a colon after a reporting verb that has a subject ("Zelensky said:";
    not "I wrote:", the writer quoting themselves), or
  - ends with a direct quote (every piece in marks) that has a speaker, or
  - is itself a block quote (the block goes on).

The tagger may have picked fragments of the block as quotes of their own; the
block replaces them: any after a colon introduction (and in the blocks that
follow it), else only those the first person makes ("I am confident that …"). A quoted paragraph right after
such an introduction keeps the tagger's quote, with the introduction's cue (and
speaker mention) when it found none.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .features import paragraphs
from .lexicon import DOUBLE_QUOTE_TOKENS, reporting_verbs
from .quotes import RawQuote, Segment, char_span, quote_kind

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["with_blocks"]

_FIRST_PERSON = frozenset(
    {"i", "we", "my", "our", "us", "me", "ours", "mine", "myself", "ourselves"}
)


def _intro(doc: Doc, idx: list[int], para: int) -> RawQuote | None:
    """A paragraph ending in ':' after a reporting verb with a subject → its cue and source."""
    last = doc[idx[-1]]
    if last.text != ":":
        return None
    rep = reporting_verbs()
    for tok in reversed(doc[last.sent.start : last.i]):  # spaCy may run on past the colon
        if tok.lemma_.lower() in rep and tok.pos_ in ("VERB", "AUX"):
            for child in tok.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    if child.lower_ in _FIRST_PERSON:
                        return None  # "Last week I wrote:" — the writer quoting themselves
                    return RawQuote(
                        content=[],
                        cue=Segment("CUE", tok.i, tok.i + 1, para),
                        source=Segment("SOURCE", child.left_edge.i, child.right_edge.i + 1, para),
                    )
            return None
    return None


def _ends_direct(doc: Doc, text: str, r: RawQuote, idx: list[int]) -> bool:
    """``r`` is a direct quote with a speaker, and its last piece ends the paragraph."""
    if r.source is None:
        return False
    end = r.content[-1].end
    if end <= idx[-1] - 1 or (end == idx[-1] and not doc[idx[-1]].is_punct):
        return False  # something other than a final '.' follows it
    return quote_kind(text, [char_span(doc, s) for s in r.content]) == "direct"


def _speaks_first_person(doc: Doc, idx: list[int]) -> bool:
    if any(doc[i].text in DOUBLE_QUOTE_TOKENS for i in idx):
        return False
    return any(doc[i].lower_ in _FIRST_PERSON for i in idx)


def _own_words(doc: Doc, r: RawQuote) -> bool:
    """A quote the paragraph's first person makes ("I am confident that …"), or unattributed."""
    return r.source is None or all(
        doc[i].lower_ in _FIRST_PERSON for i in range(r.source.start, r.source.end)
    )


def with_blocks(
    doc: Doc,
    raws: list[RawQuote],
    *,
    text: str | None = None,
    paras: list[list[int]] | None = None,
) -> list[RawQuote]:
    """``raws`` plus the block quotes of ``doc``, less the quotes a block replaces."""
    text = doc.text if text is None else text  # Doc.text rebuilds the string: once per doc
    by_para: dict[int, list[RawQuote]] = {}
    for r in raws:
        for p in {s.para for s in r.content}:
            by_para.setdefault(p, []).append(r)
    ends_at: dict[int, list[RawQuote]] = {}
    for r in raws:
        ends_at.setdefault(r.content[-1].para, []).append(r)

    blocks: list[RawQuote] = []
    dropped: set[int] = set()  # id() of tagger quotes inside a block
    lent: dict[int, RawQuote] = {}  # id() of a tagger quote → it with the intro's cue
    carry: RawQuote | None = None  # the quote a block would continue
    open_run = False  # carry is a colon introduction or a block
    for p, idx in enumerate(paras if paras is not None else paragraphs(doc)):
        inside = by_para.get(p, [])
        is_block = (
            carry is not None
            and _speaks_first_person(doc, idx)
            # tagger quotes here are fragments of the block: any after a colon intro,
            # else only the speaker's own ("I am confident that …"); none reaching out
            and (open_run or all(_own_words(doc, r) for r in inside))
            and all(s.para == p for r in inside for s in r.content)
        )
        if is_block and carry is not None:
            dropped.update(id(r) for r in inside)
            carry = RawQuote(
                content=[Segment("CONTENT", idx[0], idx[-1] + 1, p)],
                cue=carry.cue,
                source=carry.source,
                kind="block",
                score=0.6,
            )
            blocks.append(carry)
            open_run = True
            continue
        if carry is not None and open_run and not carry.content:
            # "The president said:" then a quoted paragraph: lend it the cue it lacks
            for r in inside:
                if r.content[0].para == p and r.cue is None:
                    lent[id(r)] = replace(r, cue=carry.cue, source=r.source or carry.source)
        carry = _intro(doc, idx, p)
        open_run = carry is not None
        if carry is None:
            carry = next((r for r in ends_at.get(p, []) if _ends_direct(doc, text, r, idx)), None)
    kept = [lent.get(id(r), r) for r in raws if id(r) not in dropped]
    return sorted(kept + blocks, key=lambda r: r.content[0].start)
