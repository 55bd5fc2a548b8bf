"""The small site the cluster test runs against: run inside ``manage.py shell`` by the harness.

A home page, the disclosure section with its catalogue and one document, and an open
consultation; the admin accounts of the harness (superusers with the password it passes in,
each with the authenticator key it passes in, if any, as a confirmed device).
"""

import json
import os

from django.contrib.auth import get_user_model

from wagtail.models import Page, Site

from django_otp.plugins.otp_totp.models import TOTPDevice

from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from disclosure.factories import (
    CatalogueIndexPageFactory,
    DisclosureIndexPageFactory,
    OrganisationFactory,
    publish_document,
)
from home.factories import HomePageFactory
from security.two_factor import AUTHENTICATOR_DEVICE_NAME

DOCUMENT_TITLE = "示例市住房公积金缴存管理办法"  # tests/cluster/checks.py looks for it


def run():
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    home = HomePageFactory(parent=root, title="示例市人民政府", slug="home")
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, is_default_site=True, site_name="示例市")

    organisation = OrganisationFactory(name="示例市住房公积金管理中心")
    disclosure = DisclosureIndexPageFactory(parent=home, slug="xxgk")
    disclosure.save_revision().publish()
    catalogue = CatalogueIndexPageFactory(parent=disclosure, slug="catalogue")
    catalogue.save_revision().publish()
    document = publish_document(
        catalogue, title=DOCUMENT_TITLE, organisation=organisation, body="为规范住房公积金缴存管理，制定本办法。"
    )
    consultations = ConsultationIndexPageFactory(parent=home, slug="yjzj")
    consultations.save_revision().publish()
    consultation = ConsultationPageFactory(parent=consultations, slug="draft", organisation=organisation)
    consultation.save_revision().publish()

    for username, key in json.loads(os.environ["CLUSTER_ACCOUNTS"]).items():
        user = get_user_model().objects.create_superuser(
            username, f"{username}@example.gov.cn", os.environ["CLUSTER_PASSWORD"]
        )
        if key:
            TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_DEVICE_NAME, key=key, confirmed=True)
    print(
        "SEED "
        + json.dumps(
            {
                "home": home.url,
                "catalogue": catalogue.url,
                "document": document.url,
                "document_id": document.pk,
                "consultation": consultation.url,
            }
        )
    )
