"""Where a command's output goes: checked before the run, written whole or not at all.

A 20-minute audit must not be lost to a typo in ``-o``, so every output file
is checked before anything is fetched (:func:`check_writable`): its folder
exists, a file can be made there, and it is not the article being read
(unless the user says so).  A regular file is written to a temporary file
beside it and renamed into place (:func:`write_atomic`), so a full disk or a
kill leaves the old file as it was, never half a report.  When the file
cannot be written after all, the report goes to standard output instead
(:func:`emit`) so the run's work is still seen.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path

from citeaudit.errors import InputError


def check_writable(
    path: Path, *, what: str = "the report", article: Path | None = None,
    overwrite_article: bool = False,
) -> None:
    """Raise :class:`InputError` unless ``path`` can take ``what``; writes nothing lasting."""
    if article is not None and not overwrite_article and _same_file(path, article):
        raise InputError(
            f"{path} is the article itself; writing {what} there would replace it "
            "(add --overwrite-article if that is what you want)"
        )
    if path.is_dir():
        raise InputError(f"cannot write {what} to {path}: is a folder")
    if path.exists() and not path.is_file():
        # A device or a pipe (/dev/stdout, a FIFO): opened as it is, never replaced.
        try:
            with open(path, "ab"):
                pass
        except OSError as exc:
            raise InputError(f"cannot write {what} to {path}: {exc.strerror or exc}") from None
        return
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"cannot write {what} to {path}: no such folder {folder}")
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{path.name}.", suffix=".check"):
            pass
    except OSError as exc:
        raise InputError(f"cannot write {what} to {path}: {exc.strerror or exc}") from None
    if path.exists() and not os.access(path, os.W_OK):
        raise InputError(f"cannot write {what} to {path}: permission denied")


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step (devices and pipes are written in place).

    A new file gets the usual permissions (``0o666`` less the umask); an
    existing one keeps its own.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        with open(path, "wb") as out:
            out.write(data)
        return
    folder = path.parent if str(path.parent) else Path(".")
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def emit(text: str, path: Path | None, *, what: str = "the report") -> bool:
    """Write ``text`` to ``path`` (or standard output); ``False`` if the file failed.

    When the file cannot be written, one line says why and ``text`` goes to
    standard output, so the run's work is not lost.
    """
    if not text.endswith("\n"):
        text += "\n"
    if path is None:
        write_stdout(text)
        return True
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        print(f"citeaudit: error: cannot write {what} to {path}: {exc.strerror or exc}; "
              "printing it here instead", file=sys.stderr)
        write_stdout(text)
        return False
    return True


def write_stdout(text: str) -> None:
    """``text`` on standard output, which may have been closed by the caller."""
    if sys.stdout is None:
        raise OSError(9, "standard output is closed")
    sys.stdout.write(text)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _umask() -> int:
    # Read without changing it where /proc tells; else set-and-restore (no threads yet).
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    current = os.umask(0o022)
    os.umask(current)
    return current
