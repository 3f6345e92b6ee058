"""Which ``@default`` values Amplify accepts: a port of the type validators of
@aws-amplify/graphql-default-value-transformer (``validators.js``), JavaScript quirks included
(``parseInt`` takes a numeric prefix, Booleans ignore case, an AWSTime needs seconds and an
offset)."""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Callable

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
_FORBIDDEN_HOST = re.compile(r"[\x00-\x20#%/:<>?@\[\\\]^|]")
_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
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
    """WHATWG URL parsing (``new URL``), approximately: a scheme, and for the special schemes a
    valid host (no forbidden characters, dotted numbers as IPv4, bracketed IPv6) and port."""
    text = text.strip("\x00\x20\t\n\r\f")
    scheme = _URL_SCHEME.match(text)
    if scheme is None:
        return False
    if scheme.group().lower() not in _SPECIAL_SCHEMES:
        return not any(c in text for c in " \t\n")
    authority = re.split(r"[/\\?#]", text[scheme.end() :].lstrip("/\\"), maxsplit=1)[0]
    host_port = authority.rpartition("@")[2]
    if host_port.startswith("["):
        host, _, rest = host_port[1:].partition("]")
        if not _ip(host) or ":" not in host or (rest and not rest.startswith(":")):
            return False
        port = rest[1:]
    else:
        host, _, port = host_port.partition(":")
        if not host or _FORBIDDEN_HOST.search(host):
            return False
        parts = host.rstrip(".").split(".")
        if parts and all(p.isascii() and p.isdigit() for p in parts) and (
            len(parts) > 4 or any(int(p) > 255 for p in parts)
        ):
            return False
    return port == "" or (port.isascii() and port.isdigit() and int(port) <= 65535)


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
