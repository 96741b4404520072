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
    # The newer comment widget's controls.
    r"\d+ Comments?",
    r"Notify of",
    r"Newest Most Voted",
    r"Inline Feedbacks",
    r"View all comments",
)
APPEAL_STARTS = ()
SIGNATURES = (
    r"Support SouthFront.{0,80}",
    r"Do you like this content\? Consider helping us!",
)
