"""Escalation drafts: a ticket in any language -> an English note for engineering.

The note follows the template of the ``escalation-policy`` runbook, field for field,
so that engineering reads the same shape whether the user wrote in English, Simplified
or Traditional Chinese. Only English reaches the note's fields: the summary is built
from the top article's English title and the normalised entities (asset symbols,
canonical network names), never from the user's words; the user's ticket follows at
the end, redacted, for whoever reads Chinese.

Severity and layer come from rule tables read top to bottom, first match wins, over
*signals*: words found in the ticket or the agent's notes (``SIGNAL_WORDS``), and
facts implied by the entities or the top article's topic. The tables are data so that
the reasons they print can be checked against the runbook's table, and an agent who
disagrees sees which signal to discount. They are a first guess for the agent to
correct, not a verdict: the policy asks for the higher level when unsure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Literal

from kb.entities import Entity, EntityKind
from kb.language import TicketLanguage
from kb.redact import SecretKind, mask_contacts, redact
from kb.suggest import InvalidQuery, Suggester, Suggestions, ticket_entities

MAX_NOTES_LENGTH = 5_000
# Articles ranked for the references and the summary: the top ones are the ones that matter.
REFERENCE_LIMIT = 3
TO_FILL = "[to fill]"

Severity = Literal["SEV1", "SEV2", "SEV3", "SEV4"]
Layer = Literal["client app", "API", "backend", "external provider"]
SignalSource = Literal["ticket", "notes", "top article"]
EntitySource = Literal["ticket", "notes"]

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
# The kinds of entity an escalation shows (the template's platform, transaction and order).
ESCALATED_KINDS: tuple[EntityKind, ...] = (
    "platform", "app_version", "tx_hash", "network", "amount", "asset", "order_id",
)  # fmt: skip

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
    Rule("SEV4", (), "no funds involved and no sign of a broken feature"),
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


@dataclass(frozen=True)
class EscalatedEntity:
    kind: EntityKind
    value: str
    network: str | None
    unit: str | None
    source: EntitySource


@dataclass(frozen=True)
class EscalationDraft:
    language: TicketLanguage  # the ticket's (or the one given); the note is in English
    summary: str
    severity: Decision
    layer: Decision
    signals: tuple[Signal, ...]
    entities: tuple[EscalatedEntity, ...]
    first_seen: str  # UTC, to the minute: when the draft was made
    impact: str
    runbooks: tuple[str, ...]
    articles: tuple[str, ...]
    original_text: str  # the ticket, redacted and with contacts masked
    notes: str  # the agent's notes, the same
    redacted: tuple[SecretKind, ...]  # kinds removed from ticket and notes, never the secrets

    @property
    def text(self) -> str:
        """The whole note, as pasted into the engineering tracker."""
        return render_note(self)

    def as_dict(self) -> dict[str, object]:
        answer = asdict(self)
        answer["severity"] = {"level": self.severity.value, "reason": self.severity.reason}
        answer["layer"] = {"name": self.layer.value, "reason": self.layer.reason}
        answer["text"] = self.text
        return answer


def draft_escalation(
    suggester: Suggester,
    text: str,
    notes: str = "",
    lang: TicketLanguage | None = None,
    now: datetime | None = None,
) -> EscalationDraft:
    """Draft the English escalation note for a ticket and the agent's notes.

    ``lang`` overrides the ticket's detected language (the language of the redaction
    markers in the ticket); the note is in English either way. ``now`` is the first-seen
    time, the current time by default. Raises InvalidQuery for empty or over-long text
    and for notes over MAX_NOTES_LENGTH characters.
    """
    if len(notes) > MAX_NOTES_LENGTH:
        raise InvalidQuery(f"notes are {len(notes)} characters; the limit is {MAX_NOTES_LENGTH}")
    suggestions = suggester.suggest(text, lang, REFERENCE_LIMIT, include_internal=True)
    # Redacted exactly as the ticket is, so a secret in the notes never reaches the note.
    notes_redaction = redact(notes, suggester.phrases)
    redacted_notes = mask_contacts(notes_redaction.text).strip()
    entities = escalated_entities(suggestions.entities, ticket_entities(notes_redaction))
    subject = subject_of(suggestions)
    document = suggester.catalogue.articles[subject].document("en") if subject else None
    signals = (
        *find_signals(suggestions.stored_text, "ticket"),
        *find_signals(redacted_notes, "notes"),
        *entity_signals(entities),
        *topic_signals(document.meta.tags[0] if document else None),
    )
    return EscalationDraft(
        language=suggestions.language,
        summary=summarise(document.meta.title if document else TO_FILL, entities),
        severity=decide(SEVERITY_RULES, signals),
        layer=decide(LAYER_RULES, signals),
        signals=signals,
        entities=entities,
        first_seen=(now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ"),
        impact=describe_impact(signals, entities),
        runbooks=tuple(runbook.id for runbook in suggestions.runbooks),
        articles=tuple(a.id for a in suggestions.articles if a.audience == "public"),
        original_text=suggestions.stored_text.strip(),
        notes=redacted_notes,
        redacted=tuple(dict.fromkeys([*suggestions.redacted, *notes_redaction.kinds])),
    )


def subject_of(suggestions: Suggestions) -> str | None:
    """The article the ticket is about: the top FAQ, else the top runbook."""
    public = [article.id for article in suggestions.articles if article.audience == "public"]
    ranked = public or [article.id for article in suggestions.articles]
    return ranked[0] if ranked else None


def escalated_entities(
    ticket: Iterable[Entity], notes: Iterable[Entity]
) -> tuple[EscalatedEntity, ...]:
    """The kinds engineering needs, from the ticket then the notes, each value once."""
    found: dict[tuple[str, str], EscalatedEntity] = {}
    sources: list[tuple[EntitySource, Iterable[Entity]]] = [("ticket", ticket), ("notes", notes)]
    for source, entities in sources:
        for entity in entities:
            if entity.kind in ESCALATED_KINDS:
                found.setdefault(
                    (entity.kind, entity.value),
                    EscalatedEntity(entity.kind, entity.value, entity.network, entity.unit, source),
                )
    return tuple(found.values())


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


def entity_signals(entities: Iterable[EscalatedEntity]) -> Iterator[Signal]:
    """What the entities imply: funds (hash, amount), a provider (order id), platforms."""
    platforms = [entity for entity in entities if entity.kind == "platform"]
    for entity in entities:
        if entity.kind in ENTITY_SIGNALS:
            label = entity.kind.replace("_", " ")
            yield Signal(ENTITY_SIGNALS[entity.kind], label, entity.value, entity.source)
    if len(platforms) > 1:
        names = ", ".join(platform.value for platform in platforms)
        yield Signal("all platforms", "several platforms", names, platforms[-1].source)


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


def values_of(entities: Iterable[EscalatedEntity], kind: EntityKind) -> list[str]:
    return [entity.value for entity in entities if entity.kind == kind]


def amounts_of(entities: tuple[EscalatedEntity, ...]) -> list[str]:
    """Amounts with their unit, then the assets named without an amount."""
    amounts = [entity for entity in entities if entity.kind == "amount"]
    units = {amount.unit for amount in amounts}
    loose = [asset for asset in values_of(entities, "asset") if asset not in units]
    return [f"{amount.value} {amount.unit}" for amount in amounts] + loose


def networks_of(entities: tuple[EscalatedEntity, ...]) -> list[str]:
    """The networks named, then those a hash's format or explorer link implies."""
    implied = [entity.network for entity in entities if entity.network]
    return list(dict.fromkeys([*values_of(entities, "network"), *implied]))


def summarise(title: str, entities: tuple[EscalatedEntity, ...]) -> str:
    """The English title and the facts: "<title> (250 USDT on Tron; iOS app 4.12.0)"."""
    money = " on ".join(filter(None, [", ".join(amounts_of(entities)),
                                      ", ".join(networks_of(entities))]))  # fmt: skip
    versions = " / ".join(values_of(entities, "app_version"))
    device = " ".join(filter(None, [" / ".join(values_of(entities, "platform")),
                                    f"app {versions}" if versions else ""]))  # fmt: skip
    facts = "; ".join(filter(None, [money, device]))
    return f"{title} ({facts})" if facts else title


def platform_line(entities: tuple[EscalatedEntity, ...]) -> str:
    """The template's line with [to fill] where unknown; one [to fill] if nothing is known."""
    platforms = ", ".join(values_of(entities, "platform"))
    versions = ", ".join(values_of(entities, "app_version"))
    if not (platforms or versions):
        return TO_FILL
    return f"{platforms or TO_FILL}, app {versions or TO_FILL}"


def transaction_line(entities: tuple[EscalatedEntity, ...]) -> str:
    hashes = ", ".join(values_of(entities, "tx_hash"))
    networks = ", ".join(networks_of(entities))
    amounts = ", ".join(amounts_of(entities))
    if not (hashes or networks or amounts):
        return TO_FILL
    return f"{hashes or TO_FILL} on {networks or TO_FILL}, {amounts or TO_FILL}"


def order_line(entities: tuple[EscalatedEntity, ...]) -> str:
    orders = ", ".join(values_of(entities, "order_id"))
    return f"{TO_FILL} {orders}" if orders else TO_FILL  # tickets rarely name the provider


def describe_impact(signals: Iterable[Signal], entities: tuple[EscalatedEntity, ...]) -> str:
    """What one ticket tells about the impact; the agent adds the rest."""
    names = {signal.name for signal in signals}
    amounts = [f"{entity.value} {entity.unit}" for entity in entities if entity.kind == "amount"]
    parts = ["1 ticket so far"]
    if "many users" in names:
        parts.append("reported as affecting many users")
    if "funds at risk" in names:
        parts.append("funds reported at risk")
    elif amounts:
        parts.append(f"funds involved: {', '.join(amounts)}")
    else:
        parts.append(f"funds at risk: {TO_FILL}")
    return "; ".join(parts)


def render_note(draft: EscalationDraft) -> str:
    """The runbook template's fields in its order, then the notes, then the ticket."""
    lines = [
        f"Summary: {draft.summary}",
        f"Severity: {draft.severity.value} because {draft.severity.reason}",
        f"Suspected layer: {draft.layer.value} because {draft.layer.reason}",
        f"First seen / last seen (UTC): {draft.first_seen} / {TO_FILL}",
        f"Platform and app version: {platform_line(draft.entities)}",
        f"Transaction: {transaction_line(draft.entities)}",
        f"Order: {order_line(draft.entities)}",
        "Reproduction steps:",
        f"1. {TO_FILL}",
        f"Expected / actual: {TO_FILL} / {TO_FILL}",
        f"User impact: {draft.impact}",
        f"Tickets: {TO_FILL}",
        f"Related runbooks: {', '.join(draft.runbooks) or 'none'}",
        f"Top articles: {', '.join(draft.articles) or 'none'}",
        "",
        "--- Agent notes (redacted) ---",
        draft.notes or "(none)",
        "",
        f"--- Original ticket ({draft.language}, redacted) ---",
        draft.original_text,
    ]
    return "\n".join(lines) + "\n"
