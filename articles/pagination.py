"""Pagination whose total is counted only a little past the reader's page, and kept.

The page links need the number of stories in the list. Counting a whole section is a `COUNT(*)`
over every public story of it: 55 ms for 12,000 stories, 410 ms for 125,000 at a million
articles. Readers of a news site page back a few screens, not to the first story of 2019, so
the list counts in blocks that double: pages 1 to 10 count at most ten pages' worth (201 ids at
any archive size, by a prepared query for a section, tag or author) and say "of more than 10"
beyond; pages 11 to 20 count twenty pages' worth, pages 21 to 40 forty, and so on. A page in a
later block is reached through the blocks before it, each counted once and kept, and the walk
stops at the block where the list ends: the rows read grow with how far back the reader is (at
most twice that), never with the size of the archive, and a page number past the end of the
list (a crawler trying 99999) costs at most one count to the end per change of the list, then
none, whatever number comes next. A number past any possible list is a 404 without a query.

Each block's total changes only when a story of the list is published, edited out of it or
unpublished (which bumps the list's tag) or when the schedule moves, so it is kept as a
fragment under the list's tag.
"""

from collections.abc import Callable

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.functional import cached_property

from core.cache.fragments import cached_fragment

COUNTED_PAGES = 10
# A count's LIMIT past this is a page nobody can reach (PostgreSQL's LIMIT is a bigint).
LARGEST_LIMIT = 2**62


class KeptCountPaginator(Paginator):
    counted_pages = COUNTED_PAGES  # the first block; the templates say "of more than N"

    def __init__(
        self,
        object_list,
        per_page,
        *,
        list_tag: str,
        count_to: Callable[[int], int] | None = None,
        **kwargs,
    ):
        """`count_to(limit)`, when given, counts the list's first `limit` stories (a prepared
        query); else the list's queryset counts them."""
        super().__init__(object_list, per_page, **kwargs)
        self.list_tag = list_tag
        self.count_to = count_to
        self.counted_to = self.counted_pages  # the last page of the block counted

    @cached_property
    def count(self) -> int:
        """The stories of the list, counted as far as the block's last page and one more."""
        limit = self._block_holds() + 1  # one more says "and older ones"

        def count() -> int:
            if self.count_to is not None:
                return self.count_to(limit)
            # Ids only: a sliced count selects what the rows would (bylines' subqueries too).
            return self.object_list.order_by().values("pk")[:limit].count()

        return cached_fragment(f"list-count-to:{limit}:{self.list_tag}", [self.list_tag], count)

    @property
    def more_than_counted(self) -> bool:
        """The total is unknown: there are more stories than the counted pages hold."""
        return self.count > self._block_holds()

    def _block_holds(self) -> int:
        """The stories the counted pages hold (the last page takes up to `orphans` more)."""
        return self.per_page * self.counted_to + self.orphans

    def page(self, number):
        """The page, after counting the blocks up to its own, or to the end of the list.

        Only `page()` moves the block: `next_page_number()` and `previous_page_number()` check
        the neighbours against the reader's block (the page after it exists if the block's
        count found more).
        """
        number = self._number(number)
        if number > self.counted_to:
            # The walk's last block ends before page 2 * number: its LIMIT must fit.
            if 2 * self.per_page * number >= LARGEST_LIMIT:
                raise EmptyPage("That page contains no results")
            while self.counted_to < number and self.more_than_counted:
                self.counted_to *= 2
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
