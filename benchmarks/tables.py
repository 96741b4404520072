"""Tables and scale-out: one process against a two-worker LocalCluster, to_arrow against
pandas.json_normalize, from_arrow against from_json, related_all against a loop.

Generates N pages (nine event pages to one article in the JSON form) in a temporary
folder, then measures; see docs/performance.md ("Tables and scale-out"). Run
``python benchmarks/tables.py [--pages N] [--related-events N] [--write]``.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import multiprocessing
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import dask.bag
import orjson
import pandas as pd
from distributed import Client, LocalCluster

from _report import write_section
from loading import page
from relatedness import synthetic_archive
from syriaevents import Archive, Article, Comment, Event, from_json, load, to_json
from syriaevents.dask import read, related_all
from syriaevents.dask import write_parquet as write_parquet_from_cluster
from syriaevents.tables import from_arrow, read_parquet, to_arrow, write_parquet


def article(index: int, rng: random.Random) -> str:
    """One article in the JSON form: six paragraphs and a short comment thread."""
    return to_json(
        Article(
            title=f"Article {index}: what the talks in the capital mean for the north",
            url=f"https://www.example.org/news/{index}",
            publisher=rng.choice(["The Moscow Times", "SouthFront", "Al-Masdar News"]),
            authors=("A. Writer",),
            published=datetime.date(2011, 1, 1) + datetime.timedelta(days=rng.randrange(5000)),
            body=tuple(
                f"Paragraph {n} of article {index}, of ordinary length for a news story,"
                " with a quote from an official and a figure or two." * 2
                for n in range(6)
            ),
            comments=(
                Comment(author="reader", body=("First!",), replies=(Comment(author="other"),)),
            ),
            tags=("Syria", "Russia"),
        )
    )


def generate(root: Path, pages: int) -> list[Path]:
    """``pages`` files in folders of 1,000: nine event pages to one article."""
    rng = random.Random(2011)
    paths = []
    for index in range(pages):
        folder = root / f"{index // 1000:04d}"
        if index % 1000 == 0:
            folder.mkdir()
        if index % 10 == 9:
            path = folder / f"{index:06d}.json"
            path.write_text(article(index, rng), encoding="utf-8")
        else:
            path = folder / f"{index:06d}.md"
            path.write_text(page(index, rng), encoding="utf-8")
        paths.append(path)
    return paths


def peak_rss() -> int:
    """This process's peak resident memory, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def single_process(paths: list[Path], folder: str) -> tuple[float, float, int]:
    """The one-process route, run in a fresh process: load each file, write the set.
    Its wall time, CPU time and peak memory."""
    started, cpu = time.perf_counter(), time.process_time()
    documents = [load(path) for path in paths]
    write_parquet(documents, folder)
    return time.perf_counter() - started, time.process_time() - cpu, peak_rss()


def workers_cpu(client: Client) -> list[float]:
    """The CPU time each worker process has used so far, in seconds."""
    return list(client.run(time.process_time).values())


def bound(alone_cpu: float, before: list[float], after: list[float], client_cpu: float) -> str:
    """The speed-up two idle cores would give: one process's CPU time over the busiest
    worker's (plus what the client spent), contention on a shared machine aside."""
    busiest = max(end - start for start, end in zip(before, after, strict=True))
    spent = ", ".join(f"{end - start:.1f}" for start, end in zip(before, after, strict=True))
    return (
        f"{alone_cpu / (busiest + client_cpu):.2f}× (CPU seconds: one process"
        f" {alone_cpu:.1f}; workers {spent}; client {client_cpu:.1f})"
    )


def best(function: Callable[[], object], repeats: int = 3) -> float:
    """The best wall time of a few runs, in seconds."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*.parquet"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--related-events", type=int, default=50_000)
    parser.add_argument(
        "--related-estimate",
        type=int,
        default=1_000_000,
        help="archive size whose single-process related_all time is estimated from a sample",
    )
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    arguments = parser.parse_args()
    rows: list[tuple[str, str]] = []
    load_before = os.getloadavg()[0]

    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        (root / "pages").mkdir()
        paths = generate(root / "pages", arguments.pages)
        size = sum(path.stat().st_size for path in paths)
        rows.append(("pages (event pages and JSON articles, 9:1)", f"{len(paths):,}"))

        # 1. Pages to Parquet: one process against two worker processes.
        spawn = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(1, mp_context=spawn) as pool:
            alone, alone_cpu, alone_rss = pool.submit(
                single_process, paths, str(root / "one")
            ).result()
        with (
            LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            idle = max(client.run(peak_rss).values())
            before = workers_cpu(client)
            started, cpu = time.perf_counter(), time.process_time()
            loaded = read([str(path) for path in paths], files_per_partition=1000)
            write_parquet_from_cluster(loaded.documents, root / "cluster")
            together, client_cpu = time.perf_counter() - started, time.process_time() - cpu
            worker_peaks = client.run(peak_rss)
            ideal = bound(alone_cpu, before, workers_cpu(client), client_cpu)
        documents = from_arrow(read_parquet(root / "one"))
        same = documents == from_arrow(read_parquet(root / "cluster"))
        rows += [
            ("pages to Parquet, one process (`load` each, `write_parquet`)", f"{alone:.1f} s"),
            (
                "the same on a LocalCluster of 2 worker processes (`read`, `write_parquet`)",
                f"{together:.1f} s",
            ),
            ("speed-up, wall clock", f"{alone / together:.2f}× (goal ≥ 1.7×)"),
            ("speed-up on two idle cores, from CPU times", ideal),
            ("same documents from both sets", "yes" if same else "**no**"),
            ("peak memory, the one process", f"{alone_rss / 2**20:,.0f} MiB"),
            (
                "peak memory per worker (1,000 files per partition)",
                ", ".join(f"{rss / 2**20:,.0f} MiB" for rss in worker_peaks.values())
                + f" (idle worker: {idle / 2**20:,.0f} MiB)",
            ),
            ("input read", f"{size / 1e6:,.0f} MB"),
        ]

        # 2. Bytes per event: Parquet against the JSON form.
        events = [item for item in documents if isinstance(item, Event)]
        texts = [to_json(event) for event in events]
        write_parquet(events, root / "events")
        parquet = folder_bytes(root / "events") / len(events)
        json = sum(len(text.encode()) for text in texts) / len(events)
        rows.append(
            (
                f"bytes per event, Parquet (zstd) vs JSON form ({len(events):,} events)",
                f"{parquet:,.0f} vs {json:,.0f} ({json / parquet:.1f}× smaller)",
            )
        )

        corpus = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "archive"
        real = [load(path) for path in sorted(corpus.glob("*.md")) if path.name != "SOURCES.md"]
        real_events = [item for item in real if isinstance(item, Event)]
        if real_events:
            write_parquet(real_events, root / "real")
            real_parquet = folder_bytes(root / "real") / len(real_events)
            real_json = sum(len(to_json(event).encode()) for event in real_events)
            rows.append(
                (
                    f"the same for the shared corpus's {len(real_events)} real events"
                    " (ten files' fixed overhead included)",
                    f"{real_parquet:,.0f} vs {real_json / len(real_events):,.0f}",
                )
            )

        # 3. to_arrow against pandas.json_normalize; from_arrow against from_json.
        dicts = [orjson.loads(text) for text in texts]
        tables = to_arrow(events)
        arrow = best(lambda: to_arrow(events))
        normalize = best(lambda: pd.json_normalize(dicts))

        def whole_route() -> None:
            pd.json_normalize([orjson.loads(to_json(event)) for event in events])

        def same_tables() -> None:
            pd.json_normalize(dicts)
            for field in ("sources", "related", "changes"):
                pd.json_normalize(dicts, field, ["path"], meta_prefix="event.")

        route = best(whole_route, 1)
        normalized_tables = best(same_tables)
        back = best(lambda: from_arrow(tables), 2)
        back_json = best(lambda: [from_json(text) for text in texts], 2)
        n = len(events)
        rows += [
            (f"`to_arrow`, {n:,} events", f"{arrow:.2f} s ({arrow / n * 1e6:.1f} µs per event)"),
            (
                "`json_normalize` of the parsed `to_json` dicts (normalize step only)",
                f"{normalize:.2f} s: to_arrow {normalize / arrow:.2f}× faster (goal ≥ 3×)",
            ),
            (
                "`json_normalize` to the same tables (events, sources, related, changes)",
                f"{normalized_tables:.2f} s: to_arrow {normalized_tables / arrow:.2f}× faster",
            ),
            (
                "the whole route: `to_json`, `orjson.loads`, `json_normalize`",
                f"{route:.2f} s: to_arrow {route / arrow:.1f}× faster",
            ),
            (
                "`from_arrow` vs `from_json`, per event",
                f"{back / n * 1e6:.1f} µs vs {back_json / n * 1e6:.1f} µs:"
                f" {back_json / back:.2f}× as fast (goal ≥ 1×)",
            ),
        ]

    # 4. related_all on the cluster against Archive.related in a loop.
    synthetic = synthetic_archive(arguments.related_events)
    started, cpu = time.perf_counter(), time.process_time()
    archive = Archive(synthetic)
    expected = [archive.related(event) for event in synthetic]
    loop, loop_cpu = time.perf_counter() - started, time.process_time() - cpu
    del archive
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        bag = dask.bag.from_sequence(synthetic, npartitions=16).persist()
        before = workers_cpu(client)
        started, cpu = time.perf_counter(), time.process_time()
        ranked = related_all(bag).compute()
        distributed, client_cpu = time.perf_counter() - started, time.process_time() - cpu
        related_ideal = bound(loop_cpu, before, workers_cpu(client), client_cpu)
    sample = random.Random(7).sample(range(len(synthetic)), 1000)
    identical = all(ranked[index].related == expected[index] for index in sample)
    identical_all = [record.related for record in ranked] == expected
    rows += [
        (
            f"`related_all`, {len(synthetic):,} events: one process (index + loop)",
            f"{loop:.0f} s",
        ),
        ("the same on 2 workers (index built once, broadcast)", f"{distributed:.0f} s"),
        ("speed-up, wall clock", f"{loop / distributed:.2f}×"),
        ("speed-up on two idle cores, from CPU times", related_ideal),
        (
            "identical results (a sample of 1,000; all)",
            f"{'yes' if identical else '**no**'}; {'yes' if identical_all else '**no**'}",
        ),
    ]
    del synthetic, expected, ranked
    if arguments.related_estimate:
        rows.append(estimate(arguments.related_estimate))
    load_after = os.getloadavg()[0]
    machine = f"{load_before:.1f} / {load_after:.1f}"
    rows.append(("machine load average (1 min) before / after", machine))

    table = "\n".join(
        ["| measure | value |", "| --- | --- |", *(f"| {a} | {b} |" for a, b in rows)]
    )
    print(table)
    if arguments.write:
        write_section("tables", table)
    return 0


def estimate(count: int) -> tuple[str, str]:
    """``related_all`` at ``count`` events, estimated from 1,000 timed queries."""
    events = synthetic_archive(count)
    started = time.perf_counter()
    archive = Archive(events)
    build = time.perf_counter() - started
    times: list[float] = []
    for event in random.Random(7).sample(events, 1000):
        started = time.perf_counter()
        archive.related(event)
        times.append(time.perf_counter() - started)
    mean = statistics.mean(times)
    return (
        f"`related_all`, {count:,} events: estimated from 1,000 queries (not run)",
        f"index {build:.0f} s, {mean * 1e3:.1f} ms per query (median"
        f" {statistics.median(times) * 1e3:.1f} ms): one process ≈ {mean * count / 60:,.0f} min,"
        f" 2 workers at best ≈ {mean * count / 120:,.0f} min",
    )


if __name__ == "__main__":
    sys.exit(main())
