"""Benchmark: the period close of a large organisation through queue_job's job runner (issue
21, item 2).

Dataset: the generator at ``--employees`` (100,000 by default) x 10 lines, depth 5, one month
of values, in a database with ``perf_synergy_queue`` (and so ``queue_job``) installed.

Measured: the officer clicks *Close* on the month (``action_close()``, committed: with the
bridge, a close of that size cuts itself in chunks and enqueues them); an Odoo server started
by the benchmark with ``--workers 2`` and queue_job's job runner (``--load=base,web,queue_job``,
channels ``root:2``, no cron) runs the jobs; the benchmark polls the period until it is
closed (or a chunk failed) and reports:

* the total wall time from the click to the period closed, and the click's own time;
* every job of the close from the queue (``queue.job``: ``exec_time``): the slowest chunk,
  the measures job, the company roll-up, the sum of the jobs' times;
* the peak memory of a worker: the high-water mark of the resident set (``VmHWM`` of
  ``/proc/<pid>/status``) of each process of the server, read just before it is stopped,
  and the largest RSS sampled every 0.2 s (psutil) while the jobs ran;
* the ratio of the total to the SQL floor: the one statement of ``bench_close`` scoring every
  employee line (best of 3, same run, before the click).

The close is committed (jobs run in their own transactions): the benchmark reopens the month
first when an earlier run closed it (``action_reopen``), then ``VACUUM ANALYZE`` of the line,
scorecard and value tables as in ``bench_close``. Targets (issue 21): <= 120 s in total, no
chunk over 15 s, worker peak memory <= 1 GiB.

    python3 -m tests.benchmarks.bench_jobs -d synergy_bench_jobs --employees 100000 --depth 5
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

if __package__ in (None, ""):
    sys.path.insert(0, __file__.rsplit("/tests/", 1)[0])
    __package__ = "tests.benchmarks"

from .bench_close import sql_reference
from .generator import ensure
from .harness import Measure, base_parser, measure, officer_env, open_registry, report, vacuum

CHANNEL = "root.synergy.close"


def _hwm_mib(pid):
    """Peak resident set (VmHWM) of process ``pid`` in MiB, None if gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        return None
    return None


def start_server(args, addons_path):
    env = dict(os.environ, ODOO_QUEUE_JOB_CHANNELS=f"root:{args.workers}")
    command = [
        # python -m odoo: the prefork server's websocket worker (spawned by running
        # sys.argv[0] again) then fails at once, which costs nothing; jobs do not need it.
        sys.executable,
        "-m",
        "odoo",
        "-d",
        args.database,
        f"--db-filter=^{args.database}$",
        f"--addons-path={addons_path}",
        f"--workers={args.workers}",
        "--max-cron-threads=0",
        f"--http-port={args.port}",
        "--http-interface=127.0.0.1",
        "--load=base,web,queue_job",
        "--limit-time-real=3600",
        "--limit-time-cpu=3600",
        "--limit-memory-soft=8589934592",
        "--limit-memory-hard=10737418240",
        "--log-level=warn",
    ]
    if args.data_dir:
        command.append(f"--data-dir={args.data_dir}")
    log = open(args.server_log, "w", encoding="utf-8")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    process.log = log
    return process


def stop_server(process):
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    process.log.close()


def reopen_if_closed(registry, data):
    with registry.cursor() as cr:
        env = officer_env(cr, data)
        period = env["synergy.period"].browse(data.closing_month_id)
        reopened = period.state in ("closing", "closed")
        if reopened:
            period.action_reopen()
        # Jobs left by an interrupted earlier run would run beside this one's.
        left = (
            env["queue.job"]
            .sudo()
            .search(
                [("channel", "=", CHANNEL), ("state", "not in", ("done", "cancelled", "failed"))]
            )
        )
        left.button_cancelled()
        env.flush_all()
        cr.commit()
        return reopened


def run(args):  # noqa: PLR0915 - one linear measurement, step by step
    import psutil

    registry = open_registry(args)
    from odoo.tools import config

    addons_path = config["addons_path"]
    if not isinstance(addons_path, str):
        addons_path = ",".join(addons_path)
    data = ensure(registry, args)
    reopened = reopen_if_closed(registry, data)
    vacuum(args.database, ("synergy_scorecard_line", "synergy_scorecard", "synergy_kpi_value"))
    with registry.cursor() as cr:
        env = officer_env(cr, data)
        if "synergy.close.chunk" not in env:
            raise SystemExit("perf_synergy_queue is not installed in this database")
        reference = sql_reference(cr, data.closing_month_id)
        reference.extra.pop("scores")
        counts = {
            "scorecards": env["synergy.scorecard"].search_count(
                [("period_id", "=", data.closing_month_id)]
            ),
            "lines": env["synergy.scorecard.line"].search_count(
                [("period_id", "=", data.closing_month_id)]
            ),
        }
        cr.execute("SELECT COALESCE(max(id), 0) FROM queue_job")
        last_job = cr.fetchone()[0]

    server = start_server(args, addons_path)
    time.sleep(args.warmup)  # the server loads its registry and the job runner connects
    peak_rss = {}
    try:
        with registry.cursor() as cr:
            env = officer_env(cr, data)
            period = env["synergy.period"].browse(data.closing_month_id)
            started = time.perf_counter()
            with measure("click: action_close() and commit (chunks enqueued)", cr) as click:
                period.action_close()
                env.flush_all()
                cr.commit()
        state, failed = "closing", 0
        deadline = started + args.timeout
        while time.perf_counter() < deadline:
            for child in psutil.Process(server.pid).children(recursive=True):
                try:
                    rss = child.memory_info().rss / 2**20
                except psutil.Error:
                    continue
                peak_rss[child.pid] = max(peak_rss.get(child.pid, 0.0), rss)
            with registry.cursor() as cr:
                cr.execute(
                    "SELECT state FROM synergy_period WHERE id = %s", [data.closing_month_id]
                )
                state = cr.fetchone()[0]
                cr.execute(
                    "SELECT count(*) FROM queue_job WHERE id > %s AND channel = %s "
                    "AND state IN ('failed', 'cancelled')",
                    [last_job, CHANNEL],
                )
                failed = cr.fetchone()[0]
            if state == "closed" or failed:
                break
            time.sleep(0.2)
        total = time.perf_counter() - started
        hwm = {
            child.pid: _hwm_mib(child.pid)
            for child in psutil.Process(server.pid).children(recursive=True)
        }
        hwm[server.pid] = _hwm_mib(server.pid)
    finally:
        stop_server(server)

    with registry.cursor() as cr:
        cr.execute(
            """
            SELECT job.exec_time, chunk.kind, chunk.scorecard_count, job.state
              FROM queue_job job
              JOIN synergy_close_chunk chunk ON chunk.job_uuid = job.uuid
             WHERE job.id > %s AND chunk.period_id = %s
            """,
            [last_job, data.closing_month_id],
        )
        jobs = cr.fetchall()
    chunk_times = [row for row in jobs if row[1] == "departments" and row[0] is not None]
    slowest = max(chunk_times, default=(0.0, "departments", 0, "-"))
    by_kind = {row[1]: row for row in jobs if row[1] != "departments"}
    close = Measure(f"close through jobs, {args.workers} workers: click to period closed")
    close.seconds = total
    worker_hwm = max((v for v in hwm.values() if v), default=0.0)
    figures = {
        **{f"{key} in the period": value for key, value in counts.items()},
        "month reopened from an earlier run first": reopened,
        "final state of the period": state,
        "jobs of the close (done / failed)": (
            f"{sum(1 for row in jobs if row[3] == 'done')} / {failed}"
        ),
        "department chunks": len(chunk_times),
        "total wall time (target <= 120 s)": f"{total:.1f} s",
        "slowest chunk (target <= 15 s)": (
            f"{slowest[0]:.1f} s ({slowest[2]} scorecards)" if chunk_times else "-"
        ),
        "measures job": f"{by_kind['measures'][0]:.1f} s" if "measures" in by_kind else "-",
        "company roll-up job": (
            f"{by_kind['rollup'][0]:.1f} s" if "rollup" in by_kind and by_kind["rollup"][0] else "-"
        ),
        "sum of the jobs' times": f"{sum(row[0] or 0.0 for row in jobs):.1f} s",
        "worker peak memory, VmHWM (target <= 1 GiB)": f"{worker_hwm:.0f} MiB",
        "largest RSS sampled while the jobs ran": (
            f"{max(peak_rss.values(), default=0.0):.0f} MiB"
        ),
        "ratio total / SQL floor": f"{total / reference.seconds:.1f}",
    }
    return report("period close through jobs", args, [reference, click, close], figures)


def main(argv=None):
    parser = base_parser(__doc__.split("\n", 1)[0], employees=100000, lines=10, depth=5, periods=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_HTTP_PORT", "8106")))
    parser.add_argument("--data-dir", default=os.environ.get("BENCH_DATA_DIR"))
    parser.add_argument("--warmup", type=float, default=20.0)
    parser.add_argument("--timeout", type=float, default=1800.0)
    parser.add_argument("--server-log", default="/tmp/bench_jobs_server.log")
    run(parser.parse_args(argv))


if __name__ == "__main__":
    main()
