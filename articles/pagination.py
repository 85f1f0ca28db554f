"""Pagination whose total is kept between page-cache misses.

The page links need the number of stories in the list: a `COUNT(*)` over the whole list, which
for a section of 12,000 stories costs PostgreSQL about 50 ms, on every miss. The total changes
only when a story of the list is published, edited out of it or unpublished (which bumps the
list's tag) or when the schedule moves, so it is kept as a fragment under the list's tag.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from core.cache.fragments import cached_fragment


class KeptCountPaginator(Paginator):
    def __init__(self, object_list, per_page, *, list_tag: str, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.list_tag = list_tag

    @cached_property
    def count(self) -> int:
        return cached_fragment(
            f"list-count:{self.list_tag}", [self.list_tag], self.object_list.count
        )
