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
    from spacy.tokens import Doc

__all__ = [
    "DocArrays",
    "dateline_end",
    "paragraphs",
    "quote_state",
    "sentence_table",
    "sequence_features",
]

_DASHES = ("-", "—", "–", "--")


def dateline_end(doc: Doc, start: int, end: int, *, within: int = 8) -> int | None:
    """The token index just after a dateline at the front of tokens ``[start, end)``
    ("MOSCOW (Reuters) - Russian President …": capitalised words, one of them all capitals,
    then a dash), or None. A hyphen inside a word ("US-led", "R-Wis.") is not a dash."""
    for k in range(start, min(end - 1, start + within)):
        tok = doc[k]
        if tok.text not in _DASHES:
            continue
        if k > start and not doc[k - 1].whitespace_ and not tok.whitespace_:
            return None
        before = [t for t in doc[start:k] if t.is_alpha]
        if (
            before
            and all(t.text[:1].isupper() for t in before)
            and any(t.is_upper and len(t) > 1 for t in before)
        ):
            return k + 1
        return None
    return None


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


def _rep_path(a: DocArrays, i: int, rep: frozenset[str]) -> tuple[str, int, str, str]:
    """The path from token ``i`` up to its nearest reporting-verb ancestor.

    Returns the dependency label of the child-on-path, the depth (capped), the
    verb's lemma, and whether token ``i`` is the left ("L") or right ("R") edge of
    that child's subtree — where quote content usually begins and ends.
    """
    head, lemma, pos = a.head, a.lemma, a.pos
    child = cur = i
    depth = 0
    while head[cur] != cur:
        anc = head[cur]
        depth += 1
        if lemma[anc] in rep and pos[anc] in ("VERB", "AUX", "NOUN"):
            edge = ("L" if a.left[child] == i else "") + ("R" if a.right[child] == i else "")
            return a.dep[child], min(depth, 4), lemma[anc], edge or "-"
        if depth > 12:
            break
        child = cur = anc
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


class DocArrays:
    """Per-token attributes of a Doc as plain lists, read once.

    Creating spaCy Token objects is the main cost of feature extraction; walking
    the dependency tree over integer lists avoids it.
    """

    __slots__ = (
        "text",
        "lower",
        "lemma",
        "pos",
        "tag",
        "dep",
        "head",
        "left",
        "right",
        "ent",
        "ent_b",
        "sent_start",
        "comps",
        "sents",
    )

    def __init__(self, doc: Doc, sents: SentTable | None = None):
        toks = list(doc)
        self.text = [t.text for t in toks]
        self.lower = [t.lower_ for t in toks]
        self.lemma = [t.lemma_.lower() for t in toks]
        self.pos = [t.pos_ for t in toks]
        self.tag = [t.tag_ for t in toks]
        self.dep = [t.dep_ for t in toks]
        self.head = [t.head.i for t in toks]
        self.left = [t.left_edge.i for t in toks]
        self.right = [t.right_edge.i for t in toks]
        self.ent = [t.ent_type_ or "-" for t in toks]
        self.ent_b = [t.ent_iob_ == "B" for t in toks]
        self.sent_start = [bool(t.is_sent_start) for t in toks]
        # clausal complements of each token, in token order
        self.comps: list[list[str]] = [[] for _ in toks]
        for i, h in enumerate(self.head):
            if h != i and self.dep[i] in ("ccomp", "xcomp", "parataxis"):
                self.comps[h].append(self.dep[i])
        self.sents = sents if sents is not None else sentence_table(doc)


def sequence_features(
    doc: Doc, idx: list[int], quote_flags: list[int], arrays: DocArrays | None = None
) -> list[list[str]]:
    """CRF feature lists for the tokens ``idx`` of one paragraph of ``doc``."""
    a = arrays if arrays is not None else DocArrays(doc)
    sent_of, sent_rows = a.sents
    rep = reporting_verbs()
    n = len(idx)
    lower = [a.lower[i] for i in idx]
    pos = [a.pos[i] for i in idx]
    isrep = [a.lemma[i] in rep and a.pos[i] in ("VERB", "AUX") for i in idx]
    # per-sentence facts
    sent_rep: dict[int, list[int]] = {}
    for k, i in enumerate(idx):
        if isrep[k]:
            sent_rep.setdefault(sent_of[i], []).append(k)
    para_open = "1" if idx and a.text[idx[0]] in DOUBLE_QUOTE_TOKENS else "0"
    has_close = any(a.text[i] in DOUBLE_QUOTE_TOKENS for i in idx[1:])
    head, dep, lemma = a.head, a.dep, a.lemma
    feats: list[list[str]] = []
    for k, i in enumerate(idx):
        path, depth, verb, edge = _rep_path(a, i, rep)
        si = sent_of[i]
        _, s_end, s_root, s_root_pos = sent_rows[si]
        reps = sent_rep.get(si, [])
        if reps:
            left = any(r < k for r in reps)
            right = any(r > k for r in reps)
            rel = "both" if left and right else ("after" if left else "before")
        else:
            rel = "none"
        h = head[i]
        q = str(quote_flags[k])
        f = [
            "b",
            "w=" + lower[k],
            "l=" + lemma[i],
            "p=" + pos[k],
            "t=" + a.tag[i],
            "d=" + dep[i],
            "s=" + _shape(a.text[i]),
            "hl=" + lemma[h],
            "hp=" + a.pos[h],
            "dd=" + dep[i] + "|" + a.pos[h],
            "rp=" + path,
            "rpd=" + path + str(depth),
            "rpe=" + path + edge,
            "rv=" + verb,
            "rve=" + verb + path,
            "q=" + q,
            "qp=" + q + para_open,
            "rel=" + rel,
            "rel_q=" + rel + q,
            "ent=" + a.ent[i],
            "ss=" + ("1" if a.sent_start[i] else "0"),
            "se=" + ("1" if i == s_end - 1 else "0"),
            "po=" + para_open + ("c" if has_close else "n"),
            "sr=" + s_root,
            "srd=" + ("rep" if s_root in rep else s_root_pos),
        ]
        # the first three verbs above the token, whatever their lemma: lets the
        # model learn cues beyond the reporting-verb list ("found", "shows")
        nv = 0
        child = cur = i
        while head[cur] != cur:
            anc = head[cur]
            if a.pos[anc] in ("VERB", "AUX"):
                nv += 1
                f.append(f"a{nv}=" + dep[child] + "|" + lemma[anc])
                f.append(f"a{nv}d=" + dep[child])
                edge = ("L" if a.left[child] == i else "") + ("R" if a.right[child] == i else "")
                if edge:
                    f.append(f"a{nv}e=" + dep[child] + edge)
                if nv == 3:
                    break
            child = cur = anc
        if pos[k] in ("VERB", "AUX"):
            for c in a.comps[i]:
                f.append("hc=" + c)
                f.append("hcl=" + c + "|" + lemma[i])
        if k > 0:
            f.append("bg=" + lower[k - 1] + "|" + lower[k])
            f.append("pg=" + pos[k - 1] + "|" + pos[k])
        if isrep[k]:
            f.append("rep")
            f.append("rep_d=" + dep[i])
        if a.ent_b[i]:
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
