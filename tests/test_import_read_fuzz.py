"""Whatever the bytes, reading returns problems, never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance.importer import read_file, validate
from tests.import_corpus import OUTCOME_NAMES, csv_bytes, current

SUFFIXES = ["outcomes.csv", "outcomes.xlsx", "outcomes.parquet", "x.csv"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SUFFIXES), st.binary(max_size=2000))
def test_random_bytes_give_problems_not_exceptions(name, data):
    parsed = read_file(name, data)
    report = validate(parsed, current())
    assert not report.ok or parsed.tables


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.lists(
            st.one_of(st.text(max_size=12), st.integers(), st.floats()), min_size=10, max_size=10
        ),
        min_size=1,
        max_size=5,
    )
)
def test_random_cells_under_a_good_header_give_problems_not_exceptions(rows):
    data = csv_bytes(OUTCOME_NAMES, [[str(v).replace("\n", " ") for v in r] for r in rows])
    parsed = read_file("outcomes.csv", data)
    report = validate(parsed, current())
    for p in report.problems:
        assert p.message()
        assert p.severity in ("error", "warning")
