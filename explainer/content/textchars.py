"""Characters no text may hold: control characters and lone surrogates (errors), bidi overrides (warnings)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from ..errors import Loc, SourceError

# C0 controls but tab, line feed and carriage return; DEL and the C1 controls; the non-characters U+FFFE and U+FFFF;
# surrogates, which only a YAML escape such as "\ud800" can produce: none of them may appear in XML, nor mean anything in HTML.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# Embeddings, overrides and isolates: they can make text read otherwise than it is written (CVE-2021-42574).
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def describe(char: str) -> str:
    """A character as an editor can find it: its code point and what it is."""
    point = ord(char)
    if 0xD800 <= point <= 0xDFFF:
        what = "half of a surrogate pair, without its other half; write the character itself, or \\U followed by its 8 hex digits"
    elif BIDI.match(char):
        what = unicodedata.name(char, "a bidi control").lower()
    elif point in (0xFFFE, 0xFFFF):
        what = "a non-character"
    else:
        what = "a control character"
    return f"U+{point:04X} ({what})"


def check(text: str, at: Callable[[int], Loc], where: str) -> list[SourceError]:
    """Errors for control characters and lone surrogates in `text`, a warning for bidi overrides; `at(index)` places them."""
    found = []
    bad = FORBIDDEN.search(text)
    if bad:
        more = len(FORBIDDEN.findall(text)) - 1
        also = f" (and {more} more like it)" if more else ""
        found.append(
            SourceError(
                at(bad.start()),
                f"{where} holds {describe(bad.group())}{also}, which cannot be seen and which feed.xml, sitemap.xml and the page cannot hold; delete it",
            )
        )
    override = BIDI.search(text)
    if override:
        found.append(
            SourceError(
                at(override.start()),
                f"{where} holds {describe(override.group())}, which can make the text read otherwise than it shows; delete it unless the text needs it",
                "warning",
            )
        )
    return found


def in_file(text: str, rel: str) -> list[SourceError]:
    """check() for a whole source file, each problem at its line and column."""

    def at(index: int) -> Loc:
        line_start = text.rfind("\n", 0, index) + 1
        return Loc(rel, text.count("\n", 0, index) + 1, index - line_start + 1)

    return check(text, at, "the file")


def references(text: str) -> list[tuple[int, str]]:
    """Character references (`&#1;`, `&#x202E;`) in Markdown that stand for a forbidden or bidi character: (index, message)."""
    found = []
    for match in _REFERENCE.finditer(text):
        point = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        char = chr(point) if point <= 0x10FFFF else "\ufffd"
        if point == 0 or FORBIDDEN.match(char):
            found.append(
                (
                    match.start(),
                    f"the character reference {match.group()} stands for {describe(char)}, which the page cannot hold; it is removed, delete it",
                )
            )
        elif BIDI.match(char):
            found.append(
                (
                    match.start(),
                    f"the character reference {match.group()} stands for {describe(char)}, which can make the text read otherwise than it shows; delete it unless the text needs it",
                )
            )
    return found


_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")


def join_surrogates(text: str) -> str:
    """`text` with each surrogate pair (YAML reads "\\ud83d\\ude00" as two halves) made the character it stands for."""
    return _PAIR.sub(lambda pair: pair.group().encode("utf-16-le", "surrogatepass").decode("utf-16-le"), text)


def scrub(text: str) -> str:
    """`text` without forbidden characters (what a reported problem leaves for the rest of the build to work on)."""
    return FORBIDDEN.sub("", text)
