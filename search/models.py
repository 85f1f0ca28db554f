"""The words "Did you mean ...?" chooses from (PostgreSQL; the table stays empty on SQLite)."""

from django.db import models


class SuggestionWord(models.Model):
    """A word of a live story's headline or tags, lower-cased, kept for spelling suggestions.

    Close words are found in this list through its trigram index (search/words.py): a few
    thousand entries, where comparing with every public headline read the whole archive's
    trigram index (60-100 ms at a million articles). Words of stories that later leave the
    site stay until `rebuild_search_index`: a suggestion is only offered when it finds a
    public story, so an old word never reveals anything.
    """

    word = models.CharField(max_length=100, primary_key=True)

    class Meta:
        db_table = "search_suggestion_word"

    def __str__(self) -> str:
        return self.word
