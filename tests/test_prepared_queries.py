"""core/prepared.py: querysets compiled once, run again with other values, same rows."""

import gc
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Section
from authors.models import Author
from core.prepared import NotPreparable, prepared
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unverified(settings):
    """As in production: no fresh compile beside each run (the suite turns it on)."""
    settings.PREPARED_QUERIES_VERIFY = False


def _compiles():
    """Counts SQL compilations (including subqueries' and prefetches')."""
    return mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql)


@prepared(shape=["count"])
def _public_in_section(*, section_id, now, excluded, count):
    return (
        Article.objects.published(at=now)
        .filter(section_id=section_id)
        .exclude(pk__in=excluded)
        .select_related("section", "lead_image")
        .with_bylines()
        .order_by("-published_at", "-id")[:count]
    )


@prepared()
def _headlines(*, ids):
    return Article.objects.filter(pk__in=ids).order_by("id").values_list("headline", flat=True)


@prepared()
def _headline(*, pk):
    return Article.objects.filter(pk=pk).values_list("headline", flat=True)


def _plain(section_id, now, excluded, count):
    return list(
        _public_in_section.build(section_id=section_id, now=now, excluded=excluded, count=count)
    )


def test_later_calls_run_the_first_calls_sql_with_their_own_values(unverified):
    sport, news = SectionFactory(slug="sport"), SectionFactory(slug="news")
    now = timezone.now()
    sport_stories = [
        ArticleFactory(section=sport, published_at=now - timedelta(hours=h)) for h in (1, 2, 3)
    ]
    news_stories = [
        ArticleFactory(section=news, published_at=now - timedelta(hours=h)) for h in (1, 2)
    ]
    ArticleFactory(section=sport, published_at=now + timedelta(hours=1))  # scheduled

    first = _public_in_section(
        section_id=sport.pk, now=now, excluded=[sport_stories[0].pk], count=5
    )
    with _compiles() as compiled:
        second = _public_in_section(section_id=news.pk, now=now, excluded=[0], count=5)
        earlier = _public_in_section(
            section_id=sport.pk, now=now - timedelta(minutes=150), excluded=[-5], count=5
        )
    # Only the bylines' prefetch is compiled: the articles' query was not.
    assert compiled.call_count == 2
    assert first == sport_stories[1:] == _plain(sport.pk, now, [sport_stories[0].pk], 5)
    assert second == news_stories
    assert earlier == sport_stories[2:]
    # Related objects come as from the plain queryset: joined, and prefetched.
    names = [story.byline_authors[0].name for story in news_stories]
    with CaptureQueriesContext(connection) as queries:
        assert [story.section.slug for story in second] == ["news", "news"]
        assert [story.byline_authors[0].name for story in second] == names
    assert len(queries) == 0


def test_each_shape_and_list_length_compiles_its_own_sql(unverified):
    section = SectionFactory()
    stories = ArticleFactory.create_batch(4, section=section)
    now = timezone.now()
    assert len(_public_in_section(section_id=section.pk, now=now, excluded=[], count=2)) == 2
    assert len(_public_in_section(section_id=section.pk, now=now, excluded=[], count=3)) == 3
    excluded = [stories[0].pk, stories[1].pk]
    assert _public_in_section(section_id=section.pk, now=now, excluded=excluded, count=9) == _plain(
        section.pk, now, excluded, 9
    )
    # Repeats and None are dropped as `__in` drops them: same rows as the plain queryset.
    assert _public_in_section(
        section_id=section.pk, now=now, excluded=[stories[0].pk, stories[0].pk, None], count=9
    ) == _plain(section.pk, now, [stories[0].pk], 9)
    assert _headlines(ids=[]) == []
    assert _headlines(ids=[stories[2].pk, stories[3].pk]) == [
        stories[2].headline,
        stories[3].headline,
    ]
    assert _headlines(ids=[stories[1].pk]) == [stories[1].headline]


def test_values_django_changes_the_sql_for_take_the_plain_path(unverified):
    story = ArticleFactory()
    now = timezone.now()
    assert _public_in_section(section_id=story.section_id, now=now, excluded=[], count=1) == [story]
    # An unsaved object's id, and an id beyond any column (from a URL): no rows, no error.
    assert _public_in_section(section_id=None, now=now, excluded=[], count=1) == []
    assert _headline(pk=story.pk) == [story.headline]
    assert _headline(pk=10**30) == []
    assert _headline(pk=None) == []


def test_a_value_that_never_becomes_a_parameter_is_refused():
    @prepared()
    def sliced(*, count):
        return Article.objects.order_by("id")[:count]

    with pytest.raises(NotPreparable, match="fails with stand-in values"):
        sliced(count=3)

    @prepared()
    def unused(*, author_id):
        return Article.objects.order_by("id")

    with pytest.raises(NotPreparable, match="'author_id' does not reach the SQL as a parameter"):
        unused(author_id=3)

    @prepared()
    def by_object(*, section):
        return Article.objects.filter(section=section)

    with pytest.raises(NotPreparable, match="not an int, a str, an aware datetime"):
        by_object(section=SectionFactory())


def test_a_stand_in_django_finds_out_of_range_takes_the_plain_path(unverified):
    """Django answers "no rows" while compiling a lookup of a small positive column with the
    negative stand-in: that must not become "no rows" for every later value."""

    @prepared()
    def at_position(*, position):
        return Section.objects.filter(position=position).order_by("pk")

    section = SectionFactory(position=3)
    assert at_position(position=3) == [section]
    assert at_position(position=4) == []


def test_a_string_that_django_escapes_is_refused():
    """On SQLite `iexact` is a LIKE with `%`, `_` and backslash escaped in the value: replaying the
    stand-in's position with a raw value would match `fooxbar` for `foo_bar`."""

    @prepared()
    def by_slug(*, slug):
        return Section.objects.filter(slug__iexact=slug)

    SectionFactory(slug="fooxbar")
    if connection.vendor == "sqlite":
        with pytest.raises(NotPreparable):
            by_slug(slug="foo_bar")
    else:
        assert by_slug(slug="foo_bar") == []


@prepared()
def _times(*, ids):
    return Article.objects.filter(pk__in=ids).order_by("id").values_list("pk", "published_at")


@pytest.mark.django_db(transaction=True)  # the second connection reads the stories
def test_each_connection_looks_up_the_columns_converters_once(unverified):
    """Converters (SQLite's text to an aware datetime) are asked for once per connection; the
    rows come out converted as from the plain queryset, on a second connection too."""
    import threading

    stories = ArticleFactory.create_batch(2)
    spy = mock.patch.object(
        SQLCompiler, "get_converters", autospec=True, side_effect=SQLCompiler.get_converters
    )
    expected = list(
        Article.objects.filter(pk__in=[s.pk for s in stories])
        .order_by("id")
        .values_list("pk", "published_at")
    )
    assert all(timezone.is_aware(when) for _pk, when in expected)
    with spy as looked_up:
        assert _times(ids=[stories[0].pk, stories[1].pk]) == expected
        first = looked_up.call_count
        assert _times(ids=[stories[1].pk, stories[0].pk]) == expected
        assert _times(ids=[stories[0].pk]) == expected[:1]  # another shape: its own
        assert looked_up.call_count == first + 1
    assert first == 1

    answers = []

    def other_connection() -> None:
        from django.db import connections

        try:
            with spy as looked_up:
                answers.append((_times(ids=[stories[0].pk, stories[1].pk]), looked_up.call_count))
        except Exception as error:
            answers.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_connection)
    thread.start()
    thread.join()
    assert answers == [(expected, 1)]


def test_threads_preparing_new_shapes_while_old_ones_are_dropped(monkeypatch):
    """A crawler walking page numbers under a threaded worker: each new shape drops the oldest
    one while other threads add theirs (without the lock: "dictionary changed size")."""
    import sys
    import threading

    from core import prepared as module

    @prepared(shape=["count"])
    def none_of(*, ids, count):
        return Article.objects.filter(pk__in=ids)[:count]  # no ids: no query at all

    monkeypatch.setattr(module, "MAX_SHAPES", 4)
    errors = []

    def crawl(offset: int) -> None:
        try:
            for count in range(offset, offset + 150):
                assert none_of(ids=[], count=count) == []
        except Exception as error:
            errors.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=crawl, args=(n * 1000 + 1,)) for n in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
    assert len(none_of._compiled) <= 4


def test_the_suites_check_catches_a_builder_that_reads_hidden_state():
    """A builder whose SQL depends on anything but its arguments cannot be replayed: the check
    the tests run on every call compares the replay with a fresh compile."""
    state = {"drafts": False}

    @prepared()
    def stories(*, author_id):
        articles = Article.objects.filter(bylines__author_id=author_id)
        return articles if state["drafts"] else articles.filter(status="published")

    author = AuthorFactory()
    ArticleFactory(authors=[author])
    assert len(stories(author_id=author.pk)) == 1
    state["drafts"] = True
    with pytest.raises(AssertionError, match="differs from the queryset's"):
        stories(author_id=author.pk)


@pytest.mark.parametrize(
    ("page", "compiled_at_most"),
    [
        # Only the tag lookup's `EXISTS` of the public stories is compiled on the article page
        # (the article's data, bylines, tags, corrections, "More in", rails, menus, brand and
        # navigation are prepared); a list compiles its kept count and nothing else.
        ("article", 0),
        ("home", 0),
        ("section", 1),
        ("tag", 1),
        ("author", 1),
    ],
)
def test_public_pages_compile_only_what_is_not_prepared(
    client, unverified, settings, page, compiled_at_most
):
    """A second page of each kind, uncached, compiles no more than this (a third of an
    uncached article page's CPU went to compiling before)."""
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = False
    section = SectionFactory(slug="technology", show_in_navigation=True)
    authors = AuthorFactory.create_batch(2)
    stories = [ArticleFactory(section=section, authors=[author]) for author in authors]
    for story, tag in zip(stories, ["gaming", "phones"], strict=True):
        story.tags.add(tag)
    urls = {
        "article": [story.get_absolute_url() for story in stories],
        "home": ["/", "/"],
        "section": [section.get_absolute_url(), SectionFactory(slug="sport").get_absolute_url()],
        "tag": ["/tags/gaming/", "/tags/phones/"],
        "author": [author.get_absolute_url() for author in authors],
    }[page]
    assert client.get(urls[0]).status_code in (200, 404)
    with _compiles() as compiled:
        assert client.get(urls[1]).status_code == 200
    sources = [call.args[0].query.model.__name__ for call in compiled.call_args_list]
    assert len(sources) <= compiled_at_most, sources


@pytest.mark.parametrize("photos", [False, True])
def test_byline_rows_are_read_with_the_stories_and_leave_the_relation_whole(
    django_assert_num_queries, photos
):
    first = AuthorFactory(name="Ana First", photo=ImageFactory(alt_text="Ana at work"))
    second = AuthorFactory(name="Ben Second", bio="Ben covers ports.")
    story = ArticleFactory(authors=[second, first])
    other = ArticleFactory(authors=[first])
    stories = Article.objects.filter(pk__in=[story.pk, other.pk]).order_by("pk")
    with django_assert_num_queries(1):
        stories = list(stories.with_byline_rows(photos=photos))
        assert [author.name for author in stories[0].byline_authors] == ["Ben Second", "Ana First"]
        assert [author.name for author in stories[1].byline_authors] == ["Ana First"]
        assert [type(author) for author in stories[0].byline_authors] == [Author, Author]
        if photos:  # what the author boxes show, photo included
            assert stories[0].byline_authors[0].bio == "Ben covers ports."
            assert stories[0].byline_authors[1].photo.alt_text == "Ana at work"
            assert stories[0].byline_authors[0].photo is None
    # The relation itself is not the rows: chaining on it asks the database, for this
    # article's bylines only.
    assert [b.author.name for b in stories[0].bylines.filter(position=1)] == ["Ana First"]
    assert stories[1].bylines.count() == 1


def test_tag_rows_are_read_with_the_stories(django_assert_num_queries):
    story = ArticleFactory(tags=["harbour", "ferries"])
    plain = ArticleFactory(tags=["harbour"])
    stories = Article.objects.filter(pk__in=[story.pk, plain.pk]).order_by("pk")
    harbour = plain.tags.get()
    with django_assert_num_queries(1):
        stories = list(stories.with_tag_rows())
        assert sorted(tag.name for tag in stories[0].tag_list) == ["ferries", "harbour"]
        assert [tag.slug for tag in stories[1].tag_list] == ["harbour"]
        assert stories[1].tag_list[0].pk == harbour.pk
    fresh = Article.objects.get(pk=plain.pk)
    with django_assert_num_queries(1):  # read without its rows: the relation's own query
        assert [tag.name for tag in fresh.tag_list] == ["harbour"]


@prepared()
def _headlines_with_constants(*, section_id):
    # A status, a LIKE pattern holding "%" and "'" (escaped by Django into the parameter), a
    # quoted string: constants of the query; `section_id` is its only value.
    return (
        Article.objects.filter(section_id=section_id, status="published")
        .filter(headline__contains="100% o'clock")
        .order_by("id")
        .values_list("headline", flat=True)
    )


def test_constants_are_written_into_the_sql_on_postgresql(unverified):
    section = SectionFactory()
    ArticleFactory(section=section, headline="At 100% o'clock", status="published")
    ArticleFactory(section=section, headline="At 100 o'clock", status="published")
    ArticleFactory(section=section, headline="Draft at 100% o'clock", status="draft")
    with CaptureQueriesContext(connection) as ran:
        assert _headlines_with_constants(section_id=section.pk) == ["At 100% o'clock"]
        assert _headlines_with_constants(section_id=section.pk + 1) == []
    (compiled,) = _headlines_with_constants._compiled.values()
    assert [name for name, _index, _adapt in compiled.sources] == ["section_id", None, None]
    if connection.vendor == "postgresql":
        assert [name for name, _index, _adapt in compiled.run_sources] == ["section_id"]
        assert "'published'" in compiled.run_sql
        assert f'"section_id" = {section.pk + 1}' in ran[-1]["sql"]  # logged as it ran
    else:  # SQLite binds every parameter: the SQL is run as compiled
        assert compiled.run_sql == compiled.sql and compiled.run_sources == compiled.sources


@pytest.mark.parametrize(
    "value", [True, timezone.now().replace(tzinfo=None)], ids=["a flag", "a naive datetime"]
)
def test_a_flag_or_a_naive_time_as_a_value_is_refused(value):
    @prepared()
    def newer(*, since):
        return Article.objects.filter(published_at__gte=since)

    with pytest.raises(NotPreparable, match="not an int, a str, an aware datetime"):
        newer(since=value)


def test_a_run_leaves_no_compiler_for_the_garbage_collector(unverified, section):
    """The run's compiler is freed when the query ends, not kept in a reference cycle with
    all it holds until the next collection (one every few requests, a few percent of each)."""
    ArticleFactory(section=section)
    now = timezone.now()
    _public_in_section(section_id=section.pk, now=now, excluded=[0], count=2)  # prepared
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        _public_in_section(section_id=section.pk, now=now, excluded=[0], count=2)
        gc.collect()
        cyclic = [item for item in gc.garbage if isinstance(item, SQLCompiler)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert cyclic == []


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared on PostgreSQL only")
def test_on_postgresql_the_statement_is_prepared_once_and_run_with_each_value(unverified):
    section = SectionFactory()
    ArticleFactory(section=section, headline="At 100% o'clock", status="published")
    before = set(_prepared_statements())  # the connection's, from earlier tests
    with CaptureQueriesContext(connection) as ran:
        assert _headlines_with_constants(section_id=section.pk) == ["At 100% o'clock"]
        assert _headlines_with_constants(section_id=section.pk + 1) == []
    # Logged with the values written in, as client-side binding logs its queries.
    assert [
        f'"section_id" = {pk}' in query["sql"]
        for query, pk in zip(ran, [section.pk, section.pk + 1], strict=True)
    ] == [True, True]
    statements = sorted(set(_prepared_statements()) - before)
    # One statement for both runs, the value a parameter, the constants written in ("%" no
    # longer doubled: the driver reads "%%" as one).
    assert len(statements) == 1
    assert '"section_id" = $1' in statements[0]
    assert "100\\\\% o''clock%'" in statements[0]
    # Other queries keep client-side binding: nothing else of this test was prepared.
    SectionFactory()
    assert set(_prepared_statements()) == {*before, *statements}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared on PostgreSQL only")
def test_without_the_option_nothing_is_prepared(unverified, monkeypatch):
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "prepared_statements", False)
    section = SectionFactory()
    ArticleFactory(section=section, headline="At 100% o'clock", status="published")
    before = _prepared_statements()
    with CaptureQueriesContext(connection) as ran:
        assert _headlines_with_constants(section_id=section.pk) == ["At 100% o'clock"]
    assert f'"section_id" = {section.pk}' in ran[-1]["sql"]  # written in by the driver
    assert _prepared_statements() == before
