"""Write real scraped article records as fuzzing seeds, each with its URL.

    python fuzz/record_seeds.py ../shared/corpus/articles /tmp/fuzz-records
    python fuzz/fuzz_readers.py /tmp/fuzz-work fuzz/corpus /tmp/fuzz-records ...

The records are study material and stay where they are: this writes, for each record
``expected.json`` labels, the input that calls ``parse_article(text, url=)`` on it
with the URL the label gives (or none) (see ``_calls.seed``), named after the record,
into a scratch folder the fuzzer takes as another corpus.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import _calls


def main() -> int:
    records, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    labels = json.loads((records / "expected.json").read_text(encoding="utf-8"))
    for name, label in sorted(labels.items()):
        text = (records / name).read_text(encoding="utf-8")
        seed = _calls.seed("parse_article(url=)", text, label.get("url"))
        (out / f"{Path(name).name}.7").write_bytes(seed)
    print(f"wrote {len(labels)} seeds to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
