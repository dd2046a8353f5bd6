"""Which characters a name or an email may hold, written once as regular expressions.

The validators (``core.validation``) check text with these expressions, and the OpenAPI
document publishes ``NAME_PATTERN`` and ``EMAIL_PATTERN`` built from the very same pieces, so
a client or a fuzzer that makes text from the schema makes text the API accepts, and the rules
and their description cannot drift apart.

Four kinds of character are the trouble (their Unicode general categories in brackets):

- control characters (``Cc``: NUL, tab, newline, DEL...): invisible, and tools that keep text
  as C strings stop at NUL (SQLite's ``length()`` does);
- lone surrogates (``Cs``): halves of a UTF-16 pair, not characters at all;
- format characters (``Cf``: zero-width space, direction marks, tag characters...): invisible,
  yet they change how the text around them looks, so two strings can look alike;
- separators (``Zs``, ``Zl``, ``Zp``: spaces, line and paragraph separators).

A name holds no control character nor lone surrogate, and needs one *visible* character (one
of none of the four kinds). An email holds none of the four at all.

The expressions read the same to Python's ``re`` and to ECMA-262 with the ``u`` flag (what
JSON Schema asks a ``pattern`` to be): only character classes, written as ``\\uXXXX`` escapes,
characters past U+FFFF as themselves, and ``^``/``$`` anchors. The format characters are a
list, the union of what Python 3.11 to 3.13 know; the kit's tests check it against the
running Python's ``unicodedata``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

CodeRange = tuple[int, int]  # first and last code point, both included

CONTROL: Final[tuple[CodeRange, ...]] = ((0x00, 0x1F), (0x7F, 0x9F))
SURROGATES: Final[tuple[CodeRange, ...]] = ((0xD800, 0xDFFF),)
FORMAT: Final[tuple[CodeRange, ...]] = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD),
    (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E),
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F),
    (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD),
    (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)  # fmt: skip
SEPARATORS: Final[tuple[CodeRange, ...]] = (
    (0x0020, 0x0020), (0x00A0, 0x00A0), (0x1680, 0x1680), (0x2000, 0x200A),
    (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000),
)  # fmt: skip


def _class_character(code: int) -> str:
    """One character of a class: ``\\uXXXX`` in the first plane, the character itself past it."""
    return f"\\u{code:04x}" if code <= 0xFFFF else chr(code)


def _class_range(first: int, last: int) -> str:
    if first == last:
        return _class_character(first)
    return f"{_class_character(first)}-{_class_character(last)}"


def character_class(ranges: Iterable[CodeRange]) -> str:
    """The inside of a regex character class (``[...]``) holding every code point of ``ranges``."""
    return "".join(_class_range(first, last) for first, last in ranges)


_CONTROL: Final = character_class(CONTROL)
_SURROGATE: Final = character_class(SURROGATES)
_INVISIBLE: Final = character_class(CONTROL + FORMAT + SEPARATORS)

# What the validators search for. Lone surrogates are refused along with control characters.
UNPRINTABLE_CHARACTER: Final = re.compile(f"[{_CONTROL}{_SURROGATE}]")
FORMAT_CHARACTER: Final = re.compile(f"[{character_class(FORMAT)}]")
VISIBLE_CHARACTER: Final = re.compile(f"[^{_INVISIBLE}{_SURROGATE}]")
# What ``body_rules`` searches every string of a JSON body for, keys included.
LONE_SURROGATE: Final = re.compile(f"[{_SURROGATE}]")

# What the OpenAPI document publishes. Lone surrogates are left out of these: they are not
# characters, engines that match characters (Rust's, used by schemathesis) cannot name them,
# and a JSON body holding one is refused whole (400) before any field is read.
# A name: text without control characters, around at least one visible character.
NAME_PATTERN: Final = re.compile(f"^[^{_CONTROL}]*[^{_INVISIBLE}][^{_CONTROL}]*$")
# A longer text (a generated resource's `text` field): the same, but tabs and line feeds are
# allowed too (a CRLF is accepted and stored as LF; the pattern leaves the CR out).
_CONTROL_BUT_TAB_AND_LF: Final = character_class(((0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F)))
MULTI_LINE_PATTERN: Final = re.compile(
    f"^[^{_CONTROL_BUT_TAB_AND_LF}]*[^{_INVISIBLE}][^{_CONTROL_BUT_TAB_AND_LF}]*$"
)
# An email, deliberately simple: something@something.something, in visible characters only.
# Real proof that an address works is a confirmation email, not a regular expression.
_EMAIL_PART: Final = f"[^@{_INVISIBLE}]+"
EMAIL_PATTERN: Final = re.compile(f"^{_EMAIL_PART}@{_EMAIL_PART}\\.{_EMAIL_PART}$")
