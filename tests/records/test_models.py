"""The record model refuses bad states, in validation and in the database itself."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sightline.records.models import (
    Child,
    CINEpisode,
    CPPlan,
    LookedAfterEpisode,
    MissingEpisode,
    Visit,
)
from sightline.workforce.models import Allocation, Service, Supervision, Team, Worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def child():
    return Child.objects.create(
        la_child_id="T0000001",
        first_name="Test",
        last_name="Child",
        sex="F",
        date_of_birth=date(2015, 5, 1),
        ethnicity="WBRI",
    )


@pytest.fixture
def team():
    service = Service.objects.create(name="Families First")
    return Team.objects.create(name="Locality North", service=service, kind=Team.Kind.LOCALITY)


@pytest.fixture
def workers(team):
    def make(n):
        return Worker.objects.create(
            staff_id=f"S{n}",
            first_name="W",
            last_name=str(n),
            role=Worker.Role.SOCIAL_WORKER,
            team=team,
            start_date=date(2020, 1, 1),
        )

    return make(1), make(2)


def episode(child, **kwargs):
    fields = {"cin_referral_date": date(2024, 4, 1), "referral_source": "6", "primary_need_code": "N1"}
    fields.update(kwargs)
    return CINEpisode(child=child, **fields)


def assert_refused(instance, message):
    """Refused by full_clean with the message, and by the database if saved regardless."""
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    assert message in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        instance.save()


def test_episode_closure_before_referral_is_refused(child):
    bad = episode(child, cin_closure_date=date(2024, 3, 1), reason_for_closure="RC8")
    assert_refused(bad, "CIN episode: the cin closure date cannot be before the cin referral date")


def test_episode_closure_needs_a_reason(child):
    assert_refused(episode(child, cin_closure_date=date(2024, 5, 1)), "a closure date needs a reason")


def test_valid_episode_is_accepted(child):
    good = episode(child, cin_closure_date=date(2024, 5, 1), reason_for_closure="RC8")
    good.full_clean()
    good.save()
    assert CINEpisode.objects.filter(child=child).count() == 1


def test_cp_plan_ending_before_it_starts_is_refused(child):
    parent = episode(child)
    parent.save()
    plan = CPPlan(
        child=child,
        episode=parent,
        cpp_start_date=date(2024, 5, 1),
        cpp_end_date=date(2024, 4, 1),
        initial_category_of_abuse="NEG",
        latest_category_of_abuse="NEG",
    )
    assert_refused(plan, "CP plan: the cpp end date cannot be before the cpp start date")


def test_cp_plan_checkpoint_review_before_the_plan_started_is_refused(child):
    parent = episode(child)
    parent.save()
    fields = {
        "child": child,
        "episode": parent,
        "cpp_start_date": date(2024, 5, 1),
        "initial_category_of_abuse": "NEG",
        "latest_category_of_abuse": "NEG",
    }
    bad = CPPlan(**fields, checkpoint_review_date=date(2024, 4, 30))
    assert_refused(bad, "CP plan: the independent checkpoint review cannot be before the cpp start date")
    good = CPPlan(**fields, checkpoint_review_date=date(2025, 6, 1))
    good.full_clean()
    good.save()
    assert CPPlan.objects.get(pk=good.pk).checkpoint_review_date == date(2025, 6, 1)


def test_an_episode_needs_a_child():
    with pytest.raises(IntegrityError), transaction.atomic():
        CINEpisode.objects.create(
            child_id=None, cin_referral_date=date(2024, 4, 1), referral_source="6", primary_need_code="N1"
        )


def test_child_needs_a_birth_date_or_expected_date():
    unborn = Child(la_child_id="T2", first_name="Unborn", last_name="X", sex="U", ethnicity="NOBT")
    assert_refused(unborn, "date of birth or an expected date of birth")


def test_looked_after_episode_end_needs_reason_and_order(child):
    bad = LookedAfterEpisode(
        child=child,
        decom=date(2024, 1, 10),
        rne="S",
        ls="C2",
        cin="N1",
        place="U6",
        dec=date(2024, 1, 1),
        rec="E4A",
    )
    assert_refused(bad, "Looked-after episode: the dec cannot be before the decom")
    no_reason = LookedAfterEpisode(
        child=child,
        decom=date(2024, 1, 10),
        rne="S",
        ls="C2",
        cin="N1",
        place="U6",
        dec=date(2024, 2, 1),
        rec="",
    )
    assert_refused(no_reason, "an end date needs a reason episode ceased")


def test_visit_seen_alone_without_being_seen_is_refused(child):
    assert_refused(
        Visit(child=child, visit_date=date(2024, 1, 1), kind="CP", seen=False, seen_alone=True),
        "cannot be seen alone without being seen",
    )


def test_rhi_accepted_without_offer_is_refused(child):
    from datetime import UTC, datetime

    bad = MissingEpisode(
        child=child,
        missing="M",
        mis_start=datetime(2024, 1, 1, 20, tzinfo=UTC),
        rhi_offered=False,
        rhi_accepted=True,
    )
    assert_refused(bad, "cannot be accepted without being offered")


def test_supervising_yourself_is_refused(workers):
    worker, _ = workers
    assert_refused(
        Supervision(worker=worker, supervisor=worker, supervision_date=date(2024, 1, 1)),
        "cannot supervise themselves",
    )


def test_overlapping_allocations_of_one_role_are_refused(child, team, workers):
    first, second = workers
    Allocation.objects.create(
        child=child, worker=first, team=team, start_date=date(2024, 1, 1), end_date=date(2024, 3, 31)
    )
    overlapping = Allocation(child=child, worker=second, team=team, start_date=date(2024, 3, 31))
    with pytest.raises(ValidationError, match="overlaps another allocation"):
        overlapping.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        overlapping.save()
    following = Allocation(child=child, worker=second, team=team, start_date=date(2024, 4, 1))
    following.full_clean()
    following.save()
    iro = Allocation(
        child=child, worker=second, team=team, role=Allocation.Role.IRO, start_date=date(2024, 2, 1)
    )
    iro.full_clean()
    iro.save()
    assert Allocation.objects.filter(child=child).count() == 3


def test_an_update_that_creates_an_overlap_is_refused(child, team, workers):
    first, second = workers
    Allocation.objects.create(
        child=child, worker=first, team=team, start_date=date(2024, 1, 1), end_date=date(2024, 1, 31)
    )
    later = Allocation.objects.create(child=child, worker=second, team=team, start_date=date(2024, 3, 1))
    later.start_date = date(2024, 1, 15)
    with pytest.raises(IntegrityError), transaction.atomic():
        later.save()
