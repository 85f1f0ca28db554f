"""`import_wordpress --report FILE`: every item of the export accounted for, as JSON and HTML."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article
from tests.test_wordpress_identity import export, post, run

pytestmark = pytest.mark.django_db

SITE = Path(__file__).parent / "fixtures" / "wordpress" / "site-wxr-1.2.xml"


def entries(report: dict, kind: str) -> list[dict]:
    return [entry for entry in report["entries"] if entry["kind"] == kind]


def test_every_item_comment_and_term_is_accounted_for(tmp_path):
    out = run(SITE, report=tmp_path / "report")
    assert "(18 of 18 items accounted for)" in out
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["items_in_file"] == report["items_accounted_for"] == 18
    assert report["totals"]["post"] == {"created": 13, "skipped": 1}

    council = next(e for e in entries(report, "post") if e["ref"] == "post 10 (line 34)")
    article = Article.objects.get(wordpress_source__wp_post_id=10)
    assert council["outcome"] == "created"
    assert council["url"] == article.get_absolute_url()
    trashed = next(e for e in entries(report, "post") if e["outcome"] == "skipped")
    assert trashed["notes"] == ["skipped: in the WordPress trash"]
    gallery = next(e for e in entries(report, "post") if e["ref"].startswith("post 19 "))
    assert "unknown shortcode [tweet] removed (enclosed text kept)" in gallery["notes"]

    page = entries(report, "page")[0]
    assert page["title"] == "About us" and page["outcome"] == "created"
    assert page["url"] == "/about/"
    comments = entries(report, "comment")
    assert [c["title"].split(",")[0] for c in comments] == ["Reader", "Other"]
    assert comments[0]["notes"][0] == "comment, approved: Good news."
    assert {e["ref"]: e["outcome"] for e in entries(report, "category")}["category local"] == (
        "section"
    )
    assert entries(report, "author")[0]["url"] == "/authors/mara/"
    html = (tmp_path / "report.html").read_text()
    assert "All 18 items of the file are accounted for." in html
    assert f'<a href="{article.get_absolute_url()}">' in html


def test_unused_terms_say_so_and_markup_in_titles_is_escaped(tmp_path):
    declarations = """<wp:category><wp:category_nicename>empty</wp:category_nicename>
<wp:cat_name>Never used</wp:cat_name></wp:category>
<wp:tag><wp:tag_slug>idle</wp:tag_slug><wp:tag_name>Idle</wp:tag_name></wp:tag>"""
    comment = """<wp:comment><wp:comment_id>7</wp:comment_id>
<wp:comment_author><![CDATA[<script>alert(1)</script>]]></wp:comment_author>
<wp:comment_content>Hi</wp:comment_content><wp:comment_approved>0</wp:comment_approved>
</wp:comment></item>"""
    hostile = post(1).replace("</item>", comment)
    run(export(tmp_path / "a.xml", [hostile], declarations=declarations),
        report=tmp_path / "out.html")  # fmt: skip
    report = json.loads((tmp_path / "out.json").read_text())
    assert {e["ref"]: e["outcome"] for e in entries(report, "category")} == {
        "category empty": "no section"
    }
    assert {e["ref"]: e["outcome"] for e in entries(report, "tag")} == {"tag idle": "not used"}
    html = (tmp_path / "out.html").read_text()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;, " in html
    assert entries(report, "comment")[0]["notes"][0] == "comment, not approved: Hi"


def test_a_report_folder_that_does_not_exist_is_a_clear_error_after_the_import(tmp_path):
    with pytest.raises(CommandError) as error:
        call_command(
            "import_wordpress",
            str(export(tmp_path / "a.xml", [post(1)])),
            report=tmp_path / "missing" / "report",
            stdout=StringIO(),
            stderr=StringIO(),
        )
    assert error.value.returncode == 1
    assert "no folder" in str(error.value) and "the import itself is done" in str(error.value)
    assert Article.objects.count() == 1
