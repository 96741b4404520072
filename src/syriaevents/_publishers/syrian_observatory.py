"""The Syrian Observatory for Human Rights (syriahr.com): its site-name line."""

from . import Publisher, any_line

_NAME = r"(?i:the syrian observatory for human rights)"

PUBLISHER = Publisher(
    name="The Syrian Observatory For Human Rights",
    hosts=("syriahr.com",),
    signatures=any_line(_NAME),
    furniture=any_line(_NAME),
)
