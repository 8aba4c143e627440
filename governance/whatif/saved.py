"""Where saved scenarios live: the shared state database (:mod:`governance.state`), as one
user sees it, each stored in its URL form; and the list of them in words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from governance import settings, state
from governance.i18n import t
from governance.scenarios import SavedScenario, ScenarioStore, ScenarioStoreUnavailable
from governance.whatif.scenario import Scenario, describe

STORE_FILE = "scenarios.json"  # the old store, in the state dir (governance/settings.py)


def store(user: str | None = None, admin: bool = False) -> ScenarioStore:
    """The saved-scenario store of this installation (the shared state database), as ``user``
    sees it (None: no login); an old ``scenarios.json`` in the state dir is imported once."""
    try:
        eng = state.engine()
    except state.StateConfigError as e:
        raise ScenarioStoreUnavailable(str(e)) from e
    return ScenarioStore(eng, legacy=settings.state_dir() / STORE_FILE, user=user, admin=admin)


def saved_table(
    saved: Mapping[str, SavedScenario] | Iterable[SavedScenario], lang: str
) -> pd.DataFrame:
    """The saved scenarios: name, when saved, and what they change. ``saved`` by label (as
    ``ScenarioStore.labelled`` gives them: the label is the name shown), or a plain list."""
    if isinstance(saved, Mapping):
        pairs = list(saved.items())
    else:
        pairs = [(item.name, item) for item in saved]
    rows = []
    for label, item in pairs:
        s, _ = Scenario.from_query(item.params, lang)
        changes = describe(s, lang)
        rows.append(
            {
                t("whatif.saved.name", lang): label,
                t("whatif.saved.at", lang): item.saved_at.replace("T", " ")[:19],
                t("whatif.changes", lang): "；".join(changes) or t("whatif.baseline_only", lang),
            }
        )
    return pd.DataFrame(rows)
