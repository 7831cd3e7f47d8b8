from django.contrib.auth.forms import AuthenticationForm

from inddrag.lib.forms import DkfdsFormMixin


class LoginForm(DkfdsFormMixin, AuthenticationForm):
    pass
