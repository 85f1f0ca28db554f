"""`ImportState`: what an import run has learnt is restored whole after a rolled-back batch."""

from collections import Counter
from dataclasses import fields
from datetime import date

from importers.wordpress.redirects import ImportRedirects
from importers.wordpress.state import ImportState, Report
from redirects.models import Redirect


def learnt_something() -> ImportState:
    state = ImportState(
        report=Report(items_in_file=9),
        slugs=Counter({"storm": 1}),
        sources_by_id={("https://gazette.example", 1): 10},
        hashes={10: "abc"},
        used_attachments={50},
        redirects=ImportRedirects(sources={"/old/"}, targets={"/new/"}),
    )
    state.report.count("posts", "created")
    state.report.warn("post 1 (line 3): unknown shortcode [ad] removed")
    return state


def learn_more(state: ImportState) -> None:
    """What importing a batch adds to every part of the state."""
    state.report.count("posts", "created")
    state.report.count("tags", "created")
    state.report.warn("post 2 (line 9) has no title")
    state.report.media_missing("https://gazette.example/a.jpg", "post 1 (line 9)")
    state.report.failed += 1
    state.authors["guest"] = "an author row"
    state.sections["weather"] = "a section row"
    state.tags["Storm"] = "a tag row"
    state.slugs["storm-2"] += 1
    state.sources_by_id[("https://gazette.example", 2)] = 11
    state.hashes[11] = "def"
    state.used_attachments.add(51)
    state.body_attachments.add(52)
    state.media_images["/uploads/2013/03/a.jpg"] = 7
    state.media_files["/uploads/2013/03/a.mp4"] = "uploads/video/ab/ab.mp4"
    state.uploads.add("2013/03/a.jpg")
    state.archive_paths.add("/tag/storm/")
    state.archive_dates.add(date(2013, 3, 4))
    state.redirects.sources.add("/2013/old/")
    state.redirects.targets.add("/2013/new/")
    state.redirects.pairs["/2013/old/"] = "/2013/new/"
    state.redirects.pending.append(Redirect(old_path="/2013/old/", new_path="/2013/new/"))


def test_restore_forgets_everything_learnt_since_the_snapshot():
    state = learnt_something()
    expected = learnt_something()
    snapshot = state.snapshot()
    learn_more(state)
    every_field = {f.name for f in fields(ImportState)}
    # A field added later fails here until `learn_more` changes it too.
    assert {name for name in every_field if getattr(state, name) != getattr(expected, name)} == (
        every_field
    )
    state.restore(snapshot)
    assert state == expected


def test_a_snapshot_is_not_changed_by_what_follows_and_can_be_restored_twice():
    state = learnt_something()
    snapshot = state.snapshot()
    learn_more(state)
    state.restore(snapshot)
    learn_more(state)  # the post-by-post retry learns again, and may fail again
    state.restore(snapshot)
    assert state == learnt_something()
    assert snapshot == learnt_something()


def test_the_report_lists_counts_by_kind_in_the_order_they_were_first_counted():
    report = Report()
    report.count("posts", "created")
    report.count("tags", "created", 3)
    report.count("posts", "unchanged", 0)
    report.count("posts", "created")
    assert report.by_kind() == {"posts": {"created": 2, "unchanged": 0}, "tags": {"created": 3}}
