"""What every reader shares: located problems, value parsing, file checks.

Every problem names the file, where in it (line, row or element) and the field, so a
performance officer can open the file and find it.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

# A real CIN census or 903 set for the largest council is tens of megabytes; a file far
# larger than this is almost certainly the wrong file, and refusing it early keeps a
# mistaken upload from tying up a worker.
DEFAULT_MAX_BYTES = 100 * 1024 * 1024

TRUE_VALUES = {"true", "1", "y", "yes"}
FALSE_VALUES = {"false", "0", "n", "no"}


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file."""

    file: str
    where: str
    field: str
    message: str
    child: str = ""
    severity: str = "error"
    # An error that only leaves out its own row (e.g. a row with no child ID): a lenient import
    # can skip the row where it cannot skip a child.
    row_only: bool = False
    # The import rule that found it (sightline.imports.rules), or "" for the readers' own checks.
    code: str = ""

    def __str__(self) -> str:
        child = f" (child {self.child})" if self.child else ""
        place = f"{self.where}, " if self.where else ""
        name = f"field {self.field}: " if self.field else ""
        return f"{self.file}: {place}{name}{self.message}{child}"


class ReturnFileError(Exception):
    """A file that cannot be read at all, or whose rows break the rules: nothing is imported."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s):\n{shown}{more}")


@dataclass
class Collector:
    """Gathers problems for one file, with a cap so a wholly wrong file cannot exhaust memory.

    Past the cap problems are counted, not kept: `problems` then ends with one saying how many
    more there were, so no count is ever wrong.
    """

    file: str
    limit: int = 10_000
    kept: list[Problem] = field(default_factory=list)
    over: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0})

    def add(self, problem: Problem) -> None:
        if len(self.kept) < self.limit:
            self.kept.append(problem)
        else:
            self.over[problem.severity] += 1

    def error(
        self, where: str, field_name: str, message: str, child: str = "", row_only: bool = False
    ) -> None:
        self.add(Problem(self.file, where, field_name, message, child, row_only=row_only))

    def warning(self, where: str, field_name: str, message: str, child: str = "") -> None:
        self.add(Problem(self.file, where, field_name, message, child, "warning"))

    @property
    def problems(self) -> list[Problem]:
        more = []
        for severity, count in self.over.items():
            if count:
                text = f"{count:,} more {severity}s in this file, not listed (the first {self.limit:,} are)"
                more.append(Problem(self.file, "", "", text, severity=severity))
        return self.kept + more

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def check_file(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> Path:
    """Refuse a missing, empty or oversized file before any parsing."""
    path = Path(path)
    name = path.name or str(path)
    if path.is_dir():
        raise ReturnFileError([Problem(name, "", "", "a folder, not a file: give the files in it")])
    if not path.is_file():
        raise ReturnFileError([Problem(name, "", "", f"no such file: {path}")])
    size = path.stat().st_size
    if size == 0:
        raise ReturnFileError([Problem(name, "", "", "the file is empty")])
    if size > max_bytes:
        raise ReturnFileError(
            [
                Problem(
                    name,
                    "",
                    "",
                    f"the file is {size / 1_048_576:.0f} MB, over the {max_bytes / 1_048_576:.0f} MB limit "
                    "(is it the right file? raise the limit with --max-size if it is)",
                )
            ]
        )
    return path


def parse_date(text: str | None, formats: tuple[str, ...]) -> date | None:
    """A date in one of the formats, or None when blank; ValueError when unparseable."""
    text = (text or "").strip()
    if not text:
        return None
    if "%Y-%m-%d" in formats and len(text) == 10 and text[4] == "-" and text[7] == "-":
        # The usual shape, without strptime (most of reading a census was strptime): what
        # fromisoformat takes here strptime takes alike; anything else goes the long way.
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_bool(text: str | None) -> bool | None:
    text = (text or "").strip().lower()
    if not text:
        return None
    if text in TRUE_VALUES:
        return True
    if text in FALSE_VALUES:
        return False
    raise ValueError(text)


def fmt_date(value: date | None, fmt: str) -> str:
    return value.strftime(fmt) if value else ""


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _utf16(head: bytes) -> str | None:
    """'utf-16' for text with a UTF-16 byte-order mark, or without one but with every other byte
    NUL (as Excel's "Unicode text" and some exports write it)."""
    if head.startswith(UTF16_BOMS):
        return "utf-16"
    if len(head) >= 8:
        even, odd = head[0::2], head[1::2]
        if odd.count(0) > len(odd) * 0.4 and even.count(0) == 0:
            return "utf-16-le"
        if even.count(0) > len(even) * 0.4 and odd.count(0) == 0:
            return "utf-16-be"
    return None


def sniff(path: Path) -> str:
    """The kind of file from its first bytes: 'xml', 'xlsx' or 'csv' (text), else 'binary'."""
    with path.open("rb") as handle:
        head = handle.read(2048)
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    wide = _utf16(head)
    if wide:
        text = head[: len(head) // 2 * 2].decode(wide, errors="ignore").lstrip("\ufeff \t\r\n")
        return "xml" if text.startswith("<") else "csv"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<"):
        return "xml"
    if b"\x00" in head:
        return "binary"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the 2,048th byte is still text.
        if error.start < len(head) - 4:
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return "binary"
    return "csv"


def text_encoding(path: Path) -> str:
    """How a text file is encoded: UTF-16, UTF-8 (with or without a BOM) or Windows-1252 as Excel
    writes it; ReturnFileError naming the line of the first byte that is none of them."""
    with path.open("rb") as handle:
        head = handle.read(2048)
    wide = _utf16(head)
    candidates = [wide] if wide else ["utf-8-sig", "cp1252"]
    first_bad = None
    for encoding in candidates:
        bad = _first_undecodable(path, encoding)
        if bad is None:
            return encoding
        first_bad = bad if first_bad is None else first_bad
    line = _line_of(path, first_bad[0])
    named = "UTF-16" if wide else "UTF-8 or Windows-1252"
    raise ReturnFileError(
        [
            Problem(
                path.name,
                f"line {line}",
                "",
                f"byte 0x{first_bad[1]:02x} is not {named} text: save the file as CSV (UTF-8) and try again",
            )
        ]
    )


def _first_undecodable(path: Path, encoding: str) -> tuple[int, int] | None:
    """(offset, byte) of the first byte the encoding cannot read, or None; reads in 1 MB blocks."""
    import codecs

    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    with path.open("rb") as handle:
        while True:
            block = handle.read(1 << 20)
            try:
                decoder.decode(block, final=not block)
            except UnicodeDecodeError as error:
                position = max(0, offset + error.start - len(getattr(decoder, "buffer", b"") or b""))
                return position, (block[error.start] if error.start < len(block) else 0)
            if not block:
                return None
            offset += len(block)


def _line_of(path: Path, offset: int) -> int:
    with path.open("rb") as handle:
        return handle.read(offset).count(b"\n") + 1


def element_path(node, root, prefix: str) -> str:
    """`node`'s path under `root` as `prefix/CINdetails[2]/ChildProtectionPlans` (an index only
    where the element has siblings of its own name), so a place is found in a one-line file."""
    steps = []
    while node is not None and node is not root:
        steps.append(path_step(node))
        node = node.getparent()
    return "/".join([prefix, *reversed(steps)])


def path_step(node) -> str:
    """`node`'s step in a path: its tag, indexed among its siblings of the same tag if it has any
    (counted by lxml, not by listing the parent's children in Python)."""
    tag = node.tag
    before = sum(1 for _ in node.itersiblings(tag, preceding=True))
    if before or next(node.itersiblings(tag), None) is not None:
        return f"{tag}[{before + 1}]"
    return str(tag)


@contextmanager
def collecting_later():
    """Python's cycle collector held off while a reader builds a file's records: they are
    hundreds of thousands of small objects that all live on, and each collection would walk
    them again (a third of reading a census). Collection resumes when the reader is done. The
    loaders hold it off likewise while they build a return's rows (a tenth of a census load)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def release(element) -> None:
    """Free an element iterparse has finished with, and the siblings before it, so reading a
    large file keeps memory bounded."""
    element.clear()
    parent = element.getparent()
    while element.getprevious() is not None and parent is not None:
        del parent[0]


def fixed_zip_times(path: Path) -> None:
    """Rewrite a zip (an xlsx) with every entry dated 1 January 1980, so its bytes depend on content only."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    temporary = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(temporary, "w") as target:
        for info, payload in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            target.writestr(fixed, payload)
    temporary.replace(path)
