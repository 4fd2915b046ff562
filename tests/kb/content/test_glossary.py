"""The glossary finds the variants writers should not use, and only those."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb.content.glossary import Glossary, GlossaryEntry
from kb.errors import InvalidGlossary
from tests.support.paths import REPO

BUNDLED = Glossary.load(REPO / "locales" / "glossary.yaml")


def found(glossary: Glossary, line: str, lang: str) -> list[tuple[str, str]]:
    return [(misuse.found, misuse.preferred) for misuse in glossary.misuses(line, lang)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("line", "lang", "expected"),
    [
        ("手续费用原生币支付。", "zh", [("原生币", "主币")]),
        ("手续费用主币支付。", "zh", []),
        ("付给验证节点。", "zh", [("验证节点", "验证人")]),
        ("在浏览器中查看这笔交易", "zh", [("浏览器", "区块浏览器")]),
        ("在区块浏览器中查看这笔交易", "zh", []),
        ("先更新并重启浏览器，再打开浏览器插件", "zh", []),
        ("商户的收单机构（Acquirer）拒绝了", "zh", []),
        ("发卡机构或收单处理方故障", "zh", [("收单处理方", "处理机构")]),
        (
            "Open Manage networks and switch it on.",
            "en",
            [("Manage networks", "Settings → Networks")],
        ),
        ("Pay the fee in the NATIVE TOKEN.", "en", [("NATIVE TOKEN", "native coin")]),
        ("A native tokenisation scheme", "en", []),
        ("打开 APP 看看", "zh", [("APP", "App")]),
        ("{{ app_version }} 的 app_version 字段", "zh", []),
    ],
)
def test_the_bundled_glossary_flags_variants_and_leaves_the_rest(
    line: str, lang: str, expected: list[tuple[str, str]]
) -> None:
    assert found(BUNDLED, line, lang) == expected


def test_an_explained_variant_may_stand_beside_the_preferred_term() -> None:
    assert found(BUNDLED, "助记词（也有人叫种子短语）要抄在纸上。", "zh") == []
    assert found(BUNDLED, "种子短语要抄在纸上。", "zh") == [("种子短语", "助记词")]


def test_one_concept_is_reported_once_per_line() -> None:
    glossary = Glossary(
        [GlossaryEntry(concept="c", en="x", zh="主币", avoid={"zh": ["原生币", "原生"]})]
    )

    assert found(glossary, "原生币和原生币", "zh") == [("原生币", "主币")]


def test_no_preferred_term_is_flagged_by_the_glossary_itself() -> None:
    for entry in BUNDLED.entries:
        for lang in ("en", "zh"):
            assert found(BUNDLED, entry.preferred(lang), lang) == [], entry.concept  # type: ignore[arg-type]


def test_contributing_lists_every_glossary_entry() -> None:
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (.+?) \| (.+?) \| (.+?) \| .* \|$", guide, re.M)

    listed = {(concept, en, zh) for concept, en, zh in rows}
    for entry in BUNDLED.entries:
        assert (entry.concept, entry.en, entry.zh) in listed, entry.concept


@pytest.mark.parametrize(
    ("text", "fault"),
    [
        ("terms: [{concept: c, en: x}]", "zh"),
        ("terms: [{concept: c, en: x, zh: y, avoid: {zh: ['re:(']}}]", "missing"),
        ("terms: [", "expected"),
    ],
)
def test_a_broken_glossary_file_is_a_clear_error(tmp_path: Path, text: str, fault: str) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(InvalidGlossary, match=str(path)) as raised:
        Glossary.load(path)

    assert fault in str(raised.value)


def test_a_missing_glossary_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InvalidGlossary, match="glossary file is missing"):
        Glossary.load(tmp_path / "glossary.yaml")
