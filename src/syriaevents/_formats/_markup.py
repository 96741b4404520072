"""Markup text to a small tree with positions: the tokenizer behind ``from_html``.

It reads the HTML this package writes, not HTML at large: well-formed elements of a
fixed vocabulary (a :class:`Grammar`), each closed by its own end tag, attribute
values in double quotes, comments and one ``<!DOCTYPE html>``. It reads them in one
forward scan: each step matches a compiled pattern anchored where the previous one
stopped, whose quantifiers are possessive, so no step looks back, and the first step
that fails ends the scan. The cost is linear in the text, whatever it holds; anything
outside the grammar is refused where it stands with a :class:`ParseError` giving the
line, the column and what was expected.

The tree indexes its elements by class and by name in document order, and each
element knows the span of elements and text runs it contains, so that finding the
elements of a class below another, or an element's text, costs a binary search and
a slice rather than a walk.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from html import unescape
from operator import attrgetter

import attrs

from .._errors import ParseError

__all__ = ["Element", "Grammar", "Tree", "parse_markup"]


@attrs.frozen(kw_only=True)
class Grammar:
    """The markup a reader accepts: element and attribute names, and how deep."""

    elements: frozenset[str]
    # Elements without content or end tag (<meta>, <img>).
    void: frozenset[str]
    # Elements whose content is text up to their end tag, not markup (<style>).
    raw_text: frozenset[str]
    attributes: frozenset[str]
    # Attribute names allowed by their start ("data-").
    attribute_prefixes: tuple[str, ...]
    # Open elements allowed at once; deeper markup is refused, never recursed into.
    max_depth: int


class Element:
    """One element: its name, attributes and where it stands.

    ``start`` is the offset of its ``<``; ``order`` its number in document order;
    ``last`` the number of the last element inside it (``order`` itself when there is
    none); its text is the tree's runs ``first_run`` up to ``end_run``.
    """

    __slots__ = ("attrs", "children", "end_run", "first_run", "last", "order", "start", "tag")

    def __init__(
        self, tag: str, attributes: dict[str, str], start: int, order: int, first_run: int
    ) -> None:
        self.tag = tag
        self.attrs = attributes
        self.start = start
        self.order = order
        self.last = order
        self.first_run = first_run
        self.end_run = first_run
        self.children: list[Element] = []  # child elements; text is in the runs


_ORDER = attrgetter("order")
_NO_ELEMENTS: list[Element] = []


class Tree:
    """A parsed document: its root, text runs and indexes, with positions for errors."""

    def __init__(
        self,
        text: str,
        root: Element,
        runs: list[str],
        by_class: dict[str, list[Element]],
        by_tag: dict[str, list[Element]],
    ) -> None:
        self.text = text
        self.root = root
        self.runs = runs
        self.by_class = by_class
        self.by_tag = by_tag

    def with_class(self, parent: Element, class_name: str) -> list[Element]:
        """The elements of a class below ``parent``, in document order."""
        return _inside(parent, self.by_class.get(class_name, _NO_ELEMENTS))

    def named(self, parent: Element, tag: str) -> list[Element]:
        """The elements of a name (``"time"``) below ``parent``, in document order."""
        return _inside(parent, self.by_tag.get(tag, _NO_ELEMENTS))

    def text_of(self, element: Element) -> str:
        """All text below an element, in document order, references decoded."""
        first, end = element.first_run, element.end_run
        if end == first + 1:
            return self.runs[first]
        return "".join(self.runs[first:end])

    def error(self, element: Element, message: str) -> ParseError:
        """A ParseError pointing at an element's start tag."""
        return _error(self.text, element.start, message)


def _inside(parent: Element, elements: list[Element]) -> list[Element]:
    # Elements are listed in document order, and those below ``parent`` are numbered
    # from just after it up to its last: two binary searches find them.
    if not elements:
        return []
    low = bisect_right(elements, parent.order, key=_ORDER)
    high = bisect_right(elements, parent.last, low, key=_ORDER)
    return elements[low:high]


def _position(text: str, offset: int) -> tuple[int, int]:
    """The line and column (both from 1) of an offset in the text."""
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def _error(text: str, offset: int, message: str) -> ParseError:
    line, column = _position(text, offset)
    return ParseError(message, line=line, column=column)


def _where(text: str, offset: int) -> str:
    line, column = _position(text, offset)
    return f"at line {line}, column {column}"


# The whitespace of HTML: space, tab, newline, form feed, carriage return.
_SPACE = r"[ \t\n\f\r]"
_NAME = r"[a-zA-Z][a-zA-Z0-9]*+"
_ATTRIBUTE_NAME = r"[a-zA-Z][a-zA-Z0-9_.:-]*+"
# An attribute value in double quotes, as the writer quotes every value. A "<" inside
# one is refused, so that an unclosed quote is found at the next tag, not after it.
_VALUE = r'"[^"<]*+"'
# One step of the scan: the text up to the next "<", then the tag there if it is an
# end tag as the writer spells it or a start tag (groups: text, end tag's name, start
# tag's name, its attributes as written, "/" or ""). Every quantifier is possessive and
# a value stops at "<", so a step reads each character once at most, and a tag it
# gives up on (which ends the scan with a ParseError) costs at most the way to the
# next "<".
_STEP = re.compile(
    rf"([^<]*+)(?:</({_NAME})>|<({_NAME})((?:{_SPACE}++{_ATTRIBUTE_NAME}={_VALUE})*+)"
    rf"{_SPACE}*+(/?)>)?"
)
# One attribute of the attributes _STEP read (groups: name, value without its quotes).
# (It starts only where a name can start, so that even a scan of a run of name
# characters costs linear time.)
_ATTRIBUTE = re.compile(rf'(?<![a-zA-Z0-9_.:-])({_ATTRIBUTE_NAME})="([^"]*+)"')
# An end tag: "</", its name, ">" (group: name).
_END_TAG = re.compile(rf"</({_NAME}){_SPACE}*+>")
# The end of a comment: "-->", or "--!>" as HTML5 also takes.
_COMMENT_END = re.compile(r"--!?>")
# HTML5's empty comments that end early: "<!-->" and "<!--->".
_ABRUPT_COMMENTS = ("<!-->", "<!--->")
# The document type of an HTML5 page, any case: "<!DOCTYPE html>".
_DOCTYPE = re.compile(rf"<!doctype{_SPACE}++html{_SPACE}*+>", re.IGNORECASE)
# The parts of a start tag, for saying where one that _STEP refused went wrong.
_TAG_NAME = re.compile(rf"<{_NAME}")
_SPACES = re.compile(rf"{_SPACE}*+")
_TAG_END = re.compile(r"/?>")
_ATTRIBUTE_START = re.compile(rf"{_ATTRIBUTE_NAME}")
_QUOTED = re.compile(_VALUE)
# How much of a name an error message quotes.
_SHOWN = 40


def parse_markup(text: str, grammar: Grammar) -> Tree:
    """Read ``text`` into a :class:`Tree`; ParseError at the first thing that ``grammar``
    does not allow or that is not well-formed."""
    runs: list[str] = []
    by_class: dict[str, list[Element]] = {}
    by_tag: dict[str, list[Element]] = {}
    root = Element("#document", {}, 0, -1, 0)
    stack = [root]
    parent = root
    order = 0
    position = 0
    size = len(text)
    step = _STEP.match
    elements, void, allowed = grammar.elements, grammar.void, grammar.attributes
    while True:
        found = step(text, position)
        assert found is not None  # it matches the empty string
        run, closing, name, written, slash = found.groups()
        if run:
            runs.append(unescape(run) if "&" in run else run)
        position = found.end()
        if name is None:
            if closing is None:
                if position == size:
                    break
                if text.startswith("<!", position):
                    position = _skip_declaration(text, position, order)
                    continue
                if not text.startswith("</", position):
                    raise _explain_start_tag(text, position)
                position = _end_tag(text, position, parent)  # "</P>", "</p >" or an error
            elif closing != parent.tag:
                _end_tag(text, position - len(closing) - 3, parent)
            parent.last = order - 1
            parent.end_run = len(runs)
            stack.pop()
            parent = stack[-1]
            continue
        start = found.start(3) - 1
        if name not in elements:
            name = _known_name(text, start, name, grammar)
        if written:
            pairs = _ATTRIBUTE.findall(written)
            attributes = dict(pairs)
            if len(attributes) != len(pairs) or "&" in written or not attributes.keys() <= allowed:
                attributes = _attributes(text, start, pairs, grammar)
        else:
            attributes = {}
        element = Element(name, attributes, start, order, len(runs))
        order += 1
        parent.children.append(element)
        named = by_tag.get(name)
        if named is None:
            by_tag[name] = [element]
        else:
            named.append(element)
        classes = attributes.get("class")
        if classes:
            for class_name in classes.split():
                members = by_class.get(class_name)
                if members is None:
                    by_class[class_name] = [element]
                else:
                    members.append(element)
        if name in void:
            continue
        if slash:
            raise _error(text, start, f"expected '>' to end <{name}>: '/>' does not close it")
        if name in grammar.raw_text:
            position = _skip_raw_text(text, position, element, runs)
            continue
        if len(stack) > grammar.max_depth:
            raise _error(text, start, f"expected at most {grammar.max_depth} nested elements")
        stack.append(element)
        parent = element
    if parent is not root:
        raise _error(
            text,
            size,
            f"expected </{parent.tag}> (for <{parent.tag}> {_where(text, parent.start)})"
            " before the end of the document",
        )
    root.last = order - 1
    root.end_run = len(runs)
    return Tree(text, root, runs, by_class, by_tag)


def _end_tag(text: str, offset: int, parent: Element) -> int:
    """The end of the end tag at ``offset``, which must close ``parent``."""
    end_tag = _END_TAG.match(text, offset)
    if end_tag is None:
        raise _error(text, offset, "expected an end tag '</name>'")
    name = end_tag.group(1)
    if name.lower() == parent.tag:
        return end_tag.end()
    if parent.tag == "#document":
        raise _error(text, offset, f"expected no end tag here, found </{_short(name)}>")
    raise _error(
        text,
        offset,
        f"expected </{parent.tag}> (for <{parent.tag}> {_where(text, parent.start)}),"
        f" found </{_short(name)}>",
    )


def _short(name: str) -> str:
    """A name as an error message quotes it: whole if short, else its start."""
    return name if len(name) <= _SHOWN else f"{name[:_SHOWN]}..."


def _known_name(text: str, offset: int, name: str, grammar: Grammar) -> str:
    """An element name in the grammar's spelling (names are case-insensitive)."""
    lower = name.lower()
    if lower not in grammar.elements:
        raise _error(text, offset, f"expected an element of the HTML form, found <{_short(name)}>")
    return lower


def _attributes(
    text: str, offset: int, found: list[tuple[str, str]], grammar: Grammar
) -> dict[str, str]:
    """A start tag's attributes, the slow way: names checked, references decoded."""
    attributes = {}
    for written, value in found:
        name = written.lower()
        if name not in grammar.attributes and not name.startswith(grammar.attribute_prefixes):
            raise _error(
                text, offset, f"expected an attribute of the HTML form, found {_short(written)!r}"
            )
        if name in attributes:
            raise _error(text, offset, f"expected the attribute {name!r} once in a start tag")
        attributes[name] = unescape(value) if "&" in value else value
    return attributes


def _skip_declaration(text: str, offset: int, order: int) -> int:
    """The end of the comment or document type that starts at ``offset``."""
    if text.startswith("<!--", offset):
        for abrupt in _ABRUPT_COMMENTS:
            if text.startswith(abrupt, offset):
                return offset + len(abrupt)
        end = _COMMENT_END.search(text, offset + 4)
        if end is None:
            raise _error(text, offset, "expected '-->' to end the comment")
        return end.end()
    doctype = _DOCTYPE.match(text, offset)
    if doctype is None:
        raise _error(text, offset, "expected a comment '<!--' or '<!DOCTYPE html>'")
    if order:
        raise _error(text, offset, "expected <!DOCTYPE html> before the first element")
    return doctype.end()


@cache
def _raw_text_end(tag: str) -> re.Pattern[str]:
    """The end tag of a raw-text element, any case: "</style>"."""
    return re.compile(rf"</{tag}{_SPACE}*+>", re.IGNORECASE)


def _skip_raw_text(text: str, position: int, element: Element, runs: list[str]) -> int:
    """The end of a raw-text element (<style>) whose content starts at ``position``:
    its content is one text run, not markup."""
    end = _raw_text_end(element.tag).search(text, position)
    if end is None:
        raise _error(text, element.start, f"expected </{element.tag}> to end <{element.tag}>")
    if end.start() > position:
        runs.append(text[position : end.start()])
    element.end_run = len(runs)
    return end.end()


def _explain_start_tag(text: str, offset: int) -> ParseError:
    """Why ``_STEP`` read no tag at ``offset``: its steps again, one by one."""
    name = _TAG_NAME.match(text, offset)
    if name is None:
        return _error(
            text, offset, "expected a tag name after '<' (a '<' in text is written '&lt;')"
        )
    position = name.end()
    while True:
        spaces = _SPACES.match(text, position)
        assert spaces is not None  # it matches the empty string
        # What has been read so far is a start tag up to here, so the tag cannot end
        # here (or _STEP would have read it): it must go on with an attribute.
        if spaces.end() == position or _TAG_END.match(text, spaces.end()):
            return _error(text, position, "expected a space, '>' or '/>'")
        position = spaces.end()
        attribute = _ATTRIBUTE_START.match(text, position)
        if attribute is None:
            return _error(text, position, "expected an attribute name, '>' or '/>'")
        position = attribute.end()
        if not text.startswith("=", position):
            return _error(text, position, "expected '=' and the attribute's value in quotes")
        value = _QUOTED.match(text, position + 1)
        if value is None:
            if text.startswith('"', position + 1):
                return _error(text, position + 1, "expected the closing '\"' before any '<'")
            return _error(text, position + 1, "expected the attribute's value in double quotes")
        position = value.end()
