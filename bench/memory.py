"""The benches' memory figures beyond the measured process's own peak (``ru_maxrss``)."""

from __future__ import annotations

from pathlib import Path


def worker_peaks_kib() -> list[int]:
    """Peak resident memory (VmHWM, Linux) of each live citeaudit worker process.

    Pages a worker shares with the parent since the fork count in each.
    """
    from citeaudit import workers

    peaks = []
    for pool in list(workers._pools.values()):
        for pid in list(getattr(pool, "_processes", None) or {}):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            peaks += [int(line.split()[1]) for line in status.splitlines()
                      if line.startswith("VmHWM:")]
    return peaks
