"""Write a synthetic WordPress export (WXR 1.2) of N posts, for timing `import_wordpress`.

    python bench/wordpress_wxr.py OUT.xml --posts 10000 [--media-dir DIR]

The mix is what a news site's export looks like: mostly published classic posts with
paragraphs, some block-editor posts, captions, a few drafts, scheduled, private and sticky
posts, 40 categories in a hierarchy, 400 tags, featured images on half the posts (their files
written to --media-dir when given, so the import copies real files), old slugs and comments.
Deterministic (seeded), so runs are comparable.
"""

import argparse
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

WORDS = [
    "council", "harbour", "budget", "ferry", "storm", "school", "market", "road", "housing",
    "tide", "festival", "library", "minister", "report", "vote", "plan", "city", "river",
    "bridge", "station", "museum", "hospital", "court", "police", "water", "energy", "price",
    "rent", "wage", "strike", "match", "team", "season", "club", "coach", "result", "record",
]  # fmt: skip


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def sentence(rng: random.Random, n: int = 12) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def classic_body(rng: random.Random, post_id: int) -> str:
    paragraphs = [" ".join(sentence(rng) for _ in range(4)) for _ in range(rng.randint(4, 9))]
    if post_id % 7 == 0:
        # Odd posts show their featured photo again in the body, as a resized variant (the
        # file is in the media folder for half of them); even posts an image never exported.
        src = (
            f"{upload_path(post_id).removesuffix('.jpg')}-300x200.jpg"
            if post_id % 2
            else f"inline-{post_id}.jpg"
        )
        paragraphs.insert(
            2,
            f'[caption id="attachment_{post_id}" align="aligncenter" width="640"]'
            f'<img class="wp-image-{1_000_000 + post_id}" '
            f'src="https://bench.example/wp-content/uploads/{src}" '
            f'alt="Inline" width="640" height="480" /> {sentence(rng, 6)}[/caption]',
        )
    if post_id % 11 == 0:
        paragraphs.append(f"https://www.youtube.com/watch?v=bench{post_id:06d}")
    if post_id % 5 == 0:
        paragraphs.insert(1, f"<h2>{sentence(rng, 4)}</h2>")
    return "\n\n".join(paragraphs)


def block_body(rng: random.Random) -> str:
    blocks = [
        f"<!-- wp:paragraph -->\n<p>{' '.join(sentence(rng) for _ in range(4))}</p>\n"
        "<!-- /wp:paragraph -->"
        for _ in range(rng.randint(4, 9))
    ]
    return "\n\n".join(blocks)


def write(out: Path, posts: int, media_dir: Path | None, seed: int = 7) -> None:
    rng = random.Random(seed)
    start = datetime(2010, 1, 1, tzinfo=UTC)
    categories = [(f"desk-{i}", f"Desk {i}", "" if i < 10 else f"desk-{i % 10}") for i in range(40)]
    tags = [f"topic-{i}" for i in range(400)]
    authors = [f"writer{i}" for i in range(25)]
    with out.open("w", encoding="utf-8") as f:
        f.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            "<title>Bench Gazette</title>\n<wp:wxr_version>1.2</wp:wxr_version>\n"
            "<wp:base_site_url>https://bench.example</wp:base_site_url>\n"
        )
        for login in authors:
            f.write(
                f"<wp:author><wp:author_login>{cdata(login)}</wp:author_login>"
                f"<wp:author_display_name>{cdata(login.title())}</wp:author_display_name>"
                "</wp:author>\n"
            )
        for slug, name, parent in categories:
            f.write(
                f"<wp:category><wp:category_nicename>{slug}</wp:category_nicename>"
                f"<wp:category_parent>{parent}</wp:category_parent>"
                f"<wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>\n"
            )
        for tag in tags:
            f.write(
                f"<wp:tag><wp:tag_slug>{tag}</wp:tag_slug><wp:tag_name>{tag}</wp:tag_name></wp:tag>\n"
            )
        for post_id in range(1, posts + 1):
            f.write(post_item(rng, post_id, start, categories, tags, authors))
        for post_id in range(1, posts + 1, 2):
            f.write(attachment_item(post_id, media_dir))
        for page_id in range(PAGES):
            f.write(page_item(rng, page_id))
        for position in range(PAGES // PAGES_PER_SECTION):
            f.write(menu_item(position))
        f.write("</channel>\n</rss>\n")


# Pages: PAGES // PAGES_PER_SECTION top-level pages, each with PAGES_PER_SECTION - 1 children,
# and a primary menu linking the top-level ones.
PAGES = 60
PAGES_PER_SECTION = 6
PAGE_IDS = 2_000_000
MENU_IDS = 3_000_000


def page_item(rng: random.Random, n: int) -> str:
    top = n % PAGES_PER_SECTION == 0
    parent = 0 if top else PAGE_IDS + n - n % PAGES_PER_SECTION
    slug = f"page-{n}"
    link = f"page-{n - n % PAGES_PER_SECTION}/{slug}" if not top else slug
    body = "\n\n".join(" ".join(sentence(rng) for _ in range(3)) for _ in range(4))
    return (
        f"<item><title>{cdata(sentence(rng, 3)[:-1])}</title>"
        f"<link>https://bench.example/{link}/</link>"
        f"<content:encoded>{cdata(body)}</content:encoded>"
        f"<wp:post_id>{PAGE_IDS + n}</wp:post_id><wp:post_name>{slug}</wp:post_name>"
        f"<wp:status>publish</wp:status><wp:post_parent>{parent}</wp:post_parent>"
        "<wp:post_type>page</wp:post_type></item>\n"
    )


def menu_item(position: int) -> str:
    return (
        f"<item><title></title><wp:post_id>{MENU_IDS + position}</wp:post_id>"
        f"<wp:menu_order>{position + 1}</wp:menu_order><wp:status>publish</wp:status>"
        "<wp:post_type>nav_menu_item</wp:post_type>"
        '<category domain="nav_menu" nicename="primary"><![CDATA[Primary]]></category>'
        + meta("_menu_item_type", "post_type")
        + meta("_menu_item_object", "page")
        + meta("_menu_item_object_id", str(PAGE_IDS + position * PAGES_PER_SECTION))
        + meta("_menu_item_menu_item_parent", "0")
        + "</item>\n"
    )


def post_item(rng, post_id, start, categories, tags, authors) -> str:
    date = start + timedelta(hours=post_id * 3)
    title = sentence(rng, rng.randint(5, 11))[:-1]
    slug = f"post-{post_id}-{title.split()[0].lower()}"
    roll = rng.random()
    status = (
        "draft"
        if roll < 0.03
        else "private"
        if roll < 0.04
        else "future"
        if roll < 0.05
        else "publish"
    )
    if status == "future":
        date = datetime(2099, 1, 1, tzinfo=UTC) + timedelta(hours=post_id)
    body = block_body(rng) if post_id % 3 == 0 else classic_body(rng, post_id)
    cats = rng.sample(categories, rng.randint(1, 3))
    parts = [
        "<item>",
        f"<title>{cdata(title)}</title>",
        f"<link>https://bench.example/{date:%Y/%m}/{slug}/</link>",
        f"<dc:creator>{cdata(rng.choice(authors))}</dc:creator>",
        f'<guid isPermaLink="false">https://bench.example/?p={post_id}</guid>',
        f"<content:encoded>{cdata(body)}</content:encoded>",
        f"<excerpt:encoded>{cdata(sentence(rng, 15))}</excerpt:encoded>",
        f"<wp:post_id>{post_id}</wp:post_id>",
        f"<wp:post_date>{date:%Y-%m-%d %H:%M:%S}</wp:post_date>",
        f"<wp:post_date_gmt>{date:%Y-%m-%d %H:%M:%S}</wp:post_date_gmt>",
        f"<wp:post_name>{cdata('' if status == 'draft' else slug)}</wp:post_name>",
        f"<wp:status>{status}</wp:status>",
        "<wp:post_type>post</wp:post_type>",
        f"<wp:is_sticky>{1 if post_id % 500 == 0 else 0}</wp:is_sticky>",
    ]
    parts += [
        f'<category domain="category" nicename="{slug_}">{cdata(name)}</category>'
        for slug_, name, _ in cats
    ]
    parts += [
        f'<category domain="post_tag" nicename="{tag}">{cdata(tag)}</category>'
        for tag in rng.sample(tags, rng.randint(2, 8))
    ]
    if post_id % 2 == 1:
        parts.append(meta("_thumbnail_id", str(1_000_000 + post_id)))
    if post_id % 10 == 0:
        parts.append(meta("_wp_old_slug", f"old-{slug}"))
    parts += [
        f"<wp:comment><wp:comment_id>{post_id * 10 + n}</wp:comment_id>"
        f"<wp:comment_content>{escape(sentence(rng))}</wp:comment_content></wp:comment>"
        for n in range(post_id % 3)
    ]
    parts.append("</item>\n")
    return "\n".join(parts)


def upload_path(post_id: int) -> str:
    return f"{2010 + post_id % 10}/{1 + post_id % 12:02d}/photo-{post_id}.jpg"


def attachment_item(post_id: int, media_dir: Path | None) -> str:
    relative = upload_path(post_id)
    if media_dir is not None and post_id % 4 == 1:  # half the featured images are present
        path = media_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(TINY_JPEG)
    return (
        f"<item><title>photo {post_id}</title>"
        f"<wp:post_id>{1_000_000 + post_id}</wp:post_id><wp:post_parent>{post_id}</wp:post_parent>"
        "<wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type>"
        f"<wp:attachment_url>https://bench.example/wp-content/uploads/{relative}"
        "</wp:attachment_url>"
        + meta("_wp_attachment_image_alt", f"Photo for post {post_id}")
        + "</item>\n"
    )


def meta(key: str, value: str) -> str:
    return (
        f"<wp:postmeta><wp:meta_key>{key}</wp:meta_key>"
        f"<wp:meta_value>{cdata(value)}</wp:meta_value></wp:postmeta>"
    )


def _tiny_jpeg() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (32, 24), (40, 110, 170)).save(buffer, "JPEG")
    return buffer.getvalue()


TINY_JPEG = _tiny_jpeg()

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--media-dir", type=Path)
    args = parser.parse_args()
    write(args.out, args.posts, args.media_dir)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB, {args.posts} posts)")
