"""The test suite's cheap Argon2 cost (test-only: neither the wheel nor the frozen program has it).

`svdesk.keys.crypto` uses it when SVDESK_KDF_PROFILE=test and this module is importable (a
source checkout, with the checkout on sys.path); the floor is lower than the cost so that tests
can make a slot that is weak but allowed (re-wrapped at unlock) and one below the floor.
"""

KDF_PARAMS = {"time_cost": 1, "memory_kib": 1024, "parallelism": 1}
KDF_FLOOR = {"time_cost": 1, "memory_kib": 256, "parallelism": 1}
