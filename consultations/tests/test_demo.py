"""The demo gives a newcomer one open consultation, one awaiting its report and one reported."""

from django.core.management import call_command

from wagtail.models import Site

import pytest

from consultations.models import Comment, ConsultationIndexPage, ConsultationPage, Status


@pytest.mark.django_db(transaction=True)
def test_demo_consultations(wagtail_root, settings, tmp_path, client):
    settings.VAR_DIR = tmp_path
    with open("/dev/null", "w") as devnull:
        call_command("load_demo", stdout=devnull)
        call_command("load_demo", stdout=devnull)

    index = ConsultationIndexPage.objects.get()
    assert index.title == "意见征集"
    assert index.show_in_menus
    pages = list(ConsultationPage.objects.child_of(index))
    assert len(pages) == 3
    assert sorted(page.status for page in pages) == sorted([Status.OPEN, Status.CLOSED, Status.REPORTED])
    assert all(len(page.article_choices()) >= 5 for page in pages)
    assert Comment.objects.count() == 10

    Site.objects.update(hostname="testserver")
    assert "意见征集" in client.get("/").content.decode()
    open_page = next(page for page in pages if page.status == Status.OPEN)
    html = client.get(open_page.url).content.decode()
    assert 'id="article-3"' in html
    assert 'name="body"' in html
    reported = next(page for page in pages if page.status == Status.REPORTED)
    assert 'data-count="received">5<' in client.get(reported.url).content.decode()
