"""Which stamped entries are too recent for their times to prove anything: within a
clock tick (0.1 s is ten ticks of the coarsest kernel clock) on a file system with
sub-second times, within two seconds where times are whole seconds (FAT keeps 2 s)."""

from __future__ import annotations

from array import array

from glossary_site.write import stamps
from glossary_site.write.stamps import KnownSite

SECOND = 1_000_000_000
TAKEN = 1_764_500_000 * SECOND + 400_000_000  # when the stamps were taken


def known(*ctimes: int) -> KnownSite:
    numbers = array("q")
    for number, ctime in enumerate(ctimes):
        numbers.extend((0, 100 + number, 10, ctime, ctime))
    return KnownSite(tuple(f"f{n}" for n in range(len(ctimes))), numbers, TAKEN, "m")


def test_a_sub_second_time_half_a_second_old_proves_the_entry_unchanged() -> None:
    assert stamps.racy_entries(known(TAKEN - SECOND // 2 + 1)) == []


def test_a_sub_second_time_within_a_tick_of_the_stamps_is_racy() -> None:
    assert stamps.racy_entries(known(TAKEN - SECOND // 2 + 1, TAKEN - 5_000_000)) == [1]


def test_a_whole_second_time_within_two_seconds_is_racy() -> None:
    whole = (TAKEN // SECOND - 1) * SECOND  # 1.4 s before the stamps, no sub-second part
    assert stamps.racy_entries(known(whole, whole - 2 * SECOND)) == [0]
