"""Forum content for tests, written through the services as a member would."""

from django.test import TestCase
from django.urls import reverse

from jumelage.forum import services
from jumelage.projects.access import access_for


def start_topic(
    project, author, title="Our towns", body="<p>Describe your town.</p>", category=None
):
    return services.start_topic(access_for(author, project), author, title, body, category)


def reply(topic, author, body="<p>r</p>"):
    """A reply, committed: the work it leaves for after the commit (telling the
    followers, forum.tasks.follow_up) runs, as the request's commit would run it."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.reply(access_for(author, topic.project), topic, author, body)


def url(name, *args):
    return reverse(f"forum:{name}", args=args)
