"""情景推演 What-if: change a lever and see the consequence beside the baseline.

Plain Python, no Streamlit; every number is unit-tested. One module per thing:

- ``params``: the reward-fund and scoring parameters, their checks and URL form;
- ``checks``: how a value is checked and a number written in a message or a link;
- ``fund``: the reward fund (claims, the cap, payments) and two funds compared;
  ``fund_view``: that lever on the page (tiles, tables, figures);
- ``scoring``: three-party scoring and grades, and that lever's view;
- ``targets``: traffic lights under a set of targets, and that lever's view;
- ``collection``: the collection rate each community needs, and that lever's view;
- ``display``: numbers, grades and lights in words, tables, tiles, the figures' layout;
- ``scenario``: every lever in one value, its URL form, reload and share link, described;
- ``form``: the page's widgets and the scenario they hold;
- ``compare``: saved scenarios side by side;
- ``saved``: where saved scenarios live.

Messages go through the string catalog (governance/i18n/whatif_checks.py) in both languages.
"""
