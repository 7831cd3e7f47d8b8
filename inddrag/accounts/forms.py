from django.contrib.auth.forms import AuthenticationForm

from inddrag.forms import DkfdsFormMixin


class LoginForm(DkfdsFormMixin, AuthenticationForm):
    pass
