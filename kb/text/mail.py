"""A ticket as helpdesks send it, cut to what the user wrote this time.

E-mailed tickets carry the earlier messages quoted below the new one, forwarded headers,
signatures and "Sent from my iPhone"; some come as HTML. The search reads the newest
message alone: the quoted history is mostly our own earlier reply, and its words would
rank the article we already sent. mail-parser-reply finds the English clients' quote
headers and sign-offs; its Chinese patterns do not match what Chinese clients write
(1.36: its 写道 header pattern excludes itself, its 发送 line needs words after it), so
those few lines are ours.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from mailparser_reply.parser import EmailMessage

# Where a Chinese client starts quoting: "在 2025年11月3日 10:00，客服 <a@b.c> 写道：", the
# QQ/Foxmail "------ 原始邮件 ------" rule, and a forwarded message's banner.
CHINESE_QUOTE_HEADER = re.compile(
    r"^[ \t>]*(?:在\s*)?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.{0,80}写道\s*[：:]\s*$"
    r"|^[ \t]*-{3,}\s*(?:原始邮件|转发邮件|转发的邮件|Original|Forwarded)\b.*$",
    re.MULTILINE | re.IGNORECASE,
)
# A phone's sign-off line: 发自我的iPhone, 从我的 HUAWEI 发送, 来自华为手机.
CHINESE_SENT_FROM = re.compile(
    r"^[ \t]*(?:(?:发自|来自|从)我的.{0,30}|来自.{0,20}(?:手机|客户端|邮箱))[ \t]*$", re.MULTILINE
)
# A line quoting an earlier message ("> ...").
QUOTED_LINE = re.compile(r"^[ \t]*>.*$\n?", re.MULTILINE)
HTML_MARKUP = re.compile(r"<\s*(?:html|body|div|p|br|span|table|blockquote)\b[^>]*>", re.IGNORECASE)
BLANK_RUNS = re.compile(r"\n{3,}")
MAIL_LANGUAGES = ["en", "zh"]


def latest_message(body: str) -> str:
    """The newest message of ``body``: without quoted history, forwarded headers,
    signatures and sign-off lines; HTML read as its text. The body unchanged when
    nothing of it would be left (a ticket that is only "Sent from my iPhone")."""
    text = html_text(body) if HTML_MARKUP.search(body) else body
    header = CHINESE_QUOTE_HEADER.search(text)
    if header:
        text = text[: header.start()]
    text = CHINESE_SENT_FROM.sub("", QUOTED_LINE.sub("", text))
    # keep_hyphen_lists: a user's "- I tried X" list is not a signature.
    message = EmailMessage(text, languages=list(MAIL_LANGUAGES), keep_hyphen_lists=True).read()
    newest = message.replies[0].body if message.replies else ""
    return newest if newest.strip() else body.strip()


def html_text(markup: str) -> str:
    """The text an HTML mail shows, one line per block, quoted parts (blockquote, Gmail's
    and Outlook's quote containers) left out."""
    reader = _TextReader()
    reader.feed(markup)
    reader.close()
    lines = "\n".join(line.strip() for line in "".join(reader.parts).splitlines())
    return BLANK_RUNS.sub("\n\n", lines).strip()


class _TextReader(HTMLParser):
    BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})
    HIDDEN = frozenset({"script", "style", "head", "title", "blockquote"})
    QUOTE_CLASSES = ("gmail_quote", "yahoo_quoted", "moz-cite-prefix", "divrplyfwdmsg")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden: list[str] = []  # the open tags whose content is not shown

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = " ".join(value or "" for name, value in attrs if name in ("class", "id"))
        if self.hidden or tag in self.HIDDEN or any(q in classes for q in self.QUOTE_CLASSES):
            if tag not in ("br", "img", "hr", "meta", "link", "input"):
                self.hidden.append(tag)
            return
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.hidden:
            if tag in self.hidden:  # closes it and whatever was left open inside it
                del self.hidden[len(self.hidden) - 1 - self.hidden[::-1].index(tag) :]
            return
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)
