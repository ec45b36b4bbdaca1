"""Demo second factor: staff and admins must use one, so the demo gives them backup codes."""

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from .models import User

DEMO_CODES = ["demo0001", "demo0002", "demo0003", "demo0004", "demo0005"]


def load(stdout) -> None:
    staff = User.objects.filter(email__endswith="@demo.jumelage.eu").filter(kind=User.Kind.STAFF)
    for user in staff:
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name="demo backup codes", defaults={"confirmed": True}
        )
        for code in DEMO_CODES:
            StaticToken.objects.get_or_create(device=device, token=code)
    if staff:
        stdout.write(
            "Demo staff and admin log in with a second factor: use a backup code "
            f"({', '.join(DEMO_CODES)}), then set up an authenticator app if you like."
        )
