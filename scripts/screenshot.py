"""Take a full-page screenshot of a served page: python -m scripts.screenshot URL OUT.png."""

from __future__ import annotations

import sys

from playwright.sync_api import sync_playwright

from scripts.browser import launch, wait_for_app


def main(url: str, out: str, width: int = 1600, height: int = 1000) -> None:
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(url)
        wait_for_app(page)
        page.screenshot(path=out, full_page=True)
        print(page.url)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
