"""Type facets add up to the total; column pages stand apart from the documents."""

import re

from django.urls import reverse

from home.models import ColumnIndexPage


def get(client, **params):
    return client.get(reverse("search:search"), params).content.decode()


def test_facets_add_up_and_columns_have_a_box_of_their_own(client, documents, home_page):
    column = ColumnIndexPage(title="示例市政务公开专栏", slug="zhuanlan")
    home_page.add_child(instance=column)
    column.save_revision().publish()
    html = get(client, q="示例市")
    total = int(re.search(r"结果共 (\d+) 条", html).group(1))
    facets = [int(n) for n in re.findall(r'<span class="facet-count">（(\d+)）</span>', html)]
    assert sum(facets) == total
    box = html[html.index('id="columns-heading"') : html.index("</section>", html.index('id="columns-heading"'))]
    assert "示例市政务公开专栏" in box
    results = html[html.index('class="search-results"') :]
    assert "示例市政务公开专栏" not in results
    # Asked for by type, the columns are the results.
    assert "政务公开专栏" in get(client, q="示例市", type="column")  # the title is highlighted
