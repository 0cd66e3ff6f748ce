"""Token features for the quote tagger, computed from a parsed spaCy Doc.

A *sequence* is one paragraph: the non-space tokens between line breaks. The
features combine surface form, part of speech, the dependency path to the
nearest reporting verb, and quote-mark state, so a linear-chain CRF can learn
where content, cue and source begin and end.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .lexicon import CLOSE_QUOTES, DOUBLE_QUOTE_TOKENS, OPEN_QUOTES, reporting_verbs

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["paragraphs", "quote_state", "sentence_table", "sequence_features"]


def paragraphs(doc: Doc) -> Iterator[list[int]]:
    """Token indices of each paragraph (space tokens dropped, split at line breaks)."""
    cur: list[int] = []
    for tok in doc:
        if tok.is_space:
            if "\n" in tok.text and cur:
                yield cur
                cur = []
            continue
        cur.append(tok.i)
        if "\n" in tok.whitespace_ and cur:  # pragma: no cover - spaCy keeps \n as tokens
            yield cur
            cur = []
    if cur:
        yield cur


def quote_state(doc: Doc, idx: list[int]) -> list[int]:
    """Per token of a paragraph: 1 inside double quote marks, 0 outside.

    Straight marks toggle; curly marks open and close. A mark itself counts as inside.
    """
    state = []
    inside = False
    for i in idx:
        t = doc[i].text
        if t in DOUBLE_QUOTE_TOKENS:
            if t in OPEN_QUOTES or t == "``":
                inside = True
                state.append(1)
            elif t in CLOSE_QUOTES:
                state.append(1)
                inside = False
            else:  # straight quote toggles
                if inside:
                    state.append(1)
                    inside = False
                else:
                    inside = True
                    state.append(1)
        else:
            state.append(1 if inside else 0)
    return state


def _rep_path(tok: Token, rep: frozenset[str]) -> tuple[str, int, str, str]:
    """The path from ``tok`` up to its nearest reporting-verb ancestor.

    Returns the dependency label of the child-on-path, the depth (capped), the
    verb's lemma, and whether ``tok`` is the left ("L") or right ("R") edge of
    that child's subtree — where quote content usually begins and ends.
    """
    child = tok
    for depth, anc in enumerate(tok.ancestors, start=1):
        lemma = anc.lemma_.lower()
        if lemma in rep and anc.pos_ in ("VERB", "AUX", "NOUN"):
            edge = ("L" if child.left_edge.i == tok.i else "") + (
                "R" if child.right_edge.i == tok.i else ""
            )
            return child.dep_, min(depth, 4), lemma, edge or "-"
        if depth > 12:
            break
        child = anc
    return "-", 0, "-", "-"


def _shape(text: str) -> str:
    if text.isdigit():
        return "d"
    if text[:1].isupper():
        return "X" if text.isupper() and len(text) > 1 else "Xx"
    if text.isalpha():
        return "x"
    return "p"


SentTable = tuple[list[int], list[tuple[int, int, str, str]]]


def sentence_table(doc: Doc) -> SentTable:
    """Sentence number of every token, and (start, end, root lemma, root POS) per sentence.

    ``Token.sent`` rescans the document on every call; this table is built once.
    """
    sent_of = [0] * len(doc)
    table = []
    for k, sent in enumerate(doc.sents):
        table.append((sent.start, sent.end, sent.root.lemma_.lower(), sent.root.pos_))
        for i in range(sent.start, sent.end):
            sent_of[i] = k
    return sent_of, table


def sequence_features(
    doc: Doc, idx: list[int], quote_flags: list[int], sents: SentTable | None = None
) -> list[list[str]]:
    """CRF feature lists for the tokens ``idx`` of one paragraph of ``doc``."""
    sent_of, sent_rows = sents if sents is not None else sentence_table(doc)
    rep = reporting_verbs()
    n = len(idx)
    toks = [doc[i] for i in idx]
    lower = [t.lower_ for t in toks]
    pos = [t.pos_ for t in toks]
    isrep = [t.lemma_.lower() in rep and t.pos_ in ("VERB", "AUX") for t in toks]
    # per-sentence facts
    sent_rep: dict[int, list[int]] = {}
    for k, t in enumerate(toks):
        if isrep[k]:
            sent_rep.setdefault(sent_of[t.i], []).append(k)
    para_open = "1" if toks and toks[0].text in DOUBLE_QUOTE_TOKENS else "0"
    has_close = any(t.text in DOUBLE_QUOTE_TOKENS for t in toks[1:])
    feats: list[list[str]] = []
    for k, t in enumerate(toks):
        path, depth, verb, edge = _rep_path(t, rep)
        si = sent_of[t.i]
        _, s_end, s_root, s_root_pos = sent_rows[si]
        reps = sent_rep.get(si, [])
        if reps:
            left = any(r < k for r in reps)
            right = any(r > k for r in reps)
            rel = "both" if left and right else ("after" if left else "before")
        else:
            rel = "none"
        f = [
            "b",
            "w=" + lower[k],
            "l=" + t.lemma_.lower(),
            "p=" + pos[k],
            "t=" + t.tag_,
            "d=" + t.dep_,
            "s=" + _shape(t.text),
            "hl=" + t.head.lemma_.lower(),
            "hp=" + t.head.pos_,
            "dd=" + t.dep_ + "|" + t.head.pos_,
            "rp=" + path,
            "rpd=" + path + str(depth),
            "rpe=" + path + edge,
            "rv=" + verb,
            "rve=" + verb + path,
            "q=" + str(quote_flags[k]),
            "qp=" + str(quote_flags[k]) + para_open,
            "rel=" + rel,
            "rel_q=" + rel + str(quote_flags[k]),
            "ent=" + (t.ent_type_ or "-"),
            "ss=" + ("1" if t.is_sent_start else "0"),
            "se=" + ("1" if t.i == s_end - 1 else "0"),
            "po=" + para_open + ("c" if has_close else "n"),
            "sr=" + s_root,
            "srd=" + ("rep" if s_root in rep else s_root_pos),
        ]
        # the first two verbs above the token, whatever their lemma: lets the
        # model learn cues beyond the reporting-verb list ("found", "shows")
        nv = 0
        child = t
        for anc in t.ancestors:
            if anc.pos_ in ("VERB", "AUX"):
                nv += 1
                f.append(f"a{nv}=" + child.dep_ + "|" + anc.lemma_.lower())
                f.append(f"a{nv}d=" + child.dep_)
                edge = ("L" if child.left_edge.i == t.i else "") + (
                    "R" if child.right_edge.i == t.i else ""
                )
                if edge:
                    f.append(f"a{nv}e=" + child.dep_ + edge)
                if nv == 3:
                    break
            child = anc
        if t.pos_ in ("VERB", "AUX"):
            for c in t.children:
                if c.dep_ in ("ccomp", "xcomp", "parataxis"):
                    f.append("hc=" + c.dep_)
                    f.append("hcl=" + c.dep_ + "|" + t.lemma_.lower())
        if k > 0:
            f.append("bg=" + lower[k - 1] + "|" + lower[k])
            f.append("pg=" + pos[k - 1] + "|" + pos[k])
        if isrep[k]:
            f.append("rep")
            f.append("rep_d=" + t.dep_)
        if t.ent_iob_ == "B":
            f.append("entb")
        for off in (-2, -1, 1, 2):
            j = k + off
            if 0 <= j < n:
                f.append(f"w{off}=" + lower[j])
                if off in (-1, 1):
                    f.append(f"p{off}=" + pos[j])
                    f.append(f"q{off}=" + str(quote_flags[j]))
                    if isrep[j]:
                        f.append(f"rep{off}")
            else:
                f.append(f"w{off}=<pad>")
        if k == 0:
            f.append("BOS")
        if k == n - 1:
            f.append("EOS")
        feats.append(f)
    return feats
