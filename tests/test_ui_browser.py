"""The app in a real browser (Playwright driving Debian's Chromium), with the real embedded model:
log in -> advise -> rehearse three turns -> end -> debrief with evidence -> the mentor sees and comments
-> another salesperson sees nothing (UI and API). Screenshots of each tab go to artifacts/ (not committed)."""
from __future__ import annotations

import os
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import LocalServer, free_port

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
USERS = {"rita": ("salesperson", "north", "rita-pass-1"), "sam": ("salesperson", "north", "sam-pass-12"),
         "mona": ("mentor", "north", "mona-pass-1"), "otto": ("mentor", "south", "otto-pass-1"),
         "trina": ("trainer", "north", "trina-pass-1")}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app(tmp_path_factory, model_dir):
    from coach.auth import hash_password
    from coach.store import Store
    port = free_port()
    data = tmp_path_factory.mktemp("app-data")
    store = Store(f"sqlite:///{data / 'culture-coach.db'}")
    for name, (role, team, pw) in USERS.items():
        store.add_user(name, role, team=team, home="IT" if name == "rita" else None, password_hash=hash_password(pw))
    store.close()
    env = {**os.environ, "COACH_DATA_DIR": str(data), "COACH_MODEL_DIR": str(model_dir), "COACH_PORT": str(port)}
    url = f"http://127.0.0.1:{port}/"
    server = LocalServer([sys.executable, str(ROOT / "app.py")], url, data / "app.log", env=env)
    print(f"\napp: first page after {server.startup_seconds:.1f} s")
    yield {"url": url, "db": data / "culture-coach.db"}
    server.stop()


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


def login(browser, url: str, name: str):
    ctx = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = ctx.new_page()
    page.goto(url)
    page.locator("input[type=text]").first.fill(name)
    page.locator("input[type=password]").fill(USERS[name][2])
    page.get_by_role("button", name="Login").click()
    page.get_by_text(f"Signed in as {name}").wait_for(timeout=30_000)
    return page


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def pick(page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label, exact=True).click()
    page.get_by_role("option", name=option).first.click()


def _wait_reply(db: Path, k: int, timeout: float = 90, user: str = "rita") -> str:
    """The k-th persona reply of the user's latest session, once it is complete in the store."""
    t0 = time.time()
    while time.time() - t0 < timeout:
        con = sqlite3.connect(db)
        try:
            rows = con.execute("SELECT t.text FROM turns t JOIN sessions s ON s.id = t.session_id JOIN users u ON "
                               "u.id = s.user_id WHERE u.name=? AND t.role='persona' AND t.status='complete' AND s.id = (SELECT s2.id "
                               "FROM sessions s2 WHERE s2.user_id = u.id ORDER BY s2.started_at DESC LIMIT 1) "
                               "ORDER BY t.n", (user,)).fetchall()
        finally:
            con.close()
        if len(rows) >= k:
            return rows[k - 1][0]
        time.sleep(0.3)
    raise AssertionError(f"no persona reply {k} within {timeout} s")


def _rita_session(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.name='rita' "
                           "ORDER BY s.started_at DESC").fetchone()[0]
    finally:
        con.close()


def test_end_to_end_salesperson_mentor_privacy(app, browser):
    page = login(browser, app["url"], "rita")
    # Prepare
    page.get_by_label("Who are you meeting?").fill("Korean purchasing manager at a Hyundai supplier in Ulsan, first meeting")
    page.get_by_role("button", name="Brief me").click()
    brief = page.locator("#brief")
    brief.get_by_text("South Korea").first.wait_for(timeout=30_000)
    text = brief.inner_text()
    assert "you: IT" in text and text.count("Why.") == 3 and "kr-" in text
    assert not page.get_by_role("tab", name="Mentor").is_visible()
    shot(page, "prepare")
    # Rehearse three turns with the real embedded model
    page.get_by_role("button", name="Rehearse this").click()
    page.locator("#persona-card").get_by_text("Park").first.wait_for(timeout=15_000)
    page.get_by_role("button", name="Start rehearsal").click()
    page.get_by_text("Session started").wait_for(timeout=15_000)
    chat = page.locator("#chat")
    for i, line in enumerate(["Annyeonghaseyo, Mr Park. Thank you for receiving me.",
                              "How was your weekend? I hope your family is well.",
                              "We hope for a long-term partnership with your company."], 1):
        box = page.get_by_label("You", exact=True)
        box.fill(line)
        page.get_by_role("button", name="Send").click()
        reply = _wait_reply(app["db"], i)
        chat.get_by_text(reply[:40]).first.wait_for(timeout=30_000)  # the streamed reply is on screen
    assert "Annyeonghaseyo" in chat.inner_text()
    shot(page, "rehearse")
    # End -> debrief with scores and evidence
    page.get_by_role("button", name="End and debrief").click()
    debrief = page.locator("#debrief")
    debrief.get_by_text("Overall").first.wait_for(timeout=60_000)
    d = debrief.inner_text()
    assert "Relationship and trust" in d and "turn 1" in d and "KPIs" in d
    shot(page, "debrief")
    sid = _rita_session(app["db"])

    # the mentor of rita's team sees the session and comments
    mentor = login(browser, app["url"], "mona")
    mentor.get_by_role("tab", name="Mentor").click()
    mentor.get_by_role("button", name="Search sessions").click()
    mentor.wait_for_function("() => document.querySelector('#sessions').innerText.includes('rita')", timeout=20_000)
    pick(mentor, "Session", sid)
    mentor.locator("#m-transcript").get_by_text("Annyeonghaseyo").first.wait_for(timeout=20_000)
    mentor.locator("#m-debrief").get_by_text("Overall").first.wait_for(timeout=20_000)
    mentor.get_by_label("Comment").fill("Good warm-up; next time ask how Team Leader Choi decides.")
    mentor.get_by_role("button", name="Add comment").click()
    mentor.locator("#m-comments").get_by_text("Team Leader Choi decides").wait_for(timeout=20_000)
    shot(mentor, "mentor")

    # another salesperson: no mentor tab, no way in through the API
    sam = login(browser, app["url"], "sam")
    assert not sam.get_by_role("tab", name="Mentor").is_visible()
    shot(sam, "other-salesperson")
    from gradio_client import Client
    for name, needle in (("sam", "mentors and trainers"), ("otto", "not visible")):
        client = Client(app["url"], auth=(name, USERS[name][2]), verbose=False)
        with pytest.raises(Exception, match=needle):
            client.predict(sid, api_name="/view_session")
    with pytest.raises(Exception):
        Client(app["url"], auth=("sam", "wrong-password"), verbose=False)


def test_script_in_description_is_not_executed(app, browser):
    page = login(browser, app["url"], "sam")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.get_by_label("Who are you meeting?").fill('<img src=x onerror="alert(1)"> buyer in Seoul <script>alert(2)</script>')
    page.get_by_role("button", name="Brief me").click()
    page.locator("#brief").get_by_text("South Korea").first.wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    assert dialogs == [] and page.locator("#brief img").count() == 0


def test_trainer_packs_workspace_validates_live(app, browser):
    page = login(browser, app["url"], "trina")
    page.get_by_role("tab", name="Packs").click()
    target = next(o for o in (ROOT / "playbooks" / "DE").glob("*.yaml"))
    pick(page, "Pack file", str(target))
    page.locator("#pack-validation").get_by_text("valid case").wait_for(timeout=20_000)
    shot(page, "packs")


def test_arabic_and_korean_round_trip_and_render_right_to_left(app, browser):
    page = login(browser, app["url"], "sam")
    page.get_by_label("Who are you meeting?").fill("사우디 국영 전력회사 구매 책임자, 첫 미팅")
    page.get_by_role("button", name="Brief me").click()
    page.locator("#brief").get_by_text("Saudi Arabia").first.wait_for(timeout=30_000)
    page.get_by_role("button", name="Rehearse this").click()
    page.get_by_role("button", name="Start rehearsal").click()
    page.get_by_text("Session started").wait_for(timeout=15_000)
    arabic = "السلام عليكم، شكراً على حسن الاستقبال"
    page.get_by_label("You", exact=True).fill(arabic)
    page.get_by_role("button", name="Send").click()
    reply = _wait_reply(app["db"], 1, user="sam")
    chat = page.locator("#chat")
    chat.get_by_text(reply[:30]).first.wait_for(timeout=30_000)
    assert arabic in chat.inner_text()
    assert page.get_by_label("You", exact=True).input_value() == ""  # the box clears once the line is sent
    assert "Clock:" in page.locator("#clock").inner_text()
    # laid out right to left: the first letter of the line sits to the right of its last letter
    xs = page.evaluate("""(needle) => {
        const walk = document.createTreeWalker(document.querySelector('#chat'), NodeFilter.SHOW_TEXT);
        let n; while ((n = walk.nextNode())) { if (n.textContent.includes(needle)) break; }
        if (!n) return null;
        const i = n.textContent.indexOf(needle), r = document.createRange();
        r.setStart(n, i); r.setEnd(n, i + 1); const first = r.getBoundingClientRect().x;
        r.setStart(n, i + needle.length - 1); r.setEnd(n, i + needle.length); const last = r.getBoundingClientRect().x;
        return [first, last, getComputedStyle(n.parentElement).unicodeBidi];
    }""", "السلام عليكم")
    assert xs is not None and xs[0] > xs[1], xs
    shot(page, "rehearse-arabic")
    con = sqlite3.connect(app["db"])
    try:
        stored = con.execute("SELECT t.text FROM turns t JOIN sessions s ON s.id = t.session_id JOIN users u ON "
                             "u.id = s.user_id WHERE u.name='sam' AND t.role='trainee' ORDER BY t.id DESC").fetchone()[0]
    finally:
        con.close()
    assert stored == arabic
