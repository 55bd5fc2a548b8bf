"""Abuse and failure cases of the comment form: simultaneous floods, the longest e-mails, a failing session store."""

import threading

from django.db import connection, connections
from django.test import Client

import pytest

from consultations.models import Comment
from consultations.tests.conftest import comment_url, valid_comment
from core.models import RateLimitCounter

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (row locks, triggers); CI runs it there"
)


@needs_postgresql
def test_twenty_simultaneous_comments_from_one_address_let_only_the_limit_through(
    wagtail_root, open_consultation, settings
):
    settings.GONGKAI_COMMENT_RATE_LIMIT = 5
    url = comment_url(open_consultation)
    barrier = threading.Barrier(20)
    statuses = []

    def submit(n):
        try:
            data = valid_comment(phone=f"139000000{n:02d}", body=f"第{n}条意见：建议延长助餐点的营业时间。")
            client = Client(REMOTE_ADDR="198.51.100.7")
            barrier.wait()
            statuses.append(client.post(url, data).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(statuses) == 20
    assert statuses.count(302) == 5
    assert statuses.count(429) == 15
    assert Comment.objects.count() == 5
    assert RateLimitCounter.objects.get(key="comment-ip:198.51.100.7").count == 5


@pytest.mark.django_db
@pytest.mark.parametrize("length", [180, 200, 249, 250, 254])
def test_the_longest_valid_email_is_stored_and_answered_with_a_receipt(client, open_consultation, length):
    local = "a" * 64
    domain_length = length - len(local) - 1 - len(".example.cn")
    labels = []
    while domain_length > 0:
        size = min(63, domain_length)
        labels.append("b" * size)
        domain_length -= size + 1
    email = f"{local}@{'.'.join(labels)}.example.cn"[:length]
    email = email if not email.endswith(".") else email[:-1] + "c"
    response = client.post(comment_url(open_consultation), valid_comment(phone="", email=email), follow=True)
    assert response.status_code == 200
    comment = Comment.objects.get()
    assert comment.email == email.lower()
    assert comment.tracking_code in response.content.decode()
    # The counters hold neither the address nor anything longer than their column.
    assert not RateLimitCounter.objects.filter(key__contains="example.cn").exists()


@needs_postgresql
@pytest.mark.django_db
def test_a_stored_comment_gets_its_receipt_even_when_the_session_cannot_be_saved(client, open_consultation):
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION test_refuse_session() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'session store unavailable'; END $$ LANGUAGE plpgsql"
        )
        cursor.execute(
            "CREATE TRIGGER test_refuse_session BEFORE INSERT OR UPDATE ON django_session "
            "FOR EACH ROW EXECUTE FUNCTION test_refuse_session()"
        )
    response = client.post(comment_url(open_consultation), valid_comment())
    assert response.status_code == 200
    comment = Comment.objects.get()
    html = response.content.decode()
    assert comment.tracking_code in html
