"""Pagination whose total is counted only a few screens past the reader's page, and kept.

The page links need the number of stories in the list. Counting a whole section is a
`COUNT(*)` over every public story of it: 55 ms for 12,000 stories, 410 ms for 125,000 at a
million articles. Readers of a news site page back a few screens, not to the first story of
2019, so the list counts in blocks of `COUNTED_PAGES` pages: pages 1 to 10 count at most ten
pages' worth (`LIMIT` inside the count: 201 rows at any archive size) and say "of more than
10" beyond; pages 11 to 20 count twenty pages' worth and say "of more than 20", and so on. The
rows read grow with how far back the reader is, never with the size of the archive, and no
page needs the full count (an absurd page number is a 404, not a count of everything).

Each block's total changes only when a story of the list is published, edited out of it or
unpublished (which bumps the list's tag) or when the schedule moves, so it is kept as a
fragment under the list's tag.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.functional import cached_property

from core.cache.fragments import cached_fragment

COUNTED_PAGES = 10
# A count's LIMIT past this is a page nobody can reach (PostgreSQL's LIMIT is a bigint).
LARGEST_LIMIT = 2**62


class KeptCountPaginator(Paginator):
    counted_pages = COUNTED_PAGES  # the size of a block; the templates say "of more than N"

    def __init__(self, object_list, per_page, *, list_tag: str, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.list_tag = list_tag
        self.counted_to = self.counted_pages  # the last page of the block being counted

    @cached_property
    def count(self) -> int:
        limit = self.per_page * self.counted_to + 1  # one more says "and older ones"

        def count() -> int:
            return self.object_list.order_by()[:limit].count()

        return cached_fragment(f"list-count-to:{limit}:{self.list_tag}", [self.list_tag], count)

    @property
    def more_than_counted(self) -> bool:
        """The total is unknown: there are more stories than the counted pages hold."""
        return self.count > self.per_page * self.counted_to

    def page(self, number):
        """The page, after counting as far as the end of its block if that is past the first.

        Only `page()` moves the block: `next_page_number()` and `previous_page_number()` check
        the neighbours against the reader's block (the page after it exists if the block's
        count found more).
        """
        number = self._number(number)
        block_end = -(-number // self.counted_pages) * self.counted_pages
        if block_end > self.counted_to:
            if self.per_page * block_end >= LARGEST_LIMIT:
                raise EmptyPage("That page contains no results")
            self.counted_to = block_end
            for name in ("count", "num_pages"):
                self.__dict__.pop(name, None)
        return super().page(number)

    def _number(self, number) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        return number
