"""Embeds: which third-party URLs become players, and what the player and the CSP need.

A body stores an embed as the URL the editor pasted and the provider's key,
`<figure data-embed="youtube"><a href="URL">title or URL</a></figure>`; the sanitizer derives the
key again from the URL (never trusting the stored one), and the public page turns it into a
click-to-load placeholder whose player address and `frame-src` origin come from this table.
Nothing here touches the network: every player URL is computed from the pasted URL alone.

Patterns are written so they also compile as JavaScript regular expressions (named groups are
converted by `js_patterns()`), so the editor recognises exactly the URLs the server accepts.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

LINK = "link"  # any other web address: a link card, never a frame


@dataclass(frozen=True)
class Provider:
    key: str
    name: str
    pattern: str
    player: Callable[[dict[str, str]], str]
    origin: Callable[[dict[str, str]], str]
    shape: str  # "video" (16:9), "post" (tall), "audio" (short), "map" (4:3)
    action: str = "View"

    @property
    def regex(self) -> re.Pattern:
        return _compiled(self.pattern)


def _fixed(origin: str) -> Callable[[dict[str, str]], str]:
    return lambda groups: origin


def _maps_player(groups: dict[str, str]) -> str:
    if groups.get("pb"):
        return f"https://www.google.com/maps/embed?pb={quote(groups['pb'], safe='!:.-_~*')}"
    place = groups.get("place") or groups.get("at") or ""
    return f"https://www.google.com/maps?q={quote(place.replace('+', ' '), safe=',')}&output=embed"


PROVIDERS: tuple[Provider, ...] = (
    Provider(
        "youtube",
        "YouTube",
        r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:[^#\s]*&)?v=|shorts/|embed/|live/)"
        r"|youtu\.be/)(?P<id>[\w-]{11})(?:[?&#][^\s]*)?$",
        lambda g: f"https://www.youtube-nocookie.com/embed/{g['id']}",
        _fixed("https://www.youtube-nocookie.com"),
        "video",
        "Watch",
    ),
    Provider(
        "vimeo",
        "Vimeo",
        r"^https?://(?:www\.)?vimeo\.com/(?:video/)?(?P<id>\d{1,12})(?:[/?#][^\s]*)?$",
        lambda g: f"https://player.vimeo.com/video/{g['id']}?dnt=1",
        _fixed("https://player.vimeo.com"),
        "video",
        "Watch",
    ),
    Provider(
        "x",
        "X (Twitter)",
        r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(?P<user>\w{1,15})/status(?:es)?/"
        r"(?P<id>\d{1,20})(?:[/?#][^\s]*)?$",
        lambda g: f"https://platform.twitter.com/embed/Tweet.html?id={g['id']}&dnt=true",
        _fixed("https://platform.twitter.com"),
        "post",
    ),
    Provider(
        "instagram",
        "Instagram",
        r"^https?://(?:www\.)?instagram\.com/(?:p|reel|tv)/(?P<id>[\w-]{5,40})/?(?:[?#][^\s]*)?$",
        lambda g: f"https://www.instagram.com/p/{g['id']}/embed/",
        _fixed("https://www.instagram.com"),
        "post",
    ),
    Provider(
        "tiktok",
        "TikTok",
        r"^https?://(?:www\.)?tiktok\.com/@(?P<user>[\w.-]{1,40})/video/(?P<id>\d{1,25})"
        r"(?:[/?#][^\s]*)?$",
        lambda g: f"https://www.tiktok.com/embed/v2/{g['id']}",
        _fixed("https://www.tiktok.com"),
        "post",
        "Watch",
    ),
    Provider(
        "bluesky",
        "Bluesky",
        r"^https?://bsky\.app/profile/(?P<actor>[\w.:-]{1,253})/post/(?P<id>[a-z0-9]{1,20})"
        r"/?(?:[?#][^\s]*)?$",
        lambda g: f"https://embed.bsky.app/embed/{g['actor']}/app.bsky.feed.post/{g['id']}",
        _fixed("https://embed.bsky.app"),
        "post",
    ),
    Provider(
        "mastodon",
        "Mastodon",
        r"^https://(?P<host>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})"
        r"/@(?P<user>\w{1,30})/(?P<id>\d{1,20})/?$",
        lambda g: f"https://{g['host']}/@{g['user']}/{g['id']}/embed",
        lambda g: f"https://{g['host']}",
        "post",
    ),
    Provider(
        "soundcloud",
        "SoundCloud",
        r"^https?://(?:www\.|m\.)?soundcloud\.com/(?P<path>[\w-]{1,100}/(?:sets/)?[\w-]{1,200})"
        r"/?(?:[?#][^\s]*)?$",
        lambda g: (
            "https://w.soundcloud.com/player/?url="
            + quote(f"https://soundcloud.com/{g['path']}", safe="")
        ),
        _fixed("https://w.soundcloud.com"),
        "audio",
        "Listen",
    ),
    Provider(
        "spotify",
        "Spotify",
        r"^https?://open\.spotify\.com/(?:intl-[a-z]{2}/)?"
        r"(?P<kind>track|album|playlist|episode|show|artist)/(?P<id>[A-Za-z0-9]{10,40})"
        r"(?:[?#][^\s]*)?$",
        lambda g: f"https://open.spotify.com/embed/{g['kind']}/{g['id']}",
        _fixed("https://open.spotify.com"),
        "audio",
        "Listen",
    ),
    Provider(
        "googlemaps",
        "Google Maps",
        r"^https?://(?:www\.|maps\.)?google\.com/maps(?:/embed\?pb=(?P<pb>[\w!.:*~-]{1,4000})"
        r"|/place/(?P<place>[^/?#\s@]{1,300})|/@(?P<at>-?\d{1,3}(?:\.\d+)?,-?\d{1,3}(?:\.\d+)?))"
        r"(?:[/?#,][^\s]*)?$",
        _maps_player,
        _fixed("https://www.google.com"),
        "map",
    ),
)
BY_KEY = {provider.key: provider for provider in PROVIDERS}
_WEB_URL = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#][^\s]*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Embed:
    """What the page needs to show one embed: its provider (or `None` for a link card)."""

    url: str
    provider: Provider | None
    groups: dict[str, str]

    @property
    def key(self) -> str:
        return self.provider.key if self.provider else LINK

    @property
    def player_url(self) -> str:
        return self.provider.player(self.groups) if self.provider else ""

    @property
    def frame_origin(self) -> str:
        return self.provider.origin(self.groups) if self.provider else ""

    @property
    def site(self) -> str:
        return urlsplit(self.url).hostname or ""


_cache: dict[str, re.Pattern] = {}


def _compiled(pattern: str) -> re.Pattern:
    if pattern not in _cache:
        _cache[pattern] = re.compile(pattern, re.IGNORECASE)
    return _cache[pattern]


def match(url: str) -> Embed | None:
    """The embed a URL makes, a link card for any other web address, `None` for no address."""
    url = (url or "").strip()
    if len(url) > 2000 or not _WEB_URL.match(url) or any(c in url for c in "\"'<>\\`"):
        return None
    for provider in PROVIDERS:
        if found := provider.regex.match(url):
            groups = {name: value for name, value in found.groupdict().items() if value}
            return Embed(url, provider, groups)
    return Embed(url, None, {})


def js_patterns() -> list[dict[str, str]]:
    """The provider table as the editor needs it (key, name, JavaScript pattern)."""
    return [
        {"key": p.key, "name": p.name, "pattern": p.pattern.replace("(?P<", "(?<")}
        for p in PROVIDERS
    ]
