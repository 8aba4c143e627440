"""Colour arithmetic for checking the status palette (governance/palette.py): WCAG contrast,
CIEDE2000 colour difference, colour-vision-deficiency simulation and a projector's wash-out.

Plain Python, no dependency: the app never calls it while drawing a page; the palette's tests
(tests/test_palette.py) and ``python -m governance.colourvision`` (a table of the numbers) do.

- :func:`contrast` — WCAG 2.x contrast ratio from relative luminance (1.4.3 and 1.4.11).
- :func:`delta_e` — CIEDE2000 (Sharma, Wu & Dalal 2005) between two sRGB colours, through CIE
  L*a*b* under D65.
- :func:`simulate` — how a protanope or deuteranope sees a colour: the Machado, Oliveira &
  Fernandes (2009) model at severity 1.0, the 3x3 matrices the paper publishes applied to
  linear sRGB (the same model colorspacious calls ``sRGB1+CVD`` with severity 100).
- :func:`washed` — a colour on a washed-out projector: 70% of it and 30% white, mixed in the
  sRGB values the projector is sent (see the function for why not in linear light).
"""

from __future__ import annotations

import math

RGB = tuple[float, float, float]  # sRGB, each channel 0..1

# Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for Simulation of Color
# Vision Deficiency", IEEE TVCG 15(6), doi:10.1109/TVCG.2009.113: the published matrices for
# severity 1.0 (dichromacy), acting on linear RGB.
MACHADO = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
}
VISIONS = ("normal", "deuteranopia", "protanopia")
WHITE: RGB = (1.0, 1.0, 1.0)
WASH = 0.30  # the share of white a washed-out projector adds to every colour


def rgb(hex_colour: str) -> RGB:
    """``#rrggbb`` as sRGB channels 0..1."""
    h = hex_colour.lstrip("#")
    if len(h) != 6:
        raise ValueError(f"not a #rrggbb colour: {hex_colour!r}")
    return (int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255)


def _linear(x: float) -> float:
    return x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4


def _encoded(x: float) -> float:
    x = min(1.0, max(0.0, x))
    return 12.92 * x if x <= 0.0031308 else 1.055 * x ** (1 / 2.4) - 0.055


def luminance(c: RGB) -> float:
    """WCAG relative luminance (sRGB primaries, D65)."""
    r, g, b = (_linear(x) for x in c)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio, 1..21: text needs 4.5 (1.4.3), a mark 3 (1.4.11)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def washed(c: RGB, share: float = WASH) -> RGB:
    """``c`` on a washed-out projector: ``1 - share`` of it and ``share`` white, mixed in the
    sRGB values (the projector's input). A projector in a lit room adds the room's light to
    every pixel; in linear light a 30% veil would leave black on white at 1.05/0.35 = 3:1,
    so no text could ever pass 4.5:1 and the test would say nothing about the palette. The
    sRGB mix is the brief's "70% colour + 30% white": it lifts black to #4d4d4d (7% of white's
    luminance, a projector with about 14:1 effective contrast) and lifts mid-tones more than
    a linear veil of that size would, so it is the harsher model for the colours that matter
    here (the marks and the tints); white stays white."""
    return tuple(x * (1 - share) + share for x in c)  # type: ignore[return-value]


def simulate(c: RGB, vision: str) -> RGB:
    """``c`` as seen with ``vision`` (normal, deuteranopia, protanopia), clipped to sRGB."""
    if vision == "normal":
        return c
    m = MACHADO[vision]
    lin = [_linear(x) for x in c]
    out = [sum(m[i][j] * lin[j] for j in range(3)) for i in range(3)]
    return tuple(_encoded(x) for x in out)  # type: ignore[return-value]


def lab(c: RGB) -> tuple[float, float, float]:
    """CIE L*a*b* (D65 white) of an sRGB colour."""
    r, g, b = (_linear(x) for x in c)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def ciede2000(lab1: tuple[float, float, float], lab2: tuple[float, float, float]) -> float:
    """CIEDE2000 colour difference of two L*a*b* colours (kL = kC = kH = 1)."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dlp, dcp = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dhp = 0.0
    elif abs(h2p - h1p) <= 180:
        dhp = h2p - h1p
    elif h2p - h1p > 180:
        dhp = h2p - h1p - 360
    else:
        dhp = h2p - h1p + 360
    dHp = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dhp / 2))
    lbp, cbp = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        hbp = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hbp = (h1p + h2p) / 2
    elif h1p + h2p < 360:
        hbp = (h1p + h2p + 360) / 2
    else:
        hbp = (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(hbp - 30))
        + 0.24 * math.cos(math.radians(2 * hbp))
        + 0.32 * math.cos(math.radians(3 * hbp + 6))
        - 0.20 * math.cos(math.radians(4 * hbp - 63))
    )
    d_theta = 30 * math.exp(-(((hbp - 275) / 25) ** 2))
    rc = 2 * math.sqrt(cbp**7 / (cbp**7 + 25**7))
    sl = 1 + 0.015 * (lbp - 50) ** 2 / math.sqrt(20 + (lbp - 50) ** 2)
    sc = 1 + 0.045 * cbp
    sh = 1 + 0.015 * cbp * t
    rt = -math.sin(math.radians(2 * d_theta)) * rc
    return math.sqrt(
        (dlp / sl) ** 2 + (dcp / sc) ** 2 + (dHp / sh) ** 2 + rt * (dcp / sc) * (dHp / sh)
    )


def delta_e(a: RGB, b: RGB) -> float:
    """CIEDE2000 between two sRGB colours."""
    return ciede2000(lab(a), lab(b))
