"""Numbers, dates and amounts in Chinese and English text, reduced to comparable values.

2023年10月 gives 2023 and 10; "October 2023" gives 10 and 2023. 1.4万亿 and "1.4 trillion"
are both 1.4e12, 60余家 is 60 with an approximation ("more than 60"), 两名 is 2, 第42次 is
42, 百分之五 and "5%" are 5. What counts is the value, so a translator may write a number
in words or figures, or restate 14298亿 as "1.4298 trillion".

Chinese numerals (一, 两, 十, 百 …) are everywhere in ordinary words (一道, 进一步, 千行百业),
so only those in a quantity context are taken as numbers: followed by a measure word,
preceded by 第 or 百分之, or in a date. The rest are kept as weak tokens: they may be the
counterpart of an English figure (（一） → "1.") but are never required in the English.
"""

from workbench.core.numbers.base import (
    Approx,
    Code,
    Extraction,
    Quantity,
    Strength,
    overlaps,
    same,
)
from workbench.core.numbers.chinese import extract_chinese, parse_chinese_numeral
from workbench.core.numbers.english import extract_english

__all__ = [
    "Approx",
    "Code",
    "Extraction",
    "Quantity",
    "Strength",
    "extract_chinese",
    "extract_english",
    "overlaps",
    "parse_chinese_numeral",
    "same",
]
