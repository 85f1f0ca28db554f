"""Administrators see background jobs and run failed ones again; editors and contributors don't."""

import pytest
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db
JOBS = "/admin/django_tasks_database/dbtaskresult/"


def job(status=TaskResultStatus.FAILED, label="a", **fields) -> DBTaskResult:
    finished = status in (TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL)
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [label], "kwargs": {}},
        task_path="tests.jobs_tasks.record",
        backend_name="default",
        worker_ids=["w"] * (3 if status == TaskResultStatus.FAILED else 0),
        finished_at=timezone.now() if finished else None,
        exception_class_path="builtins.ConnectionError" if status == "FAILED" else "",
        traceback="ConnectionError: the service did not answer" if status == "FAILED" else "",
        **fields,
    )


@pytest.fixture
def administrator(client):
    user = StaffUserFactory(role="Administrator")
    client.force_login(user)
    return user


@pytest.mark.parametrize("role", ["Editor", "Contributor"])
def test_editors_and_contributors_do_not_see_jobs(client, role):
    client.force_login(StaffUserFactory(role=role))
    assert client.get(JOBS).status_code == 403
    assert JOBS not in client.get("/admin/").text


def test_an_administrator_sees_failed_jobs_with_attempts_and_error(client, administrator):
    assert JOBS in client.get("/admin/").text
    failed = job()
    job(TaskResultStatus.SUCCESSFUL, label="fine")
    page = client.get(JOBS, {"state": "failed"})
    assert page.status_code == 200
    assert list(page.context["cl"].result_list) == [failed]
    assert "ConnectionError" in page.text
    detail = client.get(f"{JOBS}{failed.pk}/change/")
    assert "the service did not answer" in detail.text


@pytest.mark.parametrize("rows", [1, 30])
def test_the_job_list_costs_the_same_at_any_size(
    client, administrator, rows, django_assert_max_num_queries
):
    for n in range(rows):
        job(label=str(n))
    with django_assert_max_num_queries(12):
        assert client.get(JOBS).status_code == 200


def test_run_again_requeues_only_failed_jobs(client, administrator):
    failed, waiting = job(), job(TaskResultStatus.READY, label="b")
    response = client.post(
        JOBS, {"action": "run_again", "_selected_action": [failed.pk, waiting.pk]}, follow=True
    )
    assert "1 failed job(s) queued again." in response.text
    assert "1 selected job(s) had not failed" in response.text
    failed.refresh_from_db()
    assert (failed.status, failed.worker_ids) == (TaskResultStatus.READY, [])


def test_only_finished_jobs_can_be_deleted(client, administrator):
    failed, running = job(), job(TaskResultStatus.RUNNING, label="r")
    assert client.post(f"{JOBS}{running.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(f"{JOBS}{failed.pk}/delete/", {"post": "yes"}).status_code == 302
    assert list(DBTaskResult.objects.all()) == [running]


def test_jobs_cannot_be_added_or_edited_by_hand(client, administrator):
    failed = job()
    assert client.get(f"{JOBS}add/").status_code == 403
    client.post(f"{JOBS}{failed.pk}/change/", {"status": "SUCCESSFUL"})
    failed.refresh_from_db()
    assert failed.status == TaskResultStatus.FAILED


def test_a_job_id_that_cannot_exist_is_a_bad_request(client, administrator):
    response = client.post(JOBS, {"action": "run_again", "_selected_action": ["not-a-uuid"]})
    assert response.status_code == 400
