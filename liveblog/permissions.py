"""Who may do what with live blog entries: the workflow rules of each role, in one place.

Editors (and administrators) publish, correct, pin and delete any entry. Contributors post
drafts that an editor publishes, and may correct or delete their own drafts, never a published
entry (like their articles, which they edit only as drafts).
"""

from liveblog.models import Entry

PUBLISH = "liveblog.publish_entry"
EDIT_ANY = "liveblog.edit_any_entry"


def can_post(user) -> bool:
    return user.is_active and user.has_perm("liveblog.add_entry")


def can_publish(user) -> bool:
    return user.is_active and user.has_perm(PUBLISH)


def can_change(user, entry: Entry) -> bool:
    if not user.is_active or not user.has_perm("liveblog.change_entry"):
        return False
    if user.has_perm(EDIT_ANY):
        return True
    return not entry.published and entry.number is None and entry.created_by_id == user.pk


def can_delete(user, entry: Entry) -> bool:
    if not user.is_active or not user.has_perm("liveblog.delete_entry"):
        return False
    if user.has_perm(EDIT_ANY):
        return True
    return not entry.published and entry.number is None and entry.created_by_id == user.pk
