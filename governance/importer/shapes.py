"""The communities' outlines as data: a GeoJSON file read into the ``community_shapes`` table.
(In the importer, beside the readers of the other tables: its problems and rows are theirs.)

A town's outlines come as one GeoJSON ``FeatureCollection``, one feature per community or
village, its id in ``properties.community_id`` (or ``社区编号``, or the feature's ``id``), its
geometry a ``Polygon`` or ``MultiPolygon`` in longitude/latitude (WGS-84 or GCJ-02: the map is
drawn without a basemap, so either reads right). ``schematic: true`` — in a feature's
properties, or the collection's — marks a layout that is not a real boundary (the demo's
示意图), and every map drawn from it says so.

:func:`read_geojson` checks every feature (a community id, a polygon, rings closed and of four
points or more, longitudes and latitudes, no self-intersection) and rewinds a ring wound the
wrong way (RFC 7946: outer rings counter-clockwise, holes clockwise) with a warning;
:func:`against_communities` then holds the file to the communities in force: every one has
exactly one shape, and no feature names an unknown id. A GeoJSON file is the whole set: it
replaces the table (``governance/datastore/importing.prepare``), so history, compare and
rollback are the data store's, like any table's. Every problem names the feature (its number
and id) and the reason, in Chinese and English. :func:`table_problems` runs the geometry
checks on the table itself (an Excel or CSV upload of it, and the data in force as it opens).
"""

from __future__ import annotations

import itertools
import json
import math
from pathlib import PurePath
from typing import Any

import pandas as pd

from governance.contract import TABLES_BY_NAME
from governance.i18n import t
from governance.importer.invisible import visible
from governance.importer.parsed import ROW, SHEET, Parsed
from governance.importer.problems import ERROR, WARNING, Problem, problem

TABLE = "community_shapes"
MB = 1024 * 1024
MAX_BYTES = 20 * MB  # a town's outlines are a few hundred kB; 20 MB is far beyond any
DECIMALS = 7  # about a centimetre: what is kept of a coordinate
ID_KEYS = ("community_id", "社区编号", "id")
TRUE_WORDS = {"true", "1", "yes", "y", "是", "示意", "示意图"}
POLYGONAL = ("Polygon", "MultiPolygon")


def _size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB / 10 else f"{n / 1024:.0f} KB"


def _both(key: str, **values: Any) -> tuple[str, str]:
    return t(key, "zh", **values), t(key, "en", **values)


def _problem(
    severity: str,
    file: str,
    reason: tuple[str, str],
    feature: int | None = None,
    ident: str = "",
) -> Problem:
    """A problem of the file (``feature`` None) or of its ``feature``-th feature (1-based),
    the feature and its id said in the reason itself: 第 3 个要素（C03）：外环未闭合…"""
    zh, en = reason
    if feature is not None:
        shown = visible(ident) if ident else "—"
        zh = t("geo.feature", "zh", n=feature, id=shown, reason=zh)
        en = t("geo.feature", "en", n=feature, id=shown, reason=en)
    return Problem(
        severity=severity,
        file=visible(file),
        sheet=None,
        row=None,
        column_name=None,
        column_label_zh=None,
        value="",
        reason_zh=zh,
        table=TABLE,
        reason_en=en,
    )


# ---- one geometry ------------------------------------------------------------------------------
def _number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def _ring_name(part: int, ring: int, parts: int) -> tuple[str, str]:
    zh, en = _both("geo.ring.outer") if ring == 0 else _both("geo.ring.hole", k=ring)
    if parts > 1:
        zh = t("geo.ring.part", "zh", p=part + 1, ring=zh)
        en = t("geo.ring.part", "en", p=part + 1, ring=en)
    return zh, en


def _signed_area(ring: list[list[float]]) -> float:
    """Twice the signed area of a closed ring (lon as x, lat as y): positive counter-clockwise."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in itertools.pairwise(ring))


def _fmt(position: list[float]) -> str:
    return ", ".join(f"{v:g}" for v in position[:2])


Reasons = list[tuple[str, str]]  # each (zh, en)


def check_geometry(geometry: Any) -> tuple[Reasons, Reasons, dict | None]:
    """The errors and warnings of one GeoJSON geometry (each as (zh, en)), and the geometry
    to keep — rewound when a ring ran the wrong way, coordinates rounded — or None when it
    has an error."""
    errors: list[tuple[str, str]] = []
    if not isinstance(geometry, dict) or geometry.get("type") is None:
        return [_both("geo.bad.no_geometry")], [], None
    kind = geometry.get("type")
    if kind not in POLYGONAL:
        return [_both("geo.bad.kind", kind=visible(str(kind))[:40])], [], None
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if kind == "Polygon" else coordinates
    if not isinstance(polygons, list) or not polygons:
        return [_both("geo.bad.coords")], [], None
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return [_both("geo.bad.coords")], [], None
        for ring in polygon:
            if not isinstance(ring, list) or not all(
                isinstance(p, list) and len(p) >= 2 and all(_number(v) for v in p[:2]) for p in ring
            ):
                return [_both("geo.bad.coords")], [], None
            for p in ring:
                if not (-180 <= p[0] <= 180 and -90 <= p[1] <= 90):
                    return [_both("geo.bad.range", at=_fmt(p))], [], None
    wrong: list[tuple[str, str]] = []
    for i, polygon in enumerate(polygons):
        for j, ring in enumerate(polygon):
            name = _ring_name(i, j, len(polygons))
            if len(ring) < 4:
                errors.append(_pair("geo.bad.short", name, n=len(ring)))
            elif ring[0][:2] != ring[-1][:2]:
                errors.append(_pair("geo.bad.open", name, first=_fmt(ring[0]), last=_fmt(ring[-1])))
            elif (_signed_area(ring) > 0) != (j == 0):
                wrong.append(name)
    if errors:
        return errors, [], None
    clean = {
        "type": kind,
        "coordinates": [
            [[[round(float(v), DECIMALS) for v in p[:2]] for p in ring] for ring in polygon]
            for polygon in polygons
        ],
    }
    if kind == "Polygon":
        clean["coordinates"] = clean["coordinates"][0]
    warnings: list[tuple[str, str]] = []
    if wrong:
        from geojson_rewind import rewind

        clean = rewind(clean, rfc7946=True)
        sep_zh, sep_en = "、", ", "
        warnings.append(
            (
                t("geo.warn.rewound", "zh", rings=sep_zh.join(z for z, _ in wrong)),
                t("geo.warn.rewound", "en", rings=sep_en.join(e for _, e in wrong)),
            )
        )
    invalid = _invalid(clean)
    if invalid is not None:
        return [invalid], [], None
    return [], warnings, clean


def _pair(key: str, ring: tuple[str, str], **values: Any) -> tuple[str, str]:
    return t(key, "zh", ring=ring[0], **values), t(key, "en", ring=ring[1], **values)


def _invalid(geometry: dict) -> tuple[str, str] | None:
    """Why shapely finds the polygon invalid (a bow-tie, a hole outside its shell...), in
    words; None when it is valid."""
    from shapely.errors import GEOSException, ShapelyError
    from shapely.geometry import shape
    from shapely.validation import explain_validity

    try:
        shaped = shape(geometry)
        if shaped.is_valid:
            return None
        reason = explain_validity(shaped)
    except (GEOSException, ShapelyError, ValueError, TypeError) as exc:
        return _both("geo.bad.invalid", reason=str(exc)[:120])
    kind, _, rest = reason.partition("[")
    at = rest.rstrip("]").replace(" ", ", ")
    known = {
        "Self-intersection": "geo.bad.self_intersection",
        "Ring Self-intersection": "geo.bad.self_intersection",
        "Interior is disconnected": "geo.bad.disconnected",
        "Hole lies outside shell": "geo.bad.hole_outside",
        "Nested shells": "geo.bad.overlapping_parts",
        "Self-intersecting parts": "geo.bad.overlapping_parts",
        "Too few points": "geo.bad.too_few",
    }
    key = known.get(kind.strip())
    if key is None:
        return _both("geo.bad.invalid", reason=reason[:120])
    return _both(key, at=at)


def parse(text: Any) -> dict | None:
    """A stored geometry (the table's GeoJSON text) as a dict; None when it is not one."""
    if not isinstance(text, str):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def dumps(geometry: dict) -> str:
    """A geometry as the table stores it: compact GeoJSON text."""
    return json.dumps(geometry, separators=(",", ":"), ensure_ascii=False)


# ---- a file ------------------------------------------------------------------------------------
def _truthy(value: Any) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value)
    return str(value).strip().lower() in TRUE_WORDS


def _feature_id(feature: dict) -> str:
    props = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
    for key in ID_KEYS:
        value = props.get(key)
        if value not in (None, ""):
            return str(value).strip()
    value = feature.get("id")
    return "" if value in (None, "") else str(value).strip()


def read_geojson(filename: str, data: bytes, max_bytes: int = MAX_BYTES) -> Any:
    """Read a GeoJSON upload into the ``community_shapes`` frame of a ``Parsed`` (the
    importer's), with every problem; the features with an error are left out of the frame
    (their problems stop the import). Never raises on bad input."""

    file = PurePath(str(filename)).name
    parsed = Parsed(source=file)
    problems = parsed.problems
    data = bytes(data)
    if len(data) > max_bytes:
        size, limit = _size(len(data)), _size(max_bytes)
        problems.append(_problem(ERROR, file, _both("geo.file.too_big", size=size, limit=limit)))
        return parsed
    if not data.strip():
        problems.append(_problem(ERROR, file, _both("geo.file.empty")))
        return parsed
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(_problem(ERROR, file, _both("geo.file.not_text")))
        return parsed
    try:
        root = json.loads(text)
    except ValueError as exc:
        line, col = getattr(exc, "lineno", "?"), getattr(exc, "colno", "?")
        problems.append(_problem(ERROR, file, _both("geo.file.not_json", line=line, col=col)))
        return parsed
    kind = root.get("type") if isinstance(root, dict) else type(root).__name__
    if kind == "Feature":
        root = {"type": "FeatureCollection", "features": [root]}
    elif kind != "FeatureCollection" or not isinstance(root.get("features"), list):
        shown = visible(str(kind))[:40]
        problems.append(_problem(ERROR, file, _both("geo.file.not_collection", kind=shown)))
        return parsed
    features = root["features"]
    if not features:
        problems.append(_problem(ERROR, file, _both("geo.file.no_features")))
        return parsed
    top = root.get("properties") if isinstance(root.get("properties"), dict) else {}
    default = _truthy(top.get("schematic", root.get("schematic"))) or False
    rows: list[tuple[str, str, bool, int]] = []
    first: dict[str, int] = {}
    refused: set[str] = set()  # ids whose feature has an error: not said again as missing
    for n, feature in enumerate(features, start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(_problem(ERROR, file, _both("geo.bad.not_feature"), n))
            continue
        ident = _feature_id(feature)
        if not ident:
            problems.append(_problem(ERROR, file, _both("geo.bad.no_id"), n))
            continue
        errors, warnings, clean = check_geometry(feature.get("geometry"))
        for reason in errors:
            problems.append(_problem(ERROR, file, reason, n, ident))
        for reason in warnings:
            problems.append(_problem(WARNING, file, reason, n, ident))
        if errors:
            refused.add(ident)
        if ident in first:
            reason = _both("geo.bad.duplicate", id=visible(ident), first=first[ident])
            problems.append(_problem(ERROR, file, reason, n, ident))
            continue
        first[ident] = n
        if clean is None:
            continue
        props = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
        own = _truthy(props.get("schematic"))
        rows.append((ident, dumps(clean), default if own is None else own, n))
    frame = pd.DataFrame(
        {
            "community_id": pd.Series([r[0] for r in rows], dtype="str"),
            "geometry": pd.Series([r[1] for r in rows], dtype="str"),
            "schematic": pd.Series([r[2] for r in rows], dtype="boolean"),
            ROW: pd.Series([r[3] for r in rows], dtype="int64"),
            SHEET: pd.Series([None] * len(rows), dtype=object),
        }
    )
    parsed.tables[TABLE] = frame
    parsed.geojson = True  # type: ignore[attr-defined]
    parsed.geo_refused = refused  # type: ignore[attr-defined]
    return parsed


def against_communities(parsed: Any, communities: pd.DataFrame | None) -> None:
    """Hold a read GeoJSON file to the communities in force: a feature naming an unknown id
    is an error (and left out), and so is a community or village without a shape. Changes
    ``parsed`` in place."""
    frame = parsed.tables.get(TABLE)
    if frame is None or communities is None:
        return

    names = dict(zip(communities["community_id"], communities["name_zh"], strict=True))
    names_en = dict(zip(communities["community_id"], communities["name_en"], strict=True))
    known = list(names)
    shown = "、".join(known[:12]) + ("…" if len(known) > 12 else "")
    unknown = ~frame["community_id"].isin(known)
    for ident, n in zip(frame.loc[unknown, "community_id"], frame.loc[unknown, ROW], strict=True):
        reason = _both("geo.bad.unknown", id=visible(ident), known=shown)
        parsed.problems.append(_problem(ERROR, parsed.source, reason, int(n), ident))
    parsed.tables[TABLE] = frame[~unknown].reset_index(drop=True)
    have = set(frame["community_id"]) | set(getattr(parsed, "geo_refused", ()))
    for ident in known:
        if ident not in have:
            reason = (
                t("geo.missing", "zh", id=ident, name=names.get(ident, "")),
                t("geo.missing", "en", id=ident, name=names_en.get(ident, "")),
            )
            parsed.problems.append(_problem(ERROR, parsed.source, reason))


# ---- the table ---------------------------------------------------------------------------------
def table_problems(frame: pd.DataFrame, file: str, in_force: bool = False) -> list[Problem]:
    """The geometry checks on rows of the ``community_shapes`` table (an Excel or CSV upload
    of it, or the table in force): each row's outline must be a valid GeoJSON polygon.
    Rows are numbered as the file shows them (``__row__``), else as an export (header 1)."""

    if "geometry" not in frame.columns:
        return []
    column = TABLES_BY_NAME[TABLE].column("geometry")
    rows = frame[ROW] if ROW in frame.columns else pd.Series(frame.index + 2, index=frame.index)
    out: list[Problem] = []
    for label, text in frame["geometry"].items():
        if text is None or (isinstance(text, float) and math.isnan(text)):
            continue  # an empty cell is the schema's to report
        geometry = parse(text)
        unparsed = [_both("geo.bad.not_geojson")]
        errors = unparsed if geometry is None else check_geometry(geometry)[0]
        for zh, en in errors[:1]:
            p = problem(
                ERROR,
                "geo.cell",
                file=file,
                table=TABLE,
                row=int(rows[label]),
                column=column,
                in_force=in_force,
                reason_zh=zh,
                reason_en=en,
            )
            out.append(p)
    return out


# ---- writing -----------------------------------------------------------------------------------
