from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "jumelage.blog"
    label = "blog"

    def ready(self):
        from jumelage.twinspace.registry import register_space_section

        register_space_section(_("Blog"), "blog:post_list", order=40)
        # The TwinSpace search and home registries (twinspace.register_space_search,
        # register_space_activity) land separately: plug in when they are there.
        from jumelage import twinspace

        from .search import search_blog
        from .space import latest_blog_activity

        register_search = getattr(twinspace, "register_space_search", None)
        if register_search is not None:
            register_search(_("Blog"), search_blog, order=35)
        register_activity = getattr(twinspace, "register_space_activity", None)
        if register_activity is not None:
            register_activity(latest_blog_activity, order=35)
