"""Expanding batch inputs: files, directories, globs and archives into single inputs.

Every argument becomes zero or more `Input`s, in a stable order:

* a file is itself (whatever its extension: it was named on purpose), unless it is a
  .zip / .tar.gz / .tgz / .tar archive, which is opened and its members with a known
  extension are read into memory (source name ``"archive.zip!member/path.txt"``);
* a directory is walked recursively for files with a known extension (and archives);
* anything else is treated as a glob pattern (``**`` recurses);
* an argument that matches nothing, or an archive that cannot be opened, becomes an
  `Input` carrying `error`, so the batch reports it instead of dropping it silently.
"""

from __future__ import annotations

import glob
import hashlib
import os
import tarfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

EXTENSIONS: tuple[str, ...] = (".txt", ".html", ".htm", ".pdf")
ARCHIVES: tuple[str, ...] = (".zip", ".tar.gz", ".tgz", ".tar")

PathLike = str | os.PathLike[str]


@dataclass(frozen=True)
class Input:
    """One document to process.

    `name` is the source as reported in the outputs; `path` is set for files on disk,
    `data` for archive members (already read), `error` when the input cannot be read.
    """

    name: str
    path: str | None = None
    data: bytes | None = None
    error: str | None = None

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        if self.path is None:
            raise OSError(self.error or f"{self.name}: nothing to read")
        with open(self.path, "rb") as fh:
            return fh.read()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _has_ext(name: str, exts: Iterable[str]) -> bool:
    low = name.lower()
    return any(low.endswith(e) for e in exts)


def is_archive(name: str) -> bool:
    return _has_ext(name, ARCHIVES)


def _skip_member(name: str) -> bool:
    parts = name.split("/")
    return any(p.startswith(".") or p == "__MACOSX" for p in parts if p)


def _archive_members(path: str, extensions: tuple[str, ...]) -> Iterator[Input]:
    """The members of an archive with a known extension, read one at a time."""
    try:
        if path.lower().endswith(".zip"):
            with zipfile.ZipFile(path) as zf:
                for info in sorted(zf.infolist(), key=lambda i: i.filename):
                    if info.is_dir() or _skip_member(info.filename):
                        continue
                    if not _has_ext(info.filename, extensions):
                        continue
                    name = f"{path}!{info.filename}"
                    try:
                        data = zf.read(info)
                    except Exception as exc:  # noqa: BLE001 - a bad member is a failure record
                        yield Input(name, error=f"cannot read archive member: {exc}")
                        continue
                    yield Input(name, data=data)
        else:
            with tarfile.open(path, "r:*") as tf:
                for info in tf:  # streaming: a .tar.gz is read once, front to back
                    if not info.isfile() or _skip_member(info.name):
                        continue
                    if not _has_ext(info.name, extensions):
                        continue
                    name = f"{path}!{info.name}"
                    fh = tf.extractfile(info)
                    if fh is None:
                        yield Input(name, error="cannot read archive member")
                        continue
                    yield Input(name, data=fh.read())
    except (OSError, zipfile.BadZipFile, tarfile.TarError, EOFError) as exc:
        yield Input(path, error=f"cannot read archive: {exc}")


def _count_archive(path: str, extensions: tuple[str, ...]) -> int:
    try:
        if path.lower().endswith(".zip"):
            with zipfile.ZipFile(path) as zf:
                return sum(
                    1
                    for i in zf.infolist()
                    if not i.is_dir()
                    and not _skip_member(i.filename)
                    and _has_ext(i.filename, extensions)
                )
        with tarfile.open(path, "r:*") as tf:
            return sum(
                1
                for i in tf
                if i.isfile() and not _skip_member(i.name) and _has_ext(i.name, extensions)
            )
    except (OSError, zipfile.BadZipFile, tarfile.TarError, EOFError):
        return 1


def _walk(directory: str, extensions: tuple[str, ...]) -> list[str]:
    found: list[str] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if f.startswith("."):
                continue
            if _has_ext(f, extensions) or is_archive(f):
                found.append(os.path.join(root, f))
    return found


def _paths(arg: PathLike, extensions: tuple[str, ...]) -> list[str] | None:
    """The files an argument stands for; None when it matches nothing."""
    s = os.fspath(arg)
    if os.path.isdir(s):
        return _walk(s, extensions)
    if os.path.isfile(s):
        return [s]
    if glob.has_magic(s):
        out: list[str] = []
        for m in sorted(glob.glob(s, recursive=True)):
            if os.path.isdir(m):
                out.extend(_walk(m, extensions))
            elif _has_ext(m, extensions) or is_archive(m):
                out.append(m)
        return out or None
    return None


def expand(inputs: Iterable[PathLike] | PathLike, extensions: tuple[str, ...] = EXTENSIONS) -> Iterator[Input]:
    """Expand paths, directories, globs and archives into `Input`s (lazily)."""
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    seen: set[str] = set()
    for arg in inputs:
        paths = _paths(arg, extensions)
        if paths is None:
            yield Input(os.fspath(arg), error="no such file, directory or matching glob")
            continue
        for p in paths:
            if p in seen:  # the same file named twice (e.g. by a dir and a glob)
                continue
            seen.add(p)
            if is_archive(p):
                yield from _archive_members(p, extensions)
            else:
                yield Input(p, path=p)


def count(inputs: Iterable[PathLike] | PathLike, extensions: tuple[str, ...] = EXTENSIONS) -> int:
    """How many `Input`s `expand` will yield, without reading any file's content."""
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    n = 0
    seen: set[str] = set()
    for arg in inputs:
        paths = _paths(arg, extensions)
        if paths is None:
            n += 1
            continue
        for p in paths:
            if p in seen:
                continue
            seen.add(p)
            n += _count_archive(p, extensions) if is_archive(p) else 1
    return n


__all__ = ["ARCHIVES", "EXTENSIONS", "Input", "count", "expand", "is_archive", "sha256"]
