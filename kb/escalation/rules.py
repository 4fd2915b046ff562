"""The rules behind an escalation's severity and layer, and the signals they read.

Signals are words found in the ticket or the agent's notes (``SIGNAL_WORDS``), and
facts implied by the entities or the top article's topic. The rule tables are read
top to bottom, first match wins. They are data so that the reasons they print can be
checked against the escalation-policy runbook's table, and an agent who disagrees
sees which signal to discount.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from kb.entities.extract import EntityKind

Severity = Literal["SEV1", "SEV2", "SEV3", "SEV4"]
Layer = Literal["client app", "API", "backend", "external provider"]
SignalSource = Literal["ticket", "notes", "top article"]

# Words that raise or lower the severity or point to a layer, in English, Simplified and
# Traditional Chinese. Latin words match whole, with an English ending ("crash" finds
# "crashes"); Chinese ones anywhere. A word right after a negation does not count.
# The bare 都无法 ("cannot at all") is left out: "我转账收款都无法" is one user.
SIGNAL_WORDS: dict[str, tuple[str, ...]] = {
    "many users": (
        "many users", "all users", "every user", "everyone", "multiple users", "several users",
        "other users", "lots of users", "many customers", "all customers", "many tickets",
        "multiple tickets", "whole region", "entire region", "whole country", "widespread",
        "所有用户", "所有用戶", "全部用户", "全部用戶", "大量用户", "大量用戶", "很多用户",
        "很多用戶", "多个用户", "多個用戶", "用户都", "用戶都", "大家都", "整个地区", "整個地區",
    ),
    "outage": (
        "outage", "service is down", "servers are down", "server is down", "down for everyone",
        "宕机", "宕機", "服务中断", "服務中斷", "大面积故障", "大面積故障",
    ),
    "funds at risk": (
        "funds at risk", "stolen", "drained", "hacked", "unauthorized", "unauthorised",
        "without my permission", "被盗", "被盜", "被偷", "被黑", "盗币", "盜幣", "被转走", "被轉走",
    ),
    "exploited flaw": (
        "exploit", "vulnerability", "security flaw", "security bug",
        "漏洞", "被攻击", "被攻擊",
    ),
    "workaround": ("workaround", "work around", "临时方案", "臨時方案", "变通", "變通"),
    "crash": ("crash", "force close", "closes itself", "闪退", "閃退", "崩溃", "崩潰"),
    "not loading": (
        "not loading", "won't load", "will not load", "doesn't load", "does not load",
        "won't open", "will not open", "doesn't open", "does not open", "blank screen",
        "white screen", "打不开", "打不開", "白屏", "加载不出", "加載不出", "一直转圈", "一直轉圈",
    ),
    "cosmetic": (
        "translation", "typo", "cosmetic", "icon", "layout", "font", "misaligned",
        "翻译", "翻譯", "错别字", "錯別字", "图标", "圖示", "排版", "显示不全", "顯示不全",
    ),
    "broken": (
        "fail", "failure", "error", "broken", "not working", "doesn't work", "does not work",
        "can't", "cannot", "unable to", "失败", "失敗", "报错", "報錯", "无法", "無法", "不能",
        "用不了",
    ),
    "API error": (
        "API", "error code", "status code", "server error", "timeout", "timed out",
        "rate limit", "超时", "超時", "错误码", "錯誤碼", "错误代码", "錯誤代碼", "服务器错误",
        "伺服器錯誤",
    ),
    "balance or history": (
        "balance", "history", "sync", "余额", "餘額", "交易记录", "交易記錄", "历史记录",
        "歷史記錄", "同步",
    ),
    "all platforms": (
        "all platforms", "every platform", "both platforms", "iOS and Android",
        "Android and iOS", "all devices", "every device", "所有平台", "所有设备", "所有設備",
        "双端", "雙端",
    ),
    "third party": (
        "bridge", "exchange", "provider", "card processor", "on-ramp", "off-ramp",
        "跨链", "跨鏈", "交易所", "服务商", "服務商", "第三方",
    ),
}  # fmt: skip

# What an article's topic (its first English tag) implies, and what an entity implies.
TOPIC_SIGNALS: dict[str, tuple[str, ...]] = {
    "transactions": ("funds topic",),
    "swaps": ("funds topic",),
    "staking": ("funds topic",),
    "card": ("funds topic", "third party"),
    "buy-sell": ("funds topic", "third party"),
    "apps": ("app topic",),
}
ENTITY_SIGNALS: dict[EntityKind, str] = {
    "tx_hash": "funds",
    "amount": "funds",
    "order_id": "third party",  # orders are what card and buy/sell providers number
}

ENGLISH_ENDING = "(?:s|es|ed|d|ing)?"
# "no", "not", "without", "never" up to two words before, or 没有 right before.
NEGATION_BEFORE = re.compile(
    r"(?:\b(?:no|not|without|never)|n't)(?:\s+[A-Za-z]+){0,2}\s*$|(?:没有|沒有|並非|并非)\s*$",
    re.IGNORECASE,
)
NEGATION_REACH = 40


@dataclass(frozen=True)
class Rule:
    """``outcome`` when every signal in ``when`` was found and none in ``unless``."""

    outcome: str
    when: tuple[str, ...]
    meaning: str
    unless: tuple[str, ...] = ()


# The runbook's severity table as rules; the first that matches decides.
SEVERITY_RULES: tuple[Rule, ...] = (
    Rule("SEV1", ("many users", "funds at risk"), "funds are reported at risk for many users"),
    Rule("SEV1", ("exploited flaw",), "a security flaw is reported as exploited"),
    Rule("SEV1", ("outage",), "the product is reported down"),
    Rule("SEV2", ("many users",), "a feature is broken for many users, no workaround known",
         unless=("workaround",)),
    Rule("SEV2", ("funds at risk",), "one user's funds are reported at risk (SEV1 if more are)"),
    Rule("SEV3", ("many users",), "many users are affected but a workaround exists"),
    Rule("SEV4", ("cosmetic",), "a cosmetic problem with no funds involved", unless=("funds",)),
    Rule("SEV3", ("crash",), "the app crashes for this user"),
    Rule("SEV3", ("not loading",), "the app does not load for this user"),
    Rule("SEV3", ("funds",), "one user's problem involving funds"),
    Rule("SEV3", ("funds topic",), "one user's problem with a feature that moves funds"),
    Rule("SEV3", ("API error",), "a feature fails with an error for this user"),
    Rule("SEV3", ("balance or history",), "a balance or history looks wrong to this user"),
    Rule("SEV3", ("broken",), "a feature is broken for this user"),
    Rule("SEV4", (), "no funds involved and nothing reported broken"),
)  # fmt: skip

# The runbook's "find the layer" step as rules; the first that matches decides. A crash
# is in our app whichever screen it is on, so crashes come before providers.
ONE_CLIENT = "on one platform or app version points to the client app"
LAYER_RULES: tuple[Rule, ...] = (
    Rule("client app", ("crash",), f"a crash {ONE_CLIENT}", unless=("all platforms",)),
    Rule("client app", ("not loading",), f"an app that does not load {ONE_CLIENT}",
         unless=("all platforms",)),
    Rule("external provider", ("third party",),
         "card payments, buy/sell orders, bridges and exchanges are processed by a third party"),
    Rule("client app", ("cosmetic",), f"a display problem {ONE_CLIENT}",
         unless=("all platforms",)),
    Rule("API", ("API error",), "error codes and timeouts come from our API"),
    Rule("backend", ("balance or history",),
         "balances and history reach every platform from the backend"),
    Rule("backend", ("all platforms",), "a problem on every platform is not in one client app"),
    Rule("backend", ("funds",), "transfers are tracked by the backend for every platform; "
         "an explorer rules the chain in or out"),
    Rule("backend", ("funds topic",), "transfers are tracked by the backend for every platform"),
    Rule("client app", ("app topic",), "the ticket is about the apps themselves"),
    Rule("backend", (), "nothing points to one app, the API or a provider"),
)  # fmt: skip
# Every signal name a rule may use: the word lists', the topics' and the entities'.
SIGNAL_NAMES = frozenset(
    [*SIGNAL_WORDS, *ENTITY_SIGNALS.values(), "all platforms"]
    + [name for names in TOPIC_SIGNALS.values() for name in names]
)


@dataclass(frozen=True)
class Signal:
    """Something that moves the severity or the layer, and where it was found."""

    name: str  # the name the rule tables use: "many users", "funds", ...
    label: str  # what the reason says: "many users", "tx hash", "card topic"
    found: str  # the word as written, the entity's value or the topic
    source: SignalSource


@dataclass(frozen=True)
class Decision:
    """A severity level or a layer, and why, in words for the note."""

    value: str
    reason: str


def signal_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """One regex for a signal's words: Latin words whole, with an English ending."""
    alternatives = [
        ("(?<![A-Za-z])" if word[0].isascii() else "")
        + re.escape(word)
        + (f"{ENGLISH_ENDING}(?![A-Za-z])" if word[-1].isascii() else "")
        for word in sorted(words, key=len, reverse=True)
    ]
    return re.compile("|".join(alternatives), re.IGNORECASE)


SIGNAL_PATTERNS = {name: signal_pattern(words) for name, words in SIGNAL_WORDS.items()}


def find_signals(text: str, source: SignalSource) -> Iterator[Signal]:
    """Each signal whose words ``text`` has (not negated), once, with the first word found."""
    for name, pattern in SIGNAL_PATTERNS.items():
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - NEGATION_REACH) : match.start()]
            if not NEGATION_BEFORE.search(before):
                yield Signal(name, name, match.group(), source)
                break


def topic_signals(topic: str | None) -> Iterator[Signal]:
    for name in TOPIC_SIGNALS.get(topic or "", ()):
        yield Signal(name, f"{topic} topic", str(topic), "top article")


def decide(rules: Iterable[Rule], signals: tuple[Signal, ...]) -> Decision:
    """The first rule the signals satisfy; its reason names the signals it used."""
    found = {signal.name for signal in signals}
    for candidate in rules:
        if found.issuperset(candidate.when) and found.isdisjoint(candidate.unless):
            used = [signal for signal in signals if signal.name in candidate.when]
            evidence = "; ".join(dict.fromkeys(f"{s.label} in the {s.source}" for s in used))
            reason = f"{candidate.meaning} ({evidence})" if used else candidate.meaning
            return Decision(candidate.outcome, reason)
    raise AssertionError("the last rule of each table has no conditions")
