"""SouthFront (southfront.org, .press, maps.): its donation ticker, appeals, map lines."""

from . import ANY_SITE_COMMENT_LAYOUTS, Publisher, any_line

_MONTHS = "JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
_TICKER = (
    r"\d{1,3}(?:,\d{3})* \$",  # the donation ticker: "0 $", "2,500 $", ...
    rf"(?:{_MONTHS}) \d{{4}}",  # the ticker's fundraising month, not a date of the article
    rf"\d+ DAYS? LEFT UNTIL THE END OF (?:{_MONTHS})",
)
_SIGNATURES = (
    *_TICKER,
    r"Support SouthFront\b.{0,80}",
    r"Do you like this content\? Consider helping us!",
    r"If you.re able, and if you like our content and approach, please support the project\b.*",
)

PUBLISHER = Publisher(
    name="SouthFront",
    hosts=("southfront.org", "southfront.press"),
    signatures=any_line(*_SIGNATURES),
    furniture=any_line(
        *_SIGNATURES,
        # Map and embed placeholders: "Click to see full-size map. Source: ..."
        r"Click to see (?:the )?full[- ]size (?:map|image|infographic)\b.{0,200}",
        r"View this post on Instagram",
        r"A post shared by .{1,120}",
    ),
    comment_layouts=(*ANY_SITE_COMMENT_LAYOUTS, "southfront-widget"),
)
