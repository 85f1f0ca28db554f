"""Benchmark settings: production settings plus a URLconf with the bare-Django ceiling view."""

from newsroom.settings import *  # noqa: F403 (same server, same settings, one more URL)

ROOT_URLCONF = "bench.urls"
