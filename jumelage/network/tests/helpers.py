from django.utils import timezone

from jumelage.accounts.models import User
from jumelage.network.models import SupportRole
from jumelage.reference.models import Department, Region
from jumelage.testing import PASSWORD

_n = iter(range(1, 10**6))


def region(code: str) -> Region:
    return Region.objects.get(country_id="FR", code=code)


def make_correspondent(
    name: str, role="regional", region_code=None, department_code=None, country="FR", **fields
):
    n = next(_n)
    user = User.objects.create_user(
        email=f"corr{n}-{name.lower().replace(' ', '.')}@example.org",
        password=PASSWORD,
        display_name=name,
        kind=User.Kind.STAFF,
        email_confirmed_at=timezone.now(),
    )
    department = Department.objects.get(code=department_code) if department_code else None
    reg = region(region_code) if region_code else (department.region if department else None)
    SupportRole.objects.create(
        user=user,
        role=role,
        country_id=country,
        region=reg,
        department=department,
        public_email=fields.pop("public_email", f"contact{n}@ac.example.org"),
        **fields,
    )
    return user
