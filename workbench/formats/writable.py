"""The writers' side of the text policy, fast for the text that needs nothing done.

`replace_unwritable` (workbench.core.text_policy) decides; this checks first, with a
pattern of the characters that are always writable, whether there is anything to decide:
nearly every string an export writes is plain text, and the check costs a fraction of the
replacement's scan.
"""

from __future__ import annotations

import re

from workbench.core.text_policy import replace_unwritable

# Tab, LF, CR, printable ASCII and the BMP but for C1 controls, surrogates and
# noncharacters. Anything else (astral characters included) takes the full policy.
_NOT_PLAIN = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufdcf\ufdf0-\ufffd]")


def writable(text: str) -> str:
    """`replace_unwritable(text)`: each character no file may carry becomes U+FFFD."""
    if _NOT_PLAIN.search(text) is None:
        return text
    return replace_unwritable(text)
