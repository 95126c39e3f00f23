"""A page at phone size under the strict CSP, recording requests to other origins and console
errors: shared by the letter and contact-log browser tests."""

import re
from urllib.parse import urlsplit

PHONE = {"width": 360, "height": 740}
READY = '.calc[data-state="ready"]'
PYTHON_START_TIMEOUT = 90_000


class Visit:
    def __init__(self, context, site_url):
        self.context = context
        self.site_url = site_url
        self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
        self.foreign, self.errors = [], []
        context.route(re.compile(r"^(?!" + re.escape(self.origin) + ").*"), self._foreign)

    def _foreign(self, route):
        self.foreign.append(route.request.url)
        route.abort()

    def new_page(self):
        page = self.context.new_page()
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        return page

    def assert_clean(self, allow=()):
        assert not self.foreign, f"requests to other origins: {self.foreign}"
        errors = [e for e in self.errors if not any(a in e for a in allow)]
        assert not errors, f"console errors: {errors}"


def new_visit(browser, site_url, **options):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN", accept_downloads=True, **options)
    return Visit(context, site_url)
