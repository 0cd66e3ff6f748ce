"""The bundled sample corpus and its gold stay consistent (samples/check_gold.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_sample_gold_is_consistent_with_the_articles() -> None:
    result = subprocess.run(
        [sys.executable, str(SAMPLES / "check_gold.py")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("OK")
