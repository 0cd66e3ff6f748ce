"""Threats and escalation statements: rules over the spaCy parse.

Kinds: ``warning`` (of consequences: "will pay a heavy price", "will not go unanswered"),
``conditional`` ("if …, we will strike …"), ``ultimatum`` ("48 hours to withdraw", "final
warning"), ``red_line``, ``nuclear`` (open or veiled: "parity in strategic weapons", "all means
at our disposal") and ``rhetorical`` (a question about catastrophe: "Why would we need a world
without Russia?").

A threat is a statement that *makes* a threat, in the voice of its speaker: inside a quote it
belongs to the quote's speaker, in narration to the outlet. Reports of threats ("Putin
threatened …", "the Kremlin's nuclear threats") and historical descriptions ("In 1962,
Khrushchev warned …") are not threats themselves. Each threat carries its target (who is
threatened) and its condition when stated, with offsets, and the words that triggered it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..model import Quote
from .voice import Piece, Voices

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["KINDS", "find_threats"]

KINDS = ("warning", "conditional", "ultimatum", "red_line", "nuclear", "rhetorical")

_SEVERE = r"(?:serious|severe|grave|dire|harsh|dramatic|devastating|catastrophic|unpredictable|terrible|irreversible)"
_PATTERNS: dict[str, list[str]] = {
    "warning": [
        rf"\bfaces? (?:the )?(?:{_SEVERE} )?(?:consequences|retaliation|the full force)",
        r"\bfaced? (?:the )?full force",
        r"\bpay (?:a |an )?(?:heavy |high |dear |terrible |steep )?price\b",
        r"\bcost \w+ dearly",
        r"\b(?:will|would|shall) regret\b",
        r"\b(?:not|never) go unanswered|\bnot be left unanswered",
        r"\b(?:devastating|crushing|decisive|swift|harsh|symmetrical|asymmetric(?:al)?|retaliatory|tough|immediate) (?:response|retaliation|answer|blow|strike)s?\b",
        r"\b(?:respond|retaliate|react) (?:decisively|harshly|with force|firmly|immediately|militarily)",
        r"\b(?:hit|strike) back\b",
        r"\bface retaliation|\bwill be met with\b",
        r"\blegitimate targets?\b|\bbecome a target\b",
        r"\b(?:will|would) be (?:destroyed|annihilated|crushed|wiped out)",
        r"\bwiped off the (?:map|face of the earth)",
        r"\bnothing (?:will be )?left of\b",
        r"\bplaying with fire\b|\bget burned\b",
        r"\bpatience (?:is|has) (?:not unlimited|its limits|run(?:ning)? out|limits)",
        r"\b(?:preventive|pre-emptive|preemptive) strikes?\b",
        rf"\b{_SEVERE} consequences\b|\bconsequences (?:\w+ ){{0,6}}(?:will|would) be {_SEVERE}",
        r"\bconsequences (?:that )?(?:you|they|he|she|it|the \w+) (?:have|has) never",
        r"\blose (?:their|its|your|his|her) (?:hands?|heads?)\b",
        r"\bremember what happened to\b",
        r"\b(?:will|would) (?:be the first to )?suffer\b",
        r"\b(?:will|would) get (?:a )?war\b",
        r"\b(?:forced to take|will take) (?:\w+ ){0,2}(?:measures|countermeasures|steps)\b",
        r"\bmilitary-technical measures\b|\bcountermeasures\b",
        r"\bhold \w+(?: \w+)? (?:fully )?responsible\b|\bshare (?:the )?responsibility\b",
        r"\bwe warn\b",
        r"\bwar will spread\b|\bwill lose (?:more |even more )?territory\b",
        r"\bbear (?:the )?(?:full |entire |sole )?responsibility\b",
        r"\b(?:in|into) (?:our|the) crosshairs\b|\bnowhere to (?:hide|run)\b",
        r"\b(?:turn|turned|reduce|reduced) (?:\w+ ){0,3}(?:into|to) (?:dust|ashes|ash|rubble|a wasteland)\b",
        r"\bsee what (?:\w+ ){0,3}can do\b|\blet them try\b",
    ],
    "red_line": [
        r"\bred lines?\b",
        r"\bcross(?:es|ed|ing)? (?:the|this|that|our|a) line\b",
        r"\bwill not (?:tolerate|allow)\b|\bcannot be tolerated\b",
    ],
    "ultimatum": [
        r"\b\d+ (?:hours|days) to (?:withdraw|leave|stop|surrender|comply|pull out)",
        r"\b(?:final|last) (?:warning|chance)\b|\bno second warning\b|\b(?:the|for the) last time\b",
        r"\bor else\b|\bor face\b|\bor we will\b",
        r"\botherwise (?:\w+ ){0,3}(?:will|would)\b",
    ],
    "nuclear": [
        r"\ba nuclear (?:power|state)\b(?! plants?| stations?)",
        r"\bnuclear (?:weapons?|arsenal|strikes?|war|winter|catastrophe|option|forces|button|ash|apocalypse|missiles?)\b",
        r"\bstrategic (?:weapons|forces|deterrent|nuclear|arms)\b",
        r"\bsarmat\b|\bposeidon\b|\bavangard\b|\bkinzhal\b|\bburevestnik\b|\boreshnik\b",
        r"\ball (?:the )?means at (?:our|its|their) disposal\b|\ball (?:available|necessary) means\b",
        r"\bweapons that no one (?:else )?has\b",
        r"\bradioactive (?:ash|dust)\b|\barmageddon\b|\bhiroshima\b|\bnagasaki\b",
        r"\b(?:warheads?|icbms?|ballistic missiles?|hypersonic (?:missiles?|weapons?))\b",
        r"\bcan reach \w+ in (?:minutes|seconds)\b",
        r"\b(?:high|full|special combat) (?:alert|readiness)\b",
    ],
}
_COMPILED = {k: [re.compile(p) for p in ps] for k, ps in _PATTERNS.items()}

#: Words of harm that turn a conditional into a threat (the main clause must hold one).
_HARM = re.compile(
    r"\b(?:strike|strikes|struck|attack|destroy\w*|war|wars|response|respond|retaliat\w*|"
    r"consequences?|target|suffer|freeze|punish\w*|hit back|measures|troops|forces|missiles?|"
    r"bomb\w*|wipe\w*|annihilat\w*|crush\w*|spread|price|regret|burn\w*|lose|kill\w*|dead|"
    r"blood|ruin\w*|collapse|nuclear|act|force)\b"
)
_CATASTROPHE = re.compile(
    r"\b(?:world war|third world war|nuclear|catastrophe|apocalypse|armageddon|annihilat\w*|"
    r"end of the world|left of|destroyed|wiped|nuclear winter|ashes|ruins?|rubble|survive)\b"
)
_WORLD_WITHOUT = re.compile(r"\ba world without [A-Z]")
#: Narration that reports or describes threats rather than making one.
_REPORTED = re.compile(
    r"\b(?:threaten(?:s|ed|ing)?|threats?|ultimatum|warnings?|accus\w+|dismiss\w*|bluster|"
    r"rhetoric|intimidat\w*|analysts?|critics?|historians?|reported)\b"
)
_HISTORICAL = re.compile(
    r"\b(?:in|by|since|of) (?:the )?(?:1[89]\d\d|200\d|201[0-4])s?\b|\b(?:cold war|soviet union|"
    r"ussr|last year|decades ago|back then|historians?)\b|\bin (?:1[89]\d\d|20[0-2]\d)\b"
)
_FIRST_PERSON = {"we", "i", "us", "our", "me", "my"}
_BASE = {
    "nuclear": 0.8,
    "red_line": 0.8,
    "ultimatum": 0.8,
    "warning": 0.75,
    "conditional": 0.7,
    "rhetorical": 0.6,
}


#: Verbs of harm; in a future or modal clause aimed at someone else they make a warning.
_HARM_VERBS = frozenset(
    [
        "strike",
        "attack",
        "destroy",
        "sink",
        "shoot",
        "hunt",
        "bomb",
        "punish",
        "crush",
        "wipe",
        "annihilate",
        "obliterate",
        "retaliate",
        "burn",
        "kill",
        "eliminate",
        "invade",
        "raze",
        "flatten",
        "shell",
        "hit",
        "smash",
        "erase",
        "liquidate",
        "neutralize",
        "neutralise",
        "pulverize",
        "incinerate",
        "nuke",
        "drown",
        "bury",
    ]
)
#: Objects that make a harm verb harmless ("strike a deal", "hit our targets").
_BENIGN_OBJECTS = frozenset(
    [
        "deal",
        "agreement",
        "balance",
        "chord",
        "pose",
        "note",
        "tone",
        "bargain",
        "targets",
        "target",
        "record",
        "records",
        "market",
        "shelves",
        "road",
        "ground",
        "headlines",
        "jackpot",
        "milestone",
        "goal",
        "goals",
        "button",
    ]
)
_FUTURE = frozenset({"will", "would", "shall", "'ll", "wo", "going"})


def _harm_predicates(toks: list[Token]) -> list[Token]:
    """Harm verbs in a future or modal clause whose object is not harmless and whose subject
    is not the speaker's own side being harmed ("we will be attacked" is a fear, not a threat)."""
    out = []
    for t in toks:
        if t.lemma_.lower() not in _HARM_VERBS or t.pos_ not in ("VERB", "AUX"):
            continue
        heads = [t, t.head] if t.dep_ in ("xcomp", "conj") else [t]
        if not any(
            c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE for h in heads for c in h.children
        ):
            continue
        objs = [c for c in t.children if c.dep_ in ("dobj", "pobj", "prep")]
        if any(o.lemma_.lower() in _BENIGN_OBJECTS for o in objs):
            continue
        if any(c.dep_ == "nsubjpass" and c.lower_ in _FIRST_PERSON for c in t.children):
            continue
        out.append(t)
    return out


def _hits(text: str) -> list[tuple[str, re.Match[str]]]:
    low = text.lower()
    out = []
    for kind, pats in _COMPILED.items():
        for p in pats:
            for m in p.finditer(low):
                out.append((kind, m))
    return out


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    """The non-space tokens lying wholly within ``[start, end)``."""
    span = doc.char_span(start, end, alignment_mode="contract")
    return [] if span is None else [t for t in span if not t.is_space]


def _condition(toks: list[Token]) -> tuple[Span, Token | None] | None:
    """The condition clause ("if …", "unless …", a clause-initial "should …") and its subject."""
    for t in toks:
        low = t.lower_
        if low in ("if", "unless") and t.dep_ in ("mark", "advmod", "ccomp", "prep"):
            head = t.head
            span = t.doc[min(t.i, head.left_edge.i) : head.right_edge.i + 1]
            subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return _trim_span(span), subj
        if low == "should" and t.i == toks[0].i + (1 if toks[0].is_punct else 0):
            head = t.head
            span = t.doc[t.i : head.right_edge.i + 1]
            subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return _trim_span(span), subj
    return None


def _trim_span(span: Span) -> Span:
    s, e = span.start, span.end
    while e > s and (span.doc[e - 1].is_punct or span.doc[e - 1].is_space):
        e -= 1
    return span.doc[s:e]


def _phrase(tok: Token) -> Span:
    return _trim_span(tok.doc[tok.left_edge.i : tok.right_edge.i + 1])


_VICTIM_VERBS = {
    "face",
    "pay",
    "regret",
    "suffer",
    "lose",
    "get",
    "become",
    "play",
    "remember",
    "bear",
    "share",
    "see",
    "recall",
    "think",
    "take",
    "feel",
}
_OBJECT_VERBS = {"cost", "warn", "strike", "attack", "destroy", "hit", "reach", "punish", "hold",
                 "turn", "let", "teach"}  # fmt: skip
_NOT_TARGET = _FIRST_PERSON | {"there", "it", "this", "that", "what", "which", "who"}


def _subject(t: Token) -> Token | None:
    return next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _target(toks: list[Token], cond_subj: Token | None, harm: list[Token]) -> Span | None:
    """Who is threatened: the object of a harm verb ("we will strike X"), the subject of what
    befalls it ("X will pay", "X should remember"), the object of a verb done to it ("cost X
    dearly"), what is left of or hides ("nothing left of X"), the actor of the condition ("if X
    crosses the border"), or a warning's addressee ("a final warning to X")."""
    ids = {t.i for t in toks}

    def ok(t: Token | None) -> bool:
        return t is not None and t.i in ids and t.lower_ not in _NOT_TARGET

    if ok(cond_subj) and (cond_subj.pos_ in ("PROPN", "PRON") or cond_subj.ent_type_):  # type: ignore[union-attr]
        return _phrase(cond_subj)  # type: ignore[arg-type]  # "if X does …, we will …"
    for t in harm:
        for c in t.children:
            if c.dep_ in ("dobj", "nsubjpass") and ok(c):
                return _phrase(c)
        if cond_subj is not None and any(
            c.dep_ in ("dobj", "nsubjpass") and c.lower_ in ("it", "they", "them")
            for c in t.children
        ):
            return _phrase(cond_subj)  # "if the convoy enters …, it will be sunk"
    for t in toks:
        modal = any(
            c.dep_ == "aux" and c.lower_ in ("should", "must", "will", "would") for c in t.children
        )
        if t.lemma_ in _VICTIM_VERBS or (modal and t.lemma_ in ("do", "stop", "think")):
            subj = _subject(t)
            if ok(subj):
                return _phrase(subj)  # type: ignore[arg-type]
    for t in toks:
        if t.lemma_ in _OBJECT_VERBS:
            obj = next(
                (c for c in t.children if c.dep_ in ("dobj", "dative", "nsubj") and c.i > t.i), None
            )
            if ok(obj):
                return _phrase(obj)  # type: ignore[arg-type]
    for t in toks:
        if (t.lower_ == "of" and t.head.lower_ == "left") or (
            t.lower_ == "for" and t.head.lemma_ in ("hide", "run", "responsibility", "place")
        ):
            obj = next((c for c in t.children if c.dep_ == "pobj"), None)
            if ok(obj):
                return _phrase(obj)  # type: ignore[arg-type]
    for t in toks:
        if t.lower_ in ("to", "against") and t.head.lemma_ in ("warning", "chance", "threat"):
            obj = next((c for c in t.children if c.dep_ == "pobj"), None)
            if ok(obj):
                return _phrase(obj)  # type: ignore[arg-type]
    for t in toks:
        if t.dep_ == "ROOT":
            subj = _subject(t)
            if ok(subj) and subj.pos_ == "PROPN":  # type: ignore[union-attr]
                return _phrase(subj)  # type: ignore[arg-type]
    return None


def _span_dict(span: Span | None) -> dict[str, Any] | None:
    if span is None or len(span) == 0:
        return None
    return {"start": span.start_char, "end": span.end_char, "text": span.text}


def _detect(doc: Doc, text: str, piece: Piece, sent_text: str) -> dict[str, Any] | None:
    chunk = text[piece.start : piece.end]
    if len(chunk.strip()) < 8:
        return None
    if _HISTORICAL.search(sent_text.lower()):
        return None
    toks = _tokens(doc, piece.start, piece.end)
    if not toks:
        return None
    low = chunk.lower()
    hits = _hits(chunk)
    cond = _condition(toks)
    kinds = [k for k, _ in hits]
    harm = _harm_predicates(toks)
    if harm and "warning" not in kinds:
        kinds.append("warning")
    if cond is not None:
        cspan, _ = cond
        rest = low.replace(cspan.text.lower(), " ")
        if (_HARM.search(rest) or harm) and (
            hits or harm or re.search(r"\b(?:will|would|shall|'ll)\b", rest)
        ):
            kinds.insert(0, "conditional")
    if chunk.rstrip().rstrip("\"”’'").endswith("?") and (
        _CATASTROPHE.search(low) or _WORLD_WITHOUT.search(chunk)
    ):
        kinds.insert(0, "rhetorical")
    if not kinds:
        return None
    if piece.quote is None and _REPORTED.search(low):
        return None  # the outlet reports or describes a threat; it does not make one
    if kinds == ["nuclear"] and not re.search(
        r"\b(?:will|would|shall|can|should|must|forget|ready|'ll)\b|\bwe\b|\bour\b", low
    ):
        return None  # a mention of nuclear arms, not an allusion addressed to anyone
    kind = kinds[0]
    evidence = [
        {
            "start": piece.start + m.start(),
            "end": piece.start + m.end(),
            "text": chunk[m.start() : m.end()],
        }
        for _, m in hits
    ] + [{"start": t.idx, "end": t.idx + len(t.text), "text": t.text} for t in harm]
    evidence.sort(key=lambda e: (e["start"], e["end"]))
    score = min(0.95, _BASE[kind] + 0.05 * (len(set(kinds)) - 1) + 0.03 * (len(hits) > 1))
    target = _target(toks, cond[1] if cond else None, harm)
    return {
        "start": piece.start,
        "end": piece.end,
        "kind": kind,
        "kinds": sorted(set(kinds)),
        **piece.to_dict(),
        "target": _span_dict(target),
        "condition": _span_dict(cond[0]) if cond else None,
        "score": round(score, 2),
        "evidence": evidence,
    }


def find_threats(
    doc: Doc, quotes: Sequence[Quote], text: str | None = None
) -> list[dict[str, Any]]:
    """Threat layer entries of a parsed ``Doc`` whose quotes are ``quotes``."""
    text = doc.text if text is None else text
    voices = Voices(quotes)
    out = []
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        for piece in voices.pieces(sent.start_char, sent.end_char):
            found = _detect(doc, text, piece, sent.text)
            if found is not None:
                out.append(found)
    return out
