"""What the project knows about the source article without reading it."""

from __future__ import annotations

# Non-empty lines of ../shared/source/000_b851dac7d4cc0232.txt, title included.
# Kept here because a fresh clone has no copy of the article.
PARAGRAPHS = 31


def paragraphs(text: str) -> list[str]:
    """The article's non-empty lines, stripped; paragraph N is item N-1."""
    return [line.strip() for line in text.splitlines() if line.strip()]
