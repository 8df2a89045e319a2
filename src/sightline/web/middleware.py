"""Security headers beyond Django's own: a strict content security policy (no CDN, no inline
script), and a permissions policy switching off browser features Sightline never uses; and
sessions that slide without a database write on every request."""

import time

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if request.user.is_authenticated:
            response.headers.setdefault("Cache-Control", "no-store")
        return response


class SlidingSessionMiddleware:
    """Sessions end after SESSION_COOKIE_AGE idle, renewed at most once a minute.

    Saving the session on every request (SESSION_SAVE_EVERY_REQUEST) would make every page
    view a database write; renewing only when the last renewal is a minute old keeps the idle
    timeout within a minute of exact at a fraction of the writes.
    """

    RENEW_AFTER_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.session_key and request.user.is_authenticated:
            now = int(time.time())
            if now - session.get("renewed_at", 0) >= self.RENEW_AFTER_SECONDS:
                session["renewed_at"] = now
        return self.get_response(request)


class OneEngineMiddleware:
    """A page read (GET or HEAD) reads its figures from one indicator engine, asking for the data
    and settings versions once (`performance.selectors.one_engine`), not at every figure; a
    write (POST) asks each time, so a settings change shows at once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in {"GET", "HEAD"}:
            return self.get_response(request)
        from sightline.performance.selectors import one_engine

        with one_engine():
            return self.get_response(request)
