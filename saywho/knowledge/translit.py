"""Romanisation-tolerant name matching for Russian, Ukrainian and Belarusian names.

News outlets spell the same name many ways: Zelensky, Zelenskyy, Zelenskiy; Kharkov, Kharkiv;
Lugansk, Luhansk; Dmitri, Dmitry. :func:`name_key` maps a name to a skeleton in which those
differences vanish (and transliterates Cyrillic), and :func:`same_name` scores two names 0..1,
keeping different people apart: a different surname, or a feminine surname against the
masculine one (Zakharova, Zakharov), scores low. Scores at or above :data:`LINK_THRESHOLD`
are meant to be linked automatically; lower non-zero scores are "possible" matches only.

Rules applied to each word of the name (after folding case and diacritics):

- x → ks, w → v, ph → f; German tsch/sch and Polish cz/sz → ch/sh
- kh, gh and g → h (Kharkiv/Harkiv, Luhansk/Lugansk, Olha/Olga); ts, tz → c
- j → y; a y/i glide before e is dropped (Yermak/Ermak, Sievierodonetsk/Severodonetsk)
- a y/i glide before a, o, u becomes one glide (Maria/Mariya, Yulia/Iuliia)
- any other run of y and i becomes i (-iy, -yy, -yi, -y endings; Kyiv/Kyyiv)
- -ev/-iv/-ov at the end (also before -a, -ich, -na) become -ov (Kharkiv/Kharkov, Lviv/Lvov)
- -skaya becomes -ska; doubled letters (and zhzh) are written once
- apostrophes and soft signs are dropped; hyphenated parts are joined

:func:`same_name` also ignores honorifics, leading titles and patronymics, and keeps father and
son apart: a Jr or Sr on one name only, or middle initials that disagree, is a possible match
at most (Donald Trump / Donald Trump Jr., George W. Bush / George H. W. Bush).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["LINK_THRESHOLD", "fold", "name_key", "same_name"]

#: Scores at or above this link two names automatically.
LINK_THRESHOLD = 0.8
# The score of a possible (never automatic) match: surnames one letter apart, or names that
# differ only in a generational suffix or middle initials.
_POSSIBLE = 0.6

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "ye",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "yu", "я": "ya",
}  # fmt: skip
# Letters that NFKD does not reduce to ASCII, and scholarly carons (š = sh, not s).
_SPECIAL = {
    "š": "sh", "č": "ch", "ž": "zh", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae",
    "œ": "oe", "ı": "i", "ð": "d", "þ": "th",
}  # fmt: skip
_FOLD_TABLE = str.maketrans({**_CYRILLIC, **_SPECIAL})
_APOSTROPHES = re.compile(r"['’ʼ`´ʹ‘]")

_MULTI = (
    ("x", "ks"), ("w", "v"), ("ph", "f"), ("tsch", "ch"), ("tch", "ch"), ("sch", "sh"),
    ("cz", "ch"), ("sz", "sh"), ("kh", "h"), ("gh", "h"), ("g", "h"), ("tz", "c"), ("ts", "c"),
    ("j", "y"),
)  # fmt: skip

_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii"})
# Titles that news writing puts before a name ("President Zelensky", "Foreign Minister Lavrov");
# ignored at the start of a name only, and never when nothing else is left.
_TITLES = frozenset({
    "president", "vice", "prime", "foreign", "defence", "defense", "minister", "chancellor",
    "premier", "secretary", "ayatollah", "king", "queen", "prince", "princess", "pope",
    "sheikh", "senator", "sen", "rep", "gov", "governor", "mayor", "ambassador", "gen",
    "general", "spokesman", "spokeswoman", "spokesperson", "speaker", "commander",
})  # fmt: skip
_GENERATIONAL = frozenset({"jr", "sr"})  # father and son: Donald Trump / Donald Trump Jr.

# Given names that are the same name in another language or a common short form.
_GIVEN_GROUPS = (
    "vladimir volodymyr volodimir wladimir uladzimir",
    "alexander aleksandr oleksandr olexander alexandr aliaksandr alyaksandr aleksander alexandre",
    "alexei aleksei alexey aleksey oleksii oleksiy olexiy aliaksei",
    "dmitry dmytro dmitri dmitrij dzmitry",
    "andrei andrey andriy andrii andrej",
    "sergei sergey serhiy serhii sergiy siarhei",
    "mikhail mykhailo mykhaylo michail",
    "nikolai nikolay mykola mikalai",
    "pyotr petro petr piotr peter",
    "pavel pavlo",
    "yevgeny yevhen evgeny evgeniy yevgeniy yauhen eugene",
    "yuri yuriy yurii iurii yury",
    "grigory grigori hryhoriy hryhorii",
    "anatoly anatoliy anatolii",
    "vasily vasyl vasiliy vassily",
    "fyodor fedor fedir",
    "olga olha volha",
    "yulia yuliya iuliia yuliia julia",
    "maria mariya mariia",
    "natalia natalya nataliya",
    "yekaterina ekaterina kateryna katerina",
    "yelena elena olena alena",
    "tatiana tatyana tetiana tetyana",
    "irina iryna",
    "svetlana svitlana sviatlana",
    "kirill kyrylo",
    "denis denys",
    "oleg oleh aleh",
    "igor ihor",
    "valery valeriy valerii",
    "vitaly vitaliy vitalii vitali",
    "gennady gennadiy hennadiy",
    "konstantin kostiantyn kostyantyn kanstantsin",
    "ilya illia illya",
    "boris borys",
    "vadim vadym",
    "roman raman",
    "maxim maksim maksym",
    "nikita mykyta",
    "arseniy arseny arsenii",
    "viktor victor viktar",
    "joseph joe",
    "michael mike",
    "robert bob",
    "james jim",
    "william bill",
    "thomas tom",
    "christopher chris",
    "antony anthony tony",
    "ashton ash",
    "jacob jake",
    "matthew matt",
)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, Cyrillic transliterated, diacritics removed (ASCII for Latin/Cyrillic names)."""
    text = unicodedata.normalize("NFC", text).lower().translate(_FOLD_TABLE)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    for old, new in _MULTI:
        word = word.replace(old, new)
    word = re.sub(r"(zh|sh|ch)\1", r"\1", word)
    word = re.sub(r"[iy]+e", "e", word)
    word = re.sub(r"[iy]+([aou])", r"j\1", word)
    word = re.sub(r"[iy]+", "i", word)
    word = re.sub(r"(sk|ck)aja$", r"\1a", word)
    word = re.sub(r"[eio]v(a|ich|na)?$", r"ov\1", word)
    return re.sub(r"(.)\1+", r"\1", word)


def _words(name: str) -> list[str]:
    text = _APOSTROPHES.sub("", fold(name)).replace("-", "")
    return re.findall(r"[a-z]+", text)


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The romanisation-independent skeleton of ``name``: ``name_key("Zelenskyy") == name_key("Зеленський")``."""
    return " ".join(_word_key(w) for w in _words(name))


def _person_words(name: str) -> list[str]:
    """The words of a name without honorifics and leading titles (suffixes are kept)."""
    words = [w for w in _words(name) if w not in _HONORIFICS]
    start = 0
    while start < len(words) - 1 and words[start] in _TITLES:
        start += 1
    return words[start:]


def _name_keys(name: str) -> list[str]:
    """Word keys without honorifics, leading titles, suffixes, middle initials and patronymics."""
    words = [w for w in _person_words(name) if w not in _SUFFIXES]
    keys = [_word_key(w) for w in words]
    if len(keys) >= 3:
        middle = [
            k for k in keys[1:-1] if len(k) > 1 and not k.endswith(("ovich", "ovna", "ichna"))
        ]
        keys = [keys[0], *middle, keys[-1]]
    return keys


def _marks(name: str) -> tuple[tuple[str, ...], bool, frozenset[str]]:
    """A name's middle names as initials, whether they are all bare initials, and its Jr/Sr.

    "George H. W. Bush" gives ``(("h", "w"), True, {})``; "George Walker Bush" gives
    ``(("w",), False, {})``. Patronymics are not middle names.
    """
    words = _person_words(name)
    suffixes = frozenset(w for w in words if w in _GENERATIONAL)
    core = [w for w in words if w not in _SUFFIXES]
    middle = [
        w for w in core[1:-1] if not _word_key(w).endswith(("ovich", "ovna", "ichna", "evich"))
    ]
    return tuple(w[0] for w in middle), all(len(w) == 1 for w in middle), suffixes


def _different_marks(a: str, b: str) -> bool:
    """Jr against no Jr, or middle initials that disagree (George W. / George H. W. Bush)."""
    (initials_a, bare_a, suffix_a), (initials_b, bare_b, suffix_b) = _marks(a), _marks(b)
    if suffix_a != suffix_b:
        return True
    return bool(initials_a and initials_b and (bare_a or bare_b) and initials_a != initials_b)


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _gender_pair(a: str, b: str) -> bool:
    """Masculine and feminine forms of one surname: Zakharov/Zakharova, Zelenski/Zelenska."""
    short, long_ = sorted((a, b), key=len)
    if long_ == short + "a":
        return True
    return (
        len(a) == len(b)
        and a[:-1] == b[:-1]
        and {a[-1], b[-1]} == {"i", "a"}
        and a[:-1].endswith(("sk", "ck"))
    )


def _surname_score(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if _gender_pair(a, b):
        return 0.0
    if min(len(a), len(b)) >= 6 and _edit_distance(a, b) == 1:
        return _POSSIBLE
    return 0.0


@lru_cache(maxsize=1)
def _given_index() -> dict[str, int]:
    index: dict[str, int] = {}
    for number, group in enumerate(_GIVEN_GROUPS):
        for given in group.split():
            index.setdefault(_word_key(given), number)
    return index


def _given_score(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:
        return 0.85 if a[0] == b[0] else 0.1
    index = _given_index()
    if a in index and index.get(a) == index.get(b):
        return 0.95
    return 0.1


def same_name(a: str, b: str) -> float:
    """Confidence 0..1 that names ``a`` and ``b`` denote the same person or place.

    1.0: the same up to case and diacritics; 0.95: the same romanisation skeleton
    (Zelensky/Zelenskyy); 0.85: a bare surname against a full name (Peskov/Dmitry Peskov);
    about 0.9: a Russian/Ukrainian/English form of the given name (Dmitry/Dmytro Kuleba);
    0.6: surnames one letter apart (a possible, not an automatic, link); 0: different.
    Honorifics, leading titles ("President") and patronymics are ignored; a Jr or Sr on one
    name only, or middle initials that disagree, cap the score at 0.6 (father and son).
    """
    ka, kb = _name_keys(a), _name_keys(b)
    if not ka or not kb:
        return 0.0
    if _words(a) == _words(b):
        return 1.0
    if _different_marks(a, b):
        # Donald Trump / Donald Trump Jr., George W. Bush / George H. W. Bush: father and son
        # (or namesakes) whom the words alone cannot tell apart: a possible match at most
        return min(_score(ka, kb), _POSSIBLE)
    return _score(ka, kb)


def _score(ka: list[str], kb: list[str]) -> float:
    if ka == kb:
        return 0.95
    if len(ka) > 1 and sorted(ka) == sorted(kb):
        return 0.9
    surname = _surname_score(ka[-1], kb[-1])
    if surname == 0.0:
        lone, full = (ka, kb) if len(ka) < len(kb) else (kb, ka)
        if len(lone) == 1 and len(full) > 1 and lone[0] == full[0]:
            return 0.5  # a lone word equal to the other's first word: a given name, or a family name first
        return 0.0
    if len(ka) == 1 or len(kb) == 1:
        return round(0.85 * surname, 3)
    return round(surname * _given_score(ka[0], kb[0]), 3)
