from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "inddrag.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from inddrag.accounts.permissions import remember_personal_data_permission

        user_logged_in.connect(remember_personal_data_permission, dispatch_uid="personal_data")

        from inddrag.accounts.middleware import mark_activity

        user_logged_in.connect(mark_activity, dispatch_uid="idle_timeout")

        from inddrag.accounts.services import mark_local_login

        user_logged_in.connect(mark_local_login, dispatch_uid="login_assurance")

        from inddrag.accounts.models import User
        from inddrag.lib import page_cache

        # A process page names its responsible member of staff (not a login's last_login).
        page_cache.watch(User, site=True, fields=("first_name", "last_name", "username", "title"))
