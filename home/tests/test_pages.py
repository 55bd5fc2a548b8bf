from django.utils import timezone

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest
from bs4 import BeautifulSoup

from core.net import client_ip
from home.factories import NewsIndexPageFactory, NewsPageFactory
from home.models import ColumnIndexPage, ContentPage, HomePage, NewsIndexPage, NewsPage


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def meta(page_soup, name):
    tag = page_soup.find("meta", attrs={"name": name})
    return tag["content"] if tag else None


@pytest.mark.django_db
def test_home_page_footer_shows_site_identity(client, site_identity):
    response = client.get("/")
    assert response.status_code == 200
    footer = soup(response).find("footer")
    text = footer.get_text()
    assert "主办单位：示例市人民政府办公室" in text
    assert "承办单位：示例市政务服务和大数据管理局" in text
    assert "网站标识码：4200000042" in text
    assert "示ICP备12345678号" in text
    assert "示公网安备42000002000001号" in text
    report = footer.find("a", string="我为政府网站找错")
    assert report["href"] == site_identity.report_error_url


@pytest.mark.django_db
def test_every_page_has_site_meta_tags(client, site_identity, home_page):
    news_index = NewsIndexPageFactory(parent=home_page, title="通知公告", kind=NewsIndexPage.Kind.NOTICE)
    page = soup(client.get(news_index.url))
    assert meta(page, "SiteName") == "示例市人民政府"
    assert meta(page, "SiteDomain") == "testserver"
    assert meta(page, "SiteIDCode") == "4200000042"
    assert meta(page, "ColumnName") == "通知公告"
    assert meta(page, "ColumnType") == "政务动态"
    assert meta(page, "ArticleTitle") is None


@pytest.mark.django_db
def test_article_pages_have_article_meta_tags(client, site_identity, home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    published = timezone.make_aware(timezone.datetime(2026, 3, 5, 9, 30))
    item = NewsPageFactory(
        parent=news_index,
        title="全市政务公开工作会议召开",
        published_at=published,
        source="市政务公开办",
        keywords="政务公开,工作会议",
        summary="会议总结了上一年度工作。",
    )
    page = soup(client.get(item.url))
    assert meta(page, "ArticleTitle") == "全市政务公开工作会议召开"
    assert meta(page, "PubDate") == "2026-03-05 09:30"
    assert meta(page, "ContentSource") == "市政务公开办"
    assert meta(page, "Keywords") == "政务公开,工作会议"
    assert meta(page, "Description") == "会议总结了上一年度工作。"
    assert meta(page, "ColumnName") == news_index.title
    assert page.find("h1").get_text() == "全市政务公开工作会议召开"
    assert len(page.find_all("h1")) == 1


@pytest.mark.django_db
def test_home_page_lists_latest_notices_and_news(client, site_identity, home_page):
    notices = NewsIndexPageFactory(parent=home_page, title="通知公告", kind=NewsIndexPage.Kind.NOTICE)
    news = NewsIndexPageFactory(parent=home_page, title="工作动态", kind=NewsIndexPage.Kind.NEWS)
    NewsPageFactory(parent=notices, title="关于网站维护的公告")
    NewsPageFactory(parent=news, title="市长调研农村公路建设")
    html = soup(client.get("/"))
    notice_box = html.find("section", attrs={"aria-labelledby": "notices-heading"})
    news_box = html.find("section", attrs={"aria-labelledby": "news-heading"})
    assert "关于网站维护的公告" in notice_box.get_text()
    assert "市长调研农村公路建设" in news_box.get_text()
    assert "市长调研农村公路建设" not in notice_box.get_text()


@pytest.mark.django_db
def test_public_chrome_language_skip_link_and_main(client, site_identity):
    html = soup(client.get("/"))
    assert html.find("html")["lang"] == "zh-Hans"
    skip = html.find("a", class_="skip-link")
    assert skip["href"] == "#main-content"
    assert html.find("main", id="main-content") is not None


@pytest.mark.django_db
def test_404_page_is_in_chinese(client, site_identity):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "您访问的页面不存在" in response.content.decode()


@pytest.mark.django_db
def test_elder_mode_cookie_changes_rendered_page(client, site_identity):
    plain = soup(client.get("/"))
    assert "elder-mode" not in plain.find("body").get("class", [])
    response = client.get("/elder-mode/", {"on": "1", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["elder_mode"].value == "1"
    elder = soup(client.get("/"))
    assert "elder-mode" in elder.find("body")["class"]
    assert elder.find("a", class_="elder-switch").get_text() == "退出关怀版"
    client.get("/elder-mode/", {"on": "0", "next": "/"})
    assert "elder-mode" not in soup(client.get("/")).find("body").get("class", [])


@pytest.mark.django_db
def test_elder_mode_refuses_offsite_redirect(client, site_identity):
    response = client.get("/elder-mode/", {"on": "1", "next": "https://evil.example.com/"})
    assert response["Location"] == "/"


class TestPageTypeRules(WagtailPageTestCase):
    def test_home_page_lives_under_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_news_pages_live_in_news_columns(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)

    def test_columns_live_under_home(self):
        self.assertCanCreateAt(HomePage, NewsIndexPage)
        self.assertCanCreateAt(HomePage, ColumnIndexPage)
        self.assertCanCreateAt(ColumnIndexPage, ContentPage)
        self.assertAllowedParentPageTypes(ContentPage, {ColumnIndexPage, HomePage})


@pytest.mark.django_db
def test_editor_creates_news_through_admin_form(admin_client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    data = nested_form_data(
        {
            "title": "市政府召开安全生产专题会议",
            "slug": "anquan-shengchan-huiyi",
            "published_at": "2026-11-20 10:00",
            "source": "市应急管理局",
            "author": "",
            "keywords": "",
            "summary": "",
            "body": streamfield(
                [
                    ("heading", {"text": "会议要求", "level": "h2"}),
                    ("paragraph", rich_text("<p>各部门要压实安全责任。</p>")),
                ]
            ),
        }
    )
    response = admin_client.post(f"/admin/pages/add/home/newspage/{news_index.pk}/", data)
    assert response.status_code == 302
    page = NewsPage.objects.get(slug="anquan-shengchan-huiyi")
    assert page.source == "市应急管理局"
    assert page.body[0].value["text"] == "会议要求"


@pytest.mark.django_db
def test_image_block_requires_alt_text(admin_client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="会场", file=get_test_image_file())
    data = nested_form_data(
        {
            "title": "配图新闻",
            "slug": "peitu",
            "published_at": "2026-11-20 10:00",
            "body": streamfield([("image", {"image": image.pk, "alt_text": "", "caption": ""})]),
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/home/newspage/{news_index.pk}/", data)
    assert response.status_code == 200
    assert not NewsPage.objects.filter(slug="peitu").exists()


@pytest.mark.django_db
def test_sitemap_lists_live_pages_and_robots_points_at_it(client, site_identity, home_page):
    news_index = NewsIndexPageFactory(parent=home_page, title="工作动态")
    item = NewsPageFactory(parent=news_index, title="市政府召开专题会议", slug="zhuanti-huiyi")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert item.full_url in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots
    assert "Sitemap: http://testserver/sitemap.xml" in robots


@pytest.mark.django_db
def test_healthz_answers_ok(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_client_ip_trusts_forwarded_for_only_from_trusted_proxies(rf, settings):

    settings.GONGKAI_TRUSTED_PROXIES = ["10.0.0.5"]
    direct = rf.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_ip(direct) == "203.0.113.9"
    proxied = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7")
    assert client_ip(proxied) == "203.0.113.7"
    forged = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="not-an-ip")
    assert client_ip(forged) == "10.0.0.5"
