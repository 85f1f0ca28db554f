"""Hostile input in every admin form, inline, action, list and autocomplete, as every role.

Forms are read from the admin's own pages (tests/admin_pages.py), so a model, field or inline
added later is fuzzed without touching this file. Whatever a submission holds:

- the answer is never a 5xx (nor the page it redirects to);
- nothing the role may not change has changed (rows of others, counts it may not add to, the
  roles' permissions, its own flags);
- no response shows another writer's draft headline, another user's e-mail, or a password hash;
- after a save, every feed and sitemap is well-formed XML and no stored redirect leaves the site.

Each example runs in a savepoint that is rolled back, so every one starts from the same world
(built once per module). Generation is derandomized, so CI sees the same examples every run.
A test collects every distinct finding with the first input that showed it (one bug does not
hide the next) and fails listing them all.
"""

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from editorial.workflow import STEPS
from tests.admin_fuzzing import (
    DATES,
    NUMBERS,
    PRIVATE_HEADLINES,
    ROLES,
    SWEEP,
    TIMES,
    Finding,
    Findings,
    admin_models,
    brief,
    broken_public_xml,
    build_world,
    changed_feed_owners,
    changes,
    fresh_user,
    hostile_text,
    kind_of,
    offsite_redirects,
    protected_state,
    public_fingerprint,
)
from tests.admin_pages import read_actions, read_filter_links, read_form

pytestmark = pytest.mark.django_db

BUTTONS = [{"_continue": "1"}, {"_save": "1"}, {"_addanother": "1"}] + [
    {"_continue": "1", "_transition": action} for action in [s.action for s in STEPS] + ["x"]
]
SECRET_WORDS = [headline.split()[0] for headline in PRIVATE_HEADLINES.values()]
MD5 = "django.contrib.auth.hashers.MD5PasswordHasher"

BY_KIND = {
    "date": st.sampled_from(DATES),
    "time": st.sampled_from(TIMES),
    "number": st.sampled_from(NUMBERS),
    "text": hostile_text,
    "hidden": st.one_of(hostile_text, st.sampled_from(NUMBERS)),  # the stale-save version...
    # Inline form counts: Django caps them (1,000 more than shown), but rendering a thousand
    # empty inline forms costs a second each time, so the fuzzer keeps them small.
    "count": st.sampled_from(["", "-1", "0", "1", "5", "x", "1.5", "\x00", "２"]),
}
# 15 examples where the role may open the page, 5 where it may not (a refusal is quick to check).
OPEN_EXAMPLES, REFUSED_EXAMPLES = 15, 5
FUZZ = settings(
    deadline=None,
    database=None,
    derandomize=True,
    # No shrinking: findings are collected as first seen (the strategies keep them readable)
    # instead of minutes of replays. Add Phase.shrink locally to minimise one.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once per module (and xdist worker) in a transaction rolled back at the end: each
    test's own transaction and each example's savepoint nest inside it."""
    media = tmp_path_factory.mktemp("admin-fuzz-media")
    fast = override_settings(PASSWORD_HASHERS=[MD5], MEDIA_ROOT=media)
    with django_db_blocker.unblock(), fast, transaction.atomic():
        built = build_world()
        built.media_root = media
        yield built
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _world_media(settings, _isolated_files, world):
    """The world's image files stay readable when tests/conftest.py moves MEDIA_ROOT."""
    settings.MEDIA_ROOT = world.media_root
    settings.PASSWORD_HASHERS = [MD5]


def _fuzz(examples: int, strategy, send) -> None:
    """Run `send(drawn)` on `examples` drawn inputs; fail once at the end with every finding."""
    findings = Findings()

    @settings(FUZZ, max_examples=examples)
    @given(strategy)
    def run(drawn):
        try:
            send(drawn)
        except Finding as finding:
            findings.add(finding, f"input: {brief(drawn)}")

    run()
    assert not findings, findings.report()


def _request(client, method: str, url: str, data=None):
    try:
        return getattr(client, method)(url, data)
    except Exception as error:  # the test client re-raises what the view raised: a 500
        message = f"{method.upper()} {url} raised {error!r}"[:400]
        raise Finding(f"500 {kind_of(error)}", message) from error


def _check_response(response, world, role: str, what: str) -> None:
    if response.status_code >= 500:
        raise Finding(f"{response.status_code}", f"{what} answered {response.status_code}")
    content = response.content.decode("utf-8", "replace")
    leaked = [marker for marker in world.markers_for(role) if marker in content]
    if leaked:
        raise Finding(f"leak {leaked[0]}", f"{what} shows {role} what is not theirs: {leaked}")


def _fuzzed_request(client, world, role: str, method: str, url: str, data=None) -> None:
    """Send one hostile request in a rolled-back savepoint and check every invariant."""
    user = world.users[role]
    with transaction.atomic():
        cache.clear()
        before, public = protected_state(fresh_user(user)), public_fingerprint()
        response = _request(client, method, url, data)
        _check_response(response, world, role, f"{method.upper()} {url}")
        location = response.headers.get("Location", "")
        if response.status_code in (301, 302) and location.startswith("/admin/"):
            _check_response(_request(client, "get", location), world, role, f"GET {location}")
        if changed := changes(before, protected_state(fresh_user(user))):
            raise Finding(f"forbidden change {changed[0][0]}", f"{role} changed {changed}")
        if (now_public := public_fingerprint()) != public:
            cache.clear()
            if broken := broken_public_xml(changed_feed_owners(public, now_public)):
                raise Finding(f"feeds {broken[0].split(':')[0]}", f"after {url}: {broken}")
            if offsite := offsite_redirects():
                raise Finding("offsite redirect", f"after {url}: {offsite}")
        transaction.set_rollback(True)


def _examples(client, url: str) -> int:
    return OPEN_EXAMPLES if client.get(url).status_code == 200 else REFUSED_EXAMPLES


# -- the forms --------------------------------------------------------------------------------

ARTICLE_TARGETS = ["own_draft", *PRIVATE_HEADLINES, "published"]
FORM_TARGETS = [(label, "add") for label in admin_models()] + [
    (label, target)
    for label in admin_models()
    for target in (ARTICLE_TARGETS if label == "articles.article" else [label])
]


def _form_url(world, label: str, target: str) -> str:
    app_label, model_name = label.split(".")
    if target == "add":
        return f"/admin/{app_label}/{model_name}/add/"
    return f"/admin/{app_label}/{model_name}/{world.objects[target].pk}/change/"


@pytest.fixture
def form_under_test(client, world, role, label, target):
    """The form as the administrator sees it (the most fields), then signed in as `role`.

    An add form is prefilled from an existing object, so most submissions pass validation and
    reach the save; a form the role may not open is still posted (a forged POST)."""
    client.force_login(world.users["administrator"])
    url = _form_url(world, label, target)
    form = read_form(client.get(url).content.decode())
    if target == "add" and world.objects.get(label) is not None:
        existing = read_form(client.get(_form_url(world, label, label)).content.decode())
        form.values.update(
            {k: v for k, v in existing.values.items() if "-" not in k and k in form.values}
        )
    client.force_login(world.users[role])
    return url, form


def _ids(world) -> st.SearchStrategy:
    return st.sampled_from([str(pk) for pk in world.ids])


def _field_value(kind: str, baseline, world) -> st.SearchStrategy:
    if isinstance(baseline, list):
        return st.lists(_ids(world), max_size=3)
    if kind == "id":
        return st.one_of(_ids(world), st.sampled_from(NUMBERS), hostile_text)
    if kind == "count":
        return BY_KIND[kind]
    return st.one_of(BY_KIND[kind], hostile_text, st.sampled_from(NUMBERS))


def _mutations(form, world) -> st.SearchStrategy:
    """Scattered hostile values, or one payload flooding every text field, or one id in every
    id field (another user's draft as a related story, byline, section, lead image...)."""
    names = sorted(form.values)
    if not names:  # a read-only page: the forged POST carries only the button
        return st.just({})
    scatter = st.lists(st.sampled_from(names), min_size=1, max_size=6, unique=True).flatmap(
        lambda chosen: st.fixed_dictionaries(
            {n: _field_value(form.kinds.get(n, "text"), form.values[n], world) for n in chosen}
        )
    )
    texts = [n for n in names if form.kinds.get(n) == "text"]
    single_ids = [n for n in names if form.kinds.get(n) == "id" and isinstance(form.values[n], str)]
    flood_text = hostile_text.map(lambda value: dict.fromkeys(texts, value))
    flood_ids = _ids(world).map(lambda value: dict.fromkeys(single_ids, value))
    return st.one_of(scatter, flood_text, flood_ids)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("label", "target"), FORM_TARGETS)
def test_admin_form_survives_hostile_submissions(client, world, form_under_test, role):
    """Every add and change form (inlines included), as every role, even those it may not open."""
    url, form = form_under_test
    drawn = st.tuples(_mutations(form, world), st.sampled_from(BUTTONS))

    def send(drawn):
        changed, button = drawn
        values = {**form.data(), **changed, **button}
        _fuzzed_request(client, world, role, "post", url, values)

    _fuzz(_examples(client, url), drawn, send)


@pytest.mark.parametrize("payload", SWEEP, ids=range(len(SWEEP)))
@pytest.mark.parametrize("label", admin_models())
def test_every_payload_in_every_text_field_of_every_change_form(client, world, label, payload):
    """The sweep: what a random draw may miss. As the administrator (whose saves reach every
    model), the payload alone in each text field of an otherwise valid form."""
    client.force_login(world.users["administrator"])
    url = _form_url(world, label, label)
    form = read_form(client.get(url).content.decode())
    findings = Findings()
    for name in sorted(n for n, kind in form.kinds.items() if kind == "text"):
        values = {**form.data(), name: payload, "_save": "1"}
        try:
            _fuzzed_request(client, world, "administrator", "post", url, values)
        except Finding as finding:
            findings.add(finding, f"input: {{{name!r}: {brief(payload)}}}")
    assert not findings, findings.report()


# -- bulk actions -----------------------------------------------------------------------------

EVERY_ACTION = sorted(
    {"delete_selected"}
    | {
        name if isinstance(name, str) else name.__name__
        for model_admin in admin.site._registry.values()
        for name in model_admin.actions or []
    }
)


def _changelist_url(label: str) -> str:
    app_label, model_name = label.split(".")
    return f"/admin/{app_label}/{model_name}/"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("label", admin_models())
def test_admin_actions_survive_hostile_selections(client, world, role, label):
    """Any action, offered or not, on any selection (others' drafts included), confirmed or not."""
    client.force_login(world.users[role])
    url = _changelist_url(label)
    drawn = st.fixed_dictionaries(
        {
            "action": st.sampled_from(EVERY_ACTION) | hostile_text,
            "_selected_action": st.lists(_ids(world), min_size=1, max_size=4),
            "index": st.just("0"),
            "select_across": st.sampled_from(["0", "1", "x"]),
        },
        optional={"post": st.just("yes")},
    )

    def send(values):
        _fuzzed_request(client, world, role, "post", url, values)

    _fuzz(_examples(client, url), drawn, send)


def test_the_action_fuzzer_knows_every_offered_action(client, world):
    client.force_login(world.users["administrator"])
    offered = read_actions(client.get(_changelist_url("articles.article")).content.decode())
    assert "publish_selected" in offered
    assert set(offered) <= set(EVERY_ACTION)


# -- changelist lookups and autocomplete -------------------------------------------------------

GENERIC_PARAMETERS = ["q", "o", "p", "all", "e", "_to_field", "_popup", "_changelist_filters"]


def _lookup_parameters(client, label: str) -> list[str]:
    """The filter and date parameters the changelist offers, plus the generic ones."""
    model_admin = next(a for m, a in admin.site._registry.items() if m._meta.label_lower == label)
    page = client.get(_changelist_url(label)).content.decode()
    keys = [key for key, _value in read_filter_links(page)]
    if model_admin.date_hierarchy:
        keys += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    return sorted({*keys, *GENERIC_PARAMETERS})


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("label", admin_models())
def test_admin_lists_survive_hostile_filters(client, world, role, label):
    """Every filter, date link, search and ordering parameter of a list, with hostile values."""
    client.force_login(world.users["administrator"])
    keys = _lookup_parameters(client, label)
    client.force_login(world.users[role])
    url = _changelist_url(label)
    value = st.one_of(hostile_text, st.sampled_from(NUMBERS + DATES), _ids(world))
    drawn = st.dictionaries(st.sampled_from(keys), value, min_size=1, max_size=3)

    def send(query):
        _fuzzed_request(client, world, role, "get", url, query)

    _fuzz(_examples(client, url), drawn, send)


@pytest.fixture
def autocompletes(client, world):
    """Every autocomplete widget on every form, as (app_label, model_name, field_name)."""
    client.force_login(world.users["administrator"])
    found = set()
    for label, target in FORM_TARGETS:
        if target in ("add", "own_draft"):
            page = client.get(_form_url(world, label, target)).content.decode()
            found.update(read_form(page).autocompletes)
    return sorted(found)


@pytest.mark.parametrize("role", ROLES)
def test_admin_autocomplete_survives_hostile_terms(client, world, autocompletes, role):
    """Every autocomplete, with hostile terms and pages: never a 5xx, never another's draft."""
    client.force_login(world.users[role])
    drawn = st.tuples(
        st.sampled_from(autocompletes),
        st.one_of(hostile_text, st.sampled_from(NUMBERS), st.sampled_from(SECRET_WORDS)),
        st.sampled_from(["1", "2", "0", "-1", "1" * 30, "x"]),
    )

    def send(drawn):
        (app_label, model_name, field_name), term, page = drawn
        query = {"app_label": app_label, "model_name": model_name, "field_name": field_name,
                 "term": term, "page": page}  # fmt: skip
        _fuzzed_request(client, world, role, "get", "/admin/autocomplete/", query)

    _fuzz(3 * OPEN_EXAMPLES, drawn, send)


@pytest.mark.parametrize("label", admin_models())
def test_each_change_form_saves_unchanged_so_fuzzed_values_reach_the_save(client, world, label):
    """Read as the browser would send it, a form passes validation: what the fuzzer changes
    is what the save sees (a form that never validates would test only its error page)."""
    client.force_login(world.users["administrator"])
    url = _form_url(world, label, label)
    page = client.get(url)
    if page.status_code == 403 or 'name="_save"' not in page.text:
        return  # read-only admins (sign-in lockouts; background jobs, shown but never edited)
    response = client.post(url, {**read_form(page.content.decode()).data(), "_save": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]


def test_the_fuzzer_finds_the_inline_and_autocomplete_fields(client, world, autocompletes):
    """The forms the fuzzer posts hold the id fields an attacker would forge."""
    client.force_login(world.users["administrator"])
    form = read_form(client.get(_form_url(world, "articles.article", "own_draft")).content.decode())
    assert {"related_links-0-target", "bylines-1-author", "section", "lead_image"} <= set(
        form.values
    )
    assert form.kinds["related_links-0-target"] == "id"
    assert ("articles", "relatedarticle", "target") in autocompletes
