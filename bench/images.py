"""Time and peak memory to ingest a 24-megapixel photo and make all its renditions.

Each measurement runs in a fresh subprocess. Its peak resident memory is read from Linux's
VmHWM after the high-water mark is reset once imports are done (/proc/self/clear_refs), and
the resident size at that moment is subtracted: what remains is the work's own peak.
(ru_maxrss is no good here: Linux carries it over from the parent across fork and exec.)
Baselines from the same run:

- decode:  open and fully decode the photo once (the least any pipeline must do);
- naive:   decode once, then crop and resize a full-resolution copy per rendition.

A second table measures the upload attack of issue 19: a 7,740×7,740 PNG of one colour (a
small file, just under the 60-megapixel limit) as the upload request handles it (clean the
original, then the renditions, in the request), against the same upload refused by the
request limits of `images.limits` (another upload of the user in flight; over the pixel
budget of the request).

Run: DJANGO_SETTINGS_MODULE=newsroom.settings SECRET_KEY=x .venv/bin/python bench/images.py
(--write appends the result to bench/RESULTS.md under "## images").
"""

import argparse
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from contextlib import nullcontext
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHOTO_SIZE = (6000, 4000)  # 24 megapixels, a typical full-frame camera
MODES = ("decode", "ingest", "renditions", "pipeline", "naive", "half", "half-progressive")
BOMB_SIZE = (7740, 7740)  # 59.9 megapixels: just under IMAGES_MAX_PIXELS
BOMB_MODES = ("upload-before", "upload", "upload-busy", "upload-over-budget")
RUNS = 3


def make_photo(path: Path) -> None:
    """A camera-like JPEG: gradient, noise (so it compresses like a photo), shapes, sideways
    orientation and GPS coordinates in its EXIF."""
    from PIL import Image, ImageDraw

    width, height = PHOTO_SIZE
    base = Image.linear_gradient("L").resize(PHOTO_SIZE)
    noise = Image.effect_noise(PHOTO_SIZE, 40)
    photo = Image.merge("RGB", (base, noise, base.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
    del base, noise
    draw = ImageDraw.Draw(photo)
    for index in range(40):
        x, y = (index * 733) % width, (index * 419) % height
        draw.ellipse((x, y, x + 400, y + 300), fill=(index * 6 % 256, 120, 200))
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways, as phones do
    exif[0x010F] = "Bench Camera"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (51.0, 30.0, 12.5), "W", (0.0, 7.0, 39.0)
    photo.save(path, "JPEG", quality=92, exif=exif)


def run_mode(mode: str, photo: Path) -> dict:
    """Executed inside the child process."""
    import django

    django.setup()
    from django.core.files import File
    from django.core.files.storage import FileSystemStorage
    from PIL import Image

    from images import renditions
    from images.originals import clean_upload
    from images.validation import ACCEPTED_FORMATS

    Path("/proc/self/clear_refs").write_text("5")  # reset the peak to the current size
    idle_rss = _status_kb("VmRSS")
    storage = FileSystemStorage(location=tempfile.mkdtemp(prefix="bench-images-"))
    tracemalloc.start()
    start_wall, start_cpu = time.perf_counter(), time.process_time()
    files = 0
    if mode in BOMB_MODES:
        files = _upload(mode, photo, storage)
    elif mode == "decode":
        with Image.open(photo) as image:
            image.load()
    elif mode in ("ingest", "pipeline"):
        with photo.open("rb") as handle:
            original = clean_upload(File(handle, name=photo.name))
        if mode == "pipeline":
            plan = renditions.plan(original.width, original.height, original.has_alpha, 50, 40)
            key = renditions.rendition_key(original.sha256, 50, 40)
            files = renditions.generate(io.BytesIO(original.content), plan, key, storage)
    elif mode == "renditions":
        clean = photo.with_suffix(".clean.jpg")
        with Image.open(clean, formats=list(ACCEPTED_FORMATS)) as probe:
            size = probe.size
        plan = renditions.plan(*size, False, 50, 40)
        with clean.open("rb") as handle:
            files = renditions.generate(handle, plan, "bench", storage)
    elif mode in ("half", "half-progressive"):  # why stored originals are baseline JPEGs
        suffix = ".clean.jpg" if mode == "half" else ".progressive.jpg"
        with Image.open(photo.with_suffix(suffix)) as image:
            image.draft("RGB", (image.width // 2, image.height // 2))
            image.load()
    elif mode == "naive":
        clean = photo.with_suffix(".clean.jpg")
        with Image.open(clean) as image:
            image.load()
            plan = renditions.plan(*image.size, False, 50, 40)
            for rendition in plan:  # a full-resolution crop per rendition, then resize
                output = image.crop(rendition.box).resize((rendition.width, rendition.height))
                for extension in rendition.formats:
                    storage.save(f"n/{rendition.stem}.{extension}",
                                 io.BytesIO(renditions.encode(output, extension)))  # fmt: skip
                    files += 1
    wall, cpu = time.perf_counter() - start_wall, time.process_time() - start_cpu
    _, traced_peak = tracemalloc.get_traced_memory()
    peak_rss = _status_kb("VmHWM")
    return {
        "mode": mode,
        "wall_s": wall,
        "cpu_s": cpu,
        "peak_rss_mb": peak_rss / 1024,
        "above_idle_mb": (peak_rss - idle_rss) / 1024,
        "tracemalloc_peak_mb": traced_peak / 2**20,
        "files": files,
    }


def _upload(mode: str, png: Path, storage) -> int:
    """What an upload request does with `png`: limits first, then clean and renditions."""
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.core.cache import cache
    from django.core.exceptions import ValidationError
    from django.core.files import File

    from images import limits, renditions
    from images.originals import clean_upload

    class Editor(AnonymousUser):  # a signed-in user, without a database
        pk = 1
        is_authenticated = True

    settings.IMAGES_UPLOAD_SLOT_SECONDS = 60
    settings.IMAGES_REQUEST_MAX_PIXELS = 120_000_000 if mode != "upload-over-budget" else 60_000_000
    if mode == "upload-busy":
        cache.set(limits.slot_key(Editor.pk), "another upload of this user", 60)
    account = limits.request_limits(Editor()) if mode != "upload-before" else nullcontext()
    try:
        with account, png.open("rb") as handle:
            original = clean_upload(File(handle, name=png.name))
            plan = renditions.plan(original.width, original.height, original.has_alpha, 50, 50)
            key = renditions.rendition_key(original.sha256, 50, 50)
            return renditions.generate(io.BytesIO(original.content), plan, key, storage)
    except ValidationError:
        return -1  # refused with a form error


def make_bomb(path: Path) -> None:
    from PIL import Image

    Image.new("RGB", BOMB_SIZE, (200, 30, 30)).save(path, "PNG")


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} missing from /proc/self/status (Linux only)")


def measure(photo: Path, modes: tuple[str, ...] = MODES) -> dict[str, list[dict]]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    env.setdefault("SECRET_KEY", "bench-only")
    results: dict[str, list[dict]] = {mode: [] for mode in modes}
    for _ in range(RUNS):
        for mode in modes:
            output = subprocess.run(
                [sys.executable, __file__, "--child", mode, str(photo)],
                env=env, cwd=ROOT, check=True, capture_output=True, text=True,
            ).stdout  # fmt: skip
            results[mode].append(json.loads(output.strip().splitlines()[-1]))
    return results


def report(results: dict[str, list[dict]], photo_bytes: int) -> str:
    decode = statistics.median(r["cpu_s"] for r in results["decode"])
    decode_mem = max(r["above_idle_mb"] for r in results["decode"])
    lines = [
        "## images",
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Machine: {platform.machine()}, "
        f"{os.cpu_count()} cores shared with other jobs (noisy: compare ratios, not absolutes), "
        f"Python {platform.python_version()}, Pillow {_pillow()}.",
        "- Command: `DJANGO_SETTINGS_MODULE=newsroom.settings SECRET_KEY=x "
        ".venv/bin/python bench/images.py --write`",
        f"- Input: a generated {PHOTO_SIZE[0]}×{PHOTO_SIZE[1]} (24 MP) JPEG, "
        f"{photo_bytes / 2**20:.1f} MB, EXIF orientation 6 and GPS. Each mode ran {RUNS} times, "
        "each time in a fresh subprocess; time is the median, memory the maximum.",
        "- Memory is the peak resident size above the footprint after imports (VmHWM, reset "
        "after imports). "
        "tracemalloc sees only Python objects (encoded bytes), not Pillow's pixel buffers.",
        "",
        "| Mode | What it does | Wall s | CPU s | × decode CPU | Peak MB above idle "
        "| × decode memory | tracemalloc peak MB | Files |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    what = {
        "decode": "open + full decode (baseline)",
        "ingest": "validate, decode, turn upright, strip metadata, re-encode original",
        "renditions": "all renditions from the clean original (draft + reduce + resize(box))",
        "pipeline": "ingest + all renditions (one upload, end to end)",
        "naive": "full decode, full-resolution crop per rendition (comparison)",
        "half": "half-size decode (draft) of the clean, baseline original",
        "half-progressive": "the same from a progressive re-encoding of it (comparison)",
    }
    for mode in MODES:
        runs = results[mode]
        wall = statistics.median(r["wall_s"] for r in runs)
        cpu = statistics.median(r["cpu_s"] for r in runs)
        mem = max(r["above_idle_mb"] for r in runs)
        traced = max(r["tracemalloc_peak_mb"] for r in runs)
        lines.append(
            f"| {mode} | {what[mode]} | {wall:.2f} | {cpu:.2f} | {cpu / decode:.1f} | "
            f"{mem:.0f} | {mem / decode_mem:.1f} | {traced:.1f} | {runs[0]['files']} |"
        )
    peak = {mode: max(r["above_idle_mb"] for r in results[mode]) for mode in MODES}
    lines += [
        "",
        f"Reading: CPU time is the steadier number here (wall time includes waiting for a core "
        f"on a shared machine). Rendering every rendition from the 24 MP original peaks at "
        f"{peak['renditions']:.0f} MB, {peak['renditions'] / decode_mem:.1f}× a bare decode, "
        f"against {peak['naive']:.0f} MB for a full-resolution crop per rendition: the working "
        f"copy is decoded at half size straight from the JPEG's DCT (`draft()`), and the peak "
        f"is set by the largest output and the WebP encoder, not by the input. Ingest peaks at "
        f"{peak['ingest']:.0f} MB because turning a sideways photo upright needs a second "
        f"full-size buffer; the end-to-end upload peaks at {peak['pipeline']:.0f} MB, the larger "
        f"of the two, not their sum. Stored originals are baseline JPEGs on purpose: a "
        f"progressive one makes libjpeg buffer every coefficient of the full image even for a "
        f"half-size decode ({peak['half-progressive']:.0f} MB instead of {peak['half']:.0f} MB).",
    ]
    return "\n".join(lines) + "\n"


def report_uploads(results: dict[str, list[dict]], png_bytes: int) -> str:
    """The 60 MP upload attack: processed in the request, and refused by the limits."""
    what = {
        "upload-before": "before: no limits; clean original + all renditions in the request",
        "upload": "after, within the limits: the same work, plus the slot in the cache",
        "upload-busy": "after: the same user already has an upload in flight (form error)",
        "upload-over-budget": "after: the request would pass its pixel budget (form error)",
    }
    base_wall = statistics.median(r["wall_s"] for r in results["upload-before"])
    base_mem = max(r["above_idle_mb"] for r in results["upload-before"])
    lines = [
        "",
        f"### Upload of a {BOMB_SIZE[0]}×{BOMB_SIZE[1]} PNG of one colour "
        f"({BOMB_SIZE[0] * BOMB_SIZE[1] / 1e6:.1f} MP, {png_bytes / 1024:.0f} KB)",
        "",
        "Same method (fresh subprocess per run, median time, maximum memory above idle). "
        "Budget 120 MP a request (60 MP when over budget is measured), renditions in the "
        "request (immediate task backend), as in production today.",
        "",
        "| Case | What happens | Wall s | × before | Peak MB above idle | × before | Files |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for mode in BOMB_MODES:
        runs = results[mode]
        wall = statistics.median(r["wall_s"] for r in runs)
        mem = max(r["above_idle_mb"] for r in runs)
        files = runs[0]["files"]
        lines.append(
            f"| {mode} | {what[mode]} | {wall:.3f} | {wall / base_wall:.4f} | {mem:.0f} | "
            f"{mem / base_mem:.3f} | {'refused' if files < 0 else files} |"
        )
    lines += [
        "",
        "Reading: one such upload still costs what it did (the limits do not make it cheaper; "
        "moving renditions to the task queue will take about half of it out of the request). "
        "What changes is how many run at once: a second upload by the same user, or a second "
        "large image in the same request, is refused before anything is decoded, at the cost "
        "of reading the PNG header.",
    ]
    return "\n".join(lines) + "\n"


def _pillow() -> str:
    import PIL

    return PIL.__version__


def write(section: str) -> None:
    path = ROOT / "bench" / "RESULTS.md"
    text = path.read_text() if path.exists() else "# Benchmark results\n\n"
    if "## images\n" in text:
        start = text.index("## images\n")
        end = text.find("\n## ", start + 1)
        text = text[:start] + section + (text[end + 1 :] if end != -1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PHOTO"), help=argparse.SUPPRESS)
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(run_mode(args.child[0], Path(args.child[1]))))
        return
    with tempfile.TemporaryDirectory(prefix="bench-photo-") as folder:
        photo = Path(folder) / "photo.jpg"
        make_photo(photo)
        sys.path.insert(0, str(ROOT))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
        os.environ.setdefault("SECRET_KEY", "bench-only")
        import django

        django.setup()
        from django.core.files import File

        from images.originals import clean_upload

        with photo.open("rb") as handle:  # the clean original the renditions modes start from
            photo.with_suffix(".clean.jpg").write_bytes(clean_upload(File(handle)).content)
        from PIL import Image

        with Image.open(photo.with_suffix(".clean.jpg")) as clean:
            clean.save(photo.with_suffix(".progressive.jpg"), "JPEG", quality=90, progressive=True)
        section = report(measure(photo), photo.stat().st_size)
        bomb = Path(folder) / "bomb.png"
        make_bomb(bomb)
        section += report_uploads(measure(bomb, BOMB_MODES), bomb.stat().st_size)
    print(section)
    if args.write:
        write(section)


if __name__ == "__main__":
    main()
