"""Fixtures for the evaluation tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import WriteGold


@pytest.fixture
def write_gold(tmp_path: Path) -> WriteGold:
    """Write ``{doc_id: (text, {annotator: ann})}`` as a PolNeAR-style folder."""

    def write(docs: dict[str, tuple[str, dict[str, str]]]) -> Path:
        root = tmp_path / "polnear" / "dev"
        (root / "text").mkdir(parents=True, exist_ok=True)
        (root / "attributions").mkdir(parents=True, exist_ok=True)
        for doc_id, (text, anns) in docs.items():
            with (root / "text" / f"{doc_id}.txt").open("w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            for annotator, content in anns.items():
                path = root / "attributions" / f"{doc_id}_{annotator}.ann"
                path.write_text(content, encoding="utf-8", newline="")
        return root

    return write
