"""Browser interactions shared by the browser tests."""

from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

# What chromedriver says, now and then instead of "stale element reference", when asked about
# a node of a document the tab has already left (seen in CI on a scheduling click).
_LEFT_DOCUMENT = "does not belong to the document"


def click(browser, element) -> None:
    """Scroll `element` to the middle of the viewport at once, then click it like a person."""
    browser.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element
    )
    element.click()


def page_left(page):
    """A wait condition: true once the document holding `page` (any element) has been replaced.

    Like Selenium's `staleness_of()`, but it also reads chromedriver's "node does not belong to
    the document" answer as the page being gone rather than failing the wait on it.
    """

    def left(browser) -> bool:
        try:
            page.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if _LEFT_DOCUMENT in (error.msg or ""):
                return True
            raise
        return False

    return left


def click_and_load(browser, element, timeout: int = 20) -> None:
    """Click `element` and wait until the page it leads to has replaced this one.

    Without the wait, the next `find_element` may read the page being left (a race seen in CI).
    """
    page = browser.find_element(By.TAG_NAME, "html")
    click(browser, element)
    WebDriverWait(browser, timeout).until(page_left(page))
