import pytest
from engine.measure_math import dimension_balance, source_owner_arrays, values_by_owner


def test_source_owner_arrays_map_sources_to_owners():
    owners = {"ann": "sales", "bob": "sales", "cy": "ops", "dan": None}
    pairs, by_id = source_owner_arrays(["ann", "bob", "cy", "dan"], owners.get, key=str)
    # Two sources of one owner stay two pairs: the SQL counts a record once per owner.
    assert pairs == (["ann", "bob", "cy"], ["sales", "sales", "ops"])
    assert by_id == {"sales": "sales", "ops": "ops"}


def test_values_by_owner():
    main = {"sales": (30.0, 3), "ops": (0.0, 0)}
    assert values_by_owner("count", main) == {"sales": 3.0, "ops": 0.0}
    assert values_by_owner("sum", main) == {"sales": 30.0, "ops": 0.0}
    assert values_by_owner("avg", main) == {"sales": 10.0}
    numerator = {"sales": (0.0, 2)}
    assert values_by_owner("ratio", main, numerator) == pytest.approx({"sales": 200 / 3})
    assert values_by_owner("ratio", main, numerator, percent=False) == pytest.approx(
        {"sales": 2 / 3}
    )
    with pytest.raises(ValueError):
        values_by_owner("median", main)


def test_dimension_balance():
    regions = {"north": 60.0, "south": 40.0}
    lines = {"phones": 70.0, "tablets": 30.0}
    assert dimension_balance(100.0, regions, lines) == (100.0, 100.0, True)
    assert dimension_balance(100.0, regions, {"phones": 70.0}) == (100.0, 70.0, False)
