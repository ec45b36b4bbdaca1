"""The home page section: the three latest published texts."""

from .models import OfficialText


def latest_texts(request):
    texts = list(OfficialText.objects.filter(published=True).select_related("country")[:3])
    return {"texts": texts} if texts else None
