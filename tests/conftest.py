"""Shared fixtures: the loopback web, the loopback pywb archive, test data paths."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def data_dir() -> Path:
    """Folder of the articles and notes the tests read."""
    return DATA
