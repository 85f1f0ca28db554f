"""Pre-publish checks: what stops an article going public, and what only deserves a warning."""

import re
from html import unescape

from articles.models import Article
from richtext.rendering import images_without_alt

HEADING_LEVEL = re.compile(r"<h([1-6])\b", re.IGNORECASE)
LINK_TEXT = re.compile(r"<a\b[^>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^>]+>")
VAGUE_LINK_TEXTS = {"click here", "here", "click", "this link", "link", "read more"}
# The article page's headline is the <h1>, so the body's first heading level is <h2>.
BODY_TOP_HEADING = 2


def lead_image_problem(article: Article) -> str | None:
    """The one place that knows how a lead image and its alt text are stored."""
    if article.lead_image_id and not (article.lead_image.alt_text or "").strip():
        return "The lead image has no alt text: describe it for readers who cannot see it."
    return None


def publish_problems(article: Article) -> list[str]:
    """Reasons publishing is refused (empty list: good to go)."""
    problems = []
    if not (article.headline or "").strip():
        problems.append("The headline is empty.")
    if not article.bylines.exists():
        problems.append("There is no byline: add at least one author.")
    if image_problem := lead_image_problem(article):
        problems.append(image_problem)
    if missing := images_without_alt(article.body):
        problems.append(
            f"Images in the body without alt text: {missing}. Describe each one (Edit alt text) "
            "for readers who cannot see it."
        )
    return problems


def publish_warnings(article: Article) -> list[str]:
    """Things worth a second look that do not stop publication."""
    warnings = []
    previous = BODY_TOP_HEADING - 1
    for match in HEADING_LEVEL.finditer(article.body or ""):
        level = int(match.group(1))
        if level > previous + 1:
            warnings.append(
                f"The body skips a heading level (h{level} after h{previous}): "
                "screen-reader users navigate by headings."
            )
            break
        previous = level
    for match in LINK_TEXT.finditer(article.body or ""):
        text = " ".join(unescape(TAG.sub("", match.group(1))).split()).lower().strip(".!:")
        if text in VAGUE_LINK_TEXTS:
            warnings.append(
                f'A link says only "{text}": say where it goes, so it makes sense on its own.'
            )
            break
    return warnings
