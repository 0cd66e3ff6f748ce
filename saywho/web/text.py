"""An article's text as HTML: quotes highlighted by speaker, cues and mentions marked, and the
spans of other layers (entities, techniques, claims, threats ...) ready to be toggled.

Spans may overlap, so the text is cut at every span boundary and each piece gets the classes
of all spans over it. Every piece of text is escaped.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

__all__ = ["PALETTE_SIZE", "article_html", "span_layers", "speaker_colours"]

PALETTE_SIZE = 8
MAX_LAYERS = 6


def speaker_colours(quotes: list[dict[str, Any]]) -> dict[str, int]:
    """Speaker key → colour index, in order of first quote."""
    colours: dict[str, int] = {}
    for q in quotes:
        key = q.get("speaker_key") or ""
        if key not in colours:
            colours[key] = len(colours) % PALETTE_SIZE
    return colours


def _is_span(item: Any) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("start"), int)
        and isinstance(item.get("end"), int)
    )


def span_layers(doc: dict[str, Any], reserved: frozenset[str]) -> list[tuple[str, list[dict]]]:
    """The doc's layers that are lists of spans (``{"start", "end", ...}``), at most 6, entity
    ``mentions`` first: each gets a toggle in the article view."""
    out = []
    keys = sorted(doc, key=lambda k: k != "mentions")
    for key in keys:
        value = doc[key]
        if key in reserved or not isinstance(value, list) or not value:
            continue
        spans = [v for v in value if _is_span(v)]
        if spans:
            out.append((key, spans))
    return out[:MAX_LAYERS]


def _label(item: dict[str, Any]) -> str:
    """What a layer's span is, for its tooltip: its label (or technique, type …) and entity."""
    parts = []
    for k in ("label", "technique", "type", "kind", "name", "entity", "id"):
        v = item.get(k)
        if isinstance(v, str | int | float) and not isinstance(v, bool):
            parts.append(str(v))
    return " · ".join(dict.fromkeys(parts[:2]))


def article_html(
    doc: dict[str, Any],
    quotes: list[dict[str, Any]],
    layers: list[tuple[str, list[dict[str, Any]]]],
) -> Markup:
    text: str = doc["text"]
    n = len(text)
    colours = speaker_colours(quotes)
    spans: list[tuple[int, int, str, str, str]] = []  # start, end, classes, title, anchor id
    for i, (q, raw) in enumerate(zip(quotes, doc.get("quotes", []), strict=False)):
        colour = colours.get(q.get("speaker_key") or "", 0)
        who = q.get("speaker") or q.get("speaker_mention") or "unknown speaker"
        title = f"{who} · {q['kind']}" + (f" · {q['cue']}" if q.get("cue") else "")
        for j, s in enumerate(raw.get("content", [])):
            spans.append((s["start"], s["end"], f"q s{colour}", title, f"q{i}" if j == 0 else ""))
        if raw.get("cue"):
            spans.append((raw["cue"]["start"], raw["cue"]["end"], "cue", "reporting verb", ""))
        mention = (raw.get("speaker") or {}).get("mention")
        if mention:
            spans.append((mention["start"], mention["end"], f"m s{colour}", f"speaker: {who}", ""))
    for li, (_, items) in enumerate(layers):
        for item in items:
            spans.append((item["start"], item["end"], f"L{li}", _label(item), ""))
    spans = [s for s in spans if 0 <= s[0] < s[1] <= n]
    cuts = sorted({0, n, *(s[0] for s in spans), *(s[1] for s in spans)})
    out: list[str] = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        over = [s for s in spans if s[0] <= lo and hi <= s[1]]
        piece = str(escape(text[lo:hi]))
        if not over:
            out.append(piece)
            continue
        classes = " ".join(dict.fromkeys(c for s in over for c in s[2].split()))
        titles = " | ".join(dict.fromkeys(s[3] for s in over if s[3]))
        anchor = next((s[4] for s in over if s[4] and s[0] == lo), "")
        attrs = f' class="{escape(classes)}"'
        if titles:
            attrs += f' title="{escape(titles)}"'
        if anchor:
            attrs += f' id="{escape(anchor)}"'
        out.append(f"<span{attrs}>{piece}</span>")
    return Markup("".join(out))
