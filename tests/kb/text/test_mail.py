"""The newest message of an e-mailed ticket: quoted history, forwarded headers, signatures
and phone sign-offs cut, in English and Chinese clients' forms; HTML read as text."""

from __future__ import annotations

import pytest

from kb.text.mail import html_text, latest_message

GMAIL_REPLY = """Hi, I withdrew 300 USDT from Binance yesterday and it is still not there.

Thanks,
Maria

On Mon, 3 Nov 2025 at 10:12, Wallet Support <support@wallet.example> wrote:
> Hello Maria, did you include the memo tag?
> Could you send us the transaction hash?"""

OUTLOOK_REPLY = """Hello,
my card payment went through but no coins arrived.
Best regards,
Lena Hofmann
Senior Accountant | Example GmbH

-----Original Message-----
From: Wallet Support <support@wallet.example>
Sent: Tuesday, November 4, 2025 10:12 AM
To: Lena Hofmann
Subject: RE: card purchase

Could you tell us which provider you used?"""

PHONE_REPLY = "My wallet shows zero after the update, please help\n\nSent from my iPhone"

CHINESE_CLIENT_REPLY = """您好，我从币安提的USDT还是没到账，已经两天了。

张伟
发自我的iPhone

在 2025年11月3日 10:12，钱包客服 <support@wallet.example> 写道：
> 您好，请提供交易哈希，我们帮您查一下。"""

QQ_MAIL_REPLY = """我的助记词好像泄露了，现在怎么办？

------------------ 原始邮件 ------------------
发件人: "钱包客服"<support@wallet.example>;
发送时间: 2025年11月3日(星期一) 上午10:12
收件人: "张伟"<zhangwei@example.com>;
主题: 回复：转账问题

您好，请问您遇到了什么问题？"""

OUTLOOK_CHINESE_REPLY = """转账一直显示待确认

发件人: 钱包客服
发送时间: 2025年11月3日 10:12
收件人: 张伟
主题: 回复：转账问题

您好，请提供交易哈希。"""


@pytest.mark.parametrize(
    ("body", "newest"),
    [
        (
            GMAIL_REPLY,
            "Hi, I withdrew 300 USDT from Binance yesterday and it is still not there.",
        ),
        (OUTLOOK_REPLY, "Hello,\nmy card payment went through but no coins arrived."),
        (PHONE_REPLY, "My wallet shows zero after the update, please help"),
        (CHINESE_CLIENT_REPLY, "您好，我从币安提的USDT还是没到账，已经两天了。\n\n张伟"),
        (QQ_MAIL_REPLY, "我的助记词好像泄露了，现在怎么办？"),
        (OUTLOOK_CHINESE_REPLY, "转账一直显示待确认"),
    ],
    ids=["gmail", "outlook", "phone", "chinese-client", "qq-mail", "outlook-chinese"],
)
def test_the_newest_message_is_kept_and_the_rest_cut(body: str, newest: str) -> None:
    assert latest_message(body) == newest


def test_a_users_own_list_is_not_taken_for_a_signature() -> None:
    body = "I can't restore my wallet.\n- I have 12 words\n- I tried 3 times\n\nRegards,\nTom"

    assert (
        latest_message(body) == "I can't restore my wallet.\n- I have 12 words\n- I tried 3 times"
    )


def test_a_ticket_that_is_nothing_but_a_sign_off_is_left_whole() -> None:
    assert latest_message("Sent from my iPhone") == "Sent from my iPhone"
    assert latest_message("  发自我的华为手机\n") == "发自我的华为手机"


def test_plain_chat_messages_pass_unchanged() -> None:
    for message in ("USDT转账一直pending，怎么办", "why is my swap so expensive??", "a > b"):
        assert latest_message(message) == message


def test_an_html_mail_is_read_as_text_without_its_quoted_part() -> None:
    body = (
        "<html><head><style>p {color: red}</style></head><body>"
        "<div>My transfer is <b>stuck</b> since&nbsp;yesterday.</div><div><br></div>"
        '<div class="gmail_quote"><div>On Mon, Support wrote:</div>'
        "<blockquote><p>Hello, please send the TxID</blockquote></div>"
        "<p>It is USDT on Tron.</p></body></html>"
    )

    assert latest_message(body) == "My transfer is stuck since\xa0yesterday.\n\nIt is USDT on Tron."


def test_html_text_keeps_blocks_on_their_own_lines() -> None:
    assert (
        html_text("<p>one</p><p>two<br>three</p><ul><li>four</li></ul>")
        == "one\n\ntwo\nthree\n\nfour"
    )
