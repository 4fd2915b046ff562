"""The semantic stage's plumbing, with a stand-in model: passages, the vector cache (edits
re-embed only what changed; a corrupt file is rebuilt), masks, and the fallback to BM25
while the index is built or when it failed. The real model: test_semantic_model.py."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import numpy as np
import pytest

from kb.config import BUNDLED_LOCALES_DIR
from kb.content.catalogue import load_catalogue
from kb.content.documents import Audience
from kb.knowledge_base import KnowledgeBase
from kb.search.passages import Passage, catalogue_passages
from kb.search.semantic import SemanticIndex, VectorCache
from kb.search.semantic_stage import SemanticStage
from kb.suggest import Suggester
from tests.support.embedders import WordHashEmbedder
from tests.support.paths import TEST_SITE_URL


def build(tree: Path, cache: Path, embedder: WordHashEmbedder) -> SemanticIndex:
    return SemanticStage(load_catalogue(tree), embedder, cache).build()


def test_every_article_has_title_passages_and_faqs_their_body_too(good_tree: Path) -> None:
    passages = catalogue_passages(load_catalogue(good_tree))

    fees = [passage.text for passage in passages if passage.slug == "fees" and passage.lang == "en"]
    assert fees == [
        "Why fees\nFees pay validators.",
        "Why fees\nslow, pending",
        # The link to the other article is left out: its title says what that one is about.
        "Why fees\nWhy fees Validators are paid. Back to .",
    ]
    lookup = [passage for passage in passages if passage.slug == "lookup"]
    assert len(lookup) == 4  # a runbook: title with summary, title with keywords; 2 languages


def test_a_second_build_embeds_nothing_and_an_edit_only_the_changed_passage(
    good_tree: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    first = WordHashEmbedder()
    build(good_tree, cache, first)
    passages = catalogue_passages(load_catalogue(good_tree))
    assert sorted(first.embedded) == sorted({passage.text for passage in passages})  # each once

    again = WordHashEmbedder()
    build(good_tree, cache, again)
    assert again.embedded == []

    page = good_tree / "faq" / "fees.en.md"
    page.write_text(page.read_text("utf-8") + "\nGas goes up when blocks are full.\n", "utf-8")
    edited = WordHashEmbedder()
    index = build(good_tree, cache, edited)

    assert edited.embedded == [
        "Why fees\nWhy fees Validators are paid. Back to . Gas goes up when blocks are full."
    ]
    assert len(index.passages) == len(passages)


def test_a_corrupt_cache_file_is_rebuilt_with_a_warning_not_a_crash(
    good_tree: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = tmp_path / "cache"
    build(good_tree, cache, WordHashEmbedder())
    [stored] = cache.glob("passages-*.npz")
    stored.write_bytes(b"PK\x03\x04 not really a zip file")

    rebuilt = WordHashEmbedder()
    with caplog.at_level(logging.WARNING):
        build(good_tree, cache, rebuilt)

    assert "unreadable" in caplog.text
    assert len(rebuilt.embedded) > 0
    assert len(VectorCache(cache, rebuilt.model_id).load()) == len(rebuilt.embedded)


def test_another_model_keeps_its_vectors_apart(good_tree: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(good_tree, cache, WordHashEmbedder("stand-in-1"))
    other = WordHashEmbedder("stand-in-2")
    build(good_tree, cache, other)

    assert len(other.embedded) > 0
    assert len(list(cache.glob("passages-*.npz"))) == 2


def test_the_cached_index_is_there_only_once_every_passage_is_embedded(
    good_tree: Path, tmp_path: Path
) -> None:
    catalogue = load_catalogue(good_tree)
    embedder = WordHashEmbedder()
    assert SemanticIndex.cached(catalogue, embedder, tmp_path) is None

    build(good_tree, tmp_path, embedder)

    cached = SemanticIndex.cached(catalogue, WordHashEmbedder(), tmp_path)
    assert cached is not None
    assert {passage.text for passage in cached.passages} == set(embedder.embedded)


def test_matches_give_each_article_its_best_passage_in_one_language_and_audience(
    good_tree: Path, tmp_path: Path
) -> None:
    embedder = WordHashEmbedder()
    index = build(good_tree, tmp_path, embedder)

    public = index.matches(embedder.query("slow pending"), "en", Audience.PUBLIC)
    internal = index.matches(embedder.query("lookup"), "en", Audience.INTERNAL)

    assert set(public) == {"fees", "sending"}
    assert public["fees"].passage == "Why fees\nslow, pending"
    assert public["fees"].similarity > public["sending"].similarity
    assert set(internal) == {"escalate", "lookup"}
    assert np.isclose(internal["lookup"].similarity, max(m.similarity for m in internal.values()))


def test_an_article_near_the_ticket_in_two_passages_outranks_one_near_it_in_a_single_one() -> None:
    """A lone generic passage close to a ticket says less than two that agree."""

    def at(cosine: float) -> list[float]:  # a unit vector at this cosine from the ticket's
        return [cosine, float(np.sqrt(1 - cosine**2))]

    passages = [
        Passage("lone", "en", "Lone\nsummary"),
        Passage("lone", "en", "Lone\nkeywords"),
        Passage("steady", "en", "Steady\nsummary"),
        Passage("steady", "en", "Steady\nkeywords"),
        Passage("steady", "en", "Steady\nbody"),
    ]
    vectors = np.array([at(0.9), at(0.1), at(0.8), at(0.7), at(0.2)], dtype=np.float32)
    index = SemanticIndex(passages, vectors, public={"lone", "steady"})

    found = index.matches(np.array([1.0, 0.0], dtype=np.float32), "en", Audience.PUBLIC)

    assert found["steady"].score == pytest.approx(0.75) and found["lone"].score == pytest.approx(
        0.5
    )
    # What is shown is still each article's best passage and its own cosine.
    assert (found["lone"].passage, found["lone"].similarity) == (
        "Lone\nsummary",
        pytest.approx(0.9),
    )
    assert found["steady"].lead > 0 > found["lone"].lead


class BlockingEmbedder(WordHashEmbedder):
    """Embeds passages only once the test lets it, to hold the index in `building`."""

    def __init__(self) -> None:
        super().__init__()
        self.go = threading.Event()

    def passage(self, text: str) -> np.ndarray:
        assert self.go.wait(10)
        return super().passage(text)


def test_suggestions_use_bm25_alone_until_the_index_is_built_then_both(good_tree: Path) -> None:
    embedder = BlockingEmbedder()
    knowledge = KnowledgeBase.open(good_tree, BUNDLED_LOCALES_DIR, None, TEST_SITE_URL, embedder)
    stage = knowledge.semantic
    assert stage is not None
    suggester = Suggester(knowledge)

    stage.start()
    early = suggester.suggest("why are fees so slow")
    embedder.go.set()
    assert stage.thread is not None
    stage.thread.join(10)
    later = suggester.suggest("why are fees so slow")

    assert (early.ranking, early.semantic) == ("bm25", "building")
    assert all(article.similarity is None for article in early.articles)
    assert (later.ranking, later.semantic) == ("hybrid", "ready")
    assert later.articles[0].id == "fees"
    assert later.articles[0].similarity is not None


class BrokenEmbedder(WordHashEmbedder):
    def passage(self, text: str) -> np.ndarray:
        raise RuntimeError("engine not loadable")


def test_a_model_that_fails_leaves_bm25_answering(
    good_tree: Path, caplog: pytest.LogCaptureFixture
) -> None:
    knowledge = KnowledgeBase.open(
        good_tree, BUNDLED_LOCALES_DIR, None, TEST_SITE_URL, BrokenEmbedder()
    )
    stage = knowledge.semantic
    assert stage is not None

    with caplog.at_level(logging.ERROR):
        stage.start()
        assert stage.thread is not None
        stage.thread.join(10)
    answer = Suggester(knowledge).suggest("why are fees so slow")

    assert stage.state == "failed"
    assert "semantic index not built" in caplog.text
    assert (answer.ranking, answer.semantic) == ("bm25", "failed")
    assert answer.articles[0].id == "fees"


def test_without_an_embedder_the_semantic_stage_is_off(good_tree: Path) -> None:
    knowledge = KnowledgeBase.open(good_tree, BUNDLED_LOCALES_DIR, None, TEST_SITE_URL)
    answer = Suggester(knowledge).suggest("why are fees so slow")

    assert knowledge.semantic is None
    assert (answer.ranking, answer.semantic) == ("bm25", "off")


def test_the_snippet_is_the_matched_passage_without_its_title(good_tree: Path) -> None:
    knowledge = KnowledgeBase.open(
        good_tree, BUNDLED_LOCALES_DIR, None, TEST_SITE_URL, WordHashEmbedder()
    )
    assert knowledge.semantic is not None
    knowledge.semantic.build()
    suggester = Suggester(knowledge)

    answer = suggester.suggest("slow pending")
    in_chinese = suggester.suggest("slow pending", lang="zh")

    assert answer.articles[0].snippet == "slow, pending"
    # Answered in the other language: that version's summary, not an English passage.
    assert in_chinese.articles[0].snippet == "为什么转账要等几分钟。"
