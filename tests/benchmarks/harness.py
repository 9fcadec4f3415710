"""What every benchmark shares: opening the database, measuring a step, printing a report.

A measured step prints its wall time, the process CPU time, the growth of the peak resident
memory (``resource.getrusage(...).ru_maxrss``: the process's high-water mark, so only what
the step adds beyond every earlier peak) and, with ``--tracemalloc``, the peak of Python
allocations during the step (tracemalloc slows Python down about twice: the timings of such a
run are not comparable). The machine is shared: the load average is printed with every report
and ratios to a reference measured in the same run are the primary figures.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import threading
import time
import tracemalloc
from dataclasses import dataclass, field


@dataclass
class Measure:
    label: str
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    queries: int = 0
    sql_seconds: float = 0.0
    maxrss_delta_mib: float = 0.0
    tracemalloc_peak_mib: float | None = None
    extra: dict = field(default_factory=dict)

    def line(self) -> str:
        peak = (
            f", python peak {self.tracemalloc_peak_mib:.1f} MiB"
            if self.tracemalloc_peak_mib is not None
            else ""
        )
        queries = (
            f", {self.queries} queries ({self.sql_seconds:.2f} s in SQL)" if self.queries else ""
        )
        return (
            f"{self.label}: {self.seconds:.3f} s wall, {self.cpu_seconds:.3f} s cpu{queries}, "
            f"peak RSS +{self.maxrss_delta_mib:.1f} MiB{peak}"
        )


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


@contextlib.contextmanager
def measure(label: str, cr=None, use_tracemalloc: bool = False):
    """Measure the enclosed block; ``cr`` (an Odoo cursor) also counts its SQL queries."""
    result = Measure(label)
    rss0 = _maxrss_mib()
    queries0 = cr.sql_log_count if cr is not None else 0
    # Odoo's cursor adds each query's duration to the current thread's query_time.
    thread = threading.current_thread()
    thread.query_time = 0.0
    if use_tracemalloc:
        tracemalloc.start()
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    try:
        yield result
    finally:
        result.seconds = time.perf_counter() - t0
        result.cpu_seconds = time.process_time() - cpu0
        if use_tracemalloc:
            result.tracemalloc_peak_mib = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        result.maxrss_delta_mib = _maxrss_mib() - rss0
        if cr is not None:
            result.queries = cr.sql_log_count - queries0
            result.sql_seconds = thread.query_time


@contextlib.contextmanager
def profiled(path: str | None, top: int = 30):
    """cProfile the block into ``path`` (pstats format) and print the top cumulative
    functions; a no-op without a path."""
    if not path:
        yield
        return
    import cProfile
    import pstats

    profile = cProfile.Profile()
    profile.enable()
    try:
        yield
    finally:
        profile.disable()
        profile.dump_stats(path)
        stats = pstats.Stats(path)
        stats.sort_stats("cumulative").print_stats(top)
        stats.sort_stats("tottime").print_stats(top)


def best_of(runs: int, step):
    """Run ``step()`` ``runs`` times (it returns a Measure) and keep the fastest."""
    results = [step() for _ in range(runs)]
    return min(results, key=lambda m: m.seconds)


def base_parser(description: str, **defaults) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "-d",
        "--database",
        default=os.environ.get("BENCH_DB", "synergy_bench"),
        help="Odoo database with perf_synergy installed (env BENCH_DB).",
    )
    parser.add_argument("--addons-path", default=os.environ.get("BENCH_ADDONS_PATH"))
    parser.add_argument("--employees", type=int, default=defaults.get("employees", 1000))
    parser.add_argument("--lines", type=int, default=defaults.get("lines", 10))
    parser.add_argument("--depth", type=int, default=defaults.get("depth", 4))
    parser.add_argument("--periods", type=int, default=defaults.get("periods", 12))
    parser.add_argument("--subsidiaries", type=int, default=defaults.get("subsidiaries", 0))
    parser.add_argument("--seed", type=int, default=defaults.get("seed", 42))
    parser.add_argument(
        "--bulk",
        choices=("auto", "orm", "sql"),
        default=os.environ.get("BENCH_BULK", "auto"),
        help="How the generator writes the employee values, scorecards and lines: through the "
        "ORM, or SQL inserts checked against ORM-created rows; auto: SQL above 20,000 employees.",
    )
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="Also report the peak of Python allocations (slows Python down ~2x).",
    )
    parser.add_argument("--json", help="Append the report as one JSON line to this file.")
    parser.add_argument(
        "--profile",
        help="cProfile the measured ORM step into this file and print its top functions.",
    )
    return parser


def open_registry(args):
    """Configure Odoo for ``args.database`` and return its registry."""
    from odoo.modules.registry import Registry
    from odoo.service import server
    from odoo.tools import config

    addons_path = args.addons_path or os.path.join(
        os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "addons"
    )
    config.parse_config(
        [
            "-d",
            args.database,
            f"--addons-path={addons_path}",
            "--log-level=warn",
            "--no-http",
        ]
    )
    server.load_server_wide_modules()
    return Registry(args.database)


def vacuum(database, tables):
    """``VACUUM ANALYZE`` of ``tables``, as autovacuum keeps a production database: every
    benchmark run rolls back, and the dead rows of earlier runs would otherwise fill the
    pages that updates write into and skew one run against the next."""
    import psycopg2

    from odoo.sql_db import connection_info_for

    _name, info = connection_info_for(database)
    connection = psycopg2.connect(**info)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f'VACUUM ANALYZE "{table}"')
    finally:
        connection.close()


def finish(env):
    """What a commit would still run: flush, then the pre-commit hooks (mail tracking of
    the changed fields is written there). The benchmarks roll back instead of committing,
    so without this the tracking messages would not be paid for."""
    env.flush_all()
    env.cr.precommit.run()
    env.flush_all()


def officer_env(cr, data):
    """The admin user (a Synergy Officer of the bench company) as a user clicks: no
    superuser, no tracking switched off, only the bench company allowed."""
    from odoo import SUPERUSER_ID, api

    env = api.Environment(cr, SUPERUSER_ID, {})
    admin = env.ref("base.user_admin")
    return api.Environment(cr, admin.id, {"allowed_company_ids": [data.company_id]})


def report(title: str, args, measures: list[Measure], figures: dict) -> dict:
    load = os.getloadavg()
    print(f"\n== {title}")
    print(
        f"   dataset: employees={args.employees} lines={args.lines} depth={args.depth} "
        f"periods={args.periods} seed={args.seed}; load average {load[0]:.2f} {load[1]:.2f} "
        f"{load[2]:.2f} on {os.cpu_count()} cores"
    )
    for item in measures:
        print("   " + item.line())
    for key, value in figures.items():
        print(f"   {key}: {value}")
    data = {
        "benchmark": title,
        "dataset": {
            "employees": args.employees,
            "lines": args.lines,
            "depth": args.depth,
            "periods": args.periods,
            "seed": args.seed,
        },
        "loadavg": load,
        "measures": [m.__dict__ for m in measures],
        "figures": figures,
    }
    if getattr(args, "json", None):
        with open(args.json, "a", encoding="utf-8") as stream:
            stream.write(json.dumps(data, default=str) + "\n")
    return data
