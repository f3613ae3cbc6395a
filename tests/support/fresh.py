"""Code run in a new interpreter, for tests about what importing or starting loads."""

from __future__ import annotations

import subprocess
import sys


def run_fresh(code: str) -> str:
    """What ``code`` prints when a new interpreter runs it (it must exit 0)."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()
