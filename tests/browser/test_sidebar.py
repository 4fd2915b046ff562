"""The agent sidebar (/sidebar) in Debian's Chromium, against ``kb serve`` with real SQLite.

Tickets are pasted as an agent would, or posted into the frame by a test page playing the
Chatwoot host. What the page stores goes through the API into the database, read back here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx2 as httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Frame, Page, expect
from sqlalchemy import Engine, text

from kb.config import BUNDLED_ARTICLES_DIR
from kb.content.catalogue import load_catalogue
from kb.store.engine import create_database_engine
from tests.support.browser import screenshot_path, static_server
from tests.support.databases import every_stored_text
from tests.support.paths import REPO
from tests.support.servers import Server, kb_server

CATALOGUE = load_catalogue(BUNDLED_ARTICLES_DIR)
TX_HASH = "0x" + "3f" * 32
TICKETS = {
    # Not "... on Ethereum": network-fees, whose title names ETH, then ranks a close first.
    "en": f"My transaction {TX_HASH} failed but I was still charged a gas fee",
    "zh": f"我的转账 {TX_HASH} 失败了，为什么还扣了矿工费？",
    "zh-Hant": "我的轉帳失敗了，為什麼還扣了礦工費？",
}
PHRASE = "abandon ability able about above absent absorb abstract absurd abuse access accident"
LANGUAGE_NAMES = {"en": "English", "zh": "简体中文", "zh-Hant": "繁體中文"}


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("sidebar")
    with kb_server(f"sqlite:///{folder / 'kb.sqlite3'}", workers=1) as server:
        yield server


@pytest.fixture(scope="module")
def key(service: Server) -> str:
    return service.create_key("sidebar-tests")


@pytest.fixture(scope="module")
def database(service: Server) -> Iterator[Engine]:
    engine = create_database_engine(service.env["KB_DATABASE_URL"])
    yield engine
    engine.dispose()


@contextmanager
def known_issue_open(service: Server, key: str, issue: dict[str, object]) -> Iterator[None]:
    """An open known issue for the duration of the block; closed again however it ends."""
    agent = {"Authorization": f"Bearer {key}"}
    opened = httpx.post(f"{service.url}/v1/known-issues", json=issue, headers=agent)
    assert opened.status_code == 201, opened.text
    try:
        yield
    finally:
        closed = httpx.post(
            f"{service.url}/v1/known-issues/{opened.json()['id']}/close", headers=agent
        )
        assert closed.status_code == 200


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    # A sidebar column is 320-400 px wide.
    opened = browser.new_context(viewport={"width": 360, "height": 900})
    yield opened
    opened.close()


@pytest.fixture
def sidebar(context: BrowserContext, service: Server, key: str) -> Page:
    page = context.new_page()
    page.goto(f"{service.url}/sidebar#key={key}")
    return page


def paste(page: Page | Frame, ticket: str) -> None:
    page.locator("#kb-ticket").fill(ticket)
    page.get_by_role("button", name="Suggest").click()


def title(slug: str, lang: str) -> str:
    document = CATALOGUE.articles[slug].document("en" if lang == "en" else "zh")
    assert document is not None
    return document.meta.title


def test_a_pasted_english_ticket_gets_its_article_and_a_filled_reply(sidebar: Page) -> None:
    paste(sidebar, TICKETS["en"])

    expect(sidebar.locator(".card h3").first).to_have_text(title("transaction-failed", "en"))
    expect(sidebar.locator("[data-part=draft]")).to_contain_text(TX_HASH)
    expect(sidebar.locator("[data-part=draft]")).to_contain_text("Hello,")
    expect(sidebar.locator("button[data-lang=en]")).to_have_attribute("aria-pressed", "true")
    expect(sidebar.locator(".card .matched").first).to_contain_text("fee")
    expect(sidebar.locator("[data-part=runbooks]")).to_contain_text("Never paste")
    expect(sidebar.locator("[data-part=runbooks] .badge").first).to_have_text("Internal")
    # The address bar no longer shows the key.
    assert "key=" not in sidebar.url


@pytest.mark.parametrize(
    ("lang", "greeting", "sample"),
    [("zh", "您好", "交易没成功"), ("zh-Hant", "您好", "交易沒成功")],
)
def test_a_chinese_ticket_gets_a_reply_in_its_own_script(
    sidebar: Page, lang: str, greeting: str, sample: str
) -> None:
    paste(sidebar, TICKETS[lang])

    draft = sidebar.locator("[data-part=draft]")
    expect(draft).to_contain_text(sample)
    expect(draft).to_contain_text(greeting)
    expect(sidebar.locator(f"button[data-lang={lang}]")).to_have_attribute("aria-pressed", "true")
    expect(sidebar.locator("[data-part=detected]")).to_have_text(
        f"Language: {LANGUAGE_NAMES[lang]}"
    )


def test_the_language_toggle_redrafts_the_reply(sidebar: Page) -> None:
    paste(sidebar, TICKETS["en"])
    expect(sidebar.locator("[data-part=draft]")).to_contain_text("Hello,")

    sidebar.locator("button[data-lang=zh-Hant]").click()

    expect(sidebar.locator("[data-part=draft]")).to_contain_text("交易沒成功")
    expect(sidebar.locator(".card h3").first).to_have_text(
        "交易失敗了，為什麼還扣了礦工費？", use_inner_text=True
    )
    expect(sidebar.locator("button[data-lang=zh-Hant]")).to_have_attribute("aria-pressed", "true")
    sidebar.locator("button[data-lang=en]").click()
    expect(sidebar.locator("[data-part=draft]")).to_contain_text("Hello,")


def test_a_missing_value_is_highlighted_filled_in_place_and_copied(
    context: BrowserContext, sidebar: Page, service: Server, key: str
) -> None:
    # Every article's reply reads whole without ticket values (a catalogue test checks
    # that), so the value the draft needs comes from a known issue's reply.
    issue = {
        "title": "Binance withdrawals delayed",
        "terms": ["binance withdrew"],
        "replies": {
            "en": "Your withdrawal of {{ amount }} is delayed while Binance clears a backlog.",
            "zh": "您提的 {{ amount }} 因币安积压延迟到账。",
        },
    }
    with known_issue_open(service, key, issue):
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=service.url)
        paste(sidebar, "I withdrew USDT from Binance to my wallet yesterday but it has not arrived")
        missing = sidebar.locator("mark.missing")
        expect(missing).to_have_text("[amount]")
        expect(sidebar.locator("[data-part=missing]")).to_have_text("Still to fill in: amount")

        missing.click()
        sidebar.keyboard.type("250 USDT")
        sidebar.get_by_role("button", name="Copy reply").click()

        expect(sidebar.locator("[data-part=copy-status]")).to_have_text("Copied.")
        copied = sidebar.evaluate("navigator.clipboard.readText()")
        assert "Your withdrawal of 250 USDT is delayed" in copied
        assert "[amount]" not in copied
        assert copied.startswith("Hello,")


def test_ratings_reach_the_database(sidebar: Page, database: Engine) -> None:
    paste(sidebar, TICKETS["en"])
    card = sidebar.locator(".card").first
    expect(card.locator("h3")).to_have_text(title("transaction-failed", "en"))

    card.get_by_role("button", name="Helpful", exact=True).click()
    card.get_by_role("button", name="Used").click()

    expect(card.get_by_role("button", name="Helpful", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(card.get_by_role("button", name="Used")).to_have_attribute("aria-pressed", "true")
    with database.connect() as connection:
        stored = connection.execute(
            text(
                "SELECT f.rating FROM feedback f JOIN suggestions s ON s.id = f.suggestion_id "
                "WHERE f.article_id = 'transaction-failed' AND s.language = 'en'"
            )
        ).scalars()
        assert {"helpful", "used"} <= set(stored)


def test_a_ticket_with_a_recovery_phrase_shows_the_notice_and_stores_no_phrase(
    sidebar: Page, database: Engine
) -> None:
    paste(sidebar, f"My wallet is empty! My recovery phrase is {PHRASE}, please help")

    expect(sidebar.locator("[data-part=secret-notice]")).to_contain_text(
        "The ticket contained a recovery phrase. It was removed"
    )
    expect(sidebar.locator("[data-part=draft]")).to_contain_text("we have removed it")
    words = PHRASE.split()
    runs = [" ".join(words[start : start + 3]) for start in range(len(words) - 2)]
    stored = every_stored_text(database)
    assert any("recovery phrase removed" in value for value in stored)
    assert not [run for run in runs if any(run in value for value in stored)]


def test_a_wrong_key_asks_for_a_valid_one(context: BrowserContext, service: Server) -> None:
    page = context.new_page()
    page.goto(f"{service.url}/sidebar#key=kb_00000000_not-a-real-key")

    paste(page, TICKETS["en"])

    expect(page.locator("[data-part=key-error]")).to_have_text(
        "That key was not accepted. Paste a valid agent key."
    )
    expect(page.locator(".card")).to_have_count(0)


CHATWOOT_HOST = """<!doctype html>
<meta charset="utf-8">
<title>Chatwoot (test host)</title>
<iframe id="app" src="{src}" style="width:360px;height:860px;border:0"></iframe>
<script>
  // What Chatwoot does for a Dashboard App: post the conversation as a JSON string when
  // the frame loads, and again when the app asks with "chatwoot-dashboard-app:fetch-info".
  const context = {context};
  const frame = document.getElementById("app");
  window.asked = 0;
  const send = () => frame.contentWindow.postMessage(JSON.stringify(context), "*");
  frame.addEventListener("load", send);
  window.addEventListener("message", (event) => {{
    if (event.data === "chatwoot-dashboard-app:fetch-info") {{ window.asked += 1; send(); }}
  }});
</script>
"""


def chatwoot_context() -> dict[str, object]:
    incoming, outgoing = 0, 1
    return {
        "event": "appContext",
        "data": {
            "conversation": {
                "id": 42,
                "messages": [
                    {"id": 1, "content": "你好", "message_type": incoming, "created_at": 100},
                    {
                        "id": 2,
                        "content": "您好，请问有什么可以帮您？",
                        "message_type": outgoing,
                        "created_at": 160,
                    },
                    {
                        "id": 4,
                        "content": TICKETS["zh"],
                        "message_type": incoming,
                        "created_at": 300,
                    },
                    {"id": 3, "content": None, "message_type": incoming, "created_at": 200},
                ],
            },
            "contact": {"id": 7, "name": "李伟", "email": "li.wei@example.com"},
            "currentAgent": {"id": 3, "name": "小王"},
        },
    }


def test_the_chatwoot_dashboard_app_suggests_for_the_posted_conversation(
    context: BrowserContext, service: Server, key: str, tmp_path: Path
) -> None:
    page_file = tmp_path / "index.html"
    page_file.write_text(
        CHATWOOT_HOST.format(
            src=f"{service.url}/sidebar#key={key}", context=json.dumps(chatwoot_context())
        ),
        encoding="utf-8",
    )
    # Another port is another origin: the sidebar is a cross-origin frame, as in Chatwoot.
    with static_server(tmp_path) as host_url:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=host_url)
        host = context.new_page()
        host.set_viewport_size({"width": 400, "height": 900})
        host.goto(host_url)
        frame = host.frame_locator("#app")

        expect(frame.locator(".card h3").first).to_have_text(title("transaction-failed", "zh"))
        expect(frame.locator("#kb-ticket")).to_have_value(TICKETS["zh"])
        expect(frame.locator("[data-part=draft]")).to_contain_text("李伟")
        expect(frame.locator("[data-part=draft]")).to_contain_text(TX_HASH)
        assert host.evaluate("window.asked") >= 1

        # The async clipboard API is refused in a cross-origin frame: the fallback copies.
        inner = next(found for found in host.frames if found.url.startswith(service.url))
        refused = inner.evaluate("navigator.clipboard.writeText('probe').then(() => 0, () => 1)")
        assert refused == 1
        frame.get_by_role("button", name="Copy reply").click()
        expect(frame.locator("[data-part=copy-status]")).to_have_text("Copied.")
        assert TX_HASH in host.evaluate("navigator.clipboard.readText()")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_screenshots_at_sidebar_width(sidebar: Page, lang: str) -> None:
    paste(sidebar, TICKETS[lang])
    expect(sidebar.locator(".card").first).to_be_visible()
    expect(sidebar.locator("[data-part=draft]")).to_contain_text(TX_HASH)
    shot = screenshot_path(f"sidebar-{lang}.png")

    sidebar.screenshot(path=shot, full_page=True)

    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(shot.read_bytes()[16:20], "big")
    assert width == 360


ZAF_SDK = "https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js"
# Zendesk's SDK, played by the test: the ticket, the app's settings, and a proxy that
# (like Zendesk's servers) makes the API call with the secure key filled in.
ZAF_STUB = """
window.invoked = [];
window.ZAFClient = { init: () => ({
  invoke: (name, ...args) => { window.invoked.push([name, ...args]); return Promise.resolve({}); },
  metadata: () => Promise.resolve({ settings: { kb_url: %(kb_url)s } }),
  get: () => Promise.resolve(%(ticket)s),
  request: (options) => window.zendeskProxy(JSON.stringify(options)).then((text) => {
    const answer = JSON.parse(text);
    if (answer.status >= 400) throw answer;
    return answer;
  }),
}) };
"""


def test_the_zendesk_app_reads_the_ticket_and_inserts_the_reply(
    context: BrowserContext, service: Server, key: str
) -> None:
    ticket = {
        "ticket.subject": "轉帳失敗了",
        "ticket.description": TICKETS["zh-Hant"],
        "ticket.requester.name": "陳美玲",
        "ticket.requester.locale": "zh-tw",
        "currentUser.name": "Alex",
    }
    stub = ZAF_STUB % {"kb_url": json.dumps(service.url), "ticket": json.dumps(ticket)}

    sent: list[dict[str, object]] = []

    def zendesk_proxy(options_json: str) -> str:
        options = json.loads(options_json)
        sent.append(json.loads(options["data"]))
        headers = {
            name: value.replace("{{setting.api_key}}", key)
            for name, value in options["headers"].items()
        }
        headers["Content-Type"] = options["contentType"]
        answer = httpx.post(options["url"], content=options["data"], headers=headers, timeout=30)
        return json.dumps({"status": answer.status_code, "responseText": answer.text})

    context.expose_function("zendeskProxy", zendesk_proxy)
    context.route(ZAF_SDK, lambda route: route.fulfill(body=stub, content_type="text/javascript"))
    with static_server(REPO / "zendesk" / "assets") as app_url:
        page = context.new_page()
        page.goto(f"{app_url}iframe.html")

        expect(page.locator(".card h3").first).to_have_text("交易失敗了，為什麼還扣了礦工費？")
        draft = page.locator("[data-part=draft]")
        expect(draft).to_contain_text("陳美玲")
        expect(draft).to_contain_text("交易沒成功")
        expect(page.locator("[data-part=key-form]")).to_be_hidden()
        expect(page.locator("[data-part=forget-key]")).to_be_hidden()
        page.get_by_role("button", name="Insert into reply").click()

        expect(page.locator("[data-part=copy-status]")).to_have_text("Inserted into the reply.")
        expect(page.locator("#kb-subject")).to_have_value("轉帳失敗了")
        assert sent[0]["subject"] == "轉帳失敗了" and sent[0]["text"] == TICKETS["zh-Hant"]
        invoked = page.evaluate("window.invoked")
        inserted = [args for args in invoked if args[0] == "ticket.comment.appendText"]
        assert len(inserted) == 1
        assert "交易沒成功" in inserted[0][1]
        assert key not in page.content()


def test_the_page_may_be_framed_but_loads_and_calls_only_this_service(service: Server) -> None:
    page = httpx.get(f"{service.url}/sidebar", timeout=10)

    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert "connect-src 'self'" in policy
    assert "frame-ancestors *" in policy
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "x-frame-options" not in page.headers


def test_an_open_known_issue_s_reply_is_drafted_first_and_labelled(
    sidebar: Page, service: Server, key: str
) -> None:
    issue = {
        "title": "Gas fee charged on failed sends",
        "terms": ["failed gas fee"],
        "replies": {
            "en": "We are refunding the fees of failed sends.",
            "zh": "失败转账的矿工费会退还。",
        },
    }
    with known_issue_open(service, key, issue):
        paste(sidebar, TICKETS["en"])
        expect(sidebar.locator("[data-part=reply-for]")).to_have_text(
            "Known issue: “Gas fee charged on failed sends”"
        )
        draft = sidebar.locator("[data-part=draft]")
        expect(draft).to_contain_text("We are refunding the fees of failed sends.")
        # The article's own draft is still one click away.
        sidebar.locator(".card .draft-button").first.click()
        expect(draft).to_contain_text(TX_HASH)
