"""New pages get short pinyin slugs, not percent-encoded Chinese titles."""

from core.slugs import pinyin_slug
from home.models import ContentPage


def test_pinyin_slug_is_short_ascii_and_cut_at_a_word():
    slug = pinyin_slug("关于印发《示例市2024年财政预算管理办法》的通知")
    assert slug.startswith("guanyu-yinfa-shili-shi-2024-nian")
    assert slug.isascii() and len(slug) <= 50 and not slug.endswith("-")
    assert pinyin_slug("！！") == "page"


def test_page_created_without_slug_gets_pinyin(home_page):
    first = ContentPage(title="联系我们")
    home_page.add_child(instance=first)
    second = ContentPage(title="联系我们")
    home_page.add_child(instance=second)
    assert first.slug == "lianxi-women"
    assert second.slug == "lianxi-women-2"
    assert len(first.url) < 40


def test_admin_suggests_the_slug(admin_client):
    response = admin_client.get("/admin/pinyin-slug/", {"title": "政务公开工作要点"})
    assert response.json() == {"slug": "zhengwugongkai-gongzuo-yaodian"}
