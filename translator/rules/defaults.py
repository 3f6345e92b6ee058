"""``@default`` rules: only on scalar or enum fields of models, and only values Amplify accepts.

The value checks port the type validators of @aws-amplify/graphql-default-value-transformer
(``validators.js``), JavaScript quirks included (``parseInt`` takes a numeric prefix, Booleans
ignore case, an AWSTime needs seconds and an offset)."""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Callable
from urllib.parse import unquote

from translator.core.diagnostics import Diagnostic
from translator.core.document import FieldDef, SchemaDocument, TypeDef
from translator.rules.facts import is_scalar_or_enum

_TIME = re.compile(
    r"([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])(\.\d+)?(Z|[+|-]([01][0-9]|2[0-3]):[0-5][0-9])", re.ASCII
)
_DATE = re.compile(r"(\d{4})-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])", re.ASCII)
_DATE_TIME = re.compile(
    r"(\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]|60))"
    r"(\.\d+)?(Z|[+|-]([01][0-9]|2[0-3]):[0-5][0-9])",
    re.ASCII,
)
_EMAIL = re.compile(
    r"[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*"
)
# JavaScript's parseInt/parseFloat read a prefix after leading white space (its own set of
# white space characters: Python's \s also has U+001C-U+001F and U+0085).
_JS_SPACE = "[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]*"
_INT_PREFIX = re.compile(_JS_SPACE + r"[+-]?[0-9]")
_FLOAT_PREFIX = re.compile(_JS_SPACE + r"[+-]?(Infinity|[0-9]|\.[0-9])")
_IPV6_ZONE = re.compile(r"[0-9A-Za-z\-.:]+")
_FORBIDDEN_HOST = re.compile(r"[\x00\t\n\r #/:<>?@\[\\\]^|]")
# Forbidden domain code points: C0 controls, space, DEL and the forbidden host code points.
_FORBIDDEN_DOMAIN = re.compile(r"[\x00-\x20\x7f#%/:<>?@\[\\\]^|]")
_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_C0_OR_SPACE = "".join(map(chr, range(0x21)))  # what URL parsing strips from both ends
_SPECIAL_SCHEMES = ("http:", "https:", "ws:", "wss:", "ftp:")

# Country calling codes known to libphonenumber-js (the library Amplify validates phones with).
_CALLING_CODES = frozenset(
    """1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84
    86 90 91 92 93 94 95 98 211 212 213 216 218 220 221 222 223 224 225 226 227 228 229 230 231 232 233 234 235 236
    237 238 239 240 241 242 243 244 245 246 247 248 249 250 251 252 253 254 255 256 257 258 260 261 262 263 264 265
    266 267 268 269 290 291 297 298 299 350 351 352 353 354 355 356 357 358 359 370 371 372 373 374 375 376 377 378
    380 381 382 383 385 386 387 389 420 421 423 500 501 502 503 504 505 506 507 508 509 590 591 592 593 594 595 596
    597 598 599 670 672 673 674 675 676 677 678 679 680 681 682 683 685 686 687 688 689 690 691 692 850 852 853 855
    856 880 886 960 961 962 963 964 965 966 967 968 970 971 972 973 974 975 976 977 992 993 994 995 996 998""".split()
)


def _leap(year: int) -> bool:
    return (year % 4 == 0 and year % 100 != 0) or year % 400 == 0


def _date(text: str) -> bool:
    match = _DATE.fullmatch(text)
    if match is None:
        return False
    year, month, day = (int(part) for part in match.groups())
    if month == 2:
        return day <= (29 if _leap(year) else 28)
    return not (month in (4, 6, 9, 11) and day > 30)


def _time(text: str) -> bool:
    return _TIME.fullmatch(text) is not None


def _date_time(text: str) -> bool:
    if _DATE_TIME.fullmatch(text) is None or "|" in text:  # Date.parse rejects a '|' offset sign
        return False
    date, _, time = text.partition("T")
    return _date(date) and _time(time)


def _json(text: str) -> bool:
    def reject(constant: str) -> object:
        raise ValueError(constant)  # JSON.parse knows no NaN or Infinity

    try:
        json.loads(text, parse_constant=reject)
    except ValueError:
        return False
    return True


def _url(text: str) -> bool:
    """WHATWG URL parsing (``new URL``), approximately: a scheme, then for the special schemes a
    valid host (percent-decoded, mapped to ASCII, IPv4 numbers as the host parser reads them,
    bracketed IPv6) and port; other schemes only need a sound authority when they have one."""
    text = re.sub("[\t\n\r]", "", text.strip(_C0_OR_SPACE))
    scheme = _URL_SCHEME.match(text)
    if scheme is None:
        return False
    special = scheme.group().lower() in _SPECIAL_SCHEMES
    rest = text[scheme.end() :]
    if scheme.group().lower() == "file:":
        return _file_url(rest)
    if special:
        rest = rest.lstrip("/\\")  # special schemes read any run of slashes as the authority's start
    elif rest.startswith("//"):
        rest = rest[2:]
    else:
        return True  # a path: anything is percent-encoded
    authority = re.split(r"[/\\?#]" if special else "[/?#]", rest, maxsplit=1)[0]
    _, at, host_port = authority.rpartition("@")
    if host_port.startswith("["):
        end = host_port.find("]")
        if end < 0:
            return False
        host, after = host_port[: end + 1], host_port[end + 1 :]
        if after and not after.startswith(":"):
            return False
        port = after[1:]
    else:
        host, _, port = host_port.partition(":")
    if not (port == "" or (port.isascii() and port.isdigit() and int(port) <= 65535)):
        return False
    if special:
        return _special_host(host)
    if host == "":
        return not at and ":" not in host_port  # an empty host takes no credentials or port
    if host.startswith("["):
        return _special_host(host)
    return _FORBIDDEN_HOST.search(host) is None


def _file_url(rest: str) -> bool:
    """A file URL's host takes no credentials or port, may be empty or a Windows drive letter."""
    if rest[:2] not in ("//", "\\\\", "/\\", "\\/"):
        return True
    host = re.split(r"[/\\?#]", rest[2:], maxsplit=1)[0]
    if host == "" or re.fullmatch("[A-Za-z][:|]", host):
        return True
    return _special_host(host)


def _special_host(host: str) -> bool:
    """The WHATWG host parser for special schemes."""
    if host.startswith("["):
        if not host.endswith("]"):
            return False
        inner = host[1:-1]
        return "%" not in inner and ":" in inner and _ip(inner)  # no zone identifiers in URLs
    ascii_domain = _domain_to_ascii(unquote(host, errors="replace"))
    if not ascii_domain or _FORBIDDEN_DOMAIN.search(ascii_domain):
        return False
    return _ipv4(ascii_domain) if _ends_in_number(ascii_domain) else True


def _domain_to_ascii(domain: str) -> str | None:
    # UTS 46 approximated with IDNA 2003 (Python's codec) for labels that are not ASCII.
    labels: list[str] = []
    for label in domain.split("."):
        try:
            if label.isascii():
                label = label.lower()
                # A Punycode label must decode to what encodes back to it (IDNA rejects, for one,
                # controls such as the U+0080 that "xn--a" decodes to).
                if label.startswith("xn--") and label[4:].encode("ascii").decode("punycode").encode("idna") != (
                    label.encode("ascii")
                ):
                    return None
            else:
                label = label.encode("idna").decode("ascii")
        except UnicodeError:
            return None
        labels.append(label)
    return ".".join(labels)


def _ends_in_number(domain: str) -> bool:
    parts = domain.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()
    last = parts[-1]
    return (last != "" and last.isascii() and last.isdigit()) or _ipv4_number(last) is not None


def _ipv4(domain: str) -> bool:
    parts = domain.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()
    if len(parts) > 4:
        return False
    numbers = [_ipv4_number(part) for part in parts]
    if any(n is None for n in numbers):
        return False
    values = [n for n in numbers if n is not None]
    return all(n <= 255 for n in values[:-1]) and values[-1] < 256 ** (5 - len(values))


def _ipv4_number(part: str) -> int | None:
    """An IPv4 address part: decimal, 0x hexadecimal or 0-prefixed octal; None if it is none."""
    if part == "":
        return None
    radix = 10
    if part[:2].lower() == "0x":
        part, radix = part[2:], 16
    elif len(part) > 1 and part[0] == "0":
        part, radix = part[1:], 8
    if part == "":
        return 0
    digits = "0123456789abcdef"[:radix]
    if not all(c in digits for c in part.lower()):
        return None
    return int(part, radix)


def _ip(text: str) -> bool:
    address, _, zone = text.partition("%")
    if "%" in text and (":" not in address or not _IPV6_ZONE.fullmatch(zone)):
        return False  # Node's isIP takes zones of ASCII letters, digits, '-', '.', ':' only
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _phone(text: str) -> bool:
    """libphonenumber-js ``isValidNumber`` without a default country, approximately: an
    international number with a known calling code and a plausible national length (North
    American numbers exactly: area code and exchange start with 2-9, ten digits)."""
    if not text.startswith("+") or re.search(r"[^0-9 ()\-.+]", text) or text.count("+") > 1:
        return False
    digits = re.sub(r"\D", "", text)
    for size in (1, 2, 3):
        code, national = digits[:size], digits[size:]
        if code in _CALLING_CODES:
            if code == "1":
                return re.fullmatch(r"[2-9]\d{2}[2-9]\d{6}", national) is not None
            return 4 <= len(national) <= 14
    return False


VALIDATORS: dict[str, Callable[[str], bool]] = {
    "ID": lambda v: True,
    "String": lambda v: True,
    "Int": lambda v: _INT_PREFIX.match(v) is not None,
    "Float": lambda v: _FLOAT_PREFIX.match(v) is not None,
    "Boolean": lambda v: v.lower() in ("true", "false"),
    "AWSJSON": _json,
    "AWSDate": _date,
    "AWSTime": _time,
    "AWSDateTime": _date_time,
    "AWSTimestamp": lambda v: _INT_PREFIX.match(v) is not None,
    "AWSEmail": lambda v: _EMAIL.fullmatch(v) is not None,
    "AWSURL": _url,
    "AWSPhone": _phone,
    "AWSIPAddress": _ip,
}


def is_valid_default(type_name: str, value: str) -> bool:
    """Whether Amplify accepts ``value`` as the ``@default`` of a scalar field of ``type_name``."""
    validator = VALIDATORS.get(type_name)
    return validator is None or validator(value)


def check_defaults(document: SchemaDocument) -> list[Diagnostic]:
    """Every ``@default`` that Amplify's default-value transformer rejects."""
    out: list[Diagnostic] = []
    enums = {t.name for t in document.types if t.kind == "enum"}
    for typedef in document.types:
        if typedef.kind == "object":
            for field in typedef.directed_fields:
                _check_default(typedef, field, enums, document, out)
    return out


def _check_default(
    typedef: TypeDef, field: FieldDef, enums: set[str], document: SchemaDocument, out: list[Diagnostic]
) -> None:
    d = field.directive("default")
    if d is None:
        return
    argument = d.arg("value")
    if not typedef.is_model:
        out.append(Diagnostic("E049", f"@default may only be used on fields of @model types; {typedef.name} is "
                              "not a model", d.span))
        return
    if field.type.is_list or not is_scalar_or_enum(field.type.name, document):
        out.append(Diagnostic("E049", "@default may only be used on scalar or enum fields, not on "
                              f"{field.name}: {field.type}", d.span))
        return
    if argument is None or not isinstance(argument.value, str):
        return
    value = argument.value
    if field.type.name in enums:
        enum = document.type(field.type.name)
        ok = enum is not None and value in {v.name for v in enum.values}
    else:
        ok = is_valid_default(field.type.name, value)
    if not ok:
        out.append(Diagnostic("E048", f"default value {value!r} is not a valid {field.type.name}", argument.span))
