"""A live slider update (lines updated in place, blitted) beside redrawing the figure.

Target: under 30 ms per update on a 2-core laptop, so a slider dragged in a lecture
follows the hand.
"""

from __future__ import annotations

import io
import statistics
import time

TARGET_MS = 30.0


def _time(function, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1e3


def run(repeat: int = 15) -> None:
    from scaling_lab.explorers import get_explorer

    explorer = get_explorer("power-laws/k-n-offset")
    live = explorer.widget()
    values = iter(range(10**6))
    grid = explorer.sliders[1].values

    def live_update():
        live.sliders["n"].value = grid[next(values) % len(grid)]

    def recreate():
        fig, _ = explorer.draw(n=grid[next(values) % len(grid)])
        fig.savefig(io.BytesIO(), format="png", dpi=live.DPI * live.PIXEL_RATIO)

    ours = _time(live_update, repeat)
    reference = _time(recreate, max(3, repeat // 3))
    verdict = "meets" if ours < TARGET_MS else "MISSES"
    print(f"   live slider update (in place):  {ours:7.1f} ms  ({verdict} the {TARGET_MS:.0f} ms target)")
    print(f"   recreate the figure and render: {reference:7.1f} ms")
    print(f"   speed-up: {reference / ours:.1f}x")
    start = time.perf_counter()
    html = explorer.static_html()
    print(f"   static page of all {len(list(explorer.grid()))} frames: "
          f"{(time.perf_counter() - start):.2f} s, {len(html.encode()) / 1e3:.0f} kB")


if __name__ == "__main__":
    run()
