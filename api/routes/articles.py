"""GET /v1/articles and /v1/search: public articles to anyone, runbooks only to agents.

A runbook asked for without a key is a 404, never a 403, so that callers
cannot learn which internal runbooks exist.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from api.deps import OptionalAgentKey, SuggesterDep
from api.errors import documented_errors
from api.examples import SEARCH_QUERIES
from api.schemas import (
    CLEANED,
    NOT_BLANK,
    ArticleDetail,
    ArticleList,
    ArticleOut,
    ArticleSummary,
    SearchResponse,
)
from kb.catalogue import Article, article_url
from kb.language import TicketLanguage, article_language, in_script
from kb.suggest import MAX_LIMIT

router = APIRouter(prefix="/v1", tags=["articles"])


@router.get(
    "/articles",
    response_model=ArticleList,
    responses=documented_errors(401, 503),
    openapi_extra={"security": [{}]},
)
async def list_articles(key_id: OptionalAgentKey, suggester: SuggesterDep) -> ArticleList:
    """Every public article; with an agent key, the runbooks too."""
    articles = visible_articles(suggester.catalogue.articles.values(), key_id is not None)
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
    slug: str,
    key_id: OptionalAgentKey,
    suggester: SuggesterDep,
    lang: Annotated[TicketLanguage, Query(description="en, zh, or zh-Hant")] = "en",
) -> ArticleDetail:
    """One article in one language (zh-Hant: the Chinese text in Traditional characters)."""
    article = suggester.catalogue.articles.get(slug)
    if article is None or not (article.is_public or key_id is not None):
        raise HTTPException(404, f"no article with id {slug!r}")
    document = article.document(article_language(lang))
    if document is None:
        languages = ", ".join(sorted(article.documents))
        raise HTTPException(404, f"article {slug!r} has no {lang} version; it has: {languages}")
    return ArticleDetail(
        id=article.slug,
        language=lang,
        audience=article.audience.value,
        section=article.section.value,
        title=in_script(document.meta.title, lang),
        summary=in_script(document.meta.summary, lang),
        body=in_script(document.body, lang),
        url=article_url(suggester.site_url, article, document.lang),
        runbooks=article.related_runbooks if key_id is not None else [],
    )


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
    language, articles = suggester.search(q, lang, limit)
    return SearchResponse(
        language=language, articles=[ArticleOut.model_validate(a.as_dict()) for a in articles]
    )


def visible_articles(articles: Iterable[Article], agent: bool) -> list[Article]:
    return [article for article in articles if agent or article.is_public]
