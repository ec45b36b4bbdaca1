from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "jumelage.blog"
    label = "blog"

    def ready(self):
        from jumelage.twinspace.registry import (
            register_space_activity,
            register_space_search,
            register_space_section,
        )

        from .search import search_blog
        from .space import latest_blog_activity

        register_space_section(_("Blog"), "blog:post_list", order=40)
        register_space_search(_("Blog"), search_blog, order=35)
        register_space_activity(latest_blog_activity, order=35)

        from jumelage.twinspace.reporting import register_reportable

        from .policies import can_see_reported_comment, can_see_reported_post

        register_reportable("blog.post", can_see_reported_post, _("blog post"))
        register_reportable("blog.comment", can_see_reported_comment, _("blog comment"))
