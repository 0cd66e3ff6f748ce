"""Safe opening, size and binary checks, and strict UTF-8 decoding, shared by every reader.

Helpers here raise :class:`InputError`; the readers catch it and yield it.
"""

from __future__ import annotations

import gzip
import io
import stat
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError

__all__ = [
    "BOM",
    "SNIFF_BYTES",
    "decode",
    "format_suffix",
    "iter_lines",
    "open_checked",
    "read_all",
]

BOM = b"\xef\xbb\xbf"
SNIFF_BYTES = 8192
_CHUNK = 1 << 20


def format_suffix(path: Path) -> str:
    """The lower-cased suffix that picks the reader, after stripping a ``.gz``."""
    if path.suffix.lower() == ".gz":
        return Path(path.stem).suffix.lower()
    return path.suffix.lower()


def _too_large(where: str, max_bytes: int, size: int | None) -> InputError:
    what = f"file is {size:,} bytes" if size is not None else "file decompresses to"
    return InputError(
        f"{what} more than the {max_bytes:,}-byte limit; "
        "split it into smaller files or raise the max_bytes limit",
        path=where,
    )


def _binary_error(where: str, head: bytes) -> InputError | None:
    pos = head.find(b"\x00", 0, SNIFF_BYTES)
    if pos < 0:
        return None
    return InputError(
        f"looks like a binary file (NUL byte at offset {pos}), not UTF-8 text; "
        "leave it out, or if it is UTF-16 text convert it to UTF-8",
        path=where,
    )


def _gzip_precheck(path: Path, where: str, max_bytes: int) -> bytes:
    """Decompress in chunks to measure the size; return the first SNIFF_BYTES."""
    head = b""
    total = 0
    try:
        with gzip.open(path, "rb") as stream:
            while chunk := stream.read(_CHUNK):
                if len(head) < SNIFF_BYTES:
                    head += chunk[: SNIFF_BYTES - len(head)]
                total += len(chunk)
                if total > max_bytes:
                    raise _too_large(where, max_bytes, None)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise InputError(
            f"not a valid gzip file ({exc}); re-compress it or remove the .gz suffix",
            path=where,
        ) from exc
    return head


@contextmanager
def open_checked(path: Path, max_bytes: int) -> Iterator[io.BufferedIOBase]:
    """Open ``path`` (gunzipping a ``.gz``) for binary reading, after the checks.

    Refuses, with an :class:`InputError`: a missing or unreadable path, a file larger
    than ``max_bytes`` (``os.stat`` for plain files, so nothing is read; decompressed in
    chunks for ``.gz``), and a file with a NUL byte in its first 8 KB.
    """
    where = str(path)
    gz = path.suffix.lower() == ".gz"
    try:
        if gz:
            head: bytes | None = _gzip_precheck(path, where, max_bytes)
            stream: io.BufferedIOBase = gzip.open(path, "rb")  # noqa: SIM115
        else:
            info = path.stat()
            if stat.S_ISDIR(info.st_mode):
                raise InputError("is a directory where a file was expected", path=where)
            if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
                raise _too_large(where, max_bytes, info.st_size)
            head = None
            stream = io.BufferedReader(io.FileIO(path, "rb"), 2 * SNIFF_BYTES)
    except FileNotFoundError as exc:
        raise InputError("no such file or directory; check the path", path=where) from exc
    except PermissionError as exc:
        raise InputError("permission denied; check the file's permissions", path=where) from exc
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror or exc}", path=where) from exc
    with stream:
        if head is None:
            assert isinstance(stream, io.BufferedReader)
            head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
        error = _binary_error(where, head)
        if error is not None:
            raise error
        yield stream


def read_all(stream: io.BufferedIOBase, max_bytes: int, where: str) -> bytes:
    """Read a whole stream, refusing more than ``max_bytes`` (never reads past that)."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_large(where, max_bytes, None)
    return data


def iter_lines(
    stream: io.BufferedIOBase, max_bytes: int, where: str
) -> Iterator[tuple[int, int, bytes]]:
    """Yield ``(line number, byte offset, raw line)`` one line at a time.

    Line numbers are 1-based; a UTF-8 BOM at the start of the file is dropped (the
    offset still counts it). Raises :class:`InputError` once ``max_bytes`` is passed.
    """
    total = 0
    lineno = 0
    while raw := stream.readline(max_bytes + 1 - total):
        lineno += 1
        offset = total
        total += len(raw)
        if total > max_bytes:
            raise _too_large(where, max_bytes, None)
        if lineno == 1 and raw.startswith(BOM):
            raw = raw[len(BOM) :]
            offset += len(BOM)
        yield lineno, offset, raw


def decode(data: bytes, where: str, *, offset: int = 0, line: int = 1) -> str:
    """Strict UTF-8 decoding; ``offset`` and ``line`` say where ``data`` starts in the file.

    A BOM at file offset 0 is dropped. Invalid bytes raise an :class:`InputError` naming
    the line and the byte offset.
    """
    if offset == 0 and data.startswith(BOM):
        data = data[len(BOM) :]
        offset = len(BOM)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        raise InputError(
            f"invalid UTF-8 (byte 0x{bad:02x} at byte offset {offset + exc.start}); "
            "convert the file to UTF-8, e.g. iconv -f latin1 -t utf-8",
            path=where,
            line=line + data.count(b"\n", 0, exc.start),
        ) from None
