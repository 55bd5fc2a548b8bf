"""The first page is picked from the best-ranked matches, yet filters still decide what may appear."""

import pytest

from disclosure.factories import publish_document
from disclosure.models import PolicyDocumentPage


@pytest.mark.django_db
def test_better_ranked_matches_that_the_filters_exclude_never_appear(catalogue, organisations):

    for number in range(40):
        publish_document(
            catalogue,
            title=f"最低生活保障工作草稿第{number}稿",
            organisation=organisations["civil"],
            body="低保 最低生活保障 " * 8,
            publish=False,
        )
    live = [
        publish_document(
            catalogue,
            title=f"关于第{number}批低保对象名单的公示",
            organisation=organisations["office"] if number % 2 else organisations["civil"],
            body="名单见附件。",
        )
        for number in range(6)
    ]

    results = list(PolicyDocumentPage.objects.live().search("低保"))
    assert {page.pk for page in results} == {page.pk for page in live}

    first_page = list(PolicyDocumentPage.objects.live().search("低保")[:2])
    assert [page.pk for page in first_page] == [page.pk for page in results[:2]]

    office = list(PolicyDocumentPage.objects.live().filter(organisation=organisations["office"]).search("低保"))
    assert {page.pk for page in office} == {page.pk for number, page in enumerate(live) if number % 2}
