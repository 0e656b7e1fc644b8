#!/usr/bin/env python3
"""Opens an Assay HTML report in headless Chromium and checks it is self-contained and error-free.

What it checks, through the Chrome DevTools Protocol:
  - no network request other than the report's own file:// URL (and data: URLs) is made;
  - no console message of level warning or error, no uncaught exception, no browser log error;
  - the page has a title and the expected sections (provenance, scorecards, definitions).
It also saves a full-page screenshot (PNG) for a person to look at.

Usage (from the repository root):
    apt-get install -y chromium            # Debian 12's package
    pip install websocket-client==1.9.2
    python3 scripts/check_html_in_chromium.py Reports/fixtures-audit.html --screenshot /tmp/report.png
Exit code 0 when every check passes, 1 when one fails, 2 when Chromium cannot be started.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--screenshot", type=Path, default=Path("report.png"))
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--first-screen", type=Path, default=None,
                        help="also save what a 1280x800 window shows first (PNG), e.g. for Reports/screenshots/")
    args = parser.parse_args()
    url = args.report.resolve().as_uri()

    port = free_port()
    profile = tempfile.mkdtemp(prefix="assay-chromium-")
    browser = subprocess.Popen(
        [args.chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--user-data-dir={profile}", f"--remote-debugging-port={port}", f"--window-size={args.width},1000",
         "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        targets = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json") as response:
                    targets = json.load(response)
                if any(t.get("type") == "page" for t in targets):
                    break
            except OSError:
                time.sleep(0.1)
        page = next((t for t in targets or [] if t.get("type") == "page"), None)
        if page is None:
            print("error: chromium did not start", file=sys.stderr)
            return 2
        ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
        next_id = 0
        events: list[dict] = []

        def call(method: str, **params):
            nonlocal next_id
            next_id += 1
            ws.send(json.dumps({"id": next_id, "method": method, "params": params}))
            while True:
                message = json.loads(ws.recv())
                if message.get("id") == next_id:
                    if "error" in message:
                        raise RuntimeError(f"{method}: {message['error']}")
                    return message.get("result", {})
                events.append(message)

        for domain in ("Page", "Runtime", "Log", "Network"):
            call(f"{domain}.enable")
        call("Page.navigate", url=url)
        deadline = time.time() + 20
        while time.time() < deadline and not any(e.get("method") == "Page.loadEventFired" for e in events):
            ws.settimeout(max(0.1, deadline - time.time()))
            try:
                events.append(json.loads(ws.recv()))
            except websocket.WebSocketTimeoutException:
                break
        ws.settimeout(30)
        metrics = call("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics.get("contentSize")
        shot = call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                    clip={"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 16000), "scale": 1})
        args.screenshot.write_bytes(base64.b64decode(shot["data"]))
        if args.first_screen is not None:
            first = call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                         clip={"x": 0, "y": 0, "width": args.width, "height": 800, "scale": 1})
            args.first_screen.parent.mkdir(parents=True, exist_ok=True)
            args.first_screen.write_bytes(base64.b64decode(first["data"]))
        title = call("Runtime.evaluate", expression="document.title")["result"].get("value")
        sections = call("Runtime.evaluate", expression="Array.from(document.querySelectorAll('section')).map(s => s.id)",
                        returnByValue=True)["result"].get("value", [])
        ws.close()
    finally:
        browser.terminate()
        try:
            browser.wait(timeout=10)
        except subprocess.TimeoutExpired:
            browser.kill()
        shutil.rmtree(profile, ignore_errors=True)

    problems = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            requested = params.get("request", {}).get("url", "")
            if requested != url and not requested.startswith("data:"):
                problems.append(f"network request: {requested}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
            problems.append(f"console {params.get('type')}: {params.get('args')}")
        elif method == "Runtime.exceptionThrown":
            problems.append(f"exception: {params.get('exceptionDetails', {}).get('text')}")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            problems.append(f"log error: {params['entry'].get('text')} {params['entry'].get('url', '')}")
    if title != "Assay audit":
        problems.append(f"unexpected title: {title!r}")
    for section in ("provenance", "scorecards", "definitions"):
        if section not in sections:
            problems.append(f"missing section #{section}")

    print(f"{args.report}: {len(events)} devtools events, sections {sections}, screenshot {args.screenshot} "
          f"({size['width']:.0f}x{size['height']:.0f} css px)")
    for problem in problems:
        print(f"FAIL {problem}")
    print("PASS: no network requests, no console errors" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
