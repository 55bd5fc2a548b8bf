"""The benchmarks of ``make bench`` (run as ``python -m bench.<name>``).

Importing the package sets Django up (the test settings unless ``DJANGO_SETTINGS_MODULE`` says
otherwise, the database of ``DATABASE_URL``), so every benchmark module imports the project at its top.
"""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
django.setup()
