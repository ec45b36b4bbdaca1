from django.contrib.auth.backends import ModelBackend

from .models import User


class PupilBackend(ModelBackend):
    """Pupils log in with the login name their teacher printed for them."""

    def authenticate(self, request, pupil_login=None, password=None, **kwargs):
        if not pupil_login or not password:
            return None
        try:
            user = User.objects.get(username__iexact=pupil_login.strip(), kind=User.Kind.PUPIL)
        except User.DoesNotExist:
            User().set_password(password)  # same time whether or not the login exists
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
