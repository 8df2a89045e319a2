"""The page cache holds what a council's staff keep in it between pages (#18 goal 3)."""

from django.core.cache import cache


def test_a_viewer_for_each_of_a_thousand_staff_stays_kept():
    cache.clear()
    for user_id in range(1000):
        cache.set(f"sightline:viewer-test:{user_id}", {"user": user_id}, 3600)
    kept = sum(cache.get(f"sightline:viewer-test:{user_id}") is not None for user_id in range(1000))
    cache.clear()
    assert kept == 1000
