"""The app in a real browser (Playwright driving Debian's Chromium), with the real embedded model:
log in -> advise -> rehearse three turns -> end -> debrief with evidence -> the mentor sees and comments
-> another salesperson sees nothing (UI and API); a whole rehearsal by keyboard at phone width; empty
states; the Packs workspace. At 1366×900 and 390×844 the message box and the latest reply stay in view
after each turn; axe-core finds no critical or serious violation in any workspace; Hangul, Hanzi,
Japanese, Arabic and Devanagari render with real glyphs. One app server for the module.
Screenshots of each tab go to artifacts/ (not committed)."""
from __future__ import annotations

import json
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
AXE_JS = Path(os.environ.get("COACH_AXE_JS", ROOT / ".venv/node/node_modules/axe-core/axe.min.js"))
USERS = {"rita": ("salesperson", "north", "rita-pass-1"), "sam": ("salesperson", "north", "sam-pass-12"),
         "mona": ("mentor", "north", "mona-pass-1"), "otto": ("mentor", "south", "otto-pass-1"),
         "trina": ("trainer", "north", "trina-pass-1"), "rob": ("salesperson", "south", "rob-pass-123")}
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}

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
    if not AXE_JS.exists():
        pytest.skip(f"axe-core is not installed at {AXE_JS} (scripts/system-deps.sh installs it)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"])
        yield b
        b.close()


def login(browser, url: str, name: str, viewport: dict = DESKTOP, **context):
    ctx = browser.new_context(viewport=viewport, **context)
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


# ---------------------------------------------------------------- checks run in the page
def axe(page, where: str) -> None:
    """No critical or serious axe-core violation on the page, once no event is running (a running one fades
    what it updates, and faded text fails the contrast rule)."""
    page.wait_for_function("() => !document.querySelector('.pending, .generating')", timeout=30_000)
    # the fade back from .pending is a 0.15 s CSS transition: wait until no finite animation is still running
    page.wait_for_function("""() => document.getAnimations().every((a) => a.playState !== 'running'
        || !Number.isFinite(a.effect?.getComputedTiming().endTime))""", timeout=10_000)
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    found = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .filter((v) => v.impact === 'critical' || v.impact === 'serious')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.html.slice(0, 160)).join(' | ')}`)""")
    assert not found, f"axe-core, {where}:\n" + "\n".join(found)


# Each Hangul/Han/kana/Arabic/Devanagari letter of the element, drawn in the element's font, must differ from
# what the browser draws for unassigned code points (the empty box of a missing glyph).
GLYPHS = r"""(el, script) => {
  const re = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Arabic}\p{Script=Devanagari}]/u;
  const chars = [...new Set([...el.innerText].filter((c) => re.test(c)))];
  const canvas = document.createElement('canvas'); canvas.width = 64; canvas.height = 64;
  const g = canvas.getContext('2d', {willReadFrequently: true});
  g.font = `40px ${getComputedStyle(el).fontFamily}`; g.textBaseline = 'top';
  const draw = (c) => { g.clearRect(0, 0, 64, 64); g.fillText(c, 4, 4); return g.getImageData(0, 0, 64, 64).data.join(); };
  const box = new Set(['\u0378', '\u05FF', '\uFFFF'].map(draw));
  return {chars: chars.join(''), boxes: chars.filter((c) => box.has(draw(c))).join(''),
          found: new RegExp(script, 'u').test(chars.join(''))};
}"""


# overflow-x of each waveform scroll area (inside the audio player's shadow root) of the buyer's spoken reply
WAVE_OVERFLOW = """() => [...document.querySelectorAll('#reply-audio *')].filter((el) => el.shadowRoot)
  .flatMap((el) => [...el.shadowRoot.querySelectorAll('[part~="scroll"]')]).map((el) => getComputedStyle(el).overflowX)"""


def real_glyphs(page, selector: str, script: str) -> None:
    r = page.locator(selector).evaluate(GLYPHS, script)
    assert r["found"], f"{selector}: expected letters matching {script}, page has {r['chars']!r}"
    assert not r["boxes"], f"{selector}: drawn as empty boxes (no font): {r['boxes']!r} — run scripts/system-deps.sh"


# The message box, the persona's name, the clock and the latest reply (all of it, scrolled into the chat's
# view) are inside the viewport at the page's current scroll position.
IN_VIEW = """() => {
  const vh = window.innerHeight, box = (s) => { const e = document.querySelector(s); return e && e.getBoundingClientRect(); };
  const inView = (r) => !!r && r.height > 0 && r.top >= -1 && r.bottom <= vh + 1;
  const log = box('#chat [role=log]'), bots = document.querySelectorAll('#chat [data-testid=bot]');
  const last = bots.length ? bots[bots.length - 1].getBoundingClientRect() : null;
  const reply = !!last && !!log && inView(last) && last.top >= log.top - 1 && last.bottom <= log.bottom + 1;
  return {input: inView(box('#msg textarea')), head: inView(box('#persona-head')), clock: inView(box('#clock')),
          reply: reply, scrollY: window.scrollY, vh: vh, last: last && [last.top, last.bottom], log: log && [log.top, log.bottom]};
}"""


def assert_chat_in_view(page, where: str) -> None:
    try:
        page.wait_for_function(f"() => {{ const s = ({IN_VIEW})(); return s.input && s.head && s.clock && s.reply; }}",
                               timeout=5_000)
    except Exception:
        raise AssertionError(f"{where}: not all in view without scrolling: {page.evaluate(IN_VIEW)}") from None


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


def wait_reply_on_screen(page, reply: str) -> None:
    """The whole reply is in the chat's latest buyer message (the turn's event is finishing)."""
    page.wait_for_function("""(tail) => { const b = document.querySelectorAll('#chat [data-testid=bot]');
        return b.length > 0 && b[b.length - 1].innerText.replace(/[^\\p{L}\\p{N}]+/gu, '').includes(tail); }""",
                           arg="".join(ch for ch in reply if ch.isalnum())[-20:], timeout=30_000)
    page.wait_for_timeout(300)


def _reply_plan(db: Path, k: int, user: str) -> list[str]:
    """The engine's plan for the k-th persona reply of the user's latest session (ack:offer, move:counter…)."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT t.meta FROM turns t JOIN sessions s ON s.id = t.session_id JOIN users u ON "
                           "u.id = s.user_id WHERE u.name=? AND t.role='persona' AND s.id = (SELECT s2.id FROM sessions s2 "
                           "WHERE s2.user_id = u.id ORDER BY s2.started_at DESC LIMIT 1) ORDER BY t.n", (user,)).fetchall()
    finally:
        con.close()
    return list(json.loads(rows[k - 1][0] or "{}").get("plan") or [])


def _latest_session(db: Path, user: str = "rita") -> str:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.name=? "
                           "ORDER BY s.started_at DESC", (user,)).fetchone()[0]
    finally:
        con.close()


def _focused(page, selector: str) -> bool:
    return page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector)


def tab_to(page, selector: str, limit: int = 40) -> None:
    """Press Tab until the focused element matches: the control is reachable by keyboard."""
    for _ in range(limit):
        if _focused(page, selector):
            return
        page.keyboard.press("Tab")
    assert _focused(page, selector), f"{selector} not reached with {limit} Tab presses"


# ---------------------------------------------------------------- the tests
def test_end_to_end_salesperson_mentor_privacy(app, browser):
    page = login(browser, app["url"], "rita", permissions=["clipboard-read", "clipboard-write"])
    # Prepare: the brief, its header, copying it in both formats
    page.get_by_text("Your brief appears here").wait_for()
    axe(page, "Prepare, empty")
    page.get_by_label("Who are you meeting?").fill("Korean purchasing manager at a Hyundai supplier in Ulsan, first meeting")
    page.get_by_role("button", name="Brief me").click()
    brief = page.locator("#brief")
    brief.get_by_text("South Korea").first.wait_for(timeout=30_000)
    text = brief.inner_text()
    assert "you: IT" in text and text.count("Why.") == 3 and "kr-" in text
    head = brief.locator("h2").first.inner_text()
    assert head == "South Korea · first meeting · you: IT", head  # no empty stage, no dangling separator
    assert not page.get_by_role("tab", name="Mentor").is_visible()
    page.get_by_role("button", name="Copy brief (plain text)").click()
    page.get_by_text("Copied the brief as plain text").wait_for()
    plain = page.evaluate("() => navigator.clipboard.readText()")
    assert plain.startswith("South Korea · first meeting · you: IT") and "Why. " in plain and "**" not in plain
    page.get_by_role("button", name="Copy brief (Markdown)").click()
    page.get_by_text("Copied the brief as Markdown").wait_for()
    assert "**Why.**" in page.evaluate("() => navigator.clipboard.readText()")
    axe(page, "Prepare, with a brief")
    shot(page, "prepare")
    # Rehearse three turns with the real embedded model, chat and card side by side at 1366×900
    page.get_by_role("button", name="Rehearse this").click()
    page.locator("#persona-card").get_by_text("Park").first.wait_for(timeout=15_000)
    real_glyphs(page, "#persona-card", r"\p{Script=Hangul}")
    page.get_by_role("button", name="Start rehearsal").click()
    page.get_by_text("Session started").wait_for(timeout=15_000)
    page.wait_for_function("() => document.activeElement && document.activeElement.closest('#msg')")
    assert "Park Ji-hoon" in page.locator("#persona-head").inner_text()
    chat = page.locator("#chat")
    for i, line in enumerate(["Annyeonghaseyo, Mr Park. Thank you for receiving me.",
                              "How was your weekend? I hope your family is well.",
                              "We hope for a long-term partnership with your company."], 1):
        page.keyboard.type(line)
        if i == 1:
            page.get_by_role("button", name="Send").click()
        else:
            page.keyboard.press("Enter")
        reply = _wait_reply(app["db"], i)
        wait_reply_on_screen(page, reply)  # the streamed reply is on screen
        assert_chat_in_view(page, f"1366×900, turn {i}")
        page.wait_for_function("() => document.querySelector('#msg textarea').value === ''")
    assert "Annyeonghaseyo" in chat.inner_text()
    axe(page, "Rehearse, in a session")
    # a long spoken reply's waveform is wider than the player; it must not become an unfocusable scroll region
    # (the player sets overflow-x: auto inline then; the page's rule must win over it)
    page.wait_for_function(f"() => ({WAVE_OVERFLOW})().length > 0", timeout=30_000)
    assert page.evaluate(WAVE_OVERFLOW.replace(".map(", ".map((el) => (el.style.overflowX = 'auto', el)).map(")) \
        == ["hidden"]
    shot(page, "rehearse")
    # End -> debrief with scores and evidence
    page.get_by_role("button", name="End and debrief").click()
    debrief = page.locator("#debrief")
    debrief.get_by_text("Overall").first.wait_for(timeout=60_000)
    d = debrief.inner_text()
    assert "Relationship and trust" in d and "turn 1" in d and "KPIs" in d
    page.locator("#score-plot img").wait_for(timeout=20_000)
    axe(page, "Debrief")
    shot(page, "debrief")
    sid = _latest_session(app["db"])

    # the mentor of rita's team sees the session (by name and date, not its id) and comments
    mentor = login(browser, app["url"], "mona")
    mentor.get_by_role("tab", name="Mentor").click()  # opening the tab lists the sessions
    mentor.wait_for_function("() => document.querySelector('#sessions')?.innerText.includes('rita')",
                           timeout=20_000)
    assert sid not in mentor.locator("#sessions").inner_text()
    pick(mentor, "Session", "rita · Aluminium battery-pack brackets")
    assert sid not in mentor.get_by_role("combobox", name="Session", exact=True).input_value()
    mentor.locator("#m-transcript").get_by_text("Annyeonghaseyo").first.wait_for(timeout=20_000)
    mentor.locator("#m-debrief").get_by_text("Overall").first.wait_for(timeout=20_000)
    assert mentor.locator("#trend").is_visible()
    mentor.get_by_label("Comment").fill("Good warm-up; next time ask how Team Leader Choi decides.")
    mentor.get_by_role("button", name="Add comment").click()
    mentor.locator("#m-comments").get_by_text("Team Leader Choi decides").wait_for(timeout=20_000)
    axe(mentor, "Mentor, a session open")
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


def test_script_in_description_is_not_executed_and_home_is_recognised(app, browser):
    page = login(browser, app["url"], "sam")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.get_by_label("Who are you meeting?").fill(
        '<img src=x onerror="alert(1)"> buyer in Seoul <script>alert(2)</script>, I\'m Italian')
    page.get_by_role("button", name="Brief me").click()
    page.locator("#brief").get_by_text("South Korea").first.wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    assert dialogs == [] and page.locator("#brief img").count() == 0
    # "I'm Italian" is read from the text and shown in the home-culture control
    assert page.get_by_role("combobox", name="Your home culture").first.input_value() == "Italy (IT)"


def test_scripts_render_with_real_glyphs(app, browser):
    """Persona names in Hangul, Hanzi, Japanese, Arabic and Devanagari: real glyphs, no empty boxes."""
    page = login(browser, app["url"], "sam")
    page.get_by_role("tab", name="Rehearse").click()
    card = page.locator("#persona-card")
    for market, script in (("KR", r"\p{Script=Hangul}"), ("CN", r"\p{Script=Han}"), ("JP", r"\p{Script=Han}"),
                           ("SA", r"\p{Script=Arabic}"), ("AE", r"\p{Script=Arabic}"), ("IN", r"\p{Script=Devanagari}")):
        page.get_by_role("combobox", name="Scenario", exact=True).click()
        option = page.get_by_role("option", name=f"({market})").first
        title = option.inner_text().rsplit(" (", 1)[0]
        option.click()
        card.get_by_text(title).first.wait_for()
        real_glyphs(page, "#persona-card", script)
        real_glyphs(page, "#persona-head", script)
    shot(page, "rehearse-card-scripts")


def test_empty_states_and_trainer_packs_workspace(app, browser):
    # a mentor of a team with no sessions yet: empty states, not empty frames
    otto = login(browser, app["url"], "otto")
    otto.get_by_role("tab", name="Debrief").click()
    otto.get_by_text("No debrief yet").wait_for()
    otto.get_by_role("tab", name="Mentor").click()
    otto.get_by_text("No sessions match these filters").wait_for(timeout=20_000)
    otto.get_by_text("No scored sessions yet").wait_for()
    assert not otto.locator("#trend").is_visible() and not otto.locator("#sessions").is_visible()
    otto.get_by_text("Field-case review queue").click()
    otto.get_by_text("No field cases are waiting for review").wait_for(timeout=20_000)
    axe(otto, "Mentor, empty")

    page = login(browser, app["url"], "trina")
    page.get_by_role("tab", name="Packs").click()
    editor = page.locator("#pack-editor .cm-content")
    page.wait_for_function("() => (document.querySelector('#pack-editor .cm-content') || {}).innerText?.includes('id:')",
                           timeout=20_000)  # the selected file is open as soon as the tab is
    page.get_by_text("No evals run yet").wait_for()
    files = page.get_by_role("combobox", name="Pack file")
    assert not files.input_value().startswith("/")
    files.click()
    options = page.get_by_role("option").all_inner_texts()
    assert options and not [o for o in options if o.startswith("/") or str(ROOT) in o], options[:3]
    target = next(iter(sorted((ROOT / "playbooks" / "DE").glob("*.yaml"))))
    page.get_by_role("option", name=f"playbooks/DE/{target.name}", exact=True).click()
    page.locator("#pack-validation").get_by_text("valid case").wait_for(timeout=20_000)
    assert str(ROOT) not in page.content()  # no server path anywhere in the page
    axe(page, "Packs")
    shot(page, "packs")
    # a placeholder left in a field fails validation, names the field, and blocks publishing
    original = target.read_text(encoding="utf-8")
    edited = "\n".join('title: "TODO: a title for this case"' if ln.startswith("title:") else ln
                       for ln in original.splitlines()) + "\n"
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(edited)
    validation = page.locator("#pack-validation")
    validation.get_by_text("placeholder").first.wait_for(timeout=20_000)
    assert "title" in validation.inner_text()
    page.get_by_role("button", name="Publish").click()
    validation.get_by_text("Not published").wait_for(timeout=20_000)
    assert "title" in validation.inner_text() and target.read_text(encoding="utf-8") == original
    shot(page, "packs-not-published")


def test_rehearsal_by_keyboard_at_phone_width_arabic_right_to_left(app, browser):
    """390×844, no mouse: describe, brief, rehearse this, start, send a line in Arabic, end with the shortcut."""
    page = login(browser, app["url"], "sam", viewport=PHONE)
    tab_to(page, "#who textarea")
    page.keyboard.type("사우디 국영 전력회사 구매 책임자, 첫 미팅")
    page.keyboard.press("Enter")
    page.locator("#brief").get_by_text("Saudi Arabia").first.wait_for(timeout=30_000)
    axe(page, "Prepare at 390×844")
    tab_to(page, "#rehearse-this")
    page.keyboard.press("Enter")
    page.locator("#persona-card").get_by_text("Faisal").first.wait_for(timeout=15_000)
    tab_to(page, "#start-btn")
    page.keyboard.press("Enter")
    page.get_by_text("Session started").wait_for(timeout=15_000)
    page.wait_for_function("() => document.activeElement && document.activeElement.closest('#msg')")
    arabic = "السلام عليكم، شكراً على حسن الاستقبال"
    page.keyboard.type(arabic)
    page.keyboard.press("Enter")
    reply = _wait_reply(app["db"], 1, user="sam")
    chat = page.locator("#chat")
    wait_reply_on_screen(page, reply)
    assert_chat_in_view(page, "390×844, turn 1")
    assert arabic in chat.inner_text()
    assert page.get_by_label("You", exact=True).input_value() == ""  # the box clears once the line is sent
    assert "Clock:" in page.locator("#clock").inner_text()
    real_glyphs(page, "#chat", r"\p{Script=Arabic}")
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
    axe(page, "Rehearse at 390×844")
    shot(page, "rehearse-arabic-phone")
    con = sqlite3.connect(app["db"])
    try:
        stored = con.execute("SELECT t.text FROM turns t JOIN sessions s ON s.id = t.session_id JOIN users u ON "
                             "u.id = s.user_id WHERE u.name='sam' AND t.role='trainee' ORDER BY t.id DESC").fetchone()[0]
    finally:
        con.close()
    assert stored == arabic
    # the focus is still in the message box: Ctrl+Shift+Enter ends the rehearsal and opens the debrief
    assert _focused(page, "#msg textarea")
    page.keyboard.press("Control+Shift+Enter")
    page.locator("#debrief").get_by_text("Overall").first.wait_for(timeout=60_000)
    page.locator("#score-plot img").wait_for(timeout=20_000)
    axe(page, "Debrief at 390×844")
    shot(page, "debrief-phone")


def test_field_workspace_imports_an_export_and_shows_the_kpis(app, browser, tmp_path):
    from coach.field import sample
    export = tmp_path / "hubspot-deals.csv"
    sample.write("hubspot", export, n=250, seed=5)
    page = login(browser, app["url"], "mona")
    page.get_by_role("tab", name="Field").click()
    page.get_by_text("Import a CRM export").click()
    page.locator("#field-file input[type=file]").set_input_files(str(export))
    page.wait_for_function("() => !document.querySelector('.pending, .generating')", timeout=30_000)
    page.locator("#field-import").click()
    report = page.locator("#field-import-report")
    report.get_by_text("imported").wait_for(timeout=60_000)
    assert "hubspot-deals.csv" in report.inner_text() and "line " in report.inner_text()  # refused rows, by line
    page.locator("#field-show").click()
    table = page.locator("#field-kpis")
    table.get_by_text("first offers answered in window").wait_for(timeout=30_000)
    page.locator("#field-plot img").wait_for(timeout=30_000)
    assert "JP" in table.inner_text() and page.locator("#field-plot img").count() == 1
    axe(page, "Field")
    shot(page, "field")
    # a salesperson who owns none of these deals sees none of them
    rita = login(browser, app["url"], "rita")
    rita.get_by_role("tab", name="Field").click()
    rita.locator("#field-show").click()
    rita.get_by_text("No deals of yours").wait_for(timeout=30_000)
    rita.get_by_text("Import a CRM export").click()
    rita.locator("#field-file input[type=file]").set_input_files(str(export))
    rita.wait_for_function("() => !document.querySelector('.pending, .generating')", timeout=30_000)
    rita.locator("#field-import").click()
    rita.get_by_text("for mentors and trainers").first.wait_for(timeout=30_000)


def test_six_turn_rehearsal_per_market_answers_what_was_said(app, browser, registry):
    """One scenario per market, six ordinary turns (greeting, personal talk, a question, a price, a promise, an
    apology or invitation): each reply on screen is the stored one and is of an acceptable kind for its turn
    (the responsiveness eval's kinds: its plan satisfies one, and its words carry that kind's cue)."""
    import yaml
    from coach.evals.responsiveness_suite import ReplyCues, plan_satisfies
    scripts = yaml.safe_load((ROOT / "tests" / "rehearsal_scripts.yaml").read_text(encoding="utf-8"))
    cues = ReplyCues(ROOT / "evals" / "persona" / "reply_cues.yaml")
    page = login(browser, app["url"], "rob")
    page.get_by_role("tab", name="Rehearse").click()
    page.get_by_label("Speak the buyer's replies").uncheck()  # text only: the voice has its own browser test
    missed, unheard = [], []
    for market, script in scripts.items():
        sc = registry.scenarios[script["scenario"]]
        if not page.get_by_role("combobox", name="Scenario", exact=True).is_visible():
            page.get_by_text("Scenario and start").click()  # folded away during a session
        pick(page, "Scenario", f"{sc.title} ({sc.market})")
        page.get_by_role("button", name="Start rehearsal").click()
        page.wait_for_function("() => document.querySelectorAll('#chat [data-testid=user]').length === 0", timeout=20_000)
        for k, (line, accept) in enumerate(script["turns"], 1):
            page.get_by_label("You", exact=True).fill(line)
            page.keyboard.press("Enter")
            reply = _wait_reply(app["db"], k, user="rob")
            wait_reply_on_screen(page, reply)
            plan = _reply_plan(app["db"], k, "rob")
            if not any(plan_satisfies(kind, plan) for kind in accept):
                missed.append(f"{market} turn {k}: {line!r} -> {plan} {reply!r}")
            if not any(cues.satisfied(kind, reply) for kind in accept):
                unheard.append(f"{market} turn {k}: {accept} not heard in {reply!r}")
        shot(page, f"rehearse-six-turns-{market}")
    assert not missed, "replies of the wrong kind:\n" + "\n".join(missed)
    print(f"six-turn rehearsal: {len(unheard)} of 60 replies without their cue", *unheard, sep="\n")
    # the plan check above is exact for every reply; the cue lexicon is narrower than the replies ("no need to
    # apologise", "Combinado, I count on it" carry no cue) and the lines are chosen per session, so 5 to 7 of 60
    # miss their cue from run to run: at most 9 (85%)
    assert len(unheard) <= 9, "replies whose words do not carry their kind:\n" + "\n".join(unheard)
