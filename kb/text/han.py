"""Converting Chinese between Simplified and Traditional script with OpenCC.

Taiwan phrase tables (``tw2sp``/``s2twp``) rather than character-only ones, so
軟體 and 软件 meet, and replies read as a Traditional-script writer would write.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# Han characters (CJK unified ideographs, extension A, compatibility ideographs).
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@cache
def converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    return str(converter("tw2sp").convert(text))


def to_traditional(text: str) -> str:
    return str(converter("s2twp").convert(text))
