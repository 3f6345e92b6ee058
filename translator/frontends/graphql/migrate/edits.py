"""Text edits of a schema file: the migration changes the user's text where a directive changes
and nowhere else, so comments, blank lines, order and layout stay as they were written.

Every edit is a replacement of a range of the original text; ranges may touch but not overlap.
Edits at the same offset apply in the order they were made (as the migrator appends directives)."""

from __future__ import annotations

from dataclasses import dataclass

_BLANK = " \t,"  # commas are insignificant in GraphQL, like spaces
_OPENERS = "{(["


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` (original offsets) with ``replacement``."""

    start: int
    end: int
    replacement: str


class OverlappingEdits(Exception):
    """Two planned edits cover the same text: a bug in the planner, never the user's fault."""


class TextEditor:
    """Collects edits against one file's text and applies them all at once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.edits: list[Edit] = []

    # -- positions ----------------------------------------------------------------------------

    def line_start(self, offset: int) -> int:
        """Offset of the first character of the line holding ``offset``."""
        return self.text.rfind("\n", 0, offset) + 1

    def line_end(self, offset: int) -> int:
        """Offset of the line break (``\\r\\n`` or ``\\n``) ending the line holding ``offset``."""
        end = self.text.find("\n", offset)
        if end < 0:
            return len(self.text)
        return end - 1 if end > 0 and self.text[end - 1] == "\r" else end

    def starts_line(self, offset: int) -> bool:
        """Whether only blanks precede ``offset`` on its line."""
        return self.text[self.line_start(offset):offset].strip(_BLANK) == ""

    def indent_of(self, offset: int) -> str:
        """The leading spaces and tabs of the line holding ``offset``."""
        start = self.line_start(offset)
        line = self.text[start:offset]
        return line[: len(line) - len(line.lstrip(" \t"))]

    # -- edits --------------------------------------------------------------------------------

    def replace(self, start: int, end: int, replacement: str) -> None:
        """Replace the original ``text[start:end]``."""
        self.edits.append(Edit(start, end, replacement))

    def insert(self, offset: int, text: str) -> None:
        """Insert ``text`` at ``offset`` of the original text."""
        self.edits.append(Edit(offset, offset, text))

    def remove_item(self, start: int, end: int) -> None:
        """Remove one item of a blank- or comma-separated list (a directive, an object field) and
        the separator that goes with it. An item alone on its line(s) takes its whole lines with
        it; otherwise the blanks before it go (or after it, when it opens its list or line)."""
        line_start, line_end = self.line_start(start), self.line_end(end)
        before, after = self.text[line_start:start], self.text[end:line_end]
        if before.strip(_BLANK) == "" and after.strip(_BLANK) == "":
            stop = line_end + len(self.newline) if self.text.startswith(self.newline, line_end) else line_end
            self.edits.append(Edit(line_start, stop, ""))
            return
        cut = start
        while cut > line_start and self.text[cut - 1] in _BLANK:
            cut -= 1
        if cut > line_start and self.text[cut - 1] not in _OPENERS:
            stop = line_end if after.strip(_BLANK) == "" else end
            self.edits.append(Edit(cut, stop, ""))
            return
        stop = end
        while stop < line_end and self.text[stop] in _BLANK:
            stop += 1
        self.edits.append(Edit(start, stop, ""))

    def append_item(self, last_start: int, last_end: int, item: str, previous_end: int | None) -> None:
        """Add ``item`` after the last item of a list (``last_start``/``last_end``). A list
        written one item per line gets a new line with the same indentation, and a comma when
        its items are separated by commas; an inline list gets ``, item``."""
        if not self.starts_line(last_start):
            self.insert(last_end, ", " + item)
            return
        if previous_end is not None:
            commas = "," in self.text[previous_end:last_start]
        else:
            commas = self.text[last_end:self.line_end(last_end)].lstrip(" \t").startswith(",")
        separator = "," if commas else ""
        self.insert(last_end, f"{separator}{self.newline}{self.indent_of(last_start)}{item}")

    # -- result -------------------------------------------------------------------------------

    def ordered(self) -> tuple[Edit, ...]:
        """The edits in text order (those at one offset in the order they were made)."""
        return tuple(sorted(self.edits, key=lambda edit: (edit.start, edit.end)))

    def result(self) -> str:
        """The text with every edit applied; OverlappingEdits if two edits collide."""
        pieces: list[str] = []
        position = 0
        for edit in self.ordered():
            if edit.start < position:
                raise OverlappingEdits(f"edit at {edit.start} overlaps the one ending at {position}")
            pieces.append(self.text[position:edit.start])
            pieces.append(edit.replacement)
            position = edit.end
        pieces.append(self.text[position:])
        return "".join(pieces)

    def apply_to(self, start: int, end: int) -> str:
        """``text[start:end]`` with the edits that lie wholly inside it applied (for previews)."""
        inside = [e for e in self.edits if start <= e.start and e.end <= end]
        ordered = sorted(inside, key=lambda edit: (edit.start, edit.end))
        pieces: list[str] = []
        position = start
        for edit in ordered:
            pieces.append(self.text[position:edit.start])
            pieces.append(edit.replacement)
            position = max(position, edit.end)
        pieces.append(self.text[position:end])
        return "".join(pieces)
