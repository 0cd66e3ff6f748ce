"""Result lists as CSV, JSONL or Parquet (pyarrow), for the API's ``format=`` and the UI's links."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

__all__ = ["EXPORT_FORMATS", "MEDIA_TYPES", "export_bytes"]

EXPORT_FORMATS = ("csv", "jsonl", "parquet")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
}


def _flat(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _columns(items: list[dict[str, Any]]) -> list[str]:
    cols: dict[str, None] = {}
    for item in items:
        for k in item:
            cols.setdefault(k, None)
    return list(cols)


def _csv_cell(value: Any) -> Any:
    value = _flat(value)
    # Spreadsheet formula injection: a cell starting with = + - @ is run by some programs.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_bytes(items: list[dict[str, Any]], fmt: str) -> bytes:
    """``items`` (flat dicts) written as ``fmt`` (one of :data:`EXPORT_FORMATS`)."""
    cols = _columns(items)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(cols)
        for item in items:
            writer.writerow([_csv_cell(item.get(c)) for c in cols])
        return buf.getvalue().encode("utf-8")
    if fmt == "jsonl":
        return "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items).encode("utf-8")
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist([{c: _flat(i.get(c)) for c in cols} for i in items])
        if not cols:
            table = pa.table({"empty": pa.array([], type=pa.string())})
        sink = io.BytesIO()
        pq.write_table(table, sink)
        return sink.getvalue()
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
