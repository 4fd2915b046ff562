"""The help site, built for real with ``mkdocs build --strict`` and read back as files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from kb.config import BUNDLED_ARTICLES_DIR, BUNDLED_LOCALES_DIR
from kb.content.catalogue import Article, load_catalogue
from kb.content.documents import Document
from kb.site.help_site import location_language
from tests.support.site_build import Build, build_site, copy_articles

CATALOGUE = load_catalogue(BUNDLED_ARTICLES_DIR)
RUNBOOKS = [article for article in CATALOGUE.articles.values() if not article.is_public]
TOPICS = yaml.safe_load((BUNDLED_LOCALES_DIR / "topics.yaml").read_text(encoding="utf-8"))
# Every FAQ ends with links to related articles, under a heading readable in its anchor.
RELATED_HEADING = {"en": '<h2 id="related-articles">', "zh": '<h2 id="相关文章">'}
# A body line that renders as itself: no Markdown syntax in it.
PLAIN_LINE = re.compile(r"^[^*`\[\]_#|<>{}!\-\d\s][^*`\[\]_#|<>{}]+$")


@pytest.fixture(scope="module")
def internal_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    built = build_site(tmp_path_factory.mktemp("agents") / "site", KB_SITE_AUDIENCE="internal")
    assert built.returncode == 0, built.log
    return built


def traces(article: Article) -> list[str]:
    """What would betray a runbook: its slug, titles, summaries and plain body lines."""
    found = [f"/{article.slug}/"]
    for document in article.documents.values():
        found += [document.meta.title, document.meta.summary, *plain_lines(document)[:3]]
    return found


def plain_lines(document: Document) -> list[str]:
    long_enough = 15 if document.lang == "zh" else 40
    lines = (line.strip() for line in document.body.splitlines())
    return [line for line in lines if len(line) >= long_enough and PLAIN_LINE.match(line)]


def test_both_languages_are_built_with_every_public_article(public_site: Build) -> None:
    public = CATALOGUE.public_articles()

    assert len(public) >= 30
    for article in public:
        for prefix, lang in (("", "en"), ("zh/", "zh")):
            page = public_site.page(f"{prefix}faq/{article.slug}/")
            document = article.document(lang)
            assert document is not None
            assert f"<h1>{document.meta.title}</h1>" in page.replace("&amp;", "&"), (lang, article)
            related = page.split(RELATED_HEADING[lang], 1)[-1]
            assert RELATED_HEADING[lang] in page and 'href="../' in related, (lang, article)
    assert '<html lang="zh"' in public_site.page("zh/")
    assert "<title>帮助中心 - 钱包帮助中心</title>" in public_site.page("zh/")
    assert "<title>Help centre - Wallet Help Centre</title>" in public_site.page("")


def test_no_runbook_leaves_a_trace_in_pages_search_index_or_sitemap(
    public_site: Build, internal_site: Build
) -> None:
    published = public_site.every_text()
    agents_site = internal_site.every_text()
    kinds = {path.suffix for path in published}

    assert {".html", ".json", ".xml", ".gz"} <= kinds
    assert RUNBOOKS
    for article in RUNBOOKS:
        for trace in traces(article):
            # The same search finds every trace in the agents' build: it can fail.
            assert any(trace in text for text in agents_site.values()), trace
            leaks = [str(path) for path, text in published.items() if trace in text]
            assert not leaks, f"{article.slug}: {trace!r} is in {leaks}"


def test_the_chinese_search_index_holds_whole_domain_words(public_site: Build) -> None:
    merged = public_site.search_index()
    chinese = public_site.search_index("search_index.zh.json")
    english = public_site.search_index("search_index.en.json")
    terms = {
        term
        for doc in chinese["docs"]  # type: ignore[attr-defined]
        for term in re.split(r"[\s\u200b\-]+", doc["title"] + " " + doc["text"])
    }

    # Material reads the separator as a regular expression: \u200b is its escape.
    assert "\\u200b" in merged["config"]["separator"]  # type: ignore[index]
    # Words of the kb search engine's dictionary stay whole (jieba alone splits 助记词).
    assert {"助记词", "矿工费", "跨链桥", "闪兑"} <= terms
    assert all(location_language(doc["location"]) == "zh" for doc in chinese["docs"])  # type: ignore[attr-defined]
    assert all(location_language(doc["location"]) == "en" for doc in english["docs"])  # type: ignore[attr-defined]
    both = len(chinese["docs"]) + len(english["docs"])  # type: ignore[arg-type]
    assert both == len(merged["docs"])  # type: ignore[arg-type]


def test_navigation_and_home_pages_go_by_topic_in_each_language(public_site: Build) -> None:
    for prefix, lang in (("", "en"), ("zh/", "zh")):
        home = public_site.page(prefix)
        labels = [topic[lang] for topic in TOPICS["topics"].values()]
        headings = re.findall(r"<h2[^>]*>([^<]+)<", home.replace("&amp;", "&"))

        assert headings == labels, lang
        for article in CATALOGUE.public_articles():
            assert f'href="faq/{article.slug}/"' in home, (lang, article.slug)
    assert "Runbooks" not in public_site.page("")


def test_an_article_page_shows_its_summary_date_and_twin_language(public_site: Build) -> None:
    english = public_site.page("faq/transaction-pending/")
    chinese = public_site.page("zh/faq/transaction-pending/")
    article = CATALOGUE.articles["transaction-pending"]

    assert f'<p class="kb-summary">{article.documents["zh"].meta.summary}</p>' in chinese
    assert "更新于 2026年12月1日" in chinese
    assert "Updated December 1, 2026" in english
    assert 'href="../../../faq/transaction-pending/" hreflang="en"' in chinese
    assert 'href="../../zh/faq/transaction-pending/" hreflang="zh"' in english
    assert "kb-notice" not in chinese


def test_a_missing_or_stale_translation_shows_a_notice(tmp_path: Path) -> None:
    articles = copy_articles(tmp_path)
    (articles / "faq" / "swap-failed.zh.md").unlink()
    english = articles / "faq" / "network-fees.en.md"
    english.write_text(english.read_text("utf-8") + "\nA sentence added later.\n", "utf-8")

    built = build_site(tmp_path / "site", articles)

    assert built.returncode == 0, built.log
    missing = built.page("zh/faq/swap-failed/")
    stale = built.page("zh/faq/network-fees/")
    assert "本文暂无中文版，下面显示的是英文原文。" in missing
    assert "My swap failed" in missing
    assert "本文的英文版已有更新，中文版还没来得及同步" in stale
    assert 'href="../../../faq/network-fees/" hreflang="en">查看英文版</a>' in stale
    assert "kb-notice" not in built.page("zh/faq/transaction-pending/")
    assert "kb-notice" not in built.page("faq/network-fees/")


def test_the_agents_build_has_the_runbooks_marked_internal(internal_site: Build) -> None:
    for article in RUNBOOKS:
        english = internal_site.page(f"runbooks/{article.slug}/")
        chinese = internal_site.page(f"zh/runbooks/{article.slug}/")

        assert "Never share it with a customer" in english
        assert "请勿转发给用户" in chinese
    assert TOPICS["runbooks"]["zh"] in internal_site.page("zh/")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    ("link", "complaint"),
    [
        ("no-such-article.md", "no-such-article.md"),
        ("transaction-pending.md#no-such-part", "#no-such-part"),
    ],
)
def test_the_strict_build_fails_on_a_broken_link_or_anchor(
    tmp_path: Path, lang: str, link: str, complaint: str
) -> None:
    articles = copy_articles(tmp_path)
    page = articles / "faq" / f"network-fees.{lang}.md"
    page.write_text(page.read_text("utf-8") + f"\n[More]({link})\n", "utf-8")

    built = build_site(tmp_path / "site", articles)

    assert built.returncode != 0
    assert complaint in built.log
    assert f"network-fees.{lang}.md" in built.log


def test_an_article_under_an_unknown_topic_fails_the_build_and_says_how_to_fix_it(
    tmp_path: Path,
) -> None:
    articles = copy_articles(tmp_path)
    page = articles / "faq" / "staking-rewards.en.md"
    page.write_text(page.read_text("utf-8").replace("tags: [staking]", "tags: [yield]"), "utf-8")

    built = build_site(tmp_path / "site", articles)

    assert built.returncode != 0
    assert "staking-rewards.en.md: the first tag 'yield' is not a help-site topic" in built.log
    assert "locales/topics.yaml" in built.log
