"""Login throttling (django-axes): per account and per IP for adults, per account for pupils.

A whole class logs in from one school address; locking that address after a few
pupils' typing mistakes would lock out the class and its teachers. Pupils are
therefore throttled per account only (their logins are not public and a teacher
resets a password in a click); teachers and staff per account and per IP.
"""

PUPIL_CREDENTIAL = "pupil_login"


def login_name(request, credentials=None) -> str | None:
    """The name axes counts failures against, the same whatever its case or spaces."""
    credentials = credentials or {}
    name = credentials.get("username") or credentials.get(PUPIL_CREDENTIAL)
    if name is None and request is not None and hasattr(request, "POST"):
        name = request.POST.get("username") or request.POST.get("login")
    return name.strip().lower() if isinstance(name, str) else name


def lockout_parameters(request_or_attempt, credentials=None) -> list:
    if credentials and PUPIL_CREDENTIAL in credentials:
        return ["username"]
    return ["username", "ip_address"]
