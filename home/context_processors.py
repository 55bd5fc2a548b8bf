from wagtail.models import Site

from core.navigation import menu_pages

ELDER_MODE_COOKIE = "elder_mode"


def site_chrome(request):
    """Values the header and footer need on every page, including error pages."""
    site = Site.find_for_request(request) if request is not None else None
    menu = []
    if site is not None:
        root = site.root_page
        menu = [root, *menu_pages(request, root)]
    return {
        "elder_mode": request is not None and request.COOKIES.get(ELDER_MODE_COOKIE) == "1",
        "current_site": site,
        "main_menu": menu,
    }
