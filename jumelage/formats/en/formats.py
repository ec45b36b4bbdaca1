"""English for Europeans: the day before the month (en-GB), weeks from Monday.

Django's `en` formats are American (month first); a European school reads 03/12/2026
as the 3rd of December. The other languages keep Django's own formats.
"""

from django.conf.locale.en_GB.formats import *  # noqa: F403
