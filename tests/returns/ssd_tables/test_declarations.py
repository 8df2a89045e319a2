"""The declarations' shapes: an extension table of ours and a table's columns as written."""

from __future__ import annotations

from sightline.returns.ssd_tables.declarations import CHILD, EXT, Companion, Table, ext_table


def test_an_extension_table_is_ours_optional_and_holds_the_child_in_its_person_column():
    table = ext_table("peps", "records.PersonalEducationPlan", "PEP", ("pep_date",))
    assert (table.name, table.id_column, table.required) == ("sightline_peps", "sl_peps_id", False)
    assert table.columns == {"sl_person_id": "child_id"} and table.fks == CHILD
    assert table.all_columns == ["sl_peps_id", "sl_person_id", "sl_pep_date"]


def test_an_extension_table_of_staff_has_no_person_column():
    table = ext_table(
        "supervision", "workforce.Supervision", "SUP", ("date",), {"worker_id": "workforce.Worker"}
    )
    assert table.columns == {} and table.all_columns == ["sl_supervision_id", "sl_date"]


def test_a_tables_columns_are_its_id_its_own_the_companions_it_points_to_and_its_extensions():
    placement = Companion("ssd_placements", "plac_id", {"plac_type": "placement"}, via="clae_placement_id")
    table = Table(
        "ssd_x", "records.Child", "x_id", "X", {"x_person": "child_id"}, ("flag",), companions=(placement,)
    )
    assert table.all_columns == ["x_id", "x_person", "clae_placement_id", f"{EXT}flag"]
