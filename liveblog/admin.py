"""The live desk: the live blog's admin page is where updates are posted, published, corrected
and deleted, one step from the article's edit page ("Live blog" in its tools).

Roles are checked on the server (`liveblog.permissions`) in every view, never only by hiding
buttons: contributors post drafts and touch only their own drafts; editors do the rest.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from articles.models import Article
from authors.models import Author
from core.admin import ModelAdmin
from liveblog import permissions
from liveblog.forms import EntryForm
from liveblog.models import Entry, LiveBlog


def desk_url(blog_id: int) -> str:
    return reverse("admin:liveblog_desk", args=[blog_id])


@admin.register(LiveBlog)
class LiveBlogAdmin(ModelAdmin):
    list_display = ["article", "state", "last_number", "coverage_start", "coverage_end"]
    list_filter = ["state"]
    list_select_related = ["article"]
    search_fields = ["article__headline"]
    autocomplete_fields = ["article"]
    fields = ["article", "state", "key_points", "coverage_start", "coverage_end"]
    change_form_template = "admin/liveblog/liveblog/change_form.html"

    def get_queryset(self, request):
        """Live blogs of the articles the user may see (a contributor: public and own)."""
        visible = Article.objects.visible_to(request.user).values("pk")
        return super().get_queryset(request).filter(article__in=visible)

    def get_readonly_fields(self, request, obj=None):
        return ["article"] if obj is not None else []

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        article = request.GET.get("article", "")
        return {**initial, "article": article} if article.isdigit() else initial

    def save_model(self, request, obj, form, change):
        if "state" in form.changed_data:
            obj.set_state(obj.state)
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        if "_continue" in request.POST or "_addanother" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        return HttpResponseRedirect(desk_url(obj.pk))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/desk/", view(self.desk_view), name="liveblog_desk"),
            path(
                "<int:pk>/entries/<int:entry_pk>/publish/",
                view(require_POST(self.publish_view)),
                name="liveblog_publish",
            ),
            *super().get_urls(),
        ]

    def _blog_or_404(self, request, pk: int) -> LiveBlog:
        blog = get_object_or_404(self.get_queryset(request).select_related("article"), pk=pk)
        if not self.has_view_permission(request, blog):
            raise PermissionDenied
        return blog

    def desk_view(self, request, pk: int):
        """Post an update (published at once by an editor who leaves "Publish now" ticked, a
        draft for an editor otherwise), and every entry with what the user may do to it."""
        blog = self._blog_or_404(request, pk)
        entry_admin = self.admin_site.get_model_admin(Entry)
        user = request.user
        form = entry_admin.desk_form(request, EntryForm(request.POST or None))
        if request.method == "POST":
            if not permissions.can_post(user):
                raise PermissionDenied
            if form.is_valid():
                self._post(request, blog, form)
                return HttpResponseRedirect(desk_url(blog.pk))
        entries = (
            entry_admin.get_queryset(request)
            .filter(live_blog=blog)
            .select_related("author")
            .order_by("published", "-number", "-created_at")
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Live desk: {blog.article.headline}",
            "blog": blog,
            "form": form,
            "media": self.media + form.media,
            "can_post": permissions.can_post(user),
            "can_publish": permissions.can_publish(user),
            "can_change_blog": self.has_change_permission(request, blog),
            "entries": [
                {
                    "entry": entry,
                    "excerpt": Truncator(strip_tags(entry.body)).words(30),
                    "can_change": permissions.can_change(user, entry),
                    "can_delete": permissions.can_delete(user, entry),
                    "can_publish": permissions.can_publish(user) and not entry.published,
                }
                for entry in entries
            ],
        }
        return TemplateResponse(request, "admin/liveblog/desk.html", context)

    def _post(self, request, blog: LiveBlog, form: EntryForm) -> None:
        entry = form.save(commit=False)
        entry.live_blog = blog
        entry.created_by = request.user
        entry.author = Author.objects.filter(user=request.user).first()
        entry.save()
        if permissions.can_publish(request.user) and request.POST.get("publish_now"):
            entry.publish()
            messages.success(request, f"Update {entry.number} is live.")
        else:
            messages.success(request, "Update saved as a draft: an editor publishes it.")

    def publish_view(self, request, pk: int, entry_pk: int):
        blog = self._blog_or_404(request, pk)
        if not permissions.can_publish(request.user):
            raise PermissionDenied
        entry = get_object_or_404(Entry, pk=entry_pk, live_blog=blog)
        entry.publish()
        messages.success(request, f"Update {entry.number} is live.")
        return HttpResponseRedirect(desk_url(blog.pk))


@admin.register(Entry)
class EntryAdmin(ModelAdmin):
    form = EntryForm
    list_display = ["__str__", "excerpt", "author", "published", "pinned", "corrected_at"]
    list_filter = ["published", "pinned"]
    list_select_related = ["author", "live_blog__article"]
    search_fields = ["body"]
    autocomplete_fields = ["image"]

    @admin.display(description="text")
    def excerpt(self, obj: Entry) -> str:
        return Truncator(strip_tags(obj.body)).words(12)

    def desk_form(self, request, form: EntryForm) -> EntryForm:
        """`form` with the image field this admin gives (the library's autocomplete, limited
        to what the user may see)."""
        db_field = Entry._meta.get_field("image")
        form.fields["image"] = self.formfield_for_foreignkey(db_field, request)
        form.fields["image"].required = False
        if not permissions.can_publish(request.user):
            del form.fields["pinned"]
        return form

    def get_queryset(self, request):
        """Editors: every entry. Contributors: published entries of stories they may see,
        and their own drafts."""
        entries = super().get_queryset(request)
        if request.user.has_perm(permissions.EDIT_ANY):
            return entries
        visible = Article.objects.visible_to(request.user).values("pk")
        return entries.filter(live_blog__article__in=visible).filter(
            Q(published=True) | Q(created_by=request.user)
        )

    def get_fields(self, request, obj=None):
        fields = ["body", "image"]
        return [*fields, "pinned"] if permissions.can_publish(request.user) else fields

    def has_add_permission(self, request):
        return False  # entries are posted from their live blog's desk

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or permissions.can_change(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or permissions.can_delete(request.user, obj))

    def save_model(self, request, obj, form, change):
        if change and form.has_changed():
            obj.correct()
        super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        if "_continue" in request.POST:
            return super().response_change(request, obj)
        messages.success(request, "Update corrected." if obj.published else "Draft saved.")
        return HttpResponseRedirect(desk_url(obj.live_blog_id))

    def delete_model(self, request, obj):
        request.liveblog_deleted_from = obj.live_blog_id
        super().delete_model(request, obj)

    def response_delete(self, request, obj_display, obj_id):
        blog_id = getattr(request, "liveblog_deleted_from", None)
        if blog_id is None:
            return super().response_delete(request, obj_display, obj_id)
        messages.success(request, "Update deleted.")
        return HttpResponseRedirect(desk_url(blog_id))
