"""The suggestion pipeline: redact -> language -> entities -> search -> replies.

Secrets leave the text first, so nothing after this step (ranking, entities,
replies, whatever the caller stores or logs) ever sees them. The API and the CLI
show what ``Suggester.suggest`` returns through the API's response models.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from kb.content.catalogue import article_url
from kb.content.documents import Audience, Document
from kb.entities.extract import Entity, extract_entities
from kb.errors import InvalidQuery, UnsafeTemplate
from kb.knowledge_base import KnowledgeBase
from kb.known_issues import IssueMatcher, KnownIssue
from kb.redaction.redact import Redaction, redact
from kb.replies.drafter import Reply, ReplyDrafter, TicketFacts
from kb.search.explain import Hit
from kb.search.hybrid import HybridSearch, Ranking
from kb.search.query import subject_line, ticket_query, ticket_text
from kb.search.semantic_stage import SemanticState
from kb.suggestions import MatchedTerm, SuggestedArticle, SuggestedRunbook, Suggestions
from kb.text.language import (
    TICKET_LANGUAGES,
    TicketLanguage,
    article_language,
    in_script,
)

logger = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 20_000
MAX_SUBJECT_LENGTH = 1_000
MAX_LIMIT = 20


@dataclass(frozen=True)
class Ranked:
    """A ticket with its secrets removed, its search terms, and what was found for it: the
    FAQs, and (for agents) the runbooks, each ranked among its own kind."""

    redaction: Redaction
    terms: list[str]
    articles: list[SuggestedArticle]
    runbooks: list[SuggestedRunbook]
    ranking: Ranking  # hybrid, or BM25 alone (semantic stage off or still building)
    semantic: SemanticState


def other_language(language: TicketLanguage) -> TicketLanguage:
    return "zh" if language == "en" else "en"


class Suggester:
    """Finds the articles that answer a ticket; build once per process and share."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self.knowledge = knowledge
        self.drafter = ReplyDrafter(knowledge.messages, knowledge.site_url)

    @property
    def runs_model(self) -> bool:
        """Whether a suggestion now runs the semantic stage's model (tens of milliseconds)."""
        semantic = self.knowledge.semantic
        return semantic is not None and semantic.ready

    def warm_up(self) -> None:
        """Compile every reply template and load each language's resources now, so that
        the first tickets after a start are not the slow ones."""
        nothing = TicketFacts([], {}, [])
        for slug in self.knowledge.catalogue.articles:
            for language in TICKET_LANGUAGES:
                self.draft(slug, language, nothing)
        for text in ("wallet", "钱包", "錢包"):
            self.suggest(text, include_internal=True)

    def suggest(
        self,
        text: str,
        lang: TicketLanguage | None = None,
        limit: int = 5,
        include_internal: bool = False,
        context: Mapping[str, str] | None = None,
        both_languages: bool = False,
        known_issues: IssueMatcher | None = None,
        subject: str | None = None,
    ) -> Suggestions:
        """Rank the FAQs for ``text`` and draft a reply for each, and (with
        ``include_internal``) rank the runbooks apart: up to ``limit`` of each.

        ``context`` holds the agent's
        placeholder values (customer_name, ...); ``both_languages`` adds a reply in
        the other language; when the ticket matches one of ``known_issues``, that
        issue's reply comes first; ``subject`` is the e-mail's or ticket's subject,
        stored with the text. Raises InvalidQuery for empty or over-long text and a
        limit outside 1..20.
        """
        ranked = self.rank(text, lang, limit, include_internal, subject)
        redaction, articles = ranked.redaction, ranked.articles
        language = redaction.language
        facts = TicketFacts(ticket_entities(redaction), context or {}, redaction.kinds)
        languages = [language, other_language(language)] if both_languages else [language]
        issue = known_issues.match(ranked.terms) if known_issues else None
        incident = [] if issue is None else self.draft_known_issue(issue, languages, facts)
        if not incident:
            issue = None  # a ticket is linked to an issue only when it got the issue's reply
        replies = incident + [
            reply
            for article in articles
            for reply_language in languages
            if (reply := self.draft(article.id, reply_language, facts)) is not None
        ]
        return Suggestions(
            language,
            articles,
            replies,
            ranked.runbooks,
            facts.entities,
            redaction.kinds,
            redaction.stored_text,
            issue,
            ranked.ranking,
            ranked.semantic,
        )

    def draft_known_issue(
        self, issue: KnownIssue, languages: list[TicketLanguage], facts: TicketFacts
    ) -> list[Reply]:
        """The issue's reply in each language asked for; none when it cannot be rendered
        (checked when it was opened, it can still run over the size limit with long values)."""
        try:
            return [
                self.drafter.draft_known_issue(issue.id, issue.replies, language, facts)
                for language in languages
            ]
        except UnsafeTemplate as error:
            logger.warning("no reply for known issue %d: %s", issue.id, error)
            return []

    def search(
        self, text: str, lang: TicketLanguage | None = None, limit: int = 5
    ) -> tuple[TicketLanguage, list[SuggestedArticle]]:
        """Public FAQs only, without replies: what the help site's search box gets."""
        ranked = self.rank(text, lang, limit, include_internal=False)
        return ranked.redaction.language, ranked.articles

    def rank(
        self,
        text: str,
        lang: TicketLanguage | None,
        limit: int,
        include_internal: bool,
        subject: str | None = None,
    ) -> Ranked:
        """Redact, then rank on what is left, so secrets never steer (or reach) the search;
        the subject weighs most, quoted history and signatures not at all."""
        if not text.strip():
            raise InvalidQuery("text is empty; paste the ticket's text")
        if len(text) > MAX_TEXT_LENGTH:
            raise InvalidQuery(f"text is {len(text)} characters; the limit is {MAX_TEXT_LENGTH}")
        if not 1 <= limit <= MAX_LIMIT:
            raise InvalidQuery(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
        subject = subject_line(subject)
        if len(subject) > MAX_SUBJECT_LENGTH:
            raise InvalidQuery(
                f"subject is {len(subject)} characters; the limit is {MAX_SUBJECT_LENGTH}"
            )
        redaction = redact(ticket_text(subject, text), self.knowledge.messages, lang)
        # A forced ``lang`` changes only the answer's language, so asking for another
        # language re-drafts the same articles.
        query = ticket_query(redaction.bare_text, bool(subject), self.knowledge.tokenizer)
        search = HybridSearch(self.knowledge.index, self.knowledge.semantic, query)
        language = redaction.language
        faq_hits = search.search(limit, Audience.PUBLIC)
        articles = [self.describe(hit, language, include_internal) for hit in faq_hits]
        runbooks = []
        if include_internal:
            runbook_hits = search.search(limit, Audience.INTERNAL)
            runbooks = self.runbook_list(articles, runbook_hits, language, limit)
        terms = [token.term for token in query.tokens]
        return Ranked(redaction, terms, articles, runbooks, search.ranking, search.semantic_state)

    def runbook_list(
        self,
        faqs: list[SuggestedArticle],
        hits: list[Hit],
        language: TicketLanguage,
        limit: int,
    ) -> list[SuggestedRunbook]:
        """The runbooks ranked for the ticket and those the suggested FAQs name, most
        relevant first: a named runbook counts as relevant as the best FAQ naming it."""
        own = {hit.slug: hit for hit in hits}
        named_by: dict[str, list[str]] = {}
        relevance = {hit.slug: hit.confidence for hit in hits}
        for faq in faqs:
            for slug in faq.runbooks:
                named_by.setdefault(slug, []).append(faq.id)
                relevance[slug] = max(relevance.get(slug, 0.0), faq.confidence)
        # Ties: a runbook ranked for the ticket first, then the search's own order.
        position = {slug: number for number, slug in enumerate(relevance)}
        order = sorted(
            relevance, key=lambda slug: (-relevance[slug], slug not in own, position[slug])
        )
        return [
            self.describe_runbook(slug, own.get(slug), named_by.get(slug, []), language)
            for slug in order[:limit]
        ]

    def describe_runbook(
        self, slug: str, hit: Hit | None, named_by: list[str], language: TicketLanguage
    ) -> SuggestedRunbook:
        runbook = self.knowledge.catalogue.articles[slug]
        lang = article_language(language)
        return SuggestedRunbook(
            id=slug,
            title=in_script(runbook.shown(lang).meta.title, language),
            url=article_url(self.knowledge.site_url, runbook, lang),
            audience=runbook.audience.value,
            score=None if hit is None else round(hit.score, 4),
            confidence=None if hit is None else hit.confidence,
            matched=[] if hit is None else matched_terms(hit),
            named_by=named_by,
        )

    def draft(self, slug: str, language: TicketLanguage, facts: TicketFacts) -> Reply | None:
        """The reply for one article, or None (no template, or a template that fails safely)."""
        try:
            return self.drafter.draft(self.knowledge.catalogue.articles[slug], language, facts)
        except UnsafeTemplate as error:
            logger.warning("no reply for %s (%s): %s", slug, language, error)
            return None

    def describe(
        self, hit: Hit, language: TicketLanguage, include_internal: bool
    ) -> SuggestedArticle:
        article = self.knowledge.catalogue.articles[hit.slug]
        lang = article_language(language)
        document = article.shown(lang)
        runbooks = article.related_runbooks if include_internal else []
        return SuggestedArticle(
            id=article.slug,
            title=in_script(document.meta.title, language),
            audience=article.audience.value,
            score=round(hit.score, 4),
            confidence=hit.confidence,
            url=article_url(self.knowledge.site_url, article, lang),
            snippet=in_script(snippet_of(document, hit), language),
            matched=matched_terms(hit),
            runbooks=[slug for slug in runbooks if slug in self.knowledge.catalogue.articles],
            similarity=hit.similarity,
        )


def ticket_entities(redaction: Redaction) -> list[Entity]:
    """What the redacted ticket mentions, plus the last four digits of removed card numbers."""
    cards = [
        Entity("card_last4", removal.last4, removal.start, removal.end)
        for removal in redaction.removals
        if removal.last4
    ]
    markers = [(removal.start, removal.end) for removal in redaction.removals]
    mentioned = [
        entity
        for entity in extract_entities(redaction.text)
        if not any(start < entity.end and entity.start < end for start, end in markers)
    ]
    return sorted([*cards, *mentioned], key=lambda entity: entity.start)


def matched_terms(hit: Hit) -> list[MatchedTerm]:
    """The ticket's words that hit the article, as the ticket wrote them, with their fields."""
    return [MatchedTerm(match.words, list(match.fields)) for match in hit.matched]


def snippet_of(document: Document, hit: Hit) -> str:
    """What the agent reads under the title: the passage that matched the ticket's meaning
    (without its title line), else the summary, which states the answer.

    Passages begin with their document's title, so one from the other language's version
    (an answer in a language other than the ticket's) is told apart and not shown.
    """
    title, _, passage = (hit.passage or "").partition("\n")
    return passage if passage and title == document.meta.title else document.meta.summary
