"""Form data for the public application form, as a browser would send it."""

import time

from core import guards


def person_data(org, **overrides):
    data = {
        "organisation": org.pk,
        "applicant_type": "person",
        "name": "张晓梅",
        "id_type": "resident_id",
        "id_number": "11010519491231002X",
        "phone": "13912345678",
        "email": "zhang.xiaomei@example.com",
        "address": "示例市解放路88号",
        "postcode": "434000",
        "info_title": "2025年老旧小区改造项目清单",
        "info_document_number": "",
        "info_description": "希望获取2025年列入改造计划的小区名单和每个小区的投资额。",
        "purpose": "",
        "carrier": "electronic",
        "delivery": "email",
        "consent": "on",
        "website": "",
        "started": guards.make_form_token(at=time.time() - 60),
    }
    data.update(overrides)
    return data


def company_data(org, **overrides):
    data = person_data(
        org,
        applicant_type="organisation",
        organisation_kind="legal_service",
        name="示例律师事务所",
        id_type="",
        id_number="",
        credit_code="91350100M000100Y43",
        legal_representative="陈律",
        contact_person="刘助理",
    )
    data.update(overrides)
    return data
