"""Independent reference for lib/stats/random.ts: sfc32 seeded by splitmix32 (Python integers, mod 2^32).

Run: python3 tests/reference/sfc32-reference.py > tests/reference/fixtures/sfc32-seed42.json
"""
import json

M = 0xFFFFFFFF


def splitmix32_stream(seed):
    s = seed & M
    while True:
        s = (s + 0x9E3779B9) & M
        t = s ^ (s >> 16)
        t = (t * 0x21F0AAAD) & M
        t ^= t >> 15
        t = (t * 0x735A2D97) & M
        t ^= t >> 15
        yield t


def sfc32(seed):
    sm = splitmix32_stream(seed)
    a, b, c, d = next(sm), next(sm), next(sm), next(sm)
    while True:
        t = (a + b) & M
        a = b ^ (b >> 9)
        b = (c + ((c << 3) & M)) & M
        c = ((c << 21) & M) | (c >> 11)
        d = (d + 1) & M
        t = (t + d) & M
        c = (c + t) & M
        yield t


def next_int(gen, n):
    m = next(gen) * n
    low = m % 2**32
    if low < n:
        threshold = (2**32 - n) % n
        while low < threshold:
            m = next(gen) * n
            low = m % 2**32
    return m // 2**32


g = sfc32(42)
for _ in range(12):
    next(g)
uint32 = [next(g) for _ in range(10)]
ints150 = [next_int(g, 150) for _ in range(20)]
print(json.dumps({"generator": "sfc32 seeded by splitmix32, 12 warm-up outputs discarded", "seed": 42,
                  "first10Uint32": uint32, "then20NextInt150": ints150}, indent=1))
