"""Benchmark: 50 suppliers submitting their ESG reports at once through the portal.

Odoo runs as a real multi-process server (``--workers``) on loopback; each supplier is a
portal user in its own HTTP session and, all starting together, does what a person does:
log in, open the list, open the report, save every answer, upload the evidence files the
catalogue requires, submit. Every request's latency is recorded.

Reference (same run): the latency of one light portal page (``GET /my``) requested by one
user alone, so the figures read as a multiple of what this machine needs for a page.
Checks after the run, in the database: every report is submitted with every answer stored
and every evidence file attached - no lost submission.

    python3 -m tests.benchmarks.bench_esg_portal -d synergy_bench_esg [--suppliers 50]
"""

from __future__ import annotations

import concurrent.futures
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time

if __package__ in (None, ""):
    sys.path.insert(0, __file__.rsplit("/tests/", 1)[0])
    __package__ = "tests.benchmarks"

import requests

from .harness import base_parser, open_registry, report

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LOGIN_PREFIX = "bench_esg_supplier_"
CAMPAIGN_NAME = "Benchmark ESG campaign"


def answer(indicator):
    """A valid answer for any indicator of the catalogue."""
    if indicator.value_type == "boolean":
        return "yes"
    if indicator.value_type == "selection":
        return indicator._esg_selection_options()[0]
    if indicator.value_type == "document":
        return "Policy 2026"
    low = indicator.min_value if indicator.has_min_value else 0.0
    high = indicator.max_value if indicator.has_max_value else low + 100.0
    return f"{(low + high) / 2:g}"


def prepare(registry, suppliers):
    """Suppliers with a portal user each and a fresh draft report per supplier (previous
    benchmark campaigns are removed). Returns one plan per supplier: login, report id, the
    form fields to post and the indicator codes needing evidence."""
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        Partner = env["res.partner"]
        Users = env["res.users"]
        portal = env.ref("base.group_portal")
        old = env["synergy.esg.campaign"].search([("name", "=", CAMPAIGN_NAME)])
        old.report_ids.sudo().with_context(synergy_bench=True)._write({"state": "draft"})
        old.report_ids.unlink()
        old.unlink()
        users = Users.search([("login", "=like", LOGIN_PREFIX + "%")])
        existing = {u.login: u for u in users}
        partners = Partner.browse()
        for index in range(suppliers):
            login = f"{LOGIN_PREFIX}{index:03d}"
            user = existing.get(login)
            if not user:
                company = Partner.create(
                    {"name": f"Bench Supplier {index:03d}", "is_company": True}
                )
                contact = Partner.create(
                    {
                        "name": f"Bench Contact {index:03d}",
                        "parent_id": company.id,
                        "email": f"{login}@example.com",
                    }
                )
                user = Users.create(
                    {
                        "login": login,
                        "password": login,
                        "partner_id": contact.id,
                        "group_ids": [(6, 0, [portal.id])],
                    }
                )
            partners |= user.partner_id.commercial_partner_id
        period = env["synergy.period"].search([("period_type", "=", "year")], limit=1)
        if not period:
            env["synergy.period.generate"].create({"year": 2026}).action_generate()
            period = env["synergy.period"].search([("period_type", "=", "year")], limit=1)
        campaign = env["synergy.esg.campaign"].create(
            {"name": CAMPAIGN_NAME, "period_id": period.id, "partner_ids": [(6, 0, partners.ids)]}
        )
        campaign.action_invite()
        plans = []
        for report_rec in campaign.report_ids.sorted("id"):
            contact_user = report_rec.partner_id.child_ids.user_ids[:1]
            fields = {f"value_{line.id}": answer(line.indicator_id) for line in report_rec.line_ids}
            evidence = report_rec.line_ids.filtered("indicator_id.evidence_required")
            plans.append(
                {
                    "login": contact_user.login,
                    "report_id": report_rec.id,
                    "fields": fields,
                    "evidence": evidence.indicator_id.mapped("code"),
                }
            )
        cr.commit()
    return plans


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(args, port):
    addons = args.addons_path or os.path.join(os.getcwd(), "addons")
    command = [
        sys.executable,
        "-m",
        "odoo",
        "-d",
        args.database,
        f"--addons-path={addons}",
        f"--http-port={port}",
        "--http-interface=127.0.0.1",
        f"--workers={args.workers}",
        "--max-cron-threads=0",
        "--log-level=warn",
        f"--db-filter=^{args.database}$",
        "--limit-time-real=300",
    ]
    server = subprocess.Popen(
        command, cwd="/tmp", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            if requests.get(f"{url}/web/login", timeout=2).status_code == 200:
                return server, url
        except requests.RequestException:
            pass
        time.sleep(0.5)
    server.kill()
    raise SystemExit("the Odoo server did not start")


CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class Supplier:
    def __init__(self, url, plan, timings, lock):
        self.url, self.plan, self.timings, self.lock = url, plan, timings, lock
        self.session = requests.Session()

    def request(self, kind, method, path, **kwargs):
        t0 = time.perf_counter()
        response = self.session.request(method, self.url + path, timeout=120, **kwargs)
        elapsed = time.perf_counter() - t0
        with self.lock:
            self.timings.setdefault(kind, []).append(elapsed)
        if response.status_code != 200:
            raise RuntimeError(f"{kind} {path}: HTTP {response.status_code}")
        return response

    def csrf(self, response):
        return CSRF.search(response.text).group(1)

    def run(self, start):
        start.wait()
        page = self.request("login page", "GET", "/web/login")
        login = self.plan["login"]
        self.request(
            "login",
            "POST",
            "/web/login",
            data={
                "login": login,
                "password": login,
                "csrf_token": self.csrf(page),
                "redirect": "/my/esg",
            },
        )
        self.request("list", "GET", "/my/esg")
        report_path = f"/my/esg/{self.plan['report_id']}"
        page = self.request("open report", "GET", report_path)
        data = dict(self.plan["fields"], csrf_token=self.csrf(page))
        page = self.request("save answers", "POST", f"{report_path}/save", data=data)
        for code in self.plan["evidence"]:
            page = self.request(
                "upload evidence",
                "POST",
                f"{report_path}/evidence",
                data={"indicator": code, "csrf_token": self.csrf(page)},
                files={"evidence": (f"{code}.pdf", PDF, "application/pdf")},
            )
        page = self.request(
            "submit",
            "POST",
            f"{report_path}/save",
            data={"submit": "1", "csrf_token": self.csrf(page)},
        )
        if "o_esg_submitted" not in page.text:
            raise RuntimeError(f"{login}: the submission was not confirmed")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def check(registry, plans):
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        reports = env["synergy.esg.report"].browse([p["report_id"] for p in plans])
        submitted = reports.filtered(lambda r: r.state == "submitted")
        lost_answers = sum(len(r.line_ids.filtered(lambda ln: not ln.has_value)) for r in reports)
        lost_files = sum(
            len(
                r.line_ids.filtered(
                    lambda ln: ln.indicator_id.evidence_required and not ln.attachment_ids
                )
            )
            for r in reports
        )
        return len(submitted), lost_answers, lost_files


def main():
    parser = base_parser(__doc__.splitlines()[0])
    parser.add_argument("--suppliers", type=int, default=50)
    parser.add_argument("--workers", type=int, default=6)
    args = parser.parse_args()
    args.database = args.database if args.database != "synergy_bench" else "synergy_bench_esg"
    registry = open_registry(args)
    # One more supplier than the load: it goes through the same flow alone first, as the
    # reference of what one submission costs on this machine.
    plans = prepare(registry, args.suppliers + 1)
    solo_plan, plans = plans[-1], plans[:-1]
    port = free_port()
    server, url = start_server(args, port)
    try:
        # Reference: one light portal page for one user alone, best of 10 after a warm-up.
        solo = Supplier(url, plans[0], {}, threading.Lock())
        page = solo.request("login page", "GET", "/web/login")
        solo.request(
            "login",
            "POST",
            "/web/login",
            data={
                "login": plans[0]["login"],
                "password": plans[0]["login"],
                "csrf_token": solo.csrf(page),
            },
        )
        reference = []
        for _ in range(12):
            t0 = time.perf_counter()
            solo.session.get(url + "/my", timeout=60).raise_for_status()
            reference.append(time.perf_counter() - t0)
        reference_s = min(reference[2:])

        solo_timings = {}
        solo_start = threading.Event()
        solo_start.set()
        Supplier(url, solo_plan, solo_timings, threading.Lock()).run(solo_start)
        solo_path = [t for k, v in solo_timings.items() if "login" not in k for t in v]
        solo_flow_s = sum(solo_path)

        timings, lock = {}, threading.Lock()
        start = threading.Event()
        suppliers = [Supplier(url, plan, timings, lock) for plan in plans]
        t0 = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(max_workers=len(suppliers)) as pool:
            futures = [pool.submit(s.run, start) for s in suppliers]
            start.set()
            errors = [f.exception() for f in futures if f.exception()]
        wall = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(timeout=60)
    submitted, lost_answers, lost_files = check(registry, plans)
    every = [t for values in timings.values() for t in values]
    # Logging in hashes the password (PBKDF2, deliberately slow): a person does it once a
    # session, so the submission path is reported apart from it.
    path = [t for kind, values in timings.items() if "login" not in kind for t in values]
    figures = {
        "suppliers": args.suppliers,
        "server workers": args.workers,
        "requests": len(every),
        "wall time (all suppliers)": f"{wall:.2f} s",
        "reference GET /my alone": f"{reference_s * 1000:.1f} ms",
        "p50 latency": f"{statistics.median(every) * 1000:.0f} ms",
        "p95 latency": f"{percentile(every, 0.95) * 1000:.0f} ms "
        f"({percentile(every, 0.95) / reference_s:.1f} x reference)",
        "max latency": f"{max(every) * 1000:.0f} ms",
        "p95 latency without login": f"{percentile(path, 0.95) * 1000:.0f} ms "
        f"({percentile(path, 0.95) / reference_s:.1f} x reference)",
        "one supplier alone (same flow, without login)": f"{solo_flow_s:.2f} s for "
        f"{len(solo_path)} requests, slowest {max(solo_path) * 1000:.0f} ms",
        "all suppliers' wall time / one supplier alone": f"{wall / solo_flow_s:.1f} x "
        f"(for {args.suppliers} x the work)",
        "submitted": f"{submitted}/{args.suppliers}",
        "answers lost": lost_answers,
        "evidence files lost": lost_files,
        "client errors": len(errors),
    }
    for kind, values in sorted(timings.items()):
        figures[f"  {kind}"] = (
            f"n={len(values)} p50 {statistics.median(values) * 1000:.0f} ms, "
            f"p95 {percentile(values, 0.95) * 1000:.0f} ms"
        )
    report("ESG portal: concurrent supplier submissions", args, [], figures)
    for error in errors[:5]:
        print("   error:", error)
    if errors or submitted != args.suppliers or lost_answers or lost_files:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
