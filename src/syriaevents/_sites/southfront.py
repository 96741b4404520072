"""SouthFront: its donation ticker, support lines, embeds and comment widget."""

NAME = "SouthFront"
HOSTS = ("southfront.org", "southfront.press")

# Lines that are never article text, wherever they stand.
FURNITURE = (
    r"\d{1,3}(?:,\d{3})* \$",  # the donation ticker: "0 $", "2,500 $", ...
    r"\d+ DAYS? LEFT UNTIL THE END OF [A-Z]+",
    r"Support SouthFront.{0,80}",
    r"Click to see the full-size (?:map|image|infographic)",
    r"View this post on Instagram",
    r"A post shared by .{1,120}",
    r"Do you like this content\? Consider helping us!",
    # The newer comment widget's controls (its comments are read by WIDGET_* below).
    r"0 Comments",
    r"Notify of",
    r"Newest Most Voted",
    r"Inline Feedbacks",
    r"View all comments",
)
# The newer comment widget: a header "12 Comments", its controls, then each comment as
# its author, a relative time ("3 years ago"), its paragraphs and a "Reply" control,
# with no bullets and no indentation (replies are not told apart from comments).
WIDGET_HEADER = r"[1-9]\d* Comments?"
WIDGET_TIME = r"\d+ (?:second|minute|hour|day|week|month|year)s? ago"
WIDGET_CONTROLS = (r"Reply", r"Vote Up", r"Vote Down", r"Last edited .{1,60}")
APPEAL_STARTS = ()
SIGNATURES = (
    r"Support SouthFront.{0,80}",
    r"Do you like this content\? Consider helping us!",
)
