from django.utils import timezone

import factory
import wagtail_factories

from .models import ColumnIndexPage, ContentPage, HomePage, NewsIndexPage, NewsPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "示例市人民政府"
    slug = factory.Sequence(lambda n: f"home-{n}")

    class Meta:
        model = HomePage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "工作动态"
    slug = factory.Sequence(lambda n: f"news-{n}")
    kind = NewsIndexPage.Kind.NEWS

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"市政府召开第{n}次常务会议")
    slug = factory.Sequence(lambda n: f"item-{n}")
    published_at = factory.LazyFunction(timezone.now)
    source = "市政府办公室"
    summary = "会议研究了近期重点工作。"

    class Meta:
        model = NewsPage


class ColumnIndexPageFactory(wagtail_factories.PageFactory):
    title = "机构职能"
    slug = factory.Sequence(lambda n: f"column-{n}")

    class Meta:
        model = ColumnIndexPage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = "市政府领导"
    slug = factory.Sequence(lambda n: f"content-{n}")

    class Meta:
        model = ContentPage
