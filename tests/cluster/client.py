"""A small HTTP client for the cluster test: cookies kept by hand (the production settings mark
them Secure and the test speaks plain HTTP on loopback, behind a pretend TLS proxy), and the
codes an authenticator app would show."""

import base64
import hashlib
import hmac
import re
import struct
import time
import urllib.error
import urllib.request
from http.cookies import SimpleCookie


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")


class Browser:
    """One visitor: its cookies and the client address the TLS proxy in front would forward."""

    def __init__(self, forwarded_for="198.51.100.10"):
        self.cookies = {}
        self.forwarded_for = forwarded_for

    def request(self, port, path, data=None, headers=None, content_type=None, timeout=15):
        all_headers = {
            "Host": f"127.0.0.1:{port}",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.forwarded_for,
            "Origin": f"https://127.0.0.1:{port}",
            "Referer": f"https://127.0.0.1:{port}{path}",
        }
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        if content_type:
            all_headers["Content-Type"] = content_type
        all_headers.update(headers or {})
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, headers=all_headers)
        try:
            with OPENER.open(request, timeout=timeout) as raw:
                response = Response(raw.status, raw.headers, raw.read())
        except urllib.error.HTTPError as error:
            response = Response(error.code, error.headers, error.read())
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for key, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = morsel.value
        return response

    def get(self, port, path, **kwargs):
        return self.request(port, path, **kwargs)

    def post(self, port, path, fields, files=None, **kwargs):
        body, content_type = encode_multipart(fields, files or [])
        return self.request(port, path, data=body, content_type=content_type, **kwargs)


def encode_multipart(fields, files):
    boundary = "----gongkaicluster7f3a"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, filename, content, mime in files:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {mime}\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def form_value(html, name):
    """The value of the named input (or the first choice of a radio group) in a page's HTML."""
    for tag in re.findall(r"<input[^>]*>", html):
        if re.search(rf'name="{re.escape(name)}"', tag):
            match = re.search(r'value="([^"]*)"', tag)
            if match:
                return match.group(1)
    raise AssertionError(f"no input named {name} on the page")


def authenticator_code(key, at=None, step=30, digits=6):
    """The code an authenticator app shows for this key now (RFC 6238: HMAC-SHA1, 30 s steps)."""
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def manual_entry_key(html):
    """The key of the enrolment page's "enter it by hand" line (base32 in groups of four), as bytes."""
    match = re.search(r"<code>([A-Z2-7 ]+)</code>", html)
    if not match:
        raise AssertionError("no key for manual entry on the enrolment page")
    secret = match.group(1).replace(" ", "")
    return base64.b32decode(secret + "=" * (-len(secret) % 8))
