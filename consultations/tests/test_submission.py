"""A citizen submits a comment through the public form."""

import io
import re
from datetime import timedelta

from django.test import Client
from django.utils import timezone

import pytest

from consultations.models import Comment, CommentAttachment, SensitiveWord
from consultations.tests.conftest import comment_url, valid_comment
from core import guards
from core.models import RateLimitCounter

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6360000000020001e221bc330000000049454e44ae426082"
)


def _upload(name, content):
    handle = io.BytesIO(content)
    handle.name = name
    return handle


def test_real_post_with_csrf_gets_a_tracking_code(open_consultation):
    client = Client(enforce_csrf_checks=True)
    page = client.get(open_consultation.url)
    assert page.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    started = re.search(r'name="started" value="([^"]+)"', page.content.decode()).group(1)
    assert started  # the signed start time travels with the form

    data = valid_comment(csrfmiddlewaretoken=token)
    response = client.post(comment_url(open_consultation), data, follow=True)

    assert response.status_code == 200
    comment = Comment.objects.get()
    html = response.content.decode()
    assert "意见提交回执" in html
    assert comment.tracking_code in html
    assert comment.article_label == "第三条"
    assert comment.phone == "13912345678"
    assert comment.ip_address == "127.0.0.1"


def test_post_without_csrf_token_is_refused(open_consultation):
    client = Client(enforce_csrf_checks=True)
    response = client.post(comment_url(open_consultation), valid_comment())
    assert response.status_code == 403
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"identity_type": None}, "identity_type", "请选择身份类型。"),
        ({"identity_type": "alien"}, "identity_type", "请选择身份类型。"),
        ({"phone": "", "email": ""}, "phone", "请填写电话或电子邮箱，至少一项。"),
        ({"phone": "12345"}, "phone", "电话号码格式不正确"),
        ({"phone": "", "email": "not-an-address"}, "email", "电子邮箱格式不正确。"),
        ({"body": "太短了"}, "body", "意见内容不能少于10个字"),
        ({"body": "意" * 5001}, "body", "意见内容不能超过5000个字"),
        ({"body": ""}, "body", "请填写意见内容。"),
        ({"article": "article-99"}, "article", "请从列表中选择条款。"),
        ({"consent": None}, "consent", "请阅读并同意隐私声明。"),
        ({"name": "名" * 101}, "name", "姓名或单位名称不能超过100个字。"),
    ],
)
def test_each_bad_field_rerenders_with_its_message_and_stores_nothing(
    client, open_consultation, overrides, field, message
):
    response = client.post(comment_url(open_consultation), valid_comment(**overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert "error-summary" in html
    assert Comment.objects.count() == 0
    assert RateLimitCounter.objects.count() == 0


def test_rerendered_form_keeps_what_was_typed(client, open_consultation):
    response = client.post(comment_url(open_consultation), valid_comment(consent=None))
    assert "建议明确第三条中服务补贴的申请渠道和办理时限。" in response.content.decode()


def test_submission_before_start_is_refused(client, open_consultation):
    open_consultation.starts_at = timezone.now() + timedelta(days=1)
    open_consultation.ends_at = timezone.now() + timedelta(days=40)
    open_consultation.save_revision().publish()

    page = client.get(open_consultation.url).content.decode()
    assert 'name="body"' not in page
    assert "未开始" in page
    response = client.post(comment_url(open_consultation), valid_comment())
    assert response.status_code == 403
    assert "本次意见征集尚未开始，暂不接受意见。" in response.content.decode()
    assert Comment.objects.count() == 0


def test_submission_after_end_is_refused(client, closed_consultation):
    page = client.get(closed_consultation.url).content.decode()
    assert 'name="body"' not in page
    response = client.post(comment_url(closed_consultation), valid_comment())
    assert response.status_code == 403
    assert "本次意见征集已结束，不再接受意见。" in response.content.decode()
    assert Comment.objects.count() == 0


def test_honeypot_rejects(client, open_consultation):
    response = client.post(comment_url(open_consultation), valid_comment(website="http://spam.example"))
    assert response.status_code == 400
    assert "提交未成功，请刷新页面后重新填写。" in response.content.decode()
    assert Comment.objects.count() == 0


def test_minimum_fill_time_rejects(client, open_consultation, settings):

    settings.GONGKAI_COMMENT_MIN_FILL_SECONDS = 5
    response = client.post(comment_url(open_consultation), valid_comment(started=guards.make_form_token()))
    assert response.status_code == 400
    assert "提交过快" in response.content.decode()
    assert Comment.objects.count() == 0


def test_forged_start_time_rejects(client, open_consultation):
    response = client.post(comment_url(open_consultation), valid_comment(started="1700000000"))
    assert response.status_code == 400
    assert "页面已过期" in response.content.decode()
    assert Comment.objects.count() == 0


def test_rate_limit_per_ip_counts_each_client_separately(client, open_consultation, settings):
    settings.GONGKAI_COMMENT_RATE_LIMIT = 2
    for n in range(2):
        data = valid_comment(phone=f"1391234000{n}", body=f"第{n}条意见：建议增加社区食堂数量。")
        assert client.post(comment_url(open_consultation), data, REMOTE_ADDR="10.0.0.1").status_code == 302
    blocked = client.post(comment_url(open_consultation), valid_comment(phone="13912340009"), REMOTE_ADDR="10.0.0.1")
    assert blocked.status_code == 429
    assert "同一网络每小时最多提交2条意见" in blocked.content.decode()

    other = client.post(comment_url(open_consultation), valid_comment(phone="13912340008"), REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 302
    assert Comment.objects.count() == 3
    counts = dict(RateLimitCounter.objects.filter(key__startswith="comment-ip:").values_list("key", "count"))
    assert counts == {"comment-ip:10.0.0.1": 2, "comment-ip:10.0.0.2": 1}


def test_rate_limit_per_contact_holds_across_ips(client, open_consultation, settings):
    settings.GONGKAI_COMMENT_RATE_LIMIT = 2
    for n in range(2):
        data = valid_comment(body=f"第{n}条意见：建议增加社区食堂数量。")
        assert client.post(comment_url(open_consultation), data, REMOTE_ADDR=f"10.0.1.{n}").status_code == 302
    blocked = client.post(
        comment_url(open_consultation), valid_comment(body="再提一条不同的意见内容。"), REMOTE_ADDR="10.0.1.9"
    )
    assert blocked.status_code == 429
    assert "同一联系方式每小时最多提交2条意见" in blocked.content.decode()
    assert Comment.objects.count() == 2


def test_forwarded_for_is_ignored_unless_the_proxy_is_trusted(client, open_consultation, settings):
    client.post(comment_url(open_consultation), valid_comment(), REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert Comment.objects.get().ip_address == "10.0.0.5"

    settings.GONGKAI_TRUSTED_PROXIES = ["10.0.0.5"]
    client.post(
        comment_url(open_consultation),
        valid_comment(phone="13700000000"),
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR="8.8.8.8, 1.2.3.4",
    )
    assert Comment.objects.get(phone="13700000000").ip_address == "1.2.3.4"


def test_duplicate_submission_is_stored_once(client, open_consultation):
    first = client.post(comment_url(open_consultation), valid_comment())
    second = client.post(
        comment_url(open_consultation), valid_comment(body="建议明确第三条中服务补贴的申请渠道和办理时限。  ")
    )
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Comment.objects.count() == 1
    receipt = client.get(second["Location"]).content.decode()
    assert "系统未重复登记" in receipt


def test_comment_text_is_stored_as_plain_text_and_escaped(client, open_consultation):
    text = "<script>alert('x')</script> 建议删除第三条。"
    response = client.post(comment_url(open_consultation), valid_comment(body=text), follow=True)
    assert Comment.objects.get().body == text
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_sensitive_word_flags_the_comment_instead_of_dropping_it(client, open_consultation):
    SensitiveWord.objects.create(word="代开发票")
    client.post(comment_url(open_consultation), valid_comment(body="本公司可代开发票，欢迎联系，价格优惠。"))
    comment = Comment.objects.get()
    assert comment.is_flagged
    assert comment.flagged_words == "代开发票"


def test_receipt_is_shown_only_to_the_submitting_browser(client, open_consultation):
    response = client.post(comment_url(open_consultation), valid_comment())
    stranger = Client().get(response["Location"])
    assert stranger.status_code == 302
    assert Comment.objects.get().tracking_code not in stranger.content.decode()


class TestAttachments:
    def test_valid_pdf_is_stored_outside_public_media(self, client, open_consultation, private_media):
        data = valid_comment(attachments=[_upload("意见.pdf", PDF_BYTES)])
        assert client.post(comment_url(open_consultation), data).status_code == 302
        attachment = CommentAttachment.objects.get()
        assert attachment.content_type == "application/pdf"
        assert attachment.original_name == "意见.pdf"
        assert attachment.file.path.startswith(str(private_media / "private"))
        assert not (private_media / "media").exists()

    def test_text_file_named_pdf_is_refused(self, client, open_consultation):
        data = valid_comment(attachments=[_upload("scan.pdf", b"just some text pretending to be a pdf")])
        response = client.post(comment_url(open_consultation), data)
        assert response.status_code == 400
        assert "附件“scan.pdf”不是PDF、Word文档或图片" in response.content.decode()
        assert Comment.objects.count() == CommentAttachment.objects.count() == 0

    def test_image_named_pdf_is_refused(self, client, open_consultation):
        data = valid_comment(attachments=[_upload("photo.pdf", PNG_BYTES)])
        response = client.post(comment_url(open_consultation), data)
        assert response.status_code == 400
        assert "扩展名与文件内容不符" in response.content.decode()
        assert Comment.objects.count() == 0

    def test_oversized_file_is_refused(self, client, open_consultation, settings):
        settings.GONGKAI_COMMENT_ATTACHMENT_MAX_MB = 1
        data = valid_comment(attachments=[_upload("big.pdf", PDF_BYTES + b"0" * (1024 * 1024))])
        response = client.post(comment_url(open_consultation), data)
        assert response.status_code == 400
        assert "附件“big.pdf”超过1MB。" in response.content.decode()
        assert Comment.objects.count() == 0

    def test_more_than_three_files_are_refused(self, client, open_consultation):
        files = [_upload(f"p{n}.png", PNG_BYTES) for n in range(4)]
        response = client.post(comment_url(open_consultation), valid_comment(attachments=files))
        assert response.status_code == 400
        assert "最多上传3个附件。" in response.content.decode()
        assert Comment.objects.count() == 0
