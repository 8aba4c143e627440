"""一张图: the town map drawn from the communities' outlines (``townmap``: the model every
page, the presentation, the HTML and the PowerPoint draw; ``mapview``: its figure). The
outlines are read, checked and rewound from a GeoJSON file into the ``community_shapes`` table
by the importer (governance/importer/shapes.py), whose problems and rows they speak. No
Streamlit here."""
