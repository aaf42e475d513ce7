"""u07: hand-designed kernels, stride and padding on a real image."""
from __future__ import annotations

import ipywidgets as w
import numpy as np
from matplotlib.figure import Figure

from .. import plots
from ..nn import conv
from .base import Explorer


KERNELS = {
    "vertical edges": np.array([[1.0, 0.0, -1.0], [1.0, 0.0, -1.0], [1.0, 0.0, -1.0]]),
    "horizontal edges": np.array([[1.0, 1.0, 1.0], [0.0, 0.0, 0.0], [-1.0, -1.0, -1.0]]),
    "Sobel (vertical edges)": np.array([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]]),
    "Scharr (vertical edges)": np.array([[3.0, 0.0, -3.0], [10.0, 0.0, -10.0], [3.0, 0.0, -3.0]]),
    "blur (5 x 5 box)": np.full((5, 5), 1 / 25),
    "sharpen": np.array([[0.0, -1.0, 0.0], [-1.0, 5.0, -1.0], [0.0, -1.0, 0.0]]),
}


def _sample_image(name: str) -> np.ndarray:
    """A grey image in [0, 1] from the files inside scikit-image (no download), halved to about 256 pixels."""
    import skimage.data
    image = np.asarray(getattr(skimage.data, name)(), dtype=np.float64) / 255.0
    if image.ndim == 3:
        image = image[..., :3] @ np.array([0.299, 0.587, 0.114])
    return image[::2, ::2]


class KernelExplorer(Explorer):
    """Pick a kernel, a stride and a padding; see the feature map, and its size, on a real image.

    The map is ``course.nn.conv.conv_forward`` of the grey image (1, H, W, 1) with the kernel as
    its single (f, f, 1, 1) filter and no bias.
    """

    def __init__(self, image: str = "camera", kernel: str = "vertical edges", stride: int = 1, pad: int = 0):
        self.controls = {
            "image": w.Dropdown(options=["camera", "astronaut", "coffee", "chelsea"], value=image,
                                description="image"),
            "kernel": w.Dropdown(options=list(KERNELS), value=kernel, description="kernel"),
            "stride": w.IntSlider(value=stride, min=1, max=8, description="stride", continuous_update=False),
            "pad": w.IntSlider(value=pad, min=0, max=20, description="padding", continuous_update=False),
        }
        self._start()

    def draw(self, image: str, kernel: str, stride: int, pad: int) -> Figure:
        grey = _sample_image(image)
        K = KERNELS[kernel]
        Z, _ = conv.conv_forward(grey[None, :, :, None], K[:, :, None, None], np.zeros((1, 1, 1, 1)),
                                 {"stride": stride, "pad": pad})
        output = Z[0, :, :, 0]
        f = K.shape[0]
        expected = conv.conv_output_size(grey.shape[0], f, pad, stride)
        self.state = {"output": output, "shape": output.shape, "expected_rows": expected}
        fig = Figure(figsize=(11, 4))
        plots.draw_feature_map(fig, grey, K, output,
                               f"n_out = floor(({grey.shape[0]} + 2*{pad} - {f}) / {stride}) + 1 = {expected}")
        return fig


def kernel_explorer(**defaults) -> KernelExplorer:
    """A :class:`KernelExplorer`; make it the last expression of a cell to show it."""
    return KernelExplorer(**defaults)
