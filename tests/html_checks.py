"""What every HTML page sxt writes is tested for: hostile text that must stay text, the
tags a self-contained page may never hold, and a parser that lists tags, text and any
nesting that does not balance. Shared by the audit, shop and journey page tests."""

from __future__ import annotations

from html.parser import HTMLParser

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
# If either ran in the browser, the dumped DOM would show it.
PWN_TITLE = "<script>document.title='pwned'</script>"
PWN_ATTRIBUTE = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
FORBIDDEN = {"script", "img", "link", "iframe", "object", "embed", "base", "form", "video"}


class Tags(HTMLParser):
    """Every tag with its attributes, the text, and whether the nesting balances."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    tags.close()
    return tags
