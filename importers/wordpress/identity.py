"""Which blog an export comes from, so that importing a second blog never overwrites the first.

Posts are matched on (source, WordPress post ID). The source used to be `wp:base_site_url`,
which is `https://wordpress.com` in every WordPress.com export: a second blog's post 12 then
"updated" the first blog's post 12, and its old URLs led to the wrong story. The source is now
the blog's own address (`wp:base_blog_url`, else the channel's `<link>`).

Where that still names a blog imported before (an old export without `base_blog_url`, or two
blogs once at the same address), the GUIDs tell them apart: WordPress never changes a post's
GUID, so the same post ID with another GUID is another blog's post. The run is then refused
before anything is written, unless `--as-new-source` asks to import it side by side, under a
source named by address and title.
"""

from itertools import batched

from articles.models import WordPressSource
from importers.wordpress.scan import Scan
from importers.wordpress.wxr import WXRError


class OtherBlogError(WXRError):
    """The export's posts clash with those of another blog imported under the same source."""


def source_key(scan: Scan, *, as_new_source: bool) -> str:
    """What `WordPressSource.site_url` holds for the posts of this export."""
    if not as_new_source:
        return scan.site_url
    return f"{scan.site_url} | {scan.title or 'untitled blog'}"[:300]


def check_same_blog(scan: Scan, key: str) -> None:
    """Refuse (raise `OtherBlogError`) if posts imported under `key` are another blog's."""
    clashes = 0
    example = None
    for ids in batched(scan.post_guids, 500):
        rows = WordPressSource.objects.filter(site_url=key, wp_post_id__in=ids).exclude(guid="")
        for post_id, guid in rows.values_list("wp_post_id", "guid"):
            if guid != scan.post_guids[post_id]:
                clashes += 1
                example = example or (post_id, guid, scan.post_guids[post_id])
    if clashes:
        post_id, theirs, ours = example
        raise OtherBlogError(
            f"{clashes} post(s) of this export ({scan.title or 'untitled'}, {scan.site_url}) "
            f"have the IDs of posts imported before from another blog under the same address "
            f"(post {post_id}: {theirs} before, {ours} now). Nothing was imported, so the "
            f"other blog's articles and old URLs stay as they are. To import this blog beside "
            f"it, run again with --as-new-source"
        )
