from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "jumelage.forum"
    label = "forum"

    def ready(self):
        from django.conf import settings

        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "forum-sweep-follow-ups",
            {"task": "jumelage.forum.tasks.sweep_follow_ups", "schedule": 60.0},
        )
        from jumelage.twinspace.registry import (
            register_space_activity,
            register_space_search,
            register_space_section,
        )
        from jumelage.twinspace.reporting import register_reportable

        from .search import search_forum
        from .space import can_see_reported_post, can_see_reported_topic, latest_forum_activity

        register_space_section(_("Forum"), "forum:topic_list", order=30, visitors=True)
        register_space_search(_("Forum"), search_forum, order=30)
        register_space_activity(latest_forum_activity, order=30)
        register_reportable("forum.topic", can_see_reported_topic, _("forum topic"))
        register_reportable("forum.post", can_see_reported_post, _("forum reply"))
