"""The embed provider table: which URLs become which players, and which never do."""

import re

import pytest

from core import embeds

CASES = [
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42", "youtube",
     "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "https://www.youtube-nocookie.com"),
    ("https://youtu.be/dQw4w9WgXcQ", "youtube",
     "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "https://www.youtube-nocookie.com"),
    ("https://www.youtube.com/shorts/aBcDeFgHiJk", "youtube",
     "https://www.youtube-nocookie.com/embed/aBcDeFgHiJk", "https://www.youtube-nocookie.com"),
    ("https://vimeo.com/76979871", "vimeo",
     "https://player.vimeo.com/video/76979871?dnt=1", "https://player.vimeo.com"),
    ("https://x.com/newsdesk/status/1790000000000000001", "x",
     "https://platform.twitter.com/embed/Tweet.html?id=1790000000000000001&dnt=true",
     "https://platform.twitter.com"),
    ("https://twitter.com/newsdesk/status/20", "x",
     "https://platform.twitter.com/embed/Tweet.html?id=20&dnt=true", "https://platform.twitter.com"),
    ("https://www.instagram.com/p/Cx1Yz23ab/", "instagram",
     "https://www.instagram.com/p/Cx1Yz23ab/embed/", "https://www.instagram.com"),
    ("https://www.tiktok.com/@harbourtown/video/7300000000000000000", "tiktok",
     "https://www.tiktok.com/embed/v2/7300000000000000000", "https://www.tiktok.com"),
    ("https://bsky.app/profile/desk.example.org/post/3kabc2def3g", "bluesky",
     "https://embed.bsky.app/embed/desk.example.org/app.bsky.feed.post/3kabc2def3g",
     "https://embed.bsky.app"),
    ("https://social.example.net/@desk/111222333444555666", "mastodon",
     "https://social.example.net/@desk/111222333444555666/embed", "https://social.example.net"),
    ("https://soundcloud.com/harbour-band/low-tide", "soundcloud",
     "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fharbour-band%2Flow-tide",
     "https://w.soundcloud.com"),
    ("https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk", "spotify",
     "https://open.spotify.com/embed/episode/4rOoJ6Egrf8K2IrywzwOMk", "https://open.spotify.com"),
    ("https://www.google.com/maps/place/Harbour+Square/@51.5,-0.12,17z", "googlemaps",
     "https://www.google.com/maps?q=Harbour%20Square&output=embed", "https://www.google.com"),
    ("https://www.google.com/maps/embed?pb=!1m18!1m12!1m3", "googlemaps",
     "https://www.google.com/maps/embed?pb=!1m18!1m12!1m3", "https://www.google.com"),
]  # fmt: skip


@pytest.mark.parametrize(("url", "key", "player", "origin"), CASES)
def test_each_provider_is_recognised_with_its_player_and_origin(url, key, player, origin):
    embed = embeds.match(url)
    assert (embed.key, embed.player_url, embed.frame_origin) == (key, player, origin)


def test_any_other_web_address_is_a_link_card_without_a_frame():
    embed = embeds.match("https://example.org/news/harbour?from=feed")
    assert embed.key == embeds.LINK
    assert embed.player_url == embed.frame_origin == ""
    assert embed.site == "example.org"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.org/file",
        'https://www.youtube.com/watch?v=dQw4w9WgXcQ"onload="alert(1)',
        "https://example.org/<script>",
        "https://exa mple.org/",
        "//example.org/no-scheme",
        "https://localhost/",
        "https://example.org/" + "a" * 2100,
        "",
    ],
)
def test_what_is_not_a_web_address_is_no_embed(url):
    assert embeds.match(url) is None


def test_a_lookalike_host_is_not_the_provider():
    assert embeds.match("https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ").key == embeds.LINK
    assert embeds.match("https://evil.example/youtu.be/dQw4w9WgXcQ").key == embeds.LINK


def test_a_mastodon_host_with_odd_characters_is_no_frame_origin():
    assert embeds.match("https://exa_mple.org/@desk/1").key == embeds.LINK


def test_patterns_reach_the_editor_as_javascript_syntax():
    patterns = embeds.js_patterns()
    assert [p["key"] for p in patterns] == [p.key for p in embeds.PROVIDERS]
    for pattern in patterns:
        assert "(?P<" not in pattern["pattern"]
        re.compile(pattern["pattern"].replace("(?<", "(?P<"))  # same expression, both dialects
