"""Browser interactions shared by the browser tests."""


def click(browser, element) -> None:
    """Scroll `element` to the middle of the viewport at once, then click it like a person."""
    browser.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element
    )
    element.click()
