"""The demo site's standing pages, menus and brand, written and drawn for the project.

Idempotent like the rest of `seed_demo`: a page that exists (by path) is left as it is, menus
are made only while the site has none, and the brand only while there is none.
"""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from articles.models import Section
from branding.artwork import make_artwork
from branding.models import Brand
from pages.models import MenuItem, Page

BRAND_RED = "#b3261e"
THEME_COLOUR = "#1d3557"

# (slug, title, SEO description, body HTML). Bodies are ours; nothing copied.
PAGES = [
    (
        "about",
        "About us",
        "Who we are, what we cover and how we pay for our journalism.",
        "<p>Newsroom is a small, independent newsroom covering technology, science, business "
        "and culture. We explain how new tools and ideas change ordinary lives, and we give "
        "good news the same care as bad news.</p>"
        "<h2>How we are funded</h2><p>Readers and a handful of clearly labelled sponsors pay "
        "for our work. Sponsors never see a story before it is published and never choose "
        "what we cover.</p>"
        "<h2>Where to find us</h2><p>Our desks work from three cities and meet every morning "
        'online. You can reach any of us through the <a href="/contact/">contact page</a>.</p>',
    ),
    (
        "contact",
        "Contact",
        "How to reach the newsroom, send a tip or ask for a correction.",
        "<p>The quickest way to reach the newsroom is by email at "
        '<a href="mailto:desk@newsroom.example">desk@newsroom.example</a>. A person reads '
        "every message on weekdays.</p>"
        "<h2>Tips</h2><p>Tell us what you know and how you know it. We protect our sources and "
        "never publish a tip without checking it first.</p>"
        "<h2>Corrections</h2><p>Found a mistake? Write to us with the story's address and what "
        'is wrong; our <a href="/corrections-policy/">corrections policy</a> says what '
        "happens next.</p>",
    ),
    (
        "privacy",
        "Privacy policy",
        "What we collect when you read Newsroom, and what we never do.",
        "<p>Reading Newsroom does not require an account, and our pages set no advertising or "
        "tracking cookies. Our servers keep ordinary access logs for fourteen days to keep the "
        "site running and safe, then delete them.</p>"
        "<h2>Email</h2><p>If you write to us we keep your message as long as we need it to "
        "answer or to report on it, and we never share your address.</p>"
        "<h2>Your rights</h2><p>Ask us at any time what we hold about you, and we will tell "
        "you, correct it or delete it.</p>",
    ),
    (
        "terms",
        "Terms of use",
        "The terms for reading, sharing and quoting Newsroom stories.",
        "<p>You may read, link to and quote our stories, with a link back to the original. "
        "Republishing a whole story needs our written permission.</p>"
        "<p>We work hard to be accurate, but our stories are journalism, not professional "
        "advice. Pictures and illustrations belong to their credited owners.</p>",
    ),
    (
        "ethics",
        "Ethics policy",
        "The standards our reporters and editors work to.",
        "<p>We report to inform our readers, not to please sources, sponsors or ourselves.</p>"
        "<ul><li>We verify before we publish, and say so when something cannot be "
        "verified.</li><li>We name our sources whenever we can, and explain why when we "
        "cannot.</li><li>We do not accept gifts, paid trips or payment for coverage.</li>"
        "<li>Staff declare any interest that touches a story they work on.</li></ul>",
    ),
    (
        "corrections-policy",
        "Corrections policy",
        "How we correct mistakes, openly and quickly.",
        "<p>When we get a fact wrong we fix the story and add a note at its end saying what "
        "changed and when. We do not quietly rewrite published stories.</p>"
        '<p>Every correction is also listed on our <a href="/corrections/">corrections '
        "page</a>. Small fixes of spelling or style that change no meaning get no note.</p>",
    ),
]
TEAM_PAGE = (
    "team",
    "Our team",
    "The editors and reporters behind Newsroom.",
    "<p>Newsroom's editors and reporters are listed with their stories on their author "
    "pages. The desk editors decide what we cover each day; the managing editor answers "
    "for every correction.</p>",
)
HEADER_SECTIONS = ["technology", "science", "business", "culture", "good-news"]
FOOTER_PAGES = ["about", "contact", "ethics", "corrections-policy", "privacy", "terms"]


def seed_site() -> dict[str, int]:
    """Pages, menus and the brand; returns what was created, by kind."""
    created = {"pages": seed_pages()}
    created["menu items"] = seed_menus()
    created["brand"] = seed_brand()
    return created


def seed_pages() -> int:
    count = 0
    for slug, title, description, body in PAGES:
        _, made = Page.objects.get_or_create(
            path=slug,
            defaults={"slug": slug, "title": title, "seo_description": description,
                      "body": body, "status": Page.Status.PUBLISHED},
        )  # fmt: skip
        count += made
    about = Page.objects.get(path="about")
    slug, title, description, body = TEAM_PAGE
    _, made = Page.objects.get_or_create(
        path=f"about/{slug}",
        defaults={"slug": slug, "parent": about, "title": title, "seo_description": description,
                  "body": body, "status": Page.Status.PUBLISHED},
    )  # fmt: skip
    return count + made


def seed_menus() -> int:
    if MenuItem.objects.exists():
        return 0
    items = []
    sections = Section.objects.in_bulk(HEADER_SECTIONS, field_name="slug")
    for position, slug in enumerate(HEADER_SECTIONS):
        if slug in sections:
            items.append(MenuItem.objects.create(
                menu=MenuItem.Menu.HEADER, section=sections[slug], position=position
            ))  # fmt: skip
    technology = next((item for item in items if item.section.slug == "technology"), None)
    gaming = Section.objects.filter(slug="gaming").first()
    if technology and gaming:
        items.append(MenuItem.objects.create(
            menu=MenuItem.Menu.HEADER, parent=technology, section=gaming, position=0
        ))  # fmt: skip
    about = Page.objects.get(path="about")
    items.append(MenuItem.objects.create(menu=MenuItem.Menu.HEADER, page=about, position=9))
    pages = Page.objects.in_bulk(FOOTER_PAGES, field_name="path")
    for position, path in enumerate(FOOTER_PAGES):
        items.append(MenuItem.objects.create(
            menu=MenuItem.Menu.FOOTER, page=pages[path], position=position
        ))  # fmt: skip
    for position, (label, url) in enumerate(
        [("Corrections", "/corrections/"), ("RSS feed", "/feed/")], start=len(FOOTER_PAGES)
    ):
        items.append(MenuItem.objects.create(
            menu=MenuItem.Menu.FOOTER, label=label, url=url, position=position
        ))  # fmt: skip
    return len(items)


def seed_brand() -> int:
    if Brand.objects.exists():
        return 0
    brand = Brand(theme_colour=THEME_COLOUR)
    brand.logo_svg.save("newsroom-logo.svg", ContentFile(logo_svg().encode()), save=False)
    brand.logo_raster.save("newsroom-logo.png", ContentFile(_png(logo_image())), save=False)
    brand.icon.save("newsroom-icon.png", ContentFile(_png(mark_image(512))), save=False)
    brand.save()
    make_artwork(brand)
    return 1


def _mark(draw: ImageDraw.ImageDraw, left: float, top: float, side: float) -> None:
    """A red rounded square with a white "N" built of three bars (no font needed)."""
    draw.rounded_rectangle([left, top, left + side, top + side], radius=side * 0.18, fill=BRAND_RED)
    bar, inset = side * 0.16, side * 0.22
    x0, x1 = left + inset, left + side - inset - bar
    y0, y1 = top + inset, top + side - inset
    draw.rectangle([x0, y0, x0 + bar, y1], fill="white")
    draw.rectangle([x1, y0, x1 + bar, y1], fill="white")
    draw.polygon([(x0, y0), (x0 + bar, y0), (x1 + bar, y1), (x1, y1)], fill="white")


def mark_image(side: int) -> Image.Image:
    image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    _mark(ImageDraw.Draw(image), 0, 0, side)
    return image


def logo_image() -> Image.Image:
    """The mark and the word "Newsroom" in white, for the dark header, 4× the header size."""
    height = 192
    font = ImageFont.load_default(size=132)
    text_width = int(font.getlength("Newsroom"))
    image = Image.new("RGBA", (height + 36 + text_width + 8, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    _mark(draw, 0, 0, height)
    draw.text((height + 36, height / 2), "Newsroom", font=font, fill="white", anchor="lm")
    return image


def logo_svg() -> str:
    """The same logo as a small SVG (crisp at any size in the header)."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 290 48" role="img">'
        "<title>Newsroom</title>"
        f'<rect width="48" height="48" rx="9" fill="{BRAND_RED}"/>'
        '<path fill="#fff" d="M10.5 10.5h7.7v27h-7.7zM29.8 10.5h7.7v27h-7.7z'
        'M10.5 10.5h7.7l19.3 27h-7.7z"/>'
        '<text x="58" y="35" fill="#fff" font-family="system-ui, sans-serif" '
        'font-size="32" font-weight="700">Newsroom</text></svg>'
    )


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
