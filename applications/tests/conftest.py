import pytest

from applications.factories import OrganisationFactory


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.GONGKAI_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path


@pytest.fixture
def organisation(db):
    return OrganisationFactory(
        name="示例市财政局",
        short_name="市财政局",
        office_name="示例市财政局政务公开办公室",
        office_phone="0710-1234567",
        office_email="gongkai@czj.example.gov.cn",
    )
