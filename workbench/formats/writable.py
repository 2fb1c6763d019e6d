"""The text policy at the file boundaries, fast for the text that needs nothing done.

`workbench.core.text_policy` decides; these check first, with a pattern of the characters
that are always writable, whether there is anything to decide: nearly every string an
export writes or an import reads is plain text, and the check costs a fraction of the
policy's own scan.
"""

from __future__ import annotations

import re

from workbench.core.text_policy import Sanitized, replace_unwritable, sanitize

# Tab, LF, CR, printable ASCII and the BMP but for C1 controls, surrogates and
# noncharacters. Anything else (astral characters included) takes the full policy.
_NOT_PLAIN = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufdcf\ufdf0-\ufffd]")


def writable(text: str) -> str:
    """`replace_unwritable(text)`: each character no file may carry becomes U+FFFD."""
    if _NOT_PLAIN.search(text) is None:
        return text
    return replace_unwritable(text)


def sanitized(text: str) -> Sanitized:
    """`sanitize(text)`, for readers: unwritable characters removed and counted."""
    if _NOT_PLAIN.search(text) is None:
        return Sanitized(text, 0)
    return sanitize(text)
