from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from wagtail.models import Page

MAX_QUERY_LENGTH = 100


def search(request):
    """Site search over live pages."""
    query = request.GET.get("q", "").strip()
    error = ""
    results = Page.objects.none()
    if len(query) > MAX_QUERY_LENGTH:
        error = f"搜索词过长，请控制在{MAX_QUERY_LENGTH}个字以内。"
    elif query:
        results = Page.objects.live().public().specific().search(query)
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "search/search.html",
        {"query": query, "results": page, "error": error, "column_name": "站内搜索", "column_type": "搜索"},
    )
