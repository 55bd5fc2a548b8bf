"""Stamp the login time that the session limits count from."""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from security.middleware import LAST_SEEN, LOGIN_AT


@receiver(user_logged_in, dispatch_uid="security_login_time")
def stamp_login_time(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[LOGIN_AT] = now
        request.session[LAST_SEEN] = now
