"""The dataset's digest: equal for equal rows, different for any changed value, order or table."""

from datetime import date

from sightline.generator import Dataset


def _dataset(*rows: dict, label: str = "records.Child") -> Dataset:
    data = Dataset()
    for row in rows:
        data.add(label, **row)
    return data


def test_the_digest_depends_on_every_value_and_the_row_order_but_not_the_field_order():
    a = _dataset({"name": "A", "born": date(2015, 1, 1)}, {"name": "B", "born": None})
    assert (
        a.digest() == _dataset({"born": date(2015, 1, 1), "name": "A"}, {"name": "B", "born": None}).digest()
    )
    assert (
        a.digest() != _dataset({"name": "A", "born": date(2015, 1, 2)}, {"name": "B", "born": None}).digest()
    )
    assert (
        a.digest() != _dataset({"name": "B", "born": None}, {"name": "A", "born": date(2015, 1, 1)}).digest()
    )


def test_a_digest_of_named_tables_ignores_the_others():
    a = _dataset({"name": "A"})
    b = _dataset({"name": "A"})
    b.add("audits.Audit", theme="Neglect")
    assert a.digest() != b.digest()
    assert a.digest(["records.Child"]) == b.digest(["records.Child"])
