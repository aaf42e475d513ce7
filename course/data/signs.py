"""u07's hand signs: seeded 64 x 64 colour images of a hand raising 0 to 5 fingers.

Each image draws, with soft (anti-aliased) edges, a forearm, a palm and five fingers, of which
``label`` are raised, in counting order (index, middle, ring, little finger, then the thumb), and
the others folded to a knuckle.
What varies from image to image: the fingers' lengths, angles and widths, the skin
tone (from light to dark), the hand's size, position and rotation (up to 25 degrees either
way), the background (a gradient between two random colours with a few blobs of clutter) and
pixel noise. Counting raised fingers wherever they are is easy for a network that looks at local
shapes and hard for one that sees each pixel as a separate input.
"""
from __future__ import annotations

import numpy as np

from .cache import cached

VERSION = "signs-v3"
SIZE = 64
CLASSES = np.array(["0", "1", "2", "3", "4", "5"])

# Skin tones (RGB in [0, 1]) from light to dark; each image mixes two neighbours at random.
_SKIN = np.array([[0.96, 0.80, 0.69], [0.90, 0.72, 0.56], [0.78, 0.57, 0.40],
                  [0.63, 0.43, 0.28], [0.45, 0.30, 0.19], [0.30, 0.20, 0.13]])
# Fingers in hand coordinates (u across, v up, in pixels at scale 1): base (u, v), direction in
# degrees from "up", raised length, width. The thumb comes first, pointing out to the side.
_FINGERS = [((-8.5, -5.0), 55.0, 12.0, 5.0), ((-6.5, 4.0), 10.0, 16.0, 4.6), ((-2.2, 5.0), 0.0, 18.0, 4.6),
            ((2.2, 5.0), -6.0, 17.0, 4.6), ((6.5, 3.5), -15.0, 13.5, 4.2)]
# Which fingers count: 1 is the index, 2 adds the middle finger, then ring, little finger, thumb.
_ORDER = (1, 2, 3, 4, 0)


def _capsule(u, v, start, angle, length, width):
    """Signed distance (negative inside) to a segment of the given length and half-width width/2."""
    direction = np.array([np.sin(np.radians(-angle)), np.cos(np.radians(angle))])
    du, dv = u - start[0], v - start[1]
    t = np.clip(du * direction[0] + dv * direction[1], 0.0, length)
    return np.hypot(du - t * direction[0], dv - t * direction[1]) - width / 2


def _soft(distance):
    """Coverage in [0, 1] of a pixel at a signed distance from an edge (about one pixel of blur)."""
    return 1.0 / (1.0 + np.exp(np.clip(2.5 * distance, -30, 30)))


def make_sign(label: int, rng: np.random.Generator) -> np.ndarray:
    """One (64, 64, 3) image in [0, 1] of a hand raising ``label`` fingers."""
    y, x = np.mgrid[0:SIZE, 0:SIZE].astype(np.float64)
    c1, c2 = rng.uniform(0, 1, 3), rng.uniform(0, 1, 3)
    g = rng.normal(0, 1, 2)
    ramp = ((x - 32) * g[0] + (y - 32) * g[1]) / (64 * np.hypot(*g)) + 0.5
    image = c1 + np.clip(ramp, 0, 1)[..., None] * (c2 - c1)
    for _ in range(int(rng.integers(0, 3))):  # clutter
        cx, cy, r = rng.uniform(0, 64), rng.uniform(0, 64), rng.uniform(2, 7)
        blob = _soft(np.hypot(x - cx, y - cy) - r)[..., None]
        image = image * (1 - blob) + blob * rng.uniform(0, 1, 3)
    scale, angle = rng.uniform(0.85, 1.15), rng.uniform(-25, 25)
    cx, cy = 32 + rng.uniform(-5, 5), 38 + rng.uniform(-4, 4)
    cos, sin = np.cos(np.radians(angle)), np.sin(np.radians(angle))
    u = ((x - cx) * cos + (y - cy) * sin) / scale  # hand coordinates: u across, v up
    v = (-(y - cy) * cos + (x - cx) * sin) / scale
    palm = np.minimum(_capsule(u, v, (0.0, -12.0), 0.0, 0.0, 20.0),  # heel: a disc
                      np.maximum(np.abs(u) - 9.5, np.abs(v + 7.0) - 9.0))  # and a box up to the knuckles
    distance = np.minimum(palm, _capsule(u, v, (0.0, -40.0), 0.0, 28.0, 14.0))  # forearm
    raised = _ORDER[:label]
    for k, (base, direction, length, width) in enumerate(_FINGERS):
        length = length * rng.uniform(0.85, 1.1) if k in raised else rng.uniform(0.5, 2.0)
        turn = direction + rng.uniform(-8, 8)
        distance = np.minimum(distance, _capsule(u, v, base, turn, length, width * rng.uniform(0.9, 1.15)))
    tone, mix = int(rng.integers(0, len(_SKIN) - 1)), rng.uniform(0, 1)
    skin = (1 - mix) * _SKIN[tone] + mix * _SKIN[tone + 1]
    shade = 1 - 0.15 * np.clip((u + 10) / 20, 0, 1)  # light from one side
    hand = _soft(distance)[..., None]
    image = image * (1 - hand) + hand * skin * shade[..., None]
    image += rng.normal(0, 0.03, image.shape)
    return np.clip(image, 0, 1)


def _build(seed: int, n_train: int, n_test: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    labels = np.arange(n_train + n_test) % 6
    rng.shuffle(labels)
    images = np.stack([make_sign(int(label), rng) for label in labels]).astype(np.float32)
    return {"train_x": images[:n_train], "train_y": labels[None, :n_train],
            "test_x": images[n_train:], "test_y": labels[None, n_train:]}


def load_signs(seed: int = 0, n_train: int = 2000, n_test: int = 300):
    """Hand-sign images, generated with a fixed seed and cached.

    Returns ``(train_x_orig, train_y, test_x_orig, test_y, classes)``:
    ``train_x_orig`` (n_train, 64, 64, 3) float32 in [0, 1]; ``train_y`` (1, n_train) int64
    labels 0 to 5 (the number of raised fingers), balanced; the same for the test set;
    ``classes`` = ``["0", ..., "5"]``.
    """
    data = cached(f"signs-seed{seed}-{n_train}-{n_test}", VERSION, lambda: _build(seed, n_train, n_test))
    return data["train_x"], data["train_y"], data["test_x"], data["test_y"], CLASSES.copy()
