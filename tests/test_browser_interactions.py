"""The browser tests' wait for a page to be replaced, without a browser: chromedriver's answers
about a node of a page that has gone, faked."""

import pytest
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

from tests.browser.interactions import page_left


class Node:
    def __init__(self, error: Exception | None = None):
        self.error = error

    def is_enabled(self) -> bool:
        if self.error:
            raise self.error
        return True


def test_a_node_still_in_its_page_means_the_page_is_still_there():
    assert page_left(Node())(browser=None) is False


def test_a_stale_node_means_the_page_has_been_replaced():
    assert page_left(Node(StaleElementReferenceException("stale element reference")))(None)


def test_chromedriver_s_node_of_another_document_means_the_page_has_been_replaced():
    error = WebDriverException(
        'unknown error: unhandled inspector error: {"code":-32000,'
        '"message":"Node with given id does not belong to the document"}'
    )
    assert page_left(Node(error))(None)


def test_any_other_driver_error_fails_the_wait():
    with pytest.raises(WebDriverException, match="chrome not reachable"):
        page_left(Node(WebDriverException("chrome not reachable")))(None)
