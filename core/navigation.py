"""Pages the site chrome links to, read once per request however many templates ask."""


def menu_pages(request, parent):
    """The live children of ``parent`` shown in menus (``show_in_menus``), in tree order.

    The main menu, the home page's entry points and the disclosure index's other sections
    all list the home page's menu children: the first to ask reads them, the others reuse
    the list for the rest of the request.
    """
    cached = getattr(request, "_gongkai_menu_pages", None)
    if cached is None or cached[0] != parent.pk:
        cached = (parent.pk, list(parent.get_children().live().in_menu()))
        if request is not None:
            request._gongkai_menu_pages = cached
    return cached[1]
