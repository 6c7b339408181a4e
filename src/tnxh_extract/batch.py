"""The batch runner: many inputs, all cores (or a Dask cluster), crash-safe outputs.

    from tnxh_extract import batch
    summary = batch.run(["articles/", "dump.zip"], "out/")

Flow (one way): inputs.expand → content sha256 → skip what the manifest says is done →
workers extract (ProcessPoolExecutor, or Dask distributed) → the parent writes each
finished chunk to ``parts/part-*.jsonl`` atomically, then appends one manifest line per
input (fsynced) → at the end, consolidation builds documents.jsonl, indicators.csv,
indicators.parquet and tnxh.duckdb from the parts the manifest names.

Nothing lost, nothing twice: an input counts as done only once its manifest line is on
disk, and that line is written only after its record is; a killed run leaves orphan
parts (removed on restart) and inputs without a manifest line (redone). Consolidation
keeps one record per source (the latest) and per content hash. See docs/batch.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import inputs as _inputs
from .models import Document

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet", "duckdb")
ALL_FORMATS: tuple[str, ...] = FORMATS + ("parquet_dir",)

MANIFEST = "manifest.jsonl"
PARTS = "parts"
DOCUMENTS = "documents.jsonl"
INDICATORS_CSV = "indicators.csv"
INDICATORS_PARQUET = "indicators.parquet"
INDICATORS_PARQUET_DIR = "indicators_parquet"
DUCKDB = "tnxh.duckdb"
MAX_ERRORS = 1000  # failures listed in Summary.errors (all are in documents.jsonl)

ExtractFile = Callable[[str], Document]
ExtractBytes = Callable[[bytes, str], Document]


class Summary(BaseModel):
    """What a batch run did. Counts are for this run; `total` is what the outputs hold."""

    processed: int = 0
    failed: int = 0
    skipped: int = 0
    seconds: float = 0.0
    docs_per_s: float = 0.0
    mb_per_s: float = 0.0
    outdir: str | None = None
    total: int = 0
    bytes: int = 0
    errors: list[str] = []  # "source: reason", the first MAX_ERRORS failures of this run

    def __str__(self) -> str:
        return (
            f"processed {self.processed}, failed {self.failed}, skipped {self.skipped} "
            f"in {self.seconds:.1f} s ({self.docs_per_s:.1f} docs/s, {self.mb_per_s:.2f} MB/s); "
            f"{self.total} documents in {self.outdir}"
        )


# --------------------------------------------------------------------------- workers


@dataclass(frozen=True)
class _Task:
    key: str
    name: str
    path: str | None
    data: bytes | None
    nbytes: int


@dataclass(frozen=True)
class _Result:
    key: str
    name: str
    nbytes: int
    line: str  # the Document as JSON
    error: str | None


def _default(attr: str) -> Callable[..., Document]:
    import tnxh_extract

    fn = getattr(tnxh_extract, attr, None)
    if fn is None:
        raise RuntimeError(f"tnxh_extract.{attr} is not available; pass {attr}= explicitly")
    return fn


def _error_result(key: str, name: str, nbytes: int, error: str) -> _Result:
    doc = Document(source=name, error=error)
    return _Result(key, name, nbytes, doc.model_dump_json(), error)


def _process(
    task: _Task,
    extract_file: ExtractFile | None,
    extract_bytes: ExtractBytes | None,
    include_text: bool,
) -> _Result:
    """Extract one input in a worker; any exception becomes an error record."""
    try:
        if task.data is not None:
            doc = (extract_bytes or _default("extract_bytes"))(task.data, task.name)
        else:
            doc = (extract_file or _default("extract_file"))(task.path or task.name)
        if not isinstance(doc, Document):
            raise TypeError(f"extractor returned {type(doc).__name__}, not Document")
    except Exception as exc:  # noqa: BLE001 - the batch records every failure
        return _error_result(task.key, task.name, task.nbytes, f"{type(exc).__name__}: {exc}")
    line = doc.model_dump_json(exclude=None if include_text else {"text"})
    return _Result(task.key, task.name, task.nbytes, line, doc.error)


_WARMUP = "Năm 2023, tỉnh Nghệ An tổ chức cai nghiện cho 809 người theo Quyết định số 12/QĐ-UBND."


def _init_worker(warm: bool) -> None:
    """Load the pipeline (and the gazetteers it reads lazily) once per worker process,
    before the first document, by extracting one short sentence."""
    if not warm:
        return
    try:
        import tnxh_extract

        tnxh_extract.extract(_WARMUP, "warm-up")
    except Exception:  # noqa: BLE001 - a failing load shows up per document instead
        pass


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


_CRASH = (
    "worker process died while extracting this input "
    "(killed, out of memory, or a crash in a native library)"
)


def _execute(
    tasks: Iterable[_Task | _Result],
    *,
    workers: int | None,
    scheduler: Any,
    dask_cluster: bool | dict[str, Any],
    extract_file: ExtractFile | None,
    extract_bytes: ExtractBytes | None,
    include_text: bool,
) -> Iterator[_Result]:
    """Run tasks on the chosen engine; yield results as they finish (results pass through)."""
    n = default_workers() if workers is None else workers
    args = (extract_file, extract_bytes, include_text)
    if scheduler is not None or dask_cluster:
        yield from _execute_dask(tasks, n, scheduler, dask_cluster, args)
    elif n <= 0:
        for t in tasks:
            yield t if isinstance(t, _Result) else _process(t, *args)
    else:
        yield from _execute_pool(tasks, n, args)


def _execute_pool(tasks: Iterable[_Task | _Result], n: int, args: tuple) -> Iterator[_Result]:
    warm = args[0] is None and args[1] is None  # the real extractor: load it up front
    max_inflight = 4 * n
    it = iter(tasks)
    ready: deque[_Result] = deque()
    pending: dict[Future[_Result], _Task] = {}
    exhausted = False

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=n, initializer=_init_worker, initargs=(warm,))

    pool = new_pool()

    def fill() -> None:
        nonlocal exhausted
        while not exhausted and len(pending) < max_inflight and not ready:
            t = next(it, None)
            if t is None:
                exhausted = True
            elif isinstance(t, _Result):
                ready.append(t)
            else:
                pending[pool.submit(_process, t, *args)] = t

    try:
        fill()
        while pending or ready or not exhausted:
            while ready:
                yield ready.popleft()
            fill()
            if not pending:
                continue
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken = False
            for f in done:
                t = pending.pop(f)
                try:
                    res = f.result()
                except BrokenProcessPool:
                    broken = True
                    pending[f] = t
                    break
                except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable result
                    res = _error_result(t.key, t.name, t.nbytes, f"{type(exc).__name__}: {exc}")
                yield res
            if broken:
                # Some input killed its worker; every task in flight is a suspect. Rerun
                # them one at a time on a fresh pool to find the culprit(s).
                suspects = list(pending.values())
                pending.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                for t in suspects:
                    pool = new_pool()
                    try:
                        yield pool.submit(_process, t, *args).result()
                        continue
                    except BrokenProcessPool:
                        yield _error_result(t.key, t.name, t.nbytes, _CRASH)
                    except Exception as exc:  # noqa: BLE001
                        yield _error_result(t.key, t.name, t.nbytes, f"{type(exc).__name__}: {exc}")
                    pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _execute_dask(
    tasks: Iterable[_Task | _Result],
    n: int,
    scheduler: Any,
    dask_cluster: bool | dict[str, Any],
    args: tuple,
) -> Iterator[_Result]:
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if isinstance(scheduler, Client):
        client, own_client = scheduler, False
    elif scheduler is not None:
        client, own_client = Client(scheduler), True
    else:
        kwargs: dict[str, Any] = {"n_workers": max(n, 1), "threads_per_worker": 1}
        if isinstance(dask_cluster, dict):
            kwargs.update(dask_cluster)
        cluster = LocalCluster(**kwargs)
        client, own_client = Client(cluster), True
    try:
        nthreads = sum(client.nthreads().values()) or max(n, 1)
        max_inflight = 4 * nthreads
        it = iter(tasks)
        ac = as_completed()
        inflight: dict[str, _Task] = {}

        def submit_more() -> Iterator[_Result]:
            while len(inflight) < max_inflight:
                t = next(it, None)
                if t is None:
                    return
                if isinstance(t, _Result):
                    yield t
                    continue
                fut = client.submit(_process, t, *args, pure=False)
                inflight[fut.key] = t
                ac.add(fut)

        yield from submit_more()
        while inflight:
            fut = next(ac)
            t = inflight.pop(fut.key)
            try:
                yield fut.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker, a pickling error
                yield _error_result(t.key, t.name, t.nbytes, f"{type(exc).__name__}: {exc}")
            fut.release()
            yield from submit_more()
    finally:
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()


# --------------------------------------------------------------------------- planning


def _tasks(
    items: Iterable[_inputs.Input],
    done: set[str],
    counters: dict[str, int],
    on_skip: Callable[[], None],
    ship: bool = False,
    dedupe: bool = True,
) -> Iterator[_Task | _Result]:
    """Hash each input, skip what is done or already seen; unreadable inputs → results.

    With `ship`, files travel by content too (Dask workers need not see the files)."""
    seen: set[str] = set()
    for item in items:
        if item.error is not None:
            yield _error_result("unreadable:" + item.name, item.name, 0, item.error)
            continue
        try:
            data = item.read()
        except OSError as exc:
            yield _error_result("unreadable:" + item.name, item.name, 0, f"cannot read: {exc}")
            continue
        key = _inputs.sha256(data)
        if dedupe and (key in done or key in seen):
            counters["skipped"] += 1
            on_skip()
            continue
        seen.add(key)
        # files go by path (the extractor reads them), archive members by content
        shipped = data if (ship or item.path is None) else None
        yield _Task(key, item.name, None if shipped is not None else item.path, shipped, len(data))


def _progress(total: int | None, enabled: bool):
    from tqdm.auto import tqdm

    return tqdm(
        total=total,
        unit="doc",
        desc="extract",
        disable=not enabled,
        dynamic_ncols=True,
        smoothing=0.1,
    )


# --------------------------------------------------------------------------- run


def _reset(out: Path) -> None:
    for name in (MANIFEST, DOCUMENTS, INDICATORS_CSV, INDICATORS_PARQUET, DUCKDB):
        p = out / name
        if p.exists():
            p.unlink()
    for name in (PARTS, INDICATORS_PARQUET_DIR):
        if (out / name).exists():
            shutil.rmtree(out / name)


def _clean_orphans(out: Path, manifest_entries: list[dict[str, Any]]) -> None:
    """Remove part files no manifest entry names (written by a run killed before its
    manifest append) and temp files of interrupted writes."""
    parts = out / PARTS
    if not parts.is_dir():
        return
    named = {e.get("part") for e in manifest_entries}
    for f in parts.iterdir():
        if f"{PARTS}/{f.name}" not in named:
            f.unlink()
    for f in out.glob(".*.tmp"):
        if f.is_file():
            f.unlink()


def run(
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    outdir: str | os.PathLike[str],
    *,
    workers: int | None = None,
    scheduler: Any = None,
    dask_cluster: bool | dict[str, Any] = False,
    resume: bool = True,
    retry_failed: bool = False,
    formats: Sequence[str] = FORMATS,
    progress: bool = True,
    include_text: bool = False,
    extract_file: ExtractFile | None = None,
    extract_bytes: ExtractBytes | None = None,
    flush_every: int = 256,
    flush_seconds: float = 2.0,
) -> Summary:
    """Extract every input into `outdir`; see the module docstring and docs/batch.md.

    workers       worker processes (None: all cores; 0: in this process)
    scheduler     a Dask scheduler address ("tcp://host:8786") or a distributed.Client
    dask_cluster  True (or LocalCluster kwargs) to start a local Dask cluster of `workers`
    resume        False wipes the outdir's previous manifest, parts and outputs first
    retry_failed  rerun inputs a previous run recorded as failed
    formats       any of "jsonl", "csv", "parquet", "duckdb", "parquet_dir"
                  ("parquet_dir" is added automatically on Dask)
    extract_file / extract_bytes
                  the extractors (default tnxh_extract.extract_file / extract_bytes);
                  must be picklable (module-level functions)
    """
    t0 = time.perf_counter()
    formats = tuple(formats)
    unknown = set(formats) - set(ALL_FORMATS)
    if unknown:
        raise ValueError(f"unknown format(s) {sorted(unknown)}; choose from {ALL_FORMATS}")
    if (scheduler is not None or dask_cluster) and "parquet_dir" not in formats:
        formats += ("parquet_dir",)
    _check_dependencies(formats, scheduler is not None or bool(dask_cluster))
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    if not resume:
        _reset(out)

    from .sinks.jsonl import Manifest, atomic_write_lines

    summary = Summary(outdir=str(out))
    manifest = Manifest(out / MANIFEST).open()
    try:
        _clean_orphans(out, manifest.entries)
        done = {
            e["key"]
            for e in manifest.entries
            if not e["key"].startswith("unreadable:")
            and (e["status"] == "ok" or not retry_failed)
        }
        run_id = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        seq = 0
        lines: list[str] = []
        entries: list[dict[str, Any]] = []
        last_flush = time.monotonic()

        def flush() -> None:
            nonlocal seq, lines, entries, last_flush
            last_flush = time.monotonic()
            if not lines:
                return
            part = f"{PARTS}/part-{run_id}-{seq:05d}.jsonl"
            seq += 1
            atomic_write_lines(out / part, lines)  # the records first ...
            for i, e in enumerate(entries):
                e["part"], e["line"] = part, i
            manifest.append(entries)  # ... then the manifest lines that point to them
            lines, entries = [], []

        counters = {"skipped": 0}
        total = _inputs.count(inputs) if progress else None
        bar = _progress(total, progress)
        last_postfix = 0.0
        nbytes = 0
        try:
            ship = scheduler is not None or bool(dask_cluster)
            tasks = _tasks(_inputs.expand(inputs), done, counters, lambda: bar.update(1), ship)
            for res in _execute(
                tasks,
                workers=workers,
                scheduler=scheduler,
                dask_cluster=dask_cluster,
                extract_file=extract_file,
                extract_bytes=extract_bytes,
                include_text=include_text,
            ):
                nbytes += res.nbytes
                if res.error is None:
                    summary.processed += 1
                else:
                    summary.failed += 1
                    if len(summary.errors) < MAX_ERRORS:
                        summary.errors.append(f"{res.name}: {res.error}")
                lines.append(res.line)
                entries.append(
                    {
                        "key": res.key,
                        "source": res.name,
                        "status": "ok" if res.error is None else "failed",
                        "bytes": res.nbytes,
                        "error": res.error,
                    }
                )
                if len(lines) >= flush_every or time.monotonic() - last_flush >= flush_seconds:
                    flush()
                bar.update(1)
                now = time.perf_counter()
                if progress and now - last_postfix > 0.5:
                    last_postfix = now
                    bar.set_postfix_str(f"{nbytes / 1e6 / max(now - t0, 1e-9):.2f} MB/s", refresh=False)
            flush()
        finally:
            bar.close()
            flush()
        summary.skipped = counters["skipped"]
        summary.bytes = nbytes
        summary.total = consolidate(out, formats, manifest.entries)
    finally:
        manifest.close()
    summary.seconds = time.perf_counter() - t0
    n = summary.processed + summary.failed
    summary.docs_per_s = n / summary.seconds if summary.seconds else 0.0
    summary.mb_per_s = summary.bytes / 1e6 / summary.seconds if summary.seconds else 0.0
    return summary


def _check_dependencies(formats: Sequence[str], dask: bool) -> None:
    """Fail before the work, not after it, when an output's library is missing."""
    needed = []
    if set(formats) & {"csv", "parquet", "parquet_dir", "duckdb"}:
        needed.append("pyarrow")
    if "duckdb" in formats:
        needed.append("duckdb")
    if dask:
        needed.append("distributed")
    import importlib.util

    missing = [m for m in needed if importlib.util.find_spec(m) is None]
    if missing:
        raise ImportError(
            f"batch output needs {', '.join(missing)}: pip install 'tnxh_extract[batch]'"
        )


def select(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The manifest entries that make the final outputs: the latest per source, then the
    first per content hash, in manifest order."""
    latest: dict[str, int] = {}
    for i, e in enumerate(entries):
        latest[e["source"]] = i
    chosen, keys = [], set()
    for i, e in enumerate(entries):
        if latest[e["source"]] != i or e["key"] in keys:
            continue
        keys.add(e["key"])
        chosen.append(e)
    return chosen


def consolidate(
    outdir: str | os.PathLike[str],
    formats: Sequence[str] = FORMATS,
    entries: list[dict[str, Any]] | None = None,
    batch_docs: int = 2000,
) -> int:
    """Build the final outputs from the parts the manifest names; return the doc count.

    Safe to rerun: every output is written under a temp name and renamed into place.
    """
    from .sinks import duckdb as duck_sink
    from .sinks.jsonl import Manifest, atomic_write_lines, read_lines
    from .sinks.parquet import TableWriters
    from .sinks.table import SCHEMAS, TableBatcher

    out = Path(outdir)
    if entries is None:
        m = Manifest(out / MANIFEST)
        with m:
            entries = list(m.entries)
    chosen = select(entries)

    by_part: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for e in chosen:
        by_part.setdefault(e["part"], []).append((e["line"], e))
    cache: dict[str, list[str]] = {}

    def records() -> Iterator[tuple[str, dict[str, Any]]]:
        for e in chosen:
            part = e["part"]
            if part not in cache:
                cache.clear()  # parts are visited in manifest order: keep one in memory
                cache[part] = read_lines(out / part)
            yield cache[part][e["line"]], e

    stage = out / ".stage"
    want_tables = any(f in formats for f in ("csv", "parquet", "duckdb", "parquet_dir"))
    writers = None
    if want_tables:
        stage.mkdir(exist_ok=True)
        parquet: dict[str, Path] = {}
        if "parquet" in formats:
            parquet["indicators"] = out / INDICATORS_PARQUET
        if "duckdb" in formats:
            for t in SCHEMAS:
                parquet.setdefault(t, stage / f"{t}.parquet")
        writers = TableWriters(
            parquet=parquet,
            csv={"indicators": out / INDICATORS_CSV} if "csv" in formats else None,
            partitioned={"indicators": out / INDICATORS_PARQUET_DIR}
            if "parquet_dir" in formats
            else None,
        )

    def doc_lines() -> Iterator[str]:
        batcher = TableBatcher(batch_docs)
        for line, e in records():
            if writers is not None and batcher.add(json.loads(line), e["key"]):
                writers.write(batcher.flush())
            yield line
        if writers is not None and len(batcher):
            writers.write(batcher.flush())

    n = 0

    def counting() -> Iterator[str]:
        nonlocal n
        for line in doc_lines():
            n += 1
            yield line

    if "jsonl" in formats:
        atomic_write_lines(out / DOCUMENTS, counting())
    else:
        for _ in counting():
            pass
    if writers is not None:
        writers.commit()
        if "duckdb" in formats:
            files = {t: stage / f"{t}.parquet" for t in SCHEMAS}
            if "parquet" in formats:
                files["indicators"] = out / INDICATORS_PARQUET
            duck_sink.build(out / DUCKDB, files)
        shutil.rmtree(stage, ignore_errors=True)
    return n


# --------------------------------------------------------------------------- streaming


def iter_documents(
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    workers: int | None = None,
    scheduler: Any = None,
    dask_cluster: bool | dict[str, Any] = False,
    dedupe: bool = True,
    extract_file: ExtractFile | None = None,
    extract_bytes: ExtractBytes | None = None,
) -> Iterator[Document]:
    """Extract inputs in parallel and yield each Document as it finishes (any order).

    No files are written: feed the documents to your own sink. Inputs that cannot be
    read come out as Documents with `error` set; with `dedupe`, an input whose content
    equals an earlier one's is not extracted again.
    """
    ship = scheduler is not None or bool(dask_cluster)
    tasks = _tasks(_inputs.expand(inputs), set(), {"skipped": 0}, lambda: None, ship, dedupe)
    for res in _execute(
        tasks,
        workers=workers,
        scheduler=scheduler,
        dask_cluster=dask_cluster,
        extract_file=extract_file,
        extract_bytes=extract_bytes,
        include_text=True,
    ):
        yield Document.model_validate_json(res.line)


# --------------------------------------------------------------------------- CLI


def add_batch_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `batch` subcommand to an argparse subparsers object."""
    p = subparsers.add_parser(
        "batch",
        help="extract many inputs into JSONL/CSV/Parquet/DuckDB (resumable)",
        description=(
            "Extract files, directories (recursive: .txt .html .htm .pdf), globs and "
            ".zip/.tar.gz archives into OUTDIR: documents.jsonl, indicators.csv, "
            "indicators.parquet, tnxh.duckdb. Rerunning resumes where it stopped."
        ),
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--outdir", required=True, metavar="OUTDIR")
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument("--scheduler", default=None, metavar="ADDR", help="Dask scheduler, e.g. tcp://host:8786")
    p.add_argument("--dask-workers", type=int, default=None, metavar="N", help="run on a local Dask cluster of N workers")
    p.add_argument("--no-resume", action="store_true", help="start afresh: drop the previous manifest and outputs")
    p.add_argument("--retry-failed", action="store_true", help="rerun inputs that failed in a previous run")
    p.add_argument("--formats", nargs="+", choices=ALL_FORMATS, default=list(FORMATS), metavar="FORMAT",
                   help=f"outputs to build (default: {' '.join(FORMATS)}; also: parquet_dir)")
    p.add_argument("--include-text", action="store_true", help="keep the normalised text in documents.jsonl")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=run_batch_cli, handler=run_batch_cli)
    return p


def run_batch_cli(args: argparse.Namespace) -> int:
    """Run `batch` from parsed arguments; exit code 1 if any input failed, else 0."""
    workers = args.workers
    dask_cluster = False
    if getattr(args, "dask_workers", None):
        workers, dask_cluster = args.dask_workers, True
    summary = run(
        args.inputs,
        args.outdir,
        workers=workers,
        scheduler=args.scheduler,
        dask_cluster=dask_cluster,
        resume=not args.no_resume,
        retry_failed=getattr(args, "retry_failed", False),
        formats=args.formats,
        progress=not getattr(args, "no_progress", False),
        include_text=getattr(args, "include_text", False),
    )
    for err in summary.errors[:20]:
        print(f"failed: {err}", file=sys.stderr)
    if len(summary.errors) > 20:
        print(f"... and {len(summary.errors) - 20} more (see documents.jsonl)", file=sys.stderr)
    print(summary, file=sys.stderr)
    return 1 if summary.failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m tnxh_extract.batch INPUT... -o OUTDIR` (same as `tnxh-extract batch`)."""
    parser = argparse.ArgumentParser(prog="python -m tnxh_extract.batch")
    sub = parser.add_subparsers(dest="command")
    add_batch_parser(sub)
    args = parser.parse_args(["batch", *(sys.argv[1:] if argv is None else argv)])
    return run_batch_cli(args)


if __name__ == "__main__":
    sys.exit(main())
