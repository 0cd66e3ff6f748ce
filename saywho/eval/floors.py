"""Quality floors: minimum figures a report must reach, kept in a JSON file.

The file maps a gold set's name to its floors, e.g.
``{"polnear-dev": {"overlap_f1": 0.70, "exact_f1": 0.55, "speaker_accuracy": 0.85}}``.
Metric names are those of :meth:`EvalReport.metrics`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import EvalError
from .metrics import EvalReport

__all__ = ["check_floors", "load_floors"]


def load_floors(floors_path: str | Path) -> dict[str, dict[str, float]]:
    """Read and validate a floors file."""
    path = Path(floors_path)
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise EvalError(f"{path}: cannot read the floors file ({exc.strerror})") from exc
    except json.JSONDecodeError as exc:
        raise EvalError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from exc
    if not isinstance(data, dict):
        raise EvalError(f'{path}: expected an object like {{"polnear-dev": {{"overlap_f1": 0.7}}}}')
    floors: dict[str, dict[str, float]] = {}
    for dataset, section in data.items():
        if not isinstance(section, dict):
            raise EvalError(f"{path}: {dataset!r} should map metric names to numbers")
        for metric, value in section.items():
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise EvalError(f"{path}: {dataset}.{metric} should be a number, not {value!r}")
        floors[dataset] = {m: float(v) for m, v in section.items()}
    return floors


def check_floors(
    report: EvalReport | Mapping[str, Any],
    floors_path: str | Path,
    *,
    dataset: str | None = None,
) -> list[str]:
    """Messages for each metric of ``report`` below its floor; an empty list means pass.

    ``report`` is an :class:`EvalReport` or the figures of another evaluation as a mapping
    (its numbers are the metrics; other values are ignored). The floors are those listed
    under ``dataset`` (default: the report's name); a file with a single entry applies to a
    report without a name.
    """
    floors = load_floors(floors_path)
    if isinstance(report, EvalReport):
        name, figures = report.name, report.metrics()
    else:
        name = ""
        figures = {
            k: float(v)
            for k, v in report.items()
            if isinstance(v, int | float) and not isinstance(v, bool)
        }
    key = dataset if dataset is not None else name
    if not key and len(floors) == 1:
        key = next(iter(floors))
    if key not in floors:
        known = ", ".join(sorted(floors)) or "none"
        raise EvalError(
            f"{floors_path}: no floors for {key or 'an unnamed report'!r} (known: {known}); "
            "pass dataset= or add an entry"
        )
    messages = []
    for metric, floor in floors[key].items():
        if metric not in figures:
            raise EvalError(
                f"{floors_path}: unknown metric {metric!r} under {key!r}; "
                f"expected one of {', '.join(sorted(figures))}"
            )
        if figures[metric] < floor:
            messages.append(f"{key}: {metric} {figures[metric]:.4f} is below its floor {floor:.4f}")
    return messages
