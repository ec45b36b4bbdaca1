"""The Atom feed of a public blog (anyone, like the blog itself)."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from jumelage.core.policies import require
from jumelage.projects.models import Project

from . import policies
from .models import Post

FEED_SIZE = 20


class PostsAtomFeed(Atom1Feed):
    """Atom with each entry's own language (xml:lang), when the writer gave it."""

    def item_attributes(self, item):
        attrs = super().item_attributes(item)
        if item.get("post_language"):
            attrs["xml:lang"] = item["post_language"]
        return attrs


class BlogFeed(Feed):
    feed_type = PostsAtomFeed

    def get_object(self, request, project_id):
        project = get_object_or_404(Project, pk=project_id)
        # Feed readers carry no session: only a public blog has a feed.
        require(policies.is_public(project))
        return project

    def title(self, project):
        return _("%(project)s — blog") % {"project": project.title}

    def subtitle(self, project):
        return project.summary

    def link(self, project):
        return reverse("blog:post_list", kwargs={"project_id": project.pk})

    def items(self, project):
        return Post.objects.public().filter(project=project).select_related("author")[:FEED_SIZE]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.body  # sanitised with nh3 when saved

    def item_link(self, post):
        return reverse(
            "blog:post_detail", kwargs={"project_id": post.project_id, "post_id": post.pk}
        )

    def item_author_name(self, post):
        return policies.public_name(post.author)

    def item_pubdate(self, post):
        return post.published_at

    def item_updateddate(self, post):
        return post.updated_at

    def item_extra_kwargs(self, post):
        return {"post_language": post.language_id}
