"""Admin views of accounts: the one-time-code page (wagtail-2fa's, Hearth's form), lockouts."""

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views import View
from wagtail_2fa.views import LoginView

from .admin_forms import SecondFactorForm
from .lockouts import lift_lockout, locked_attempts


class SecondFactorView(LoginView):
    form_class = SecondFactorForm


class LockoutsView(View):
    """Locked sign-ins, for anyone who may edit accounts; POST lifts one."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("auth.change_user"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return TemplateResponse(
            request,
            "install/admin/lockouts.html",
            {"attempts": locked_attempts(), "failure_limit": settings.AXES_FAILURE_LIMIT},
        )

    def post(self, request):
        attempt = get_object_or_404(AccessAttempt, pk=request.POST.get("attempt"))
        lift_lockout(attempt=attempt, actor=request.user.get_username())
        messages.success(request, "The lockout is lifted; that account can sign in again.")
        return redirect("hearth_lockouts")
