"""Options shared by every reader."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ReadOptions"]


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read input files.

    The ``*_field`` names say which JSON key or CSV column holds each value.
    """

    text_field: str = "text"
    title_field: str = "title"
    date_field: str = "date"
    outlet_field: str = "outlet"
    url_field: str = "url"
    author_field: str = "author"
    language_field: str = "language"
    outlet: str | None = None
    """A fixed outlet for every article read (wins over any outlet field)."""
    outlet_from_parent: bool = False
    """For plain-text files: the outlet is the name of the file's parent folder."""
    max_bytes: int = 20_000_000
    """A file (or a decompressed ``.gz``) larger than this is refused."""
    csv_delimiter: str = ","

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, not {self.max_bytes}")
        if len(self.csv_delimiter) != 1:
            raise ValueError(f"csv_delimiter must be one character, not {self.csv_delimiter!r}")
