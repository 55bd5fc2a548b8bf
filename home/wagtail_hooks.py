"""Admin: a pinyin slug suggested while a new page's title is typed; no help links to English guides."""

from django.http import JsonResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html

from wagtail import hooks

from core.slugs import pinyin_slug


def slug_for_title(request):
    title = request.GET.get("title", "")[:255]
    return JsonResponse({"slug": pinyin_slug(title) if title.strip() else ""})


@hooks.register("register_admin_urls")
def register_slug_url():
    return [path("pinyin-slug/", slug_for_title, name="pinyin_slug")]


@hooks.register("insert_editor_js")
def slug_script():
    return format_html(
        '<script src="{}" data-endpoint="{}" defer></script>', static("js/admin-slug.js"), reverse("pinyin_slug")
    )


# Wagtail's help menu links to its English guides on guide.wagtail.org: editors here read Chinese,
# and many government networks cannot reach that host. The keyboard-shortcuts item stays.
OFF_SITE_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("construct_help_menu")
def drop_off_site_help(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(OFF_SITE_HELP_ITEMS)]
