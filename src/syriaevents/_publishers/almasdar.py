"""Al-Masdar News (almasdarnews.com)."""

from . import Publisher, any_line

PUBLISHER = Publisher(
    name="Al-Masdar News",
    hosts=("almasdarnews.com",),
    # Its dateline opens the first paragraph: "BEIRUT, LEBANON (3:15 P.M.) – The ..."
    signatures=any_line(
        r"(?:date \d{4}-\d{2}-\d{2} )?[A-Z][A-Z .'-]{1,30}, [A-Z][A-Z .'-]{1,30}"
        r" \(\d{1,2}:\d{2} [AP]\.M\.\) [\u2013\u2014-] .*"
    ),
)
