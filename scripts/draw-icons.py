"""Draw the images the book ships: the favicon (ICO and PNG) and the default sharing card (OpenGraph).

An open book, white on the book's blue. Run once when the design changes: python scripts/draw-icons.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

PACKAGE = Path(__file__).resolve().parent.parent / "ext" / "sphinx_proceedings"
BLUE, WHITE, LINE = (31, 78, 121), (255, 255, 255), (190, 210, 230)


def book(draw: ImageDraw.ImageDraw, cx: float, cy: float, size: float) -> None:
    """An open book of width ``size`` centred on (cx, cy): two pages meeting at the spine."""
    w, h = size / 2, size * 0.36
    dip = size * 0.06
    for side in (-1, 1):
        outer = cx + side * w
        draw.polygon([(cx, cy - h + dip), (outer, cy - h), (outer, cy + h), (cx, cy + h + dip)], fill=WHITE)
        for k in range(1, 5):  # lines of text
            y = cy - h + dip + k * (2 * h) / 5.5
            x0, x1 = cx + side * size * 0.08, cx + side * (w - size * 0.08)
            if size >= 100:
                draw.line([(x0, y), (x1, y - dip * 0.6)], fill=LINE, width=max(1, int(size / 60)))
    draw.line([(cx, cy - h + dip), (cx, cy + h + dip)], fill=BLUE, width=max(1, int(size / 40)))


def icon(px: int) -> Image.Image:
    scale = 8  # drawn large, scaled down: smooth edges
    img = Image.new("RGBA", (px * scale, px * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle([0, 0, px * scale - 1, px * scale - 1], radius=px * scale // 6, fill=BLUE)
    book(draw, px * scale / 2, px * scale / 2, px * scale * 0.72)
    return img.resize((px, px), Image.LANCZOS)


def main() -> None:
    icon(192).save(PACKAGE / "static" / "proceedings-icon.png", optimize=True)
    icon(48).save(PACKAGE / "site" / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    card = Image.new("RGB", (1200 * 2, 630 * 2), BLUE)
    book(ImageDraw.Draw(card), 1200, 630, 760)
    card.resize((1200, 630), Image.LANCZOS).save(PACKAGE / "static" / "proceedings-card.png", optimize=True)


if __name__ == "__main__":
    main()
