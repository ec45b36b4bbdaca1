"""How passwords are stored: Argon2id at the parameters OWASP recommends.

OWASP's Password Storage Cheat Sheet: "Argon2id with a minimum configuration of 19 MiB
of memory, an iteration count of 2, and 1 degree of parallelism" (its first choice;
PBKDF2-HMAC-SHA256 at 600,000 iterations is its equivalent for FIPS settings). Django's
default was PBKDF2 at 1,000,000 iterations: 240 ms of CPU a login on this project's
2-core box, where these parameters take 20 ms and cost an attacker's GPUs 19 MiB of
memory per guess. On a school platform logins come in storms (a class of 30 signs in
at the start of a lesson: 7 s of CPU with PBKDF2, under a second now), and in the load
test they were the slowest requests by far (docs/benchmarks.md, stop 46).

Django's own Argon2 hasher uses 100 MiB and 8 lanes (175 ms here). Hashes made with other
parameters or algorithms still verify; Django rehashes them with these at the next login.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
