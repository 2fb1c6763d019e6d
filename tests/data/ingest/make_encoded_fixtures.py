"""Write the encoded-input fixtures of tests/data/ingest from the UTF-8 reference texts.

Run from the repository root when a reference text changes:
    .venv/bin/python tests/data/ingest/make_encoded_fixtures.py
The outputs are committed; tests only read them.
"""

from __future__ import annotations

import codecs
from pathlib import Path

HERE = Path(__file__).parent


def main() -> None:
    simplified = (HERE / "encoded_reference_simplified.txt").read_text(encoding="utf-8")
    traditional = (HERE / "encoded_reference_traditional.txt").read_text(encoding="utf-8")
    outputs = {
        "gbk_encoded.txt": simplified.encode("gb18030"),
        "big5_encoded.txt": traditional.encode("big5"),
        "utf8_bom.txt": codecs.BOM_UTF8 + simplified.replace("\n", "\r\n").encode("utf-8"),
        "utf16_bom.txt": simplified.encode("utf-16"),  # Python writes the BOM
        # A PNG signature and header chunk: binary data that must be refused.
        "binary.png": bytes.fromhex(
            "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
        ),
        "empty.txt": b"",
    }
    for name, data in outputs.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
