"""The Moscow Times: its appeals, banners and buttons over the years."""

NAME = "The Moscow Times"
HOSTS = ("themoscowtimes.com",)

# Lines that are never article text, wherever they stand.
FURNITURE = (
    "\u00d7",  # the close button of the banner, a multiplication sign
    r"Enjoying ad-free content\?",
    r"Since .{3,40}, we have disabled all ads to improve your reading experience\.",
    r"This commitment costs us .{1,40}\. Your support can help us fill the gap\.",
    r"Support us",
    r"Our journalism is banned in Russia\. We need your help to keep providing you with"
    r" the truth\.",
    r"Support The Moscow Times!",
    r"Read more",
    # The newsletter sign-up block.
    r"(?i)(?:sign up|subscribe) (?:for|to) (?:our|the) .{0,60}newsletters?\b.{0,120}",
    r"(?i)(?:our )?(?:free )?weekly (?:email )?newsletter",
    r"(?i)subscribe",
    r"(?i)i agree to the privacy policy\.?",
)
# Lines that open the closing appeal: they and everything after them are dropped.
APPEAL_STARTS = (
    r"A Message from The Moscow Times:",
    r".{0,200}\bwe have a small favor to ask\b.*",
    r"The need for honest and objective information on Russia\b.*",
)
# Lines that say a text comes from The Moscow Times even when it carries no URL.
SIGNATURES = (
    r"A Message from The Moscow Times:",
    r"Support The Moscow Times!",
    r"Our journalism is banned in Russia\. We need your help to keep providing you with"
    r" the truth\.",
)
