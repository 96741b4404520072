"""The Moscow Times: its banners, appeals, newsletter block and photo lines over the years."""

import re

from . import Publisher, any_line

# Lines that say a text comes from The Moscow Times even when it carries no URL.
_SIGNATURES = (
    r"A Message from The Moscow Times:",
    r"Support The Moscow Times!",
    r"Enjoying ad-free content\?",
    r"Our journalism is banned in Russia\. We need your help to keep providing you with"
    r" the truth\.",
    r"As the only remaining independent, English-language news source reporting from Russia,"
    r" The Moscow Times\b.*",
)

PUBLISHER = Publisher(
    name="The Moscow Times",
    hosts=("themoscowtimes.com",),
    signatures=any_line(*_SIGNATURES),
    # Lines that are never article text, wherever they stand.
    furniture=any_line(
        *_SIGNATURES,
        "\u00d7",  # the close button of the banner, a multiplication sign
        r"Since .{3,40}, we have disabled all ads to improve your reading experience\.",
        r"This commitment costs us .{1,40}\. Your support can help us fill the gap\.",
        r"Support us",
        r"Read more",
        # The newsletter block.
        r"(?i:sign up|subscribe) (?i:for|to) (?i:our|the) .{0,60}(?i:newsletters?)\b.{0,120}",
        r"(?i:our (?:free )?weekly (?:email )?newsletter)\b.{0,400}",
        r"(?i:subscribe)",
        r"(?i:(?:subscribers|i) agree to the privacy policy)\.?",
    ),
    # Lines that open the closing appeal: they and everything after them are dropped.
    appeal_starts=any_line(
        r"A Message from The Moscow Times:",
        r".{0,200}\bwe have a small favor to ask\b.*",
        r"The need for honest and objective information on Russia\b.*",
        r"Independent journalism isn.t dead\b.*",
    ),
    photo_after_title=True,
    # "/2017/03/22/<slug>-a57499": the article id vouches for the date; URLs without
    # one have been seen carrying a date years after the article's.
    url_date=re.compile(r"/(?P<year>\d{4})/(?P<month>\d{2})/(?P<day>\d{2})/[^/?#]*-a\d+/?"),
    comment_layouts=(),
)
