"""Exact port of ``plural()`` from the npm package ``pluralize`` 8.0.0.

Amplify's GraphQL transformer derives generated names (``listPosts``, ``postsByAuthor`` ...)
with ``pluralize.plural``, so this module must reproduce it character for character,
including its quirks (``"I"`` -> ``"WE"``, ``"Media"`` -> ``"Media"``).

Reproducing JavaScript string semantics takes three deliberate choices:

* JS strings are sequences of UTF-16 code units and the JS regexes have no ``u`` flag, so a
  character outside the BMP is seen as two surrogate code units (``word[0]`` may be half a
  character).  The word is therefore split into code units on entry and rejoined on exit.
* JS ``$`` (no ``m`` flag) only matches at the very end, but Python's ``$`` also matches
  before a trailing newline, hence ``\\Z``.
* Non-unicode JS ``/i`` regexes fold only ASCII letters against these ASCII patterns, and
  their ``\\b`` is ASCII; Python's unicode ``IGNORECASE`` would also fold e.g. KELVIN SIGN
  into ``k`` and LONG S into ``s``, hence ``re.ASCII``.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["plural"]

_Rule = tuple[re.Pattern[str], str]


def _units(text: str) -> str:
    """Split every non-BMP character into its UTF-16 surrogate pair (JS string view)."""
    if text.isascii():
        return text
    out: list[str] = []
    for char in text:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            out.append(chr(0xD800 | (code >> 10)))
            out.append(chr(0xDC00 | (code & 0x3FF)))
        else:
            out.append(char)
    return "".join(out)


def _text(units: str) -> str:
    """Inverse of :func:`_units`: rejoin surrogate pairs; lone surrogates are kept as is."""
    if units.isascii():
        return units
    return units.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


# JS toLowerCase/toUpperCase map whole code points (pairs) but leave lone surrogates alone,
# which is what mapping the rejoined text and splitting it again gives.
def _lower(units: str) -> str:
    return _units(_text(units).lower())


def _upper(units: str) -> str:
    return _units(_text(units).upper())


def _regex(source: str) -> re.Pattern[str]:
    """Compile a JS ``/source/i`` literal; ``$`` is only ever the end anchor in these."""
    return re.compile(source.replace("$", r"\Z"), re.IGNORECASE | re.ASCII)


def _restore_case(word: str, token: str) -> str:
    """Port of ``restoreCase``: give ``token`` the casing style of ``word``."""
    if word == token:
        return token
    if word == _lower(word):
        return _lower(token)
    if word == _upper(word):
        return _upper(token)
    # Title case is decided by the first code unit only (JS ``word[0]``).
    if word[0] == _upper(word[0]):
        return _upper(token[:1]) + _lower(token[1:])
    return _lower(token)


_DOLLAR = re.compile(r"\$(\d{1,2})", re.ASCII)


def _interpolate(template: str, args: list[str | int | None]) -> str:
    """Port of ``interpolate``: ``$n`` is ``args[n] || ''`` (so ``None``/``""``/``0`` vanish)."""

    def arg(match: re.Match[str]) -> str:
        index = int(match.group(1))
        value = args[index] if index < len(args) else None
        return str(value) if value else ""

    return _DOLLAR.sub(arg, template)


def _replace(word: str, rule: _Rule) -> str:
    """Port of ``replace``: rewrite the first match of the rule, restoring its case."""
    pattern, template = rule

    def callback(match: re.Match[str]) -> str:
        # The arguments a JS String#replace callback receives: match, groups, offset, string.
        args: list[str | int | None] = [match.group(0), *match.groups(), match.start(), word]
        result = _interpolate(template, args)
        if match.group(0) == "":
            # Only the group-less /s?$/ rule can match empty, so the callback's second
            # argument (``index`` in JS) is the offset: copy the case of the last character.
            return _restore_case(word[match.start() - 1], result)
        return _restore_case(match.group(0), result)

    return pattern.sub(callback, word, count=1)


# Irregular words as (single, plural), in source order: later duplicates overwrite earlier
# ones in the JS objects, which dict assignment reproduces.
_IRREGULAR_RULES: tuple[tuple[str, str], ...] = (
    # Pronouns.
    ("I", "we"), ("me", "us"), ("he", "they"), ("she", "they"), ("them", "them"),
    ("myself", "ourselves"), ("yourself", "yourselves"), ("itself", "themselves"),
    ("herself", "themselves"), ("himself", "themselves"), ("themself", "themselves"),
    ("is", "are"), ("was", "were"), ("has", "have"), ("this", "these"), ("that", "those"),
    # Words ending in with a consonant and `o`.
    ("echo", "echoes"), ("dingo", "dingoes"), ("volcano", "volcanoes"),
    ("tornado", "tornadoes"), ("torpedo", "torpedoes"),
    # Ends with `us`.
    ("genus", "genera"), ("viscus", "viscera"),
    # Ends with `ma`.
    ("stigma", "stigmata"), ("stoma", "stomata"), ("dogma", "dogmata"),
    ("lemma", "lemmata"), ("schema", "schemata"), ("anathema", "anathemata"),
    # Other irregular rules.
    ("ox", "oxen"), ("axe", "axes"), ("die", "dice"), ("yes", "yeses"), ("foot", "feet"),
    ("eave", "eaves"), ("goose", "geese"), ("tooth", "teeth"), ("quiz", "quizzes"),
    ("human", "humans"), ("proof", "proofs"), ("carve", "carves"), ("valve", "valves"),
    ("looey", "looies"), ("thief", "thieves"), ("groove", "grooves"),
    ("pickaxe", "pickaxes"), ("passerby", "passersby"),
)

_IRREGULAR_SINGLES: dict[str, str] = {}  # single -> plural
_IRREGULAR_PLURALS: dict[str, str] = {}  # plural -> single
for _single, _plural in _IRREGULAR_RULES:
    _IRREGULAR_SINGLES[_single.lower()] = _plural.lower()
    _IRREGULAR_PLURALS[_plural.lower()] = _single.lower()

# Plural rules (JS regex source, replacement) in source order; the *last* match wins.
_PLURAL_RULES: list[_Rule] = [
    (_regex(source), replacement)
    for source, replacement in (
        (r"s?$", "s"),
        (r"[^\u0000-\u007F]$", "$0"),
        (r"([^aeiou]ese)$", "$1"),
        (r"(ax|test)is$", "$1es"),
        (r"(alias|[^aou]us|t[lm]as|gas|ris)$", "$1es"),
        (r"(e[mn]u)s?$", "$1s"),
        (r"([^l]ias|[aeiou]las|[ejzr]as|[iu]am)$", "$1"),
        (
            r"(alumn|syllab|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat)"
            r"(?:us|i)$",
            "$1i",
        ),
        (r"(alumn|alg|vertebr)(?:a|ae)$", "$1ae"),
        (r"(seraph|cherub)(?:im)?$", "$1im"),
        (r"(her|at|gr)o$", "$1oes"),
        (
            r"(agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov"
            r"|symposi|curricul|automat|quor)(?:a|um)$",
            "$1a",
        ),
        (
            r"(apheli|hyperbat|periheli|asyndet|noumen|phenomen|criteri|organ|prolegomen|hedr"
            r"|automat)(?:a|on)$",
            "$1a",
        ),
        (r"sis$", "ses"),
        (r"(?:(kni|wi|li)fe|(ar|l|ea|eo|oa|hoo)f)$", "$1$2ves"),
        (r"([^aeiouy]|qu)y$", "$1ies"),
        (r"([^ch][ieo][ln])ey$", "$1ies"),
        (r"(x|ch|ss|sh|zz)$", "$1es"),
        (r"(matr|cod|mur|sil|vert|ind|append)(?:ix|ex)$", "$1ices"),
        (r"\b((?:tit)?m|l)(?:ice|ouse)$", "$1ice"),
        (r"(pe)(?:rson|ople)$", "$1ople"),
        (r"(child)(?:ren)?$", "$1ren"),
        (r"eaux$", "$0"),
        (r"m[ae]n$", "men"),
        # A string rule: sanitizeRule anchors it as /^thou$/i.
        (r"^thou$", "you"),
        # Regex uncountables are registered (after all the rules above) as '$0' rules.
        # In JS, /[eé]/i also matches 'É'; under re.ASCII it has to be spelled out.
        (r"pok[eéÉ]mon$", "$0"),
        (r"[^aeiou]ese$", "$0"),
        (r"deer$", "$0"),
        (r"fish$", "$0"),
        (r"measles$", "$0"),
        (r"o[iu]s$", "$0"),
        (r"pox$", "$0"),
        (r"sheep$", "$0"),
    )
]

# String uncountables, kept as one block in JS source order (a list literal would be long).
_UNCOUNTABLES: frozenset[str] = frozenset(
    """
    adulthood advice agenda aid aircraft alcohol ammo analytics anime athletics audio bison
    blood bream buffalo butter carp cash chassis chess clothing cod commerce cooperation corps
    debris diabetes digestion elk energy equipment excretion expertise firmware flounder fun
    gallows garbage graffiti hardware headquarters health herpes highjinks homework housework
    information jeans justice kudos labour literature machinery mackerel mail media mews moose
    music mud manga news only personnel pike plankton pliers police pollution premises rain
    research rice salmon scissors series sewage shambles shrimp software species staff swine
    tennis traffic transportation trout tuna wealth welfare whiting wildebeest wildlife you
    """.split()  # noqa: SIM905
)


@lru_cache(maxsize=4096)  # a schema asks for each model name's plural several times
def plural(word: str) -> str:
    """Return the English plural of ``word`` exactly as npm ``pluralize.plural`` 8.0.0 does.

    Irregular plurals are kept (``"geese"`` -> ``"geese"``), irregular singulars replaced
    (``"goose"`` -> ``"geese"``), uncountables returned unchanged (``"Sheep"``), and otherwise
    the last matching rule rewrites the end of the word.  The casing style of the input is
    preserved: ``"Person"`` -> ``"People"``, ``"POST"`` -> ``"POSTS"``,
    ``"BlogPost"`` -> ``"BlogPosts"``.
    """
    units = _units(word)
    token = _lower(units)
    if token in _IRREGULAR_PLURALS:
        return _text(_restore_case(units, token))
    if token in _IRREGULAR_SINGLES:
        return _text(_restore_case(units, _IRREGULAR_SINGLES[token]))
    if not token or token in _UNCOUNTABLES:
        return word
    # Rules are tested against the original-case word, most recently added first. Every rule
    # but the first ends in a letter or a non-ASCII character, so a word ending in any other
    # character (a digit, as in Entity0001) can only take the first: thirty searches saved, on
    # each of the 40,000 models of a large schema.
    last = units[-1]
    rules = _PLURAL_RULES if last.isalpha() or not last.isascii() else _PLURAL_RULES[:1]
    for rule in reversed(rules):
        if rule[0].search(units):
            return _text(_replace(units, rule))
    return word
