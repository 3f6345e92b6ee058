"""The string helpers Amplify uses to derive names (semantics.md, Appendix A)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from translator.core.pluralize import plural

_SPLIT_LOWER_UPPER = re.compile(r"([a-z0-9])([A-Z])")
_SPLIT_UPPER_UPPER_LOWER = re.compile(r"([A-Z])([A-Z][a-z])")
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")
_LEADING_NON_NAME_START = re.compile(r"^[^_A-Za-z]+")
_NON_NAME_CHAR = re.compile(r"[^_0-9A-Za-z]")


def lower_first(text: str) -> str:
    """``PostTag`` -> ``postTag``: only the first character changes."""
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    """``postTag`` -> ``PostTag``: only the first character changes."""
    return text[:1].upper() + text[1:]


def foreign_key_name(*words: str) -> str:
    """``FK("Post", "comments", "id")`` = ``postCommentsId`` (modelgen's ``toCamelCase``)."""
    return "".join(lower_first(w) if i == 0 else upper_first(w) for i, w in enumerate(words))


def index_key_name(model: str, fields: Sequence[str]) -> str:
    """The name of an ``@index`` without ``name`` and of its query field (graphql-index-transformer's
    ``generateKeyAndQueryNameForConfig``): ``shopsByName``, ``shopsBySkuAndName``."""
    return lower_first(plural(model)) + "By" + "And".join(upper_first(f) for f in fields)


def split_words(text: str) -> list[str]:
    """change-case 4's word splitting: case changes and non-alphanumerics are breaks."""
    text = _SPLIT_LOWER_UPPER.sub("\\1\0\\2", text)
    text = _SPLIT_UPPER_UPPER_LOWER.sub("\\1\0\\2", text)
    text = _NOT_ALNUM.sub("\0", text).strip("\0")
    return text.split("\0") if text else []


def camel_case(text: str) -> str:
    """change-case's ``camelCase``: ``CPKStudent`` -> ``cpkStudent``, ``Model_2nd`` -> ``model_2nd``."""
    out: list[str] = []
    for index, word in enumerate(split_words(text)):
        if index == 0:
            out.append(word.lower())
        elif word[0].isdigit():
            out.append("_" + word.lower())
        else:
            out.append(word[0].upper() + word[1:].lower())
    return "".join(out)


def constant_case(text: str) -> str:
    """change-case's ``constantCase``: ``fooBar`` -> ``FOO_BAR``, ``_1`` -> ``1``."""
    return "_".join(word.upper() for word in split_words(text))


def relation_model_name(relation_name: str) -> str:
    """The join model name of a ``@manyToMany`` relation: ``"student-profiles"`` -> ``Studentprofiles``."""
    if not relation_name.strip():
        return ""
    name = upper_first(relation_name)
    return _NON_NAME_CHAR.sub("", _LEADING_NON_NAME_START.sub("", name))


def is_array_index(key: str) -> bool:
    """Whether a JavaScript object would order ``key`` first, as an integer index."""
    if not key.isascii() or not key.isdigit():
        return False
    if len(key) > 1 and key[0] == "0":
        return False
    return int(key) <= 4294967294


def enum_values(names: list[str]) -> list[str]:
    """The ``values`` Amplify sends for an enum (semantics.md, section 3.6)."""
    by_key: dict[str, str] = {}
    for name in names:
        by_key[constant_case(name)] = name  # position of the first, name of the last
    indexes = sorted((k for k in by_key if is_array_index(k)), key=int)
    others = [k for k in by_key if not is_array_index(k)]
    return [by_key[k] for k in [*indexes, *others]]


_ALPHANUMERIC = re.compile(r"[A-Za-z0-9]+")


def table_id_too_long(model_name: str) -> bool:
    """Amplify keeps a purely alphanumeric model's ``<Name>Table`` as the CloudFormation logical ID
    of its DynamoDB table (other names get a generated ID), and CDK allows 255 characters."""
    return len(model_name) + len("Table") > 255 and _ALPHANUMERIC.fullmatch(model_name) is not None


# What every plain JavaScript object inherits from Object.prototype. Amplify's tools keep types
# and fields in plain objects, find these names there already, and fail on them.
OBJECT_PROTOTYPE_NAMES = frozenset(
    "constructor hasOwnProperty isPrototypeOf propertyIsEnumerable toLocaleString toString valueOf "
    "__defineGetter__ __defineSetter__ __lookupGetter__ __lookupSetter__ __proto__".split()
)
