#!/usr/bin/env python3
"""Draw the default app mark, data/app-mark.png: a white shield with a tick.

The home-screen icons are made from this mark at every build (saferpolitics/post_build/pipeline.py), on the theme
colour in mkdocs.yml (the saferpolitics plugin's app settings). Replace the mark with the service's own by pointing
app.mark at another square PNG of at least 512 pixels with a transparent background.
Run `.venv/bin/python scripts/make-app-mark.py` to redraw it; the same Pillow gives the same file.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 1024
SCALE = 4  # drawn larger, then reduced, for smooth edges
TARGET = Path(__file__).resolve().parent.parent / "data" / "app-mark.png"


def mark() -> Image.Image:
    big = SIZE * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)

    def at(x: float, y: float) -> tuple[float, float]:
        return (x * big, y * big)

    # The shield: flat top with rounded shoulders, sides curving in to a point.
    outline = [
        at(0.5, 0.04),
        at(0.9, 0.16),
        at(0.9, 0.48),
        at(0.84, 0.66),
        at(0.72, 0.81),
        at(0.5, 0.96),
        at(0.28, 0.81),
        at(0.16, 0.66),
        at(0.1, 0.48),
        at(0.1, 0.16),
    ]
    draw.polygon(outline, fill=(255, 255, 255, 255))
    # The tick, cut out of the shield so the background colour shows through it.
    draw.line([at(0.3, 0.5), at(0.45, 0.65), at(0.72, 0.36)], fill=(0, 0, 0, 0), width=round(0.09 * big), joint="curve")
    return image.resize((SIZE, SIZE), Image.LANCZOS)


if __name__ == "__main__":
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    mark().save(TARGET, format="PNG", optimize=True)
    print(f"wrote {TARGET.relative_to(Path.cwd()) if TARGET.is_relative_to(Path.cwd()) else TARGET}")
