from django.http import Http404


def compose(request):
    """Placeholder until twinmail lands: denied for everyone."""
    raise Http404
