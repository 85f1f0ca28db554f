"""After a refused stale save: each field both sides changed, side by side, and one save that
keeps, per field, either my text or theirs.

The merge screen posts the whole form again with `merge_version` (the revision it compared
with) and a `merge-<field>` choice per field. `resolve()` puts their saved value in place of
mine where asked and takes `merge_version` as the loaded version, so the ordinary save path,
stale-save guard included, does the rest: if someone saved yet again, the screen comes back.
"""

from django.http import QueryDict

from articles.models import Article
from editorial import autosave

MERGED = autosave.COMPARED


def conflicts(data, article: Article) -> list[dict]:
    """The fields where my posted value differs from the saved one, for the merge screen."""
    saved = autosave.saved_values(article)
    fields = []
    for name, label in MERGED.items():
        mine, theirs = data.get(name, ""), saved.get(name, "")
        if autosave.readable(name, mine) == autosave.readable(name, theirs):
            continue
        fields.append(
            {
                "name": name,
                "label": label,
                "mine": autosave.readable(name, mine),
                "theirs": autosave.readable(name, theirs),
            }
        )
    return fields


def resolve(data: QueryDict, article: Article) -> QueryDict:
    """`data` with "keep theirs" applied and the merge's revision as the loaded version."""
    if "merge_version" not in data:
        return data
    resolved = data.copy()
    saved = autosave.saved_values(article)
    for name in MERGED:
        if data.get(f"merge-{name}") == "theirs":
            resolved[name] = saved.get(name, "")
    resolved["loaded_version"] = data.get("merge_version", "")
    return resolved
