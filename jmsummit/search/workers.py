"""Calls run by worker processes, their results in order; this process takes over if need be.

A large build hands whole fact files, then chunks of rows, to worker processes of its
own. They get their inputs and return their results through the pool's pipes (never a
file), leave when the build ends, and die with the process that started them: a worker
whose parent is gone exits within a second instead of holding its pipes open.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

_R = TypeVar("_R")
_WATCH_SECONDS = 1.0  # how often a worker checks that its parent is still there


def start_method() -> str:
    """How worker processes start: a fork of this process where that is safe, else spawn.

    A fork starts at once, with the modules loaded, and does not run the program's main
    module again (spawn does, so a script calling the library with spawned workers needs
    an `if __name__ == "__main__"` guard; without one the pool breaks and the build runs
    in the script's own process). A fork never touches the database this process has
    open, and leaves with os._exit, so the connection is neither used nor closed there.
    It is not safe with other threads running (the progress bar's refresher may hold a
    lock the fork would copy held), nor on macOS; Windows has no fork.
    """
    import threading

    return "fork" if sys.platform == "linux" and threading.active_count() == 1 else "spawn"


def in_order(
    workers: int,
    setup: Callable[..., Any],
    setup_args: tuple[Any, ...],
    function: Callable[..., _R],
    arguments: Iterable[tuple[Any, ...]],
) -> Generator[_R, None, None]:
    """`function(state, *a)` for each `a` of `arguments`, in order, by `workers` processes.

    `state` is what `setup(*setup_args)` returns (the plan and an analyser, the IDFs):
    each worker makes its own once. At most two calls a worker are in flight (their
    results held), so memory stays bounded. With fewer than two workers, or when the
    pool cannot start (no /dev/shm, no semaphores) or breaks (a worker killed), the calls
    not yet done run in this process, with a state made here (never shared: threads may
    build at once).
    """
    tasks = iter(arguments)
    pool = _pool(workers, setup, setup_args) if workers > 1 else None
    if pool is not None:
        from concurrent.futures.process import BrokenProcessPool

        flight: deque[tuple[tuple[Any, ...], Future[_R] | None]] = deque()
        try:
            try:
                _submit(pool, function, tasks, flight, 2 * workers)
                while flight:
                    args, future = flight.popleft()
                    assert future is not None
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        flight.appendleft((args, None))  # to be made again, with the rest
                        raise
                    _submit(pool, function, tasks, flight, 1)
                    yield result
                return
            except BrokenProcessPool:  # the calls in flight are made again, here
                tasks = chain([args for args, _ in flight], tasks)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    state = setup(*setup_args)
    for args in tasks:
        yield function(state, *args)


def _submit(
    pool: ProcessPoolExecutor,
    function: Callable[..., _R],
    tasks: Iterator[tuple[Any, ...]],
    flight: deque[tuple[tuple[Any, ...], Future[_R] | None]],
    count: int,
) -> None:
    """Submit the next `count` calls, each kept with its arguments (to redo them here)."""
    for args in islice(tasks, count):
        flight.append((args, None))  # held first: a submit that finds the pool broken raises
        flight[-1] = (args, pool.submit(_call, function, args))


def _pool(
    workers: int, setup: Callable[..., Any], setup_args: tuple[Any, ...]
) -> ProcessPoolExecutor | None:
    """A pool of `workers` processes, or None when this system cannot make one."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    try:
        return ProcessPoolExecutor(
            workers,
            get_context(start_method()),
            initializer=_watched,
            initargs=(os.getpid(), setup, setup_args),
        )
    except (OSError, ImportError, NotImplementedError):
        return None


_state: Any = None  # in a worker process: what its set-up made


def _watched(parent: int, setup: Callable[..., Any], setup_args: tuple[Any, ...]) -> None:
    """In a worker: exit when `parent` does, then make the worker's state."""
    import threading

    global _state
    threading.Thread(target=_exit_without, args=(parent,), daemon=True).start()
    _state = setup(*setup_args)


def _call(function: Callable[..., _R], args: tuple[Any, ...]) -> _R:
    """In a worker: one call, with the worker's state."""
    return function(_state, *args)


def _exit_without(parent: int) -> None:
    """Wait while `parent` is this process's parent; then exit at once."""
    import time

    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)
