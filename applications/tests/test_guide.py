"""The disclosure guide's 依申请公开 section links to the online form and gives the office's contact."""

import pytest

from applications.views import form_url
from disclosure.factories import DisclosureGuidePageFactory, DisclosureIndexPageFactory


@pytest.mark.django_db
def test_guide_links_to_the_form_addressed_to_its_organisation(client, home_page, organisation):
    organisation.office_address = "示例市人民大道1号"
    organisation.save()
    guide = DisclosureGuidePageFactory(parent=DisclosureIndexPageFactory(parent=home_page), organisation=organisation)
    page = client.get(guide.url).content.decode()
    section = page.split("<h2>依申请公开</h2>")[1].split("</section>")[0]
    assert f'href="{form_url(organisation)}"' in section
    assert "在线提交政府信息公开申请" in section
    assert "示例市财政局政务公开办公室" in section and "0710-1234567" in section and "示例市人民大道1号" in section
    form = client.get(form_url(organisation)).content.decode()
    assert f'<option value="{organisation.pk}" selected>' in form
