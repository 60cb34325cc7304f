"""The compare yields feed alone: rows on screen first, batches sent to a helper process (here
futures completed by the test), results of an older table dropped, a failed process replaced by
slices on this thread, and the same figures either way."""

from __future__ import annotations

from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from app.domain.compare import CompareRow, CompareTable, RowYields
from app.ui.compare.feed import CHUNK, YieldFeed
from tests.offerings import ALLY, big_offering


class FakeProcess:
    """``submit`` for the feed: keeps each batch's future for the test to complete."""

    def __init__(self) -> None:
        self.sent: list[tuple[Any, list[CompareRow], Future[list[RowYields]]]] = []

    def __call__(self, fn: Any, rows: list[CompareRow]) -> Future[list[RowYields]]:
        future: Future[list[RowYields]] = Future()
        self.sent.append((fn, rows, future))
        return future

    def answer(self, batch: int) -> None:
        fn, rows, future = self.sent[batch]
        future.set_result(fn(rows))


def collect(feed: YieldFeed) -> list[list[int]]:
    batches: list[list[int]] = []
    feed.computed.connect(lambda rows: batches.append(list(rows)))
    return batches


def test_slices_compute_every_row_the_preferred_first(qtbot: Any) -> None:
    table = CompareTable.of([("many", big_offering(40))])
    feed = YieldFeed()
    batches = collect(feed)
    with qtbot.waitSignal(feed.finished, timeout=20_000):
        feed.start(table, range(40))
        feed.prefer([30, 31, 32])
    done = [i for batch in batches for i in batch]
    assert done[:3] == [30, 31, 32] and sorted(done) == list(range(40))
    assert all(table.known(i) is not None for i in range(40)) and not feed.busy()


def test_batches_go_to_the_process_and_come_back(qtbot: Any) -> None:
    table = CompareTable.of([("many", big_offering(30)), ("ally", ALLY)])
    process = FakeProcess()
    feed = YieldFeed(process)
    batches = collect(feed)
    feed.start(table, list(range(32)))
    assert len(process.sent) == 2  # two batches in flight, no more
    assert [r.cusip for r in process.sent[0][1]] == [table.rows[i].cusip for i in range(CHUNK)]
    assert all(r.offering.notes == () for r in process.sent[0][1])  # sent without the document
    feed.prefer([31])
    process.answer(0)
    qtbot.waitUntil(lambda: batches == [list(range(CHUNK))])
    assert process.sent[2][1][0].cusip == "02006DTU5"  # the row on screen next
    while any(not f.done() for _, _, f in process.sent):
        process.answer(next(i for i, (_, _, f) in enumerate(process.sent) if not f.done()))
        qtbot.wait(5)
    qtbot.waitUntil(lambda: not feed.busy())
    here = CompareTable.of([("many", big_offering(30)), ("ally", ALLY)])
    here.compute()
    assert [table.known(i) for i in range(32)] == [here.known(i) for i in range(32)]


def test_an_older_tables_results_are_dropped(qtbot: Any) -> None:
    old = CompareTable.of([("ally", ALLY)])
    process = FakeProcess()
    feed = YieldFeed(process)
    feed.start(old, [0, 1])
    new = CompareTable.of([("ally", ALLY)])
    feed.start(new, [0, 1])
    process.answer(0)  # the old table's batch arrives late
    process.answer(1)
    qtbot.waitUntil(lambda: not feed.busy())
    assert old.known(0) is None and new.known(0) is not None


def test_a_failed_process_leaves_the_rows_to_slices(qtbot: Any) -> None:
    table = CompareTable.of([("many", big_offering(20))])
    process = FakeProcess()
    feed = YieldFeed(process)
    feed.start(table, range(20))
    with qtbot.waitSignal(feed.finished, timeout=20_000):
        _, _, future = process.sent[0]
        future.set_exception(BrokenProcessPool("the loader stopped"))
        process.answer(1)
    assert all(table.known(i) is not None for i in range(20))
    assert len(process.sent) == 2  # nothing more was sent to the failed process
    feed.start(CompareTable.of([("ally", ALLY)]), [0, 1])  # the next table tries a process again
    assert len(process.sent) == 3


def test_without_a_process_none_is_sent(qtbot: Any) -> None:
    table = CompareTable.of([("ally", ALLY)])
    feed = YieldFeed(lambda fn, rows: None)
    with qtbot.waitSignal(feed.finished, timeout=10_000):
        feed.start(table, [1, 0])
    assert table.known(0) is not None and table.known(1) is not None
