"""Browser benchmark: the dashboard's full render (every asset loaded) in headless Chromium.

Builds a SQLite demo council in var/bench-render (unless --reuse), collects the static files as
the demo serves them, starts `sightline serve` on 127.0.0.1, signs in as the director and loads
the dashboard --runs times with an empty cache and a warm one. Prints the median time to the
load event (every script, style sheet and font fetched and run, the charts drawn), the bytes
transferred, and the machine's load. Not part of CI.

Usage: python bench/render.py [--size 0.25] [--runs 5] [--reuse] [--page /]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST, PORT = "127.0.0.1", 8766
VAR = ROOT / "var" / "bench-render"
SIGHTLINE = str(ROOT / ".venv" / "bin" / "sightline")


def env() -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sightline.settings.demo",
        "SIGHTLINE_VAR_DIR": str(VAR),
        "SIGHTLINE_DEBUG": os.environ.get("SIGHTLINE_DEBUG", "1"),  # the demo as a council runs it
    }


def prepare(size: float) -> None:
    shutil.rmtree(VAR, ignore_errors=True)
    VAR.mkdir(parents=True)
    subprocess.run(
        [SIGHTLINE, "generate", "--seed", "1", "--size", str(size), "--no-progress"], env=env(), check=True
    )
    code = (
        "import django; django.setup()\n"
        "from django.conf import settings; settings.SIGHTLINE_ALLOW_DEMO_USERS = True\n"
        "from sightline.records.demo import create_demo_accounts\n"
        "from sightline.web.selectors import as_at\n"
        "create_demo_accounts(as_at())\n"
    )
    subprocess.run([sys.executable, "-c", code], env=env(), check=True)


def serve() -> subprocess.Popen:
    subprocess.run([SIGHTLINE, "manage", "collectstatic", "--noinput", "-v", "0"], env=env(), check=True)
    server = subprocess.Popen(
        [SIGHTLINE, "serve", "--host", HOST, "--port", str(PORT)],
        env=env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://{HOST}:{PORT}/sign-in/", timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the server did not start")


def measure(page_path: str, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    base = f"http://{HOST}:{PORT}"
    args = ["--no-sandbox", "--disable-gpu"]
    results = {"cold": [], "warm": [], "bytes": 0, "assets": 0}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), headless=True, args=args
        )
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{base}/sign-in/")
        page.fill("#id_username", "director")
        page.fill("#id_password", "demo-director-2026")
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/")
        page.goto(f"{base}{page_path}", wait_until="load")  # the server's figures warm
        for run in range(runs * 2):
            cold = run % 2 == 0
            if cold:
                cdp = context.new_cdp_session(page)
                cdp.send("Network.clearBrowserCache")
            page.goto("about:blank")
            start = time.perf_counter()
            page.goto(f"{base}{page_path}", wait_until="load")
            elapsed = time.perf_counter() - start
            results["cold" if cold else "warm"].append(elapsed)
            if cold:
                sizes = page.evaluate(
                    "performance.getEntriesByType('resource').map(r => r.transferSize)"
                    ".concat([performance.getEntriesByType('navigation')[0].transferSize])"
                )
                results["bytes"], results["assets"] = sum(sizes), len(sizes)
        browser.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=0.25)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--page", default="/")
    args = parser.parse_args()
    if not args.reuse or not (VAR / "demo.sqlite3").exists():
        prepare(args.size)
    server = serve()
    try:
        found = measure(args.page, args.runs)
    finally:
        server.terminate()
        server.wait(timeout=10)
    cold, warm = statistics.median(found["cold"]), statistics.median(found["warm"])
    load = os.getloadavg()
    print(
        f"page {args.page}, council size {args.size}, {args.runs} runs each, load {load[0]:.2f} {load[1]:.2f}"
    )
    print(f"full render, empty cache: median {cold * 1000:.0f} ms ({cold:.2f}x the 1 s aim)")
    print(f"full render, warm cache:  median {warm * 1000:.0f} ms ({warm:.2f}x the 1 s aim)")
    print(f"transferred with an empty cache: {found['bytes'] / 1024:,.0f} KiB in {found['assets']} responses")
    return 0


if __name__ == "__main__":
    sys.exit(main())
