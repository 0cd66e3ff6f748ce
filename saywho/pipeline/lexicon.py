"""Word lists shared by the quote components: reporting verbs, cue phrases, quote marks.

The reporting verbs live in ``saywho/data/reporting_verbs.txt`` — the one
maintained list; nothing else in saywho hard-codes them.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = [
    "OCCASIONS",
    "CLOSE_QUOTES",
    "DOUBLE_QUOTES",
    "DOUBLE_QUOTE_TOKENS",
    "NOT_CURRENT",
    "OPEN_QUOTES",
    "PERSON_NOUNS",
    "PRONOUNS",
    "QUOTE_CHARS",
    "ROLE_NOUNS",
    "TITLE_WORDS",
    "SINGLE_QUOTES",
    "first_name_genders",
    "given_names",
    "reporting_verbs",
    "surnames",
]

#: Double quote marks: straight, curly, low-9, guillemets.
DOUBLE_QUOTES = frozenset('"“”„‟«»')
#: Single marks used as nested quotes (also apostrophes, so handled with care).
SINGLE_QUOTES = frozenset("'‘’‚‛‹›`")
QUOTE_CHARS = DOUBLE_QUOTES | SINGLE_QUOTES
OPEN_QUOTES = frozenset("“„«‘‹")
#: Tokens that act as double quote marks, including the doubled apostrophes
#: some newspapers use (''like this'') and LaTeX-style ``openers``.
DOUBLE_QUOTE_TOKENS = DOUBLE_QUOTES | {"''", "``", "‘‘", "’’"}
CLOSE_QUOTES = frozenset("”»’›")

#: Head nouns of definite descriptions that news uses for the person last quoted
#: ("the diplomat said", "the minister added").
ROLE_NOUNS = frozenset(
    [
        "ambassador",
        "analyst",
        "candidate",
        "chancellor",
        "chief",
        "commander",
        "congressman",
        "congresswoman",
        "diplomat",
        "director",
        "economist",
        "envoy",
        "expert",
        "general",
        "governor",
        "head",
        "leader",
        "lawmaker",
        "mayor",
        "minister",
        "negotiator",
        "nominee",
        "official",
        "premier",
        "president",
        "prosecutor",
        "secretary",
        "senator",
        "speaker",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "strategist",
    ]
)
_PERSON_NOUNS = """
actor actress adviser advisor agent aide anchor attorney author boss client coach colleague
columnist commentator correspondent critic doctor editor executive founder host journalist judge
lawyer manager moderator novelist opponent owner parent partner patient physician player
pollster producer professor publisher rapper researcher reporter resident scientist singer
source student teacher treasurer writer
"""
#: Nouns for people: the role nouns and other occupations ("moderator Lester Holt", "the
#: columnist wrote").
PERSON_NOUNS = ROLE_NOUNS | frozenset(_PERSON_NOUNS.split())

_TITLE_WORDS = """
representative rep rep. assemblyman assemblywoman assemblymember councilman councilwoman
councilmember delegate commissioner justice judge sheriff pastor reverend rev rev. detective
officer sergeant sgt sgt. captain capt capt. colonel col col. lieutenant lt lt. admiral adm
adm. gen gen. professor prof prof. sen sen. gov gov. vice prime deputy acting former attorney
chairman chairwoman king queen prince princess pope moderator dr dr. rabbi imam bishop
archbishop cardinal filmmaker director
"""
#: Words a title in front of a name is made of ("Assemblywoman Claudia Tenney",
#: "Vice President Joe Biden", "Rep. Gwen Graham"): the role nouns and forms of address.
TITLE_WORDS = ROLE_NOUNS | frozenset(_TITLE_WORDS.split())

#: Words before a role noun that make it a past holder ("the former president"), never the
#: one in office on the article's date.
NOT_CURRENT = frozenset(["former", "ex", "ex-", "late", "then", "previous", "erstwhile"])

PRONOUNS = {
    "he": "male",
    "him": "male",
    "his": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
    "they": "plural",
    "them": "plural",
    "we": "plural",
    "it": "neuter",
    "i": "first",
    "me": "first",
    "my": "first",
}


def _read_list(name: str) -> tuple[str, ...]:
    raw = resources.files("saywho.data").joinpath(name).read_text(encoding="utf-8")
    items = []
    for line in raw.splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            items.append(line)
    return tuple(items)


@cache
def reporting_verbs() -> frozenset[str]:
    """Lemmas of verbs that introduce reported speech ("say", "tell", "warn" …)."""
    return frozenset(_read_list("reporting_verbs.txt"))


@cache
def first_name_genders() -> dict[str, str]:
    """Given names with a clear gender (``saywho/data/first_names.txt``), lower-cased."""
    out: dict[str, str] = {}
    for line in _read_list("first_names.txt"):
        name, _, gender = line.partition(" ")
        if gender.strip() in ("female", "male"):
            out[name] = gender.strip()
    return out


@cache
def given_names() -> frozenset[str]:
    """Common given names, lower-cased: ``saywho/data/given_names.txt`` (US Census) and the
    names of :func:`first_name_genders`."""
    return frozenset(_read_list("given_names.txt")) | frozenset(first_name_genders())


@cache
def surnames() -> frozenset[str]:
    """Common surnames, lower-cased (``saywho/data/surnames.txt``, US Census)."""
    return frozenset(_read_list("surnames.txt"))


#: Occasions of speaking: a phrase naming one after reported speech ("during a rally",
#: "in a tweet") belongs to the cue verb, not to the content.
OCCASIONS = frozenset(
    [
        "rally",
        "speech",
        "interview",
        "statement",
        "tweet",
        "debate",
        "address",
        "conference",
        "appearance",
        "event",
        "meeting",
        "hearing",
        "post",
        "video",
        "letter",
        "remark",
        "remarks",
        "briefing",
        "broadcast",
        "show",
        "town",
        "hall",
        "podcast",
        "email",
        "call",
        "session",
        "visit",
        "stop",
    ]
)
