"""Reviewers see the comments of the consultations they review, and only those."""

from django.contrib.auth.models import Group

import pytest

from consultations.admin_views import comments_visible_to
from consultations.factories import CommentFactory, ConsultationPageFactory
from consultations.models import ConsultationIndexPage
from review.departments import grant_department_subtree


@pytest.mark.django_db
def test_disclosure_office_sees_every_consultations_comments(home_page, consultation_index, django_user_model):
    consultation = ConsultationPageFactory(parent=consultation_index)
    comment = CommentFactory(consultation=consultation)
    office = django_user_model.objects.create_user("office", password="x")
    office.groups.add(Group.objects.get(name="复审"))
    assert office.has_perm("consultations.view_contact")
    assert list(comments_visible_to(office)) == [comment]


@pytest.mark.django_db
def test_first_reviewer_sees_only_their_departments_consultations(
    home_page, consultation_index, organisation, django_user_model
):

    own_column = ConsultationIndexPage(title="部门意见征集", slug="bumen")
    consultation_index.add_child(instance=own_column)
    own = ConsultationPageFactory(parent=own_column)
    other = ConsultationPageFactory(parent=consultation_index)
    own_comment = CommentFactory(consultation=own)
    CommentFactory(consultation=other)
    grant_department_subtree(organisation, own_column)
    reviewer = django_user_model.objects.create_user("reviewer1", password="x")
    reviewer.groups.add(
        Group.objects.get(name="初审"), Group.objects.get(name=f"初审-{organisation.short_name or organisation.name}")
    )
    assert list(comments_visible_to(reviewer)) == [own_comment]
