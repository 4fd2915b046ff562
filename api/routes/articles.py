"""GET /v1/articles and /v1/search: public articles to anyone, runbooks only to agents.

A runbook asked for without a key is a 404, never a 403, so that callers
cannot learn which internal runbooks exist.
"""

from __future__ import annotations

from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import (
    ArticleDep,
    CatalogueDep,
    KnowledgeDep,
    OptionalAgentKey,
    SuggesterDep,
    ranking_call,
)
from api.errors import documented_errors
from api.examples import SEARCH_QUERIES
from api.schemas.articles import ArticleDetail, ArticleList, ArticleSummary, SearchResponse
from api.schemas.common import CLEANED, NOT_BLANK
from kb.content.catalogue import article_url
from kb.errors import ArticleNotFound
from kb.suggest import MAX_LIMIT
from kb.text.language import TicketLanguage, article_language, in_script

router = APIRouter(prefix="/v1", tags=["articles"])


@router.get(
    "/articles",
    response_model=ArticleList,
    responses=documented_errors(401, 503),
    openapi_extra={"security": [{}]},
)
async def list_articles(key_id: OptionalAgentKey, catalogue: CatalogueDep) -> ArticleList:
    """Every public article; with an agent key, the runbooks too."""
    articles = [
        article
        for article in catalogue.articles.values()
        if key_id is not None or article.is_public
    ]
    return ArticleList(
        articles=[
            ArticleSummary(
                id=article.slug,
                audience=article.audience.value,
                section=article.section.value,
                languages=sorted(article.documents),
                titles={lang: document.meta.title for lang, document in article.documents.items()},
            )
            for article in articles
        ]
    )


@router.get(
    "/articles/{slug}",
    response_model=ArticleDetail,
    responses=documented_errors(401, 404, 422, 503),
    openapi_extra={"security": [{}]},
)
async def get_article(
    article: ArticleDep,
    key_id: OptionalAgentKey,
    knowledge: KnowledgeDep,
    lang: Annotated[TicketLanguage, Query(description="en, zh, or zh-Hant")] = "en",
) -> ArticleDetail:
    """One article in one language (zh-Hant: the Chinese text in Traditional characters)."""
    document = article.document(article_language(lang))
    if document is None:
        languages = ", ".join(sorted(article.documents))
        raise ArticleNotFound(
            f"article {article.slug!r} has no {lang} version; it has: {languages}"
        )
    return ArticleDetail(
        id=article.slug,
        language=lang,
        audience=article.audience.value,
        section=article.section.value,
        title=in_script(document.meta.title, lang),
        summary=in_script(document.meta.summary, lang),
        body=in_script(document.body, lang),
        url=article_url(knowledge.site_url, article, document.lang),
        runbooks=article.related_runbooks if key_id is not None else [],
        contacts=facts_in_script(document.meta.contacts, lang),
        targets=facts_in_script(document.meta.targets, lang),
    )


def facts_in_script(facts: dict[str, str], lang: TicketLanguage) -> dict[str, str]:
    return {in_script(label, lang): in_script(value, lang) for label, value in facts.items()}


@router.get("/search", response_model=SearchResponse, responses=documented_errors(422))
async def search(
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=500,
            pattern=NOT_BLANK,
            description="What the user typed; Chinese is searched word by word.",
            openapi_examples=SEARCH_QUERIES,
        ),
        *CLEANED,
    ],
    suggester: SuggesterDep,
    lang: Annotated[TicketLanguage | None, Query(description="Default: detected.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 5,
) -> SearchResponse:
    """Search the public articles (never runbooks); no key needed. For the help site."""
    language, articles = await ranking_call(suggester, partial(suggester.search, q, lang, limit))
    return SearchResponse(language=language, articles=articles)
