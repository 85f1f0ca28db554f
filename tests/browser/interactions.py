"""Browser interactions shared by the browser tests."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait


def click(browser, element) -> None:
    """Scroll `element` to the middle of the viewport at once, then click it like a person."""
    browser.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element
    )
    element.click()


def click_and_load(browser, element, timeout: int = 20) -> None:
    """Click `element` and wait until the page it leads to has replaced this one.

    Without the wait, the next `find_element` may read the page being left (a race seen in CI).
    """
    page = browser.find_element(By.TAG_NAME, "html")
    click(browser, element)
    WebDriverWait(browser, timeout).until(expected_conditions.staleness_of(page))
