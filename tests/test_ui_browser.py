"""The app in a real browser (Playwright driving Debian's Chromium): the Prepare workspace."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, model_dir):
    port = _free_port()
    data = tmp_path_factory.mktemp("app-data")
    log = open(data / "app.log", "w+")
    env = {**os.environ, "COACH_DATA_DIR": str(data), "COACH_MODEL_DIR": str(model_dir), "COACH_PORT": str(port)}
    t0 = time.time()
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    url = f"http://127.0.0.1:{port}/"
    while time.time() - t0 < 180:
        if proc.poll() is not None:
            log.seek(0)
            pytest.fail("app exited:\n" + log.read()[-3000:])
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("app did not start in 180 s")
    print(f"app first page after {time.time() - t0:.1f} s")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (scripts/system-deps.sh installs it)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"])
        yield b
        b.close()


@pytest.mark.browser
def test_prepare_brief_in_browser(app_url, browser):
    page = browser.new_page()
    page.goto(app_url)
    box = page.get_by_label("Who are you meeting?")
    box.fill("Saudi procurement lead at a state-owned utility, first meeting in Riyadh. I'm Italian")
    page.get_by_role("button", name="Brief me").click()
    brief = page.locator("#brief")
    brief.get_by_text("Saudi Arabia").first.wait_for(timeout=30_000)
    text = brief.inner_text()
    assert "you: IT" in text
    assert text.count("Why.") == 3 and text.count("Instead.") == 3
    assert "sa-" in text  # source case ids are shown
    assert "شكر" in text or any("\u0600" <= ch <= "\u06ff" for ch in text)  # Arabic phrase renders intact
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "prepare.png"), full_page=True)
    # bad input: a clear message, no crash
    box.fill("   ")
    page.get_by_role("button", name="Brief me").click()
    brief.get_by_text("Please check the description").wait_for(timeout=15_000)
    page.close()


@pytest.mark.browser
def test_script_in_description_is_not_executed(app_url, browser):
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(app_url)
    page.get_by_label("Who are you meeting?").fill('<img src=x onerror="alert(1)"> buyer in Seoul <script>alert(2)</script>')
    page.get_by_role("button", name="Brief me").click()
    page.locator("#brief").get_by_text("South Korea").first.wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    assert dialogs == []
    assert page.locator("#brief img").count() == 0
    page.close()
