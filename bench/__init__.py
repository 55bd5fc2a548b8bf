"""The benchmarks of ``make bench`` (run as ``python -m bench.<name>``).

Importing the package sets Django up (the test settings unless ``DJANGO_SETTINGS_MODULE`` says
otherwise, the database of ``DATABASE_URL``), so every benchmark module imports the project at its top.
"""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
django.setup()

from django.conf import settings  # noqa: E402 - after setup

from search import vocabulary  # noqa: E402

# As a server runs: the test settings check the corrections' vocabulary on every search
# (their fixtures make pages without publishing them). ``bench.common.rebuild`` has it
# checked again after loading documents.
settings.GONGKAI_VOCABULARY_CHECK_SECONDS = vocabulary.STATE_CHECK_SECONDS
