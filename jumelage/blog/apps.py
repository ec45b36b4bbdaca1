from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "jumelage.blog"
    label = "blog"

    def ready(self):
        # The TwinSpace search (twinspace.register_space_search) may not exist yet.
        from jumelage import twinspace

        register = getattr(twinspace, "register_space_search", None)
        if register is None:
            try:
                from jumelage.twinspace import registry as twinspace_registry
            except ImportError:
                return
            register = getattr(twinspace_registry, "register_space_search", None)
        if register is not None:
            from .search import search_blog

            register(_("Blog"), search_blog)
