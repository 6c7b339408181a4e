"""Crash-safe files: atomic part files and the append-only, fsynced run manifest."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_lines(path: str | os.PathLike[str], lines: Iterable[str]) -> None:
    """Write `lines` (without newlines) to `path`: a temp file, fsync, then os.replace.

    A reader sees either the old file or the complete new one, never a torn write.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            for line in lines:
                fh.write(line)
                fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def read_lines(path: str | os.PathLike[str]) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [line.rstrip("\n") for line in fh if line.strip()]


class Manifest:
    """manifest.jsonl: one JSON object per finished input, appended and fsynced.

    An entry is written only after the part file holding the input's record has been
    atomically written, so every entry points to a complete record. A run killed while
    appending leaves at most one torn last line, which `open` cuts off.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.entries: list[dict[str, Any]] = []
        self._fh = None

    def open(self) -> Manifest:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists():
            raw = self.path.read_bytes()
            if raw and not raw.endswith(b"\n"):  # torn last append: drop it
                cut = raw.rfind(b"\n") + 1
                with open(self.path, "r+b") as fh:
                    fh.truncate(cut)
                    fh.flush()
                    os.fsync(fh.fileno())
                raw = raw[:cut]
            for line in raw.decode("utf-8").splitlines():
                if line.strip():
                    self.entries.append(json.loads(line))
        self._fh = open(self.path, "a", encoding="utf-8", newline="\n")
        return self

    def append(self, entries: list[dict[str, Any]]) -> None:
        if not entries:
            return
        assert self._fh is not None, "Manifest.open() first"
        self._fh.write("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries))
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self.entries.extend(entries)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def __enter__(self) -> Manifest:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()
