"""The built help site in a real browser: Debian's Chromium driven by Playwright.

The site is served from its build folder by a local HTTP server, as any static host
would serve it. Screenshots go to ``KB_TEST_ARTIFACTS`` (default ``test-artifacts/``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from kb.config import BUNDLED_ARTICLES_DIR
from kb.content.catalogue import load_catalogue
from tests.support.browser import screenshot_path, static_server
from tests.support.site_build import Build

CATALOGUE = load_catalogue(BUNDLED_ARTICLES_DIR)


@pytest.fixture(scope="module")
def site_url(public_site: Build) -> Iterator[str]:
    with static_server(public_site.site) as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def search(page: Page, query: str, expected_first: str) -> list[str]:
    """Type ``query`` into the search box as a reader would, and wait for ``expected_first``
    (a site path) to lead the results; the paths of all results, best first.

    Results update as each key is released, so the wait is for the answer to the whole query.
    """
    page.locator("input[data-md-component=search-query]").click()
    page.keyboard.type(query)
    # Material searches on key release. Chinese comes through an input method, whose
    # commit is a key release; Playwright inserts CJK text without key events, so
    # release one the way the input method would.
    page.keyboard.press("End")
    results = page.locator(".md-search-result__item > a.md-search-result__link")
    # Links carry ?h=<query> (search.highlight), so compare paths only.
    expect(results.first).to_have_attribute("href", re.compile(rf"{expected_first}(\?|$)"))
    links = results.evaluate_all("links => links.map(a => a.href)")
    return [urlsplit(str(link)).path for link in links]


def title(slug: str, lang: str) -> str:
    document = CATALOGUE.articles[slug].document(lang)  # type: ignore[arg-type]
    assert document is not None
    return document.meta.title


def test_a_chinese_query_finds_the_chinese_article(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}zh/")

    found = search(page, "助记词丢了", "faq/lost-recovery-phrase/")

    assert found[0] == "/zh/faq/lost-recovery-phrase/"
    # Both languages share one index on disk; the Chinese site searches its own pages.
    assert all(path.startswith("/zh/") for path in found)


def test_an_english_query_finds_the_english_article(page: Page, site_url: str) -> None:
    page.goto(site_url)

    found = search(page, "transaction stuck pending", "faq/transaction-pending/")

    assert found[0] == "/faq/transaction-pending/"
    assert not any(path.startswith("/zh/") for path in found)


def test_the_language_switcher_lands_on_the_same_article(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}faq/transaction-pending/")

    page.locator(".md-header .md-select").hover()
    page.locator("a.md-select__link[hreflang=zh]").click()

    page.wait_for_url(f"{site_url}zh/faq/transaction-pending/")
    expect(page.locator("article h1")).to_have_text(title("transaction-pending", "zh"))
    page.locator(".md-header .md-select").hover()
    page.locator("a.md-select__link[hreflang=en]").click()
    page.wait_for_url(f"{site_url}faq/transaction-pending/")
    expect(page.locator("article h1")).to_have_text(title("transaction-pending", "en"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_screenshot_of_the_article_page_is_saved(page: Page, site_url: str, lang: str) -> None:
    prefix = "zh/" if lang == "zh" else ""
    page.goto(f"{site_url}{prefix}faq/transaction-pending/")
    expect(page.locator("article h1")).to_have_text(title("transaction-pending", lang))
    shot = screenshot_path(f"site-{lang}-article.png")

    page.screenshot(path=shot)

    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000
