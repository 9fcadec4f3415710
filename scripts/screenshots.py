"""Take PNG screenshots of the main screens from a running demo server into docs/screenshots/.

Headless Chromium is driven through the Chrome DevTools protocol (``websocket-client``), as
Odoo's own browser tests do. Start the demo first (``make run``), then::

    python3 scripts/screenshots.py [--url http://127.0.0.1:8069] [--db synergy_demo]
                                   [--login admin] [--password admin] [--lang en_US]

A screen whose action is not installed (e.g. the ESG or group addon is missing) is skipped
with a message; a screen that shows the login page or an error dialog fails the run.
"""

import argparse
import base64
import itertools
import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"

# (file name, action xmlid, record: None or (model, domain, order), selector to wait for)
SCREENS = [
    (
        "strategy-map",
        "perf_synergy.action_synergy_objective",
        None,
        ".o_hierarchy_view .o_hierarchy_node",
    ),
    (
        "department-scorecard",
        "perf_synergy.action_synergy_scorecard",
        ("synergy.scorecard", [["owner_level", "=", "department"]], "id"),
        ".o_form_view .o_field_one2many .o_data_row",
    ),
    (
        "value-tree",
        "perf_synergy.action_synergy_scorecard_line",
        None,
        ".o_hierarchy_view .o_hierarchy_node",
    ),
    (
        "raci-matrix",
        "perf_synergy.action_synergy_raci_matrix",
        ("synergy.raci.matrix", [], "id"),
        ".o_form_view table",
    ),
    (
        "linkage-matrix",
        "perf_synergy.action_synergy_linkage_matrix",
        ("synergy.linkage.matrix", [["state", "=", "approved"]], "id desc"),
        ".o_form_view table",
    ),
    (
        "evaluation-campaign",
        "perf_synergy.action_synergy_evaluation_campaign",
        ("synergy.evaluation.campaign", [], "id"),
        ".o_form_view .o_form_sheet",
    ),
    (
        "my-department",
        "perf_synergy.action_synergy_dashboard_department",
        None,
        ".o_synergy_dashboard [data-section='trend'] canvas",
    ),
    (
        "company-health",
        "perf_synergy.action_synergy_company_health_dashboard",
        None,
        ".o_synergy_dashboard .o_synergy_dashboard_section[data-section='collaboration_map'] "
        ".o_synergy_dashboard_cell",
    ),
    (
        "committee",
        "perf_synergy.action_synergy_committee",
        None,
        ".o_kanban_view .o_kanban_record",
    ),
    (
        "diagnosis-radar",
        "perf_synergy.action_synergy_diagnosis",
        ("synergy.diagnosis", [], "id"),
        ".o_form_view .o_synergy_radar canvas",
    ),
    (
        "process-dashboard",
        "perf_synergy.action_synergy_process_dashboard",
        None,
        ".o_kanban_view .o_kanban_record",
    ),
    (
        "esg-report",
        "perf_synergy_esg.action_esg_report",
        ("synergy.esg.report", [], "id"),
        ".o_form_view .o_form_sheet",
    ),
    (
        "esg-dashboard",
        "perf_synergy_esg.action_synergy_dashboard_esg",
        None,
        ".o_synergy_dashboard [data-section='ratings_chart'] canvas",
    ),
    (
        "group-dashboard",
        "perf_synergy_group.action_synergy_dashboard_group",
        None,
        ".o_synergy_dashboard [data-section='achievement_chart'] canvas",
    ),
    (
        "consolidation-run",
        "perf_synergy_group.action_synergy_consolidation_run",
        ("synergy.consolidation.run", [], "id"),
        ".o_form_view .o_form_sheet",
    ),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """A headless Chromium with one page, driven over the DevTools protocol."""

    def __init__(self, width=1440, height=900):
        binary = next(
            (
                shutil.which(b)
                for b in ("chromium", "chromium-browser", "google-chrome")
                if shutil.which(b)
            ),
            None,
        )
        if not binary:
            raise SystemExit("Chromium is needed (Debian: apt-get install chromium)")
        self.profile = tempfile.mkdtemp(prefix="synergy-shots-")
        port = free_port()
        self.process = subprocess.Popen(
            [
                binary,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--remote-debugging-port={port}",
                f"--user-data-dir={self.profile}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as response:
                    pages = [t for t in json.load(response) if t["type"] == "page"]
                if pages:
                    break
            except OSError:
                pass
            if time.time() > deadline:
                raise SystemExit("Chromium did not open its DevTools port")
            time.sleep(0.2)
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60)
        self.ids = itertools.count(1)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def call(self, method, **params):
        message_id = next(self.ids)
        self.ws.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == message_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call(
            "Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}…: {result['exceptionDetails']}")
        return result.get("result", {}).get("value")

    def goto(self, url):
        self.call("Page.navigate", url=url)

    def wait_for(self, selector, timeout=30):
        deadline = time.time() + timeout
        check = f"!!document.querySelector({json.dumps(selector)})"
        while time.time() < deadline:
            if self.evaluate(check):
                return True
            time.sleep(0.3)
        return False

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self):
        try:
            self.ws.close()
        finally:
            self.process.terminate()
            self.process.wait(10)
            shutil.rmtree(self.profile, ignore_errors=True)


def rpc(browser, model, method, args, kwargs=None):
    """Call the ORM from the logged-in page (the session cookie is the browser's)."""
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
    }
    result = browser.evaluate(
        "fetch('/web/dataset/call_kw', {method: 'POST', headers: {'Content-Type': "
        f"'application/json'}}, body: JSON.stringify({json.dumps(payload)})}})"
        ".then(r => r.json())"
    )
    if result.get("error"):
        raise RuntimeError(f"{model}.{method}: {result['error']['data']['message']}")
    return result["result"]


def login(browser, url, db, user, password):
    browser.goto(f"{url}/web/login?db={db}")
    if not browser.wait_for("form.oe_login_form"):
        raise SystemExit(f"no login page at {url}")
    payload = {"jsonrpc": "2.0", "params": {"db": db, "login": user, "password": password}}
    result = browser.evaluate(
        "fetch('/web/session/authenticate', {method: 'POST', headers: {'Content-Type': "
        f"'application/json'}}, body: JSON.stringify({json.dumps(payload)})}})"
        ".then(r => r.json())"
    )
    if result.get("error") or not (result.get("result") or {}).get("uid"):
        raise SystemExit(f"login as {user} failed on {db}: {result.get('error')}")


def action_exists(browser, xmlid):
    module, name = xmlid.split(".")
    return bool(
        rpc(
            browser,
            "ir.model.data",
            "search_count",
            [[["module", "=", module], ["name", "=", name]]],
        )
    )


def record_id(browser, xmlid, record):
    model, domain, order = record
    ids = rpc(browser, model, "search", [domain], {"order": order, "limit": 1})
    return ids[0] if ids else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("SYNERGY_URL", "http://127.0.0.1:8069"))
    parser.add_argument("--db", default=os.environ.get("SYNERGY_DEMO_DB", "synergy_demo"))
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--lang", default="en_US", help="e.g. zh_CN (must be installed)")
    parser.add_argument("--out", default=str(OUT))
    parser.add_argument("--only", nargs="*", help="names of the screens to take")
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    url = args.url.rstrip("/")

    browser = Browser()
    failures = []
    try:
        login(browser, url, args.db, args.login, args.password)
        if args.lang != "en_US":
            uid = browser.evaluate(
                "fetch('/web/session/get_session_info', {method: 'POST', "
                "headers: {'Content-Type': 'application/json'}, body: '{}'})"
                ".then(r => r.json()).then(r => r.result.uid)"
            )
            rpc(browser, "res.users", "write", [[uid], {"lang": args.lang}])
        for name, xmlid, record, selector in SCREENS:
            if args.only and name not in args.only:
                continue
            if not action_exists(browser, xmlid):
                print(f"skip {name}: {xmlid} is not installed")
                continue
            path = f"{url}/odoo/action-{xmlid}"
            if record:
                res_id = record_id(browser, xmlid, record)
                if not res_id:
                    print(f"skip {name}: no {record[0]} record in {args.db}")
                    continue
                path += f"/{res_id}"
            browser.goto(path)
            found = browser.wait_for(selector)
            if browser.evaluate("!!document.querySelector('form.oe_login_form, .o_error_dialog')"):
                failures.append(f"{name}: login page or error dialog at {path}")
                continue
            if not found:
                failures.append(f"{name}: {selector!r} did not appear at {path}")
            time.sleep(1.5)  # animations, charts
            target = out / f"{name}.png"
            browser.screenshot(target)
            print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
    finally:
        browser.close()
    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
