from engine.versions import diff


def test_diff_lists_changed_added_and_removed_keys():
    old = {"min_synergy_weight": 20.0, "score_cap": 120.0, "Sales / Revenue": 25.0}
    new = {"min_synergy_weight": 25.0, "score_cap": 120.0, "R&D / Revenue": 12.0}
    assert diff(old, new) == [
        ("min_synergy_weight", 20.0, 25.0),
        ("Sales / Revenue", 25.0, None),
        ("R&D / Revenue", None, 12.0),
    ]
    assert diff(old, old) == []
