#!/usr/bin/env python3
"""Builds one benchmark corpus under ROOT/var/log (deterministic, seed 42).

usage: corpus.py large ROOT      one 400 MB access log + 6,000 small logs in 60 directories (~478 MB)
       corpus.py small N SIZE ROOT   N files of SIZE bytes, 1,000 a directory
"""
import os
import random
import sys

rnd = random.Random(42)


def line(i: int) -> str:
    return (f'203.0.113.{i % 250} - - [24/Nov/2026:03:{i % 60:02d}:{(i * 7) % 60:02d} +0000] '
            f'"GET /item/{i} HTTP/1.1" 200 {rnd.randint(100, 99999)} "-" "curl/8.0"\n')


def large(root: str) -> None:
    logs = os.path.join(root, "var", "log")
    os.makedirs(logs, exist_ok=True)
    chunk = "".join(line(i) for i in range(50_000)).encode()
    with open(os.path.join(logs, "big-access.log"), "wb") as f:
        written = 0
        while written < 400_000_000:
            part = chunk[: 400_000_000 - written]
            f.write(part)
            written += len(part)
    body = "".join(line(i) for i in range(2_000)).encode()
    for d in range(60):
        folder = os.path.join(logs, "app", f"svc{d:02d}")
        os.makedirs(folder, exist_ok=True)
        for i in range(100):
            start = rnd.randrange(0, len(body) - 26_000)
            with open(os.path.join(folder, f"app-{i:03d}.log"), "wb") as f:
                f.write(body[start: start + rnd.randint(1_000, 25_000)])


def small(count: int, size: int, root: str) -> None:
    logs = os.path.join(root, "var", "log", "many")
    body = ("".join(line(i) for i in range(max(1, size // 40 + 2)))).encode()
    for i in range(count):
        if i % 1000 == 0:
            folder = os.path.join(logs, f"d{i // 1000:04d}")
            os.makedirs(folder, exist_ok=True)
        start = i % 64
        data = body[start: start + size]
        with open(os.path.join(folder, f"f{i:07d}.log"), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    if sys.argv[1] == "large" and len(sys.argv) == 3:
        large(sys.argv[2])
    elif sys.argv[1] == "small" and len(sys.argv) == 5:
        small(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    else:
        sys.exit(__doc__)
