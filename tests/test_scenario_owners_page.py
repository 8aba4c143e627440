"""Saved scenarios belong to someone (issue 12): with login on, the what-if page saves a
scenario as its user's, private unless shared; another viewer does not see a private one and
may not delete a shared one; an admin may."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.test_auth_pages import APP, app, log_in, users_file  # noqa: F401 (fixtures)


def what_if(at: AppTest, name: str) -> AppTest:
    log_in(at, name)
    at.switch_page("views/whatif.py").run()
    assert not at.exception, at.exception
    return at


def save(at: AppTest, scenario: str, shared: bool = False) -> None:
    at.text_input(key="whatif_save_name").input(scenario)
    at.checkbox(key="whatif_share").set_value(shared)
    at.button(key="whatif_save").click().run()
    assert not at.exception, at.exception


def fresh(demo_dir, monkeypatch) -> AppTest:
    monkeypatch.setenv("GOVERNANCE_DATA_DIR", str(demo_dir))
    monkeypatch.setenv("GOVERNANCE_AUTH", "local")
    return AppTest.from_file(APP, default_timeout=90)


def test_private_and_shared_scenarios(app, demo_dir, monkeypatch):  # noqa: F811
    vic = what_if(app, "vic")
    save(vic, "维克私有")
    save(vic, "维克共享", shared=True)
    assert set(vic.selectbox(key="whatif_pick").options) >= {"维克私有", "维克共享"}

    lu = what_if(fresh(demo_dir, monkeypatch), "lu")
    options = lu.selectbox(key="whatif_pick").options
    assert "维克共享" in options and "维克私有" not in options
    lu.selectbox(key="whatif_pick").set_value("维克共享").run()
    assert lu.button(key="whatif_delete").disabled, "only the owner or an admin may delete"

    boss = what_if(fresh(demo_dir, monkeypatch), "boss")
    assert {"维克私有", "维克共享"} <= set(boss.selectbox(key="whatif_pick").options)
    boss.selectbox(key="whatif_pick").set_value("维克共享").run()
    assert not boss.button(key="whatif_delete").disabled
