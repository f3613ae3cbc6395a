"""Benchmark: peak memory of replaying one very large WARC record.

Writes a capture holding one response record of ``--mib`` MiB (numbered lines of
text, so it gzips like a real page), then replays it in a fresh interpreter with
the default size cap (10 MiB) and reports that process's peak resident memory
(``ru_maxrss``), the bytes it was served and whether it was told the body was cut.
``--src`` replays with another source tree (e.g. an older checkout's ``src``) to
compare.  Nothing touches the network.

    .venv/bin/python bench/bench_replay.py [--mib 1024] [--src PATH] [--keep FILE]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

URL = "https://big.example/report"
LINE = b"Line %09d: the council met and approved the harbour budget once more.\n"


class _Lines(io.RawIOBase):
    """``size`` bytes of numbered lines, produced as they are read."""

    def __init__(self, size: int) -> None:
        self.left, self.number, self.pending = size, 0, b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        want = min(len(buffer), self.left)
        while len(self.pending) < want:
            self.pending += b"".join(LINE % (self.number + i) for i in range(1024))
            self.number += 1024
        data, self.pending = self.pending[:want], self.pending[want:]
        buffer[: len(data)] = data
        self.left -= len(data)
        return len(data)


def write_capture(path: Path, size: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True, warc_version="1.1")
        headers = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(size))]
        record = writer.create_warc_record(
            URL,
            "response",
            payload=io.BufferedReader(_Lines(size), 1 << 20),
            length=size,
            http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"),
        )
        writer.write_record(record)


_REPLAY = """
import json, sys, time
from citeaudit.config import HttpConfig
from citeaudit.http import make_session
started = time.perf_counter()
with make_session(HttpConfig(replay=sys.argv[1])) as session:
    response = session.get(sys.argv[2])
    served = len(response.content)
print(json.dumps({"served": served, "truncated": bool(getattr(response, "truncated", False)),
                  "seconds": round(time.perf_counter() - started, 2)}))
"""


def replay(path: Path, src: Path) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-c", _REPLAY, str(path), URL],
        env=env, capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"replay failed:\n{done.stderr}")
    result = json.loads(done.stdout)
    result["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, default=1024, help="size of the record's body")
    parser.add_argument("--src", type=Path, default=Path(__file__).parent.parent / "src")
    parser.add_argument("--keep", type=Path, help="write the capture here and keep it")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "large.warc.gz"
        if not path.exists():
            started = time.perf_counter()
            write_capture(path, args.mib * 1024 * 1024)
            print(f"wrote {path} ({path.stat().st_size / 2**20:.0f} MiB gzipped) "
                  f"in {time.perf_counter() - started:.0f} s")
        result = replay(path, args.src)
    print(f"record of {args.mib} MiB replayed from {args.src}: {json.dumps(result)}")


if __name__ == "__main__":
    main()
