"""一张图: the communities' outlines as data (``shapes``: read, check, rewind a GeoJSON file
into the ``community_shapes`` table) and the town map drawn from them (``townmap``: the
model every page, the presentation, the HTML and the PowerPoint draw). No Streamlit here."""
