"""Admin: a pinyin slug suggested while a new page's title is typed."""

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
