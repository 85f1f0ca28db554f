"""The demo live blog: a fictional storm over a fictional coastal town, followed by the science
desk for an evening. Text written for the project. `seed_live_blog` is idempotent."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from articles.models import Article, Byline, Section
from authors.models import Author
from demo.images import lead_illustration
from images.models import Image
from liveblog.models import Entry, LiveBlog

SLUG = "storm-marrow-bay-live"
HEADLINE = "Storm Ilse reaches Marrow Bay: live updates"
STANDFIRST = (
    "High tides, closed roads and a town that has practised for this night. Our science desk "
    "follows the storm as it comes ashore."
)
BODY = (
    "<p>Storm Ilse is crossing the coast near Marrow Bay this evening. The weather service "
    "expects gusts above 110 km/h and a tide almost a metre above normal. Follow the latest "
    "below; the key points at the top are kept current by our editors.</p>"
)
KEY_POINTS = (
    "Gusts of 118 km/h measured at the harbour wall\n"
    "Coast road closed between the lighthouse and the ferry terminal\n"
    "Two shelters open: the sports hall and St Brendan's school\n"
    "No injuries reported so far"
)
# (minutes before now, pinned, text): oldest first, as they were posted.
ENTRIES = [
    (
        230,
        False,
        "<p>Good evening. The first bands of rain reached the western headland a few minutes "
        "ago, and the harbour master has asked every small boat to stay tied up until "
        "tomorrow noon.</p>",
    ),
    (
        215,
        True,
        "<p><strong>Where to get help:</strong> the council's storm line answers all night. "
        "Shelters are open at the sports hall on Quay Lane and at St Brendan's school; both "
        "take pets on a lead or in a carrier.</p>",
    ),
    (
        200,
        False,
        "<p>The ferry to the islands has made its last crossing of the day. The operator "
        "says the morning sailings will be decided at six.</p>",
    ),
    (
        182,
        False,
        "<p>Why this storm matters for the bay: the low pressure lifts the sea surface on its "
        "own, and tonight's high tide is a spring tide. The two together are what the flood "
        "gates were built for.</p>",
    ),
    (
        165,
        False,
        "<p>The flood gates at the river mouth are closing now. A crew of four checks each "
        "seal by hand; the whole job takes about twenty minutes.</p>",
    ),
    (
        150,
        False,
        "<p>Police have closed the coast road between the lighthouse and the ferry terminal. "
        "Drivers heading north are sent inland over the ridge road, which adds about a "
        "quarter of an hour.</p>",
    ),
    (
        131,
        False,
        "<p>A reader on Harbour Row sent us a description of spray going clean over the "
        "seawall and onto the promenade benches. Please watch from indoors: the wall is not "
        "a viewing platform tonight.</p>",
    ),
    (
        117,
        False,
        "<p>Power cut in the east of town: the grid operator says around 900 homes are "
        "affected and crews are waiting for the gusts to drop below the limit for work at "
        "height.</p>",
    ),
    (
        96,
        False,
        "<p>The harbour anemometer has just recorded a gust of 118 km/h, the strongest "
        "reading there since the station was moved to the new wall nine years ago.</p>",
    ),
    (
        74,
        False,
        "<p>The sports hall shelter now hosts 46 people and eleven dogs. Volunteers from the "
        "rowing club brought soup and a box of board games.</p>",
    ),
    (
        52,
        False,
        "<p>High tide has passed. The gauge at the river mouth peaked 87 cm above the "
        "predicted level; the gates held and the old town stayed dry.</p>",
    ),
    (
        30,
        False,
        "<p>Power is back for most of the east of town. About 140 homes near the quarry are "
        "still without electricity; the operator expects to reach them before midnight.</p>",
    ),
    (
        12,
        False,
        "<p>The wind is easing. The weather service has lowered its warning from orange to "
        "yellow for the coast and expects the last strong gusts around two in the morning.</p>",
    ),
]


def seed_live_blog(authors: dict[str, Author], credit: str) -> bool:
    """Create the demo live blog and its entries unless it exists; True if it was created."""
    if Article.objects.filter(slug=SLUG).exists():
        return False
    now = timezone.now().replace(second=0, microsecond=0)
    started = now - timedelta(minutes=ENTRIES[0][0] + 10)
    article = Article(
        headline=HEADLINE,
        slug=SLUG,
        standfirst=STANDFIRST,
        body=BODY,
        section=Section.objects.get(slug="science"),
        status=Article.Status.PUBLISHED,
        published_at=started,
    )
    picture, (focal_x, focal_y) = lead_illustration(HEADLINE, "science")
    article.lead_image = Image.from_upload(
        ContentFile(picture, name=f"{SLUG}.jpg"),
        alt_text="Illustration: waves breaking over a harbour wall under dark clouds",
        caption="Marrow Bay harbour as the storm arrives.",
        credit=credit,
        focal_x=focal_x,
        focal_y=focal_y,
    )
    article.save()
    writers = list(authors.values())[:2]
    Byline.objects.bulk_create(
        Byline(article=article, author=author, position=position)
        for position, author in enumerate(writers)
    )
    blog = LiveBlog.objects.create(article=article, key_points=KEY_POINTS, coverage_start=started)
    for number, (minutes_ago, pinned, text) in enumerate(ENTRIES):
        entry = Entry.objects.create(
            live_blog=blog, body=text, pinned=pinned, author=writers[number % len(writers)]
        )
        entry.publish(at=now - timedelta(minutes=minutes_ago))
    return True
