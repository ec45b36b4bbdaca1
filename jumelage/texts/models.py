"""Official texts (e.g. circulars of the Bulletin officiel) and news of the support network."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jumelage.core.sanitising import sanitise_html


class OfficialText(models.Model):
    class Kind(models.TextChoices):
        OFFICIAL = "official", _("Official text")
        NEWS = "news", _("News")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OFFICIAL)
    title = models.CharField(_("title"), max_length=255)
    reference = models.CharField(
        _("reference"),
        max_length=255,
        blank=True,
        help_text=_("E.g. Bulletin officiel n°30 du 25 août 2011."),
    )
    body = models.TextField(_("text"), blank=True)
    links = models.TextField(
        _("links"),
        blank=True,
        help_text=_("One link a line: the address, then optionally a space and its label."),
    )
    published_on = models.DateField(_("date"))
    country = models.ForeignKey(
        "reference.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("country"),
        help_text=_("Leave empty for a European text."),
    )
    language = models.ForeignKey(
        "reference.Language", on_delete=models.PROTECT, verbose_name=_("language")
    )
    published = models.BooleanField(_("published"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("official text or news")
        verbose_name_plural = _("official texts and news")
        indexes = [models.Index(fields=["published", "-published_on"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # Sanitised whichever way it is written (form, admin, demo data).
        self.body = sanitise_html(self.body)
        super().save(*args, **kwargs)

    @property
    def link_list(self) -> list[tuple[str, str]]:
        """(address, label) pairs; the label defaults to the address."""
        pairs = []
        for line in self.links.splitlines():
            url, _sep, label = line.strip().partition(" ")
            if url.startswith(("http://", "https://")):
                pairs.append((url, label.strip() or url))
        return pairs
