"""An editor uploads a phone photo in a real browser and sets its focal point by clicking."""

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait

from images.models import Image
from tests.browser.interactions import click, page_left
from tests.factories import UserFactory
from tests.test_images import assert_no_metadata

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _photo(path) -> None:
    from PIL import Image as PILImage

    photo = PILImage.new("RGB", (900, 600), "steelblue")
    exif = PILImage.Exif()
    exif.get_ifd(0x8825)[2] = (51.0, 30.0, 12.5)  # GPS latitude
    photo.save(path, "JPEG", exif=exif)


def _wait_for(browser, selector: str):
    return WebDriverWait(browser, 20).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, selector))
    )


def _submit(browser) -> None:
    """Save and continue editing, and wait until the next page has replaced this one."""
    page = browser.find_element(By.TAG_NAME, "html")
    click(browser, browser.find_element(By.NAME, "_continue"))
    WebDriverWait(browser, 20).until(page_left(page))


def test_editor_uploads_a_photo_and_clicks_its_focal_point(
    browser, live_server, settings, tmp_path, screenshot
):
    settings.ROOT_URLCONF = "tests.browser.urls_with_media"
    user = UserFactory(username="desk", is_staff=True, is_superuser=True)
    user.save()
    photo = tmp_path / "IMG_2041.jpg"
    _photo(photo)

    browser.get(live_server.url + "/admin/login/?next=/admin/images/image/add/")
    browser.find_element(By.ID, "id_username").send_keys("desk")
    browser.find_element(By.ID, "id_password").send_keys("correct horse battery")
    click(browser, browser.find_element(By.CSS_SELECTOR, "input[type=submit]"))
    _wait_for(browser, "#id_upload").send_keys(str(photo))  # the add page, after signing in
    browser.find_element(By.ID, "id_alt_text").send_keys("Harbour cranes at dusk")
    _submit(browser)

    preview = _wait_for(browser, ".focal-picker img")  # the change page, after the upload
    image = Image.objects.get()
    assert_no_metadata(image.file.read())
    assert browser.execute_script("return arguments[0].naturalWidth", preview) > 0  # it loads
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", preview)
    width, height = preview.size["width"], preview.size["height"]
    ActionChains(browser).move_to_element_with_offset(
        preview, int(width * 0.4), int(-height * 0.3)
    ).click().perform()  # offsets from the centre: 90% across, 20% down
    focal_x = int(browser.find_element(By.ID, "id_focal_x").get_attribute("value"))
    focal_y = int(browser.find_element(By.ID, "id_focal_y").get_attribute("value"))
    assert abs(focal_x - 90) <= 2 and abs(focal_y - 20) <= 2
    assert browser.find_element(By.CSS_SELECTOR, ".focal-picker__marker").is_displayed()
    screenshot("focal-point")
    _submit(browser)

    _wait_for(browser, ".messagelist .success")
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (focal_x, focal_y)
    assert image.renditions_ready
    crops = browser.find_elements(By.CSS_SELECTOR, ".focal-crops img")
    assert len(crops) == 3
    assert all(browser.execute_script("return arguments[0].naturalWidth", c) > 0 for c in crops)
