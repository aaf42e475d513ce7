"""The computation graph of one dense layer (u03)."""
from __future__ import annotations

import matplotlib.pyplot as plt


def layer_graph(n_prev: int | None = None, n: int | None = None, m: int | None = None,
                activation: str = "relu") -> plt.Figure:
    """The computation graph of one dense layer ``l``: forward pass on top, backward pass below.

    Boxes are operations; the label on each arrow names the array flowing along it and its shape
    (with the numbers ``n_prev`` = n[l-1], ``n`` = n[l], ``m`` filled in when all three are given);
    dashed arrows are the caches the forward pass keeps for the backward pass.
    """
    def shape(rows: str, cols: str, r, c) -> str:
        symbolic = f"$({rows}, {cols})$"
        return symbolic if None in (n_prev, n, m) else f"{symbolic} = ({r}, {c})"

    g = {"relu": r"\max(Z, 0)", "sigmoid": r"\sigma(Z)"}[activation]
    g_prime = {"relu": r"\mathbb{1}[Z > 0]", "sigmoid": r"\sigma(Z)(1 - \sigma(Z))"}[activation]
    fig, ax = plt.subplots(figsize=(11, 6.2))
    ax.set_xlim(0, 14)
    ax.set_ylim(-0.4, 8.6)
    ax.axis("off")
    op = dict(boxstyle="round,pad=0.5", facecolor="#dce6f2", edgecolor="#2c5aa0")
    back = dict(boxstyle="round,pad=0.5", facecolor="#f6e0d4", edgecolor="#c0392b")
    array = dict(boxstyle="round,pad=0.3", facecolor="white", edgecolor="grey")
    boxes = {
        "A_prev": ax.text(0.9, 6, "$A^{[l-1]}$", ha="center", va="center", fontsize=12, bbox=array),
        "W": ax.text(4.1, 8.1, "$W^{[l]}$", ha="center", va="center", fontsize=12, bbox=array),
        "b": ax.text(5.9, 8.1, "$b^{[l]}$", ha="center", va="center", fontsize=12, bbox=array),
        "linear": ax.text(5, 6, "linear\n$Z = W^{[l]} A^{[l-1]} + b^{[l]}$", ha="center", va="center",
                          fontsize=11, bbox=op),
        "act": ax.text(9.9, 6, f"{activation}\n$A = {g}$", ha="center", va="center", fontsize=11, bbox=op),
        "A": ax.text(13.2, 6, "$A^{[l]}$", ha="center", va="center", fontsize=12, bbox=array),
        "dA": ax.text(13.2, 2.2, "$dA^{[l]}$", ha="center", va="center", fontsize=12, bbox=array),
        "act_back": ax.text(9.9, 2.2, f"{activation} backward\n$dZ = dA^{{[l]}} \\odot {g_prime}$",
                            ha="center", va="center", fontsize=11, bbox=back),
        "linear_back": ax.text(5, 2.2, "linear backward\n$dW = \\frac{1}{m} dZ A^{[l-1]T}$, "
                               "$db = \\frac{1}{m} \\sum_i dZ^{(i)}$\n$dA^{[l-1]} = W^{[l]T} dZ$",
                               ha="center", va="center", fontsize=11, bbox=back),
        "dA_prev": ax.text(0.9, 2.2, "$dA^{[l-1]}$", ha="center", va="center", fontsize=12, bbox=array),
        "dW": ax.text(3.6, 0.0, "$dW^{[l]}$", ha="center", va="center", fontsize=12, bbox=array),
        "db": ax.text(6.4, 0.0, "$db^{[l]}$", ha="center", va="center", fontsize=12, bbox=array),
    }
    edges = [  # (from, anchor on it, to, anchor on it, label, label position, style)
        ("A_prev", (1, 0.5), "linear", (0, 0.5), shape("n^{[l-1]}", "m", n_prev, m), (1.95, 6.35), "-"),
        ("W", (0.5, 0), "linear", (0.3, 1), shape("n^{[l]}", "n^{[l-1]}", n, n_prev), (2.75, 7.2), "-"),
        ("b", (0.5, 0), "linear", (0.7, 1), shape("n^{[l]}", "1", n, 1), (7.15, 7.2), "-"),
        ("linear", (1, 0.5), "act", (0, 0.5), "Z: " + shape("n^{[l]}", "m", n, m), (7.85, 6.35), "-"),
        ("act", (1, 0.5), "A", (0, 0.5), shape("n^{[l]}", "m", n, m), (11.95, 6.35), "-"),
        ("dA", (0, 0.5), "act_back", (1, 0.5), shape("n^{[l]}", "m", n, m), (12.1, 2.6), "-"),
        ("act_back", (0, 0.5), "linear_back", (1, 0.5), "dZ: " + shape("n^{[l]}", "m", n, m), (7.75, 2.6), "-"),
        ("linear_back", (0, 0.5), "dA_prev", (1, 0.5), shape("n^{[l-1]}", "m", n_prev, m), (1.75, 1.85), "-"),
        ("linear_back", (0.3, 0), "dW", (0.5, 1), shape("n^{[l]}", "n^{[l-1]}", n, n_prev), (2.2, 0.85), "-"),
        ("linear_back", (0.7, 0), "db", (0.5, 1), shape("n^{[l]}", "1", n, 1), (7.5, 0.85), "-"),
        ("linear", (0.5, 0), "linear_back", (0.5, 1), "cache: $(A^{[l-1]}, W^{[l]}, b^{[l]})$", (5.1, 4.45), "--"),
        ("act", (0.5, 0), "act_back", (0.5, 1), "cache: $Z$", (10.0, 4.45), "--"),
    ]
    for start, start_at, end, end_at, label, where, style in edges:
        ax.annotate("", xy=end_at, xycoords=boxes[end], xytext=start_at, textcoords=boxes[start],
                    arrowprops=dict(arrowstyle="-|>", linestyle=style, color="#444", lw=1.3,
                                    shrinkA=2, shrinkB=2))
        ax.text(*where, label, ha="left" if style == "--" else "center", va="center", fontsize=9,
                color="#555" if style == "--" else "black")
    ax.text(0.1, 8.4, "forward", fontsize=11, color="#2c5aa0", weight="bold")
    ax.text(0.1, 4.0, "backward", fontsize=11, color="#c0392b", weight="bold")
    ax.set_title(f"One layer l ({activation}): the arrays on each edge, with their shapes")
    fig.tight_layout()
    return fig

