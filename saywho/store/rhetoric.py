"""Read the rhetoric layers (techniques, claims, threats, narratives) back from the store.

The layers live in each article's JSON form (``articles.doc``); no table of their own, so this
works on any store schema. Filters: speaker (substring of the entry's speaker, any case;
``outlet`` for the outlet's own voice), outlet, and the article's date range.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .sqlite import Store

__all__ = ["LAYERS", "RhetoricRow", "layer_counts", "layer_rows"]

LAYERS = ("techniques", "claims", "threats", "narratives")


@dataclass(frozen=True, slots=True)
class RhetoricRow:
    article_id: str
    date: str | None
    outlet: str | None
    layer: str
    label: str
    speaker: str
    start: int
    end: int
    score: float
    text: str
    entry: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "date": self.date,
            "outlet": self.outlet,
            "layer": self.layer,
            "label": self.label,
            "speaker": self.speaker,
            "start": self.start,
            "end": self.end,
            "score": self.score,
            "text": self.text,
        }


def _label(layer: str, entry: dict[str, Any]) -> str:
    if layer == "techniques":
        return str(entry.get("label"))
    if layer == "threats":
        return str(entry.get("kind"))
    if layer == "narratives":
        return str(entry.get("sub_narrative"))
    return "checkworthy" if entry.get("checkworthy") else "not checkworthy"


def layer_rows(
    store: Store,
    layer: str,
    *,
    speaker: str | None = None,
    outlet: str | None = None,
    since: _dt.date | None = None,
    until: _dt.date | None = None,
    label: str | None = None,
    level: str | None = "span",
    checkworthy_only: bool = True,
) -> Iterator[RhetoricRow]:
    """Entries of ``layer`` in stored articles, by article date."""
    if layer not in LAYERS:
        raise ValueError(f"unknown layer {layer!r}; expected one of {LAYERS}")
    where, args = [], []
    if outlet is not None:
        where.append("lower(outlet) = lower(?)")
        args.append(outlet)
    if since is not None:
        where.append("date >= ?")
        args.append(since.isoformat())
    if until is not None:
        where.append("date <= ?")
        args.append(until.isoformat())
    sql = "SELECT id, date, outlet, text, doc FROM articles"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY date, id"
    who = speaker.lower() if speaker else None
    for article_id, date, art_outlet, text, doc in store.conn.execute(sql, args):
        entries = json.loads(doc).get(layer) or []
        for e in entries:
            if layer == "techniques" and level is not None and e.get("level", "span") != level:
                continue
            if layer == "claims" and checkworthy_only and not e.get("checkworthy"):
                continue
            name = str(e.get("speaker") or e.get("source") or "outlet")
            if who is not None and who not in name.lower():
                continue
            lab = _label(layer, e)
            if label is not None and label.lower() not in lab.lower():
                continue
            s, t = int(e["start"]), int(e["end"])
            yield RhetoricRow(
                article_id, date, art_outlet, layer, lab, name, s, t,
                float(e.get("score", e.get("similarity", 0.0))), text[s:t], e,
            )  # fmt: skip


def layer_counts(rows: Iterator[RhetoricRow]) -> dict[str, Counter[tuple[str, str]]]:
    """Counts by (outlet, label) and by (speaker, label); the outlet's own voice is the speaker
    ``outlet``, so narration and quoted voices stay apart."""
    by_outlet: Counter[tuple[str, str]] = Counter()
    by_speaker: Counter[tuple[str, str]] = Counter()
    for r in rows:
        by_outlet[(r.outlet or "(none)", r.label)] += 1
        by_speaker[(r.speaker, r.label)] += 1
    return {"outlet": by_outlet, "speaker": by_speaker}
