"""Private storage: citizens' files, kept out of public media."""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files of commenters and applicants never go under MEDIA_ROOT: they are served only through the admin.

    The location is read from GONGKAI_PRIVATE_MEDIA_ROOT on every use (default: private-media next to MEDIA_ROOT).
    """

    @property
    def base_location(self):
        default = Path(settings.MEDIA_ROOT).parent / "private-media"
        return str(getattr(settings, "GONGKAI_PRIVATE_MEDIA_ROOT", default))

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("private files have no public URL")


def private_storage():
    return PrivateStorage()
