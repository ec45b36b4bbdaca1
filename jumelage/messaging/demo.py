"""Demo twinmail: one conversation between the two founders (idempotent)."""

from jumelage.accounts.models import User

from .models import Thread
from .services import start_thread


def load(stdout) -> None:
    claire = User.objects.filter(email="claire.martin@demo.jumelage.eu").first()
    jonas = User.objects.filter(email="jonas.weber@demo.jumelage.eu").first()
    if claire is None or jonas is None:
        return
    subject = "Calendrier des échanges / Zeitplan"
    if not Thread.objects.filter(subject=subject, participants__user=claire).exists():
        start_thread(claire, jonas, subject, "Bonjour Jonas, on commence les présentations lundi ?")
    stdout.write("Twinmail: demo conversation ready.")
