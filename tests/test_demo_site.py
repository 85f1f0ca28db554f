"""The demo's standing pages, menus and brand (`demo/site.py`, run by `seed_demo`)."""

import pytest

from branding.models import Brand
from demo.site import seed_site
from pages.models import MenuItem, Page
from tests.factories import SectionFactory

pytestmark = pytest.mark.django_db


def test_demo_site_has_the_newsroom_pages_menus_and_brand(client):
    SectionFactory(name="Technology", slug="technology")
    SectionFactory(name="Gaming", slug="gaming")
    created = seed_site()
    assert created == {"pages": 7, "menu items": 11, "brand": 1}
    paths = set(Page.objects.published().values_list("path", flat=True))
    assert paths == {"about", "about/team", "contact", "privacy", "terms", "ethics",
                     "corrections-policy"}  # fmt: skip
    for path in paths:
        assert client.get(f"/{path}/").status_code == 200
    assert MenuItem.objects.filter(menu="header", parent__isnull=False).count() == 1
    brand = Brand.objects.get()
    assert brand.publisher_logo_width >= 600 and brand.publisher_logo_height >= 60
    assert brand.logo_svg.name.endswith(".svg") and len(brand.icons) == 5


def test_demo_site_is_idempotent_and_keeps_edits():
    seed_site()
    about = Page.objects.get(path="about")
    about.title = "About the newsroom"
    about.save()
    assert seed_site() == {"pages": 0, "menu items": 0, "brand": 0}
    assert Page.objects.get(path="about").title == "About the newsroom"
