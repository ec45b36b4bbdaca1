from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "jumelage.forum"
    label = "forum"

    def ready(self):
        from jumelage.materials.apps import register_space_search

        from .search import search_forum

        register_space_search(_("Forum"), search_forum)
