"""Sign-in with lockout after repeated failures; sign-out by POST only."""

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm

from sightline.accounts import lockout


class LockoutAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": "Too many failed attempts. This account is locked for %(minutes)s minutes.",
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        if not username:
            return super().clean()
        if not lockout.begin_attempt(username):
            raise self._locked()
        cleaned = super().clean()  # a wrong password raises here and stays counted
        if not lockout.succeeded(username):
            self.user_cache = None
            raise self._locked()
        return cleaned

    def _locked(self) -> forms.ValidationError:
        return forms.ValidationError(
            self.error_messages["locked"],
            code="locked",
            params={"minutes": settings.SIGHTLINE_LOCKOUT_MINUTES},
        )


class SignInView(auth_views.LoginView):
    template_name = "web/sign_in.html"
    authentication_form = LockoutAuthenticationForm
    redirect_authenticated_user = True
