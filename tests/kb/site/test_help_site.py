"""The help site's rules without building it: publication, navigation, notices, audiences."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.config import BUNDLED_LOCALES_DIR
from kb.content.catalogue import load_catalogue
from kb.errors import KBError
from kb.site.help_site import (
    HelpSite,
    Notice,
    SiteAudience,
    Topics,
    location_language,
    site_audience,
)
from kb.text.messages import Messages


def test_the_site_audience_switch_refuses_unknown_values() -> None:
    assert site_audience({}).value == "public"
    assert site_audience({"KB_SITE_AUDIENCE": "Internal"}).value == "internal"
    with pytest.raises(KBError, match="KB_SITE_AUDIENCE='agents' is not one of: public, internal"):
        site_audience({"KB_SITE_AUDIENCE": "agents"})


def help_site(root: Path, audience: SiteAudience = SiteAudience.PUBLIC) -> HelpSite:
    return HelpSite(
        load_catalogue(root),
        Topics.load(BUNDLED_LOCALES_DIR / "topics.yaml"),
        Messages(BUNDLED_LOCALES_DIR),
        audience,
    )


def test_the_public_site_lists_faqs_by_topic_and_no_runbook(good_tree: Path) -> None:
    site = help_site(good_tree)

    assert site.nav("en") == [
        "index.md",
        {"Sending & receiving": ["faq/fees.md", "faq/sending.md"]},
    ]
    assert site.nav("zh") == ["index.md", {"转账与收款": ["faq/fees.md", "faq/sending.md"]}]
    assert site.article_of("runbooks/lookup.en.md") is not None
    assert not site.publishes(site.catalogue.articles["lookup"])


def test_the_agents_site_adds_the_runbooks_last(good_tree: Path) -> None:
    site = help_site(good_tree, SiteAudience.INTERNAL)

    assert site.nav("en")[-1] == {
        "Runbooks (internal)": ["runbooks/escalate.md", "runbooks/lookup.md"]
    }


@pytest.mark.parametrize(
    ("src_uri", "slug"),
    [("faq/fees.en.md", "fees"), ("faq/fees.zh.md", "fees"), ("index.md", None),
     ("faq/img/chart.png", None), ("faq/nothing.en.md", None), ("blog/fees.en.md", None)],
)  # fmt: skip
def test_a_docs_file_is_an_article_only_in_a_section_folder(
    good_tree: Path, src_uri: str, slug: str | None
) -> None:
    article = help_site(good_tree).article_of(src_uri)

    assert (article.slug if article else None) == slug


def test_a_home_page_lists_each_topic_with_the_titles_in_its_language(good_tree: Path) -> None:
    site = help_site(good_tree)

    assert site.home_listing("zh") == (
        "## 转账与收款\n\n- [为什么要手续费](faq/fees.md)\n- [转账要等一会儿](faq/sending.md)"
    )


def test_an_article_header_holds_its_summary_and_its_date_in_the_reader_s_language(
    good_tree: Path,
) -> None:
    site = help_site(good_tree)
    fees = site.catalogue.articles["fees"]

    assert site.page_header(fees, "zh") == (
        "为什么转账要等几分钟。\n{: .kb-summary }\n\n"
        '<p class="kb-updated"><time datetime="2026-11-01">更新于 2026年11月1日</time></p>\n\n'
    )


def test_a_runbook_page_opens_with_its_contacts_and_time_targets(good_tree: Path) -> None:
    english = good_tree / "runbooks" / "lookup.en.md"
    english.write_text(
        english.read_text(encoding="utf-8").replace(
            "contacts:\n", 'contacts:\n  On-call paging: "<paging tool | rota>"\n'
        ),
        encoding="utf-8",
    )
    site = help_site(good_tree, SiteAudience.INTERNAL)
    lookup = site.catalogue.articles["lookup"]

    english_header = site.page_header(lookup, "en")
    chinese_header = site.page_header(lookup, "zh")

    assert english_header.endswith(
        "| Contacts and tools | |\n| --- | --- |\n"
        "| On-call paging | &lt;paging tool \\| rota&gt; |\n"
        "| Escalation channel | #support-escalations |\n\n"
        "| Time targets | |\n| --- | --- |\n| First reply | 4 business hours |\n\n"
    )
    assert (
        "| 联系人与工具 | |" in chinese_header and "| 首次回复 | 4 个工作小时 |" in chinese_header
    )
    assert "联系人" not in site.page_header(site.catalogue.articles["fees"], "zh")


def test_notices_mark_runbooks_and_missing_or_stale_translations(good_tree: Path) -> None:
    (good_tree / "faq" / "sending.zh.md").unlink()
    english = good_tree / "faq" / "fees.en.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    site = help_site(good_tree, SiteAudience.INTERNAL)
    articles = site.catalogue.articles

    assert site.notice(articles["fees"], "en") is None
    assert site.notice(articles["sending"], "zh") == Notice(
        "warning", "本文暂无中文版，下面显示的是英文原文。"
    )
    assert site.notice(articles["fees"], "zh") == Notice(
        "warning",
        "本文的英文版已有更新，中文版还没来得及同步。更新之前，请以英文版为准。",
        "查看英文版",
        "faq/fees/",
    )
    assert site.notice(articles["lookup"], "zh") == Notice(
        "danger", "内部手册，仅供客服使用。请勿转发给用户，也不要粘贴到回复里。"
    )


@pytest.mark.parametrize(
    ("location", "lang"),
    [("faq/fees/", "en"), ("zh/faq/fees/", "zh"), ("zh/", "zh"), ("", "en"), ("zhx/", "en")],
)
def test_a_site_location_says_its_language(location: str, lang: str) -> None:
    assert location_language(location) == lang
