"""Repeated failed admin logins lock out the username and the address, for a while."""

import logging
import time

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client

from accounts.models import LoginFailureWindow

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery 9"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.LOGIN_FAILURES_PER_USERNAME = 5
    settings.LOGIN_FAILURES_PER_IP = 20
    settings.LOGIN_LOCKOUT_SECONDS = 900
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editors(db):
    users = get_user_model().objects
    return (
        users.create_superuser("mara", "mara@example.com", PASSWORD),
        users.create_superuser("omar", "omar@example.com", PASSWORD),
    )


def _login(client: Client, username: str, password: str, ip: str = "203.0.113.7"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def test_five_wrong_passwords_lock_the_username_even_for_the_right_password(
    client, editors, caplog
):
    for _ in range(5):
        assert _login(client, "mara", "wrong").status_code == 200
    with caplog.at_level(logging.WARNING, logger="accounts.throttling"):
        response = _login(client, "mara", PASSWORD)
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 900
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "try again in 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert any("locked out" in message and "mara" in message for message in caplog.messages)


def test_the_lock_holds_from_another_address_and_for_another_spelling(client, editors):
    for _ in range(5):
        _login(client, "mara", "wrong", ip="203.0.113.7")
    assert _login(Client(), "MARA ", PASSWORD, ip="198.51.100.2").status_code == 429


def test_a_locked_username_does_not_stop_another_editor_signing_in(client, editors):
    for _ in range(5):
        _login(client, "mara", "wrong", ip="203.0.113.7")
    response = _login(Client(), "omar", PASSWORD, ip="198.51.100.2")
    assert response.status_code == 302


def test_many_usernames_from_one_address_lock_the_address(client, editors):
    for number in range(20):
        _login(client, f"guess{number}", "wrong", ip="203.0.113.7")
    assert _login(Client(), "omar", PASSWORD, ip="203.0.113.7").status_code == 429
    assert _login(Client(), "omar", PASSWORD, ip="198.51.100.2").status_code == 302


def test_failures_below_the_limit_allow_a_correct_login_which_resets_the_count(client, editors):
    for _ in range(4):
        _login(client, "mara", "wrong")
    assert _login(client, "mara", PASSWORD).status_code == 302
    for _ in range(4):
        _login(Client(), "mara", "wrong")
    assert _login(Client(), "mara", PASSWORD).status_code == 302


def test_the_lock_ends_when_the_window_passes(client, editors):
    for _ in range(5):
        _login(client, "mara", "wrong")
    assert _login(client, "mara", PASSWORD).status_code == 429
    with time_machine.travel(time.time() + 901, tick=False):
        response = _login(client, "mara", PASSWORD)
    assert response.status_code == 302, response.content.decode()


def test_counts_are_shared_by_every_worker_because_they_live_in_the_database(client, editors):
    for _ in range(5):
        _login(client, "mara", "wrong")
    window = LoginFailureWindow.objects.get(key__startswith="user:")
    assert window.failures == 5
    assert "mara" not in window.key  # the username is stored only as a hash


def test_expired_windows_are_purged_and_counting_starts_again(client, editors):
    for _ in range(5):
        _login(client, "mara", "wrong")
    with time_machine.travel(time.time() + 901, tick=False):
        _login(client, "mara", "wrong")
        assert LoginFailureWindow.objects.get(key__startswith="user:").failures == 1


def test_each_failed_login_is_logged_with_username_and_address(client, editors, caplog):
    with caplog.at_level(logging.WARNING, logger="accounts.throttling"):
        _login(client, "mara", "wrong", ip="203.0.113.9")
    assert any("Failed login" in m and "mara" in m and "203.0.113.9" in m for m in caplog.messages)


def test_a_proxy_header_names_the_client_when_configured(client, editors, settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    for number in range(20):
        client.post(
            "/admin/login/",
            {"username": f"guess{number}", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.50",
        )
    other_client_same_proxy = Client().post(
        "/admin/login/",
        {"username": "omar", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.3",
    )
    assert other_client_same_proxy.status_code == 302


def test_an_absurd_forwarded_address_is_counted_not_crashed_on(client, editors, settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    response = client.post(
        "/admin/login/",
        {"username": "mara", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="x" * 500,
    )
    assert response.status_code == 200
    assert LoginFailureWindow.objects.filter(key__startswith="ip:").count() == 1


# Look-alike spellings: Django's login form applies NFKC before `authenticate()`, so
# full-width and mathematical letters sign in as the plain account; they must count as it.
LOOK_ALIKES = ["ｍａｒａ", "𝐦𝐚𝐫𝐚", "𝓂𝒶𝓇𝒶", "ＭＡＲＡ", "\u3000mara"]


@pytest.mark.parametrize("spelling", LOOK_ALIKES)
def test_a_look_alike_spelling_cannot_sign_in_while_the_username_is_locked(
    client, editors, spelling
):
    for _ in range(5):
        _login(client, "mara", "wrong")
    response = _login(Client(), spelling, PASSWORD, ip="198.51.100.2")
    assert response.status_code == 429
    assert LoginFailureWindow.objects.get(key__startswith="user:").failures == 5


@pytest.mark.parametrize("spelling", LOOK_ALIKES)
def test_guesses_spelled_as_look_alikes_count_toward_the_usernames_limit(client, editors, spelling):
    for number in range(5):
        _login(Client(), spelling, "wrong", ip=f"198.51.100.{number}")
    assert LoginFailureWindow.objects.get(key__startswith="user:").failures == 5
    assert _login(Client(), "mara", PASSWORD, ip="192.0.2.1").status_code == 429


def test_a_look_alike_spelling_signs_in_below_the_limit_as_django_allows(client, editors):
    """The login form itself maps `ｍａｒａ` to `mara`; throttling follows, it does not refuse."""
    assert _login(client, "ｍａｒａ", PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(editors[0].pk)


def test_signing_in_to_an_account_whose_name_folds_alike_keeps_the_other_count(client, editors):
    """`Mara` (a second account) shares `mara`'s limit, so its login must not reset it."""
    get_user_model().objects.create_superuser("Mara", "m2@example.com", PASSWORD)
    for _ in range(4):
        _login(client, "mara", "wrong")
    assert _login(Client(), "Mara", PASSWORD, ip="198.51.100.2").status_code == 302
    assert _login(Client(), "mara", "wrong", ip="198.51.100.3").status_code == 200
    assert _login(Client(), "mara", PASSWORD, ip="198.51.100.4").status_code == 429


def test_identity_is_the_login_forms_normalisation_then_a_case_fold():
    from django.contrib.auth.forms import UsernameField

    from accounts.throttling import identity

    for spelling in [*LOOK_ALIKES, "Mara ", "MARA"]:
        assert identity(spelling) == "mara"
        assert identity(UsernameField().clean(spelling)) == identity(spelling)
    assert identity("Straße") == identity("STRASSE") == "strasse"
    assert identity("ma\u200bra") != "mara"  # not a spelling Django signs in as mara either
