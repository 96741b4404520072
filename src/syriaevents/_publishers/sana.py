"""SANA, the Syrian Arab News Agency (sana.sy and its mirrors)."""

from . import Publisher, any_line

PUBLISHER = Publisher(
    name="SANA",
    hosts=("sana.sy",),
    # Its dateline opens the first paragraph: "Moscow, SANA – Kremlin Spokesman ..."
    signatures=any_line(r"[A-Z][\w .'-]{1,40}, SANA [\u2013\u2014-] .*"),
)
