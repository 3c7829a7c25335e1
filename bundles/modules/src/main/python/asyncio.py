# Mica's asyncio: a single-threaded scheduler for coroutines with MicroPython's asyncio API.
#
# A task is resumed by the scheduler and runs until it yields. Before yielding, whatever the
# task awaits puts it where it will be found again: back on the run queue at a given time
# (sleep), on a waiting list (Event, Lock, another Task), or on the I/O queue (streams,
# ThreadSafeFlag). A task yields to the scheduler only through these objects.

from time import ticks_ms as _ticks, ticks_diff as _ticks_diff, ticks_add as _ticks_add, sleep_ms as _sleep_ms
from _asyncio import TaskQueue as _TaskQueue
import sys as _sys
import select as _select
import io as _io


class CancelledError(BaseException):
    pass


class TimeoutError(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# Where tasks wait
#
# The run queue is an _asyncio.TaskQueue: tasks ordered by the tick at which they may run,
# first come first served among equal ticks. Its nodes are the tasks themselves, linked
# through attributes that Task sets up front, so queueing allocates nothing and the scheduler
# may run with the heap locked. push(task[, tick]) (the tick defaults to now), peek() (the
# first task, or None), pop(), remove(task), holds(task).

# A waiting list of tasks (for Event, Lock and Task); a task parked here has its
# _waits_on set to the list, so that cancelling it can take it off.
class _WaitList:
    def __init__(self):
        self.tasks = []

    def __bool__(self):
        return bool(self.tasks)

    def add(self, task):
        self.tasks.append(task)
        task._waits_on = self

    def take_first(self):
        task = self.tasks.pop(0)
        task._waits_on = None
        return task

    def drop(self, task):
        if task in self.tasks:
            self.tasks.remove(task)
        task._waits_on = None

    def wake_all(self):
        while self.tasks:
            _runq.push(self.take_first())


# ---------------------------------------------------------------------------------------------
# The I/O queue: streams that tasks wait to read or write, watched with select.poll.

class _IOQueue:
    def __init__(self):
        self.poller = _select.poll()
        # id(stream) -> [stream, task waiting to read, task waiting to write]
        self.streams = {}

    def _wait(self, stream, slot):
        key = id(stream)
        entry = self.streams.get(key)
        if entry is None:
            entry = [stream, None, None]
            self.streams[key] = entry
            self.poller.register(stream, 0)
        if entry[slot] is not None:
            raise RuntimeError("stream already waited on")
        entry[slot] = _cur
        _cur._waits_on = self
        self._update(entry)

    def _update(self, entry):
        mask = (_select.POLLIN if entry[1] is not None else 0) | (_select.POLLOUT if entry[2] is not None else 0)
        if mask:
            self.poller.modify(entry[0], mask)
        else:
            self.poller.unregister(entry[0])
            del self.streams[id(entry[0])]

    def wait_read(self, stream):
        self._wait(stream, 1)

    def wait_write(self, stream):
        self._wait(stream, 2)

    def drop(self, task):
        task._waits_on = None
        for entry in list(self.streams.values()):
            if entry[1] is task or entry[2] is task:
                if entry[1] is task:
                    entry[1] = None
                if entry[2] is task:
                    entry[2] = None
                self._update(entry)
                return

    def wait_events(self, timeout):
        for stream, events in self.poller.ipoll(timeout):
            entry = self.streams[id(stream)]
            if events & ~_select.POLLOUT and entry[1] is not None:
                task = entry[1]
                entry[1] = None
                task._waits_on = None
                _runq.push(task)
            if events & ~_select.POLLIN and entry[2] is not None:
                task = entry[2]
                entry[2] = None
                task._waits_on = None
                _runq.push(task)
            self._update(entry)


# ---------------------------------------------------------------------------------------------
# Tasks

class Task:
    def __init__(self, coro, globals=None):
        self.coro = coro
        # the run queue's links (see TaskQueue)
        self._key = 0
        self._seq = 0
        self._child = None
        self._next = None
        self._prev = None
        self._waits_on = None  # a _WaitList, the _IOQueue, or the Task awaited
        self._throw = None  # an exception to raise in the coroutine when it resumes
        self._done = False
        self._outcome = None  # when done: StopIteration (with the result) or the exception
        self._waiters = None  # tasks awaiting this one
        self._on_done = None  # a callback(task, outcome) that replaces the waiters (gather)
        self._retrieved = True  # False while a finished task's exception is unclaimed

    def __repr__(self):
        return "<Task>"

    def __iter__(self):
        return self

    __await__ = __iter__

    def __next__(self):
        if self._done:
            self._retrieved = True
            raise self._outcome
        if self._on_done is not None:
            raise RuntimeError("can't wait")
        if self._waiters is None:
            self._waiters = _WaitList()
        self._waiters.add(_cur)
        _cur._waits_on = self
        return None

    def done(self):
        return self._done

    def cancel(self):
        if self._done:
            return False
        if self is _cur:
            raise RuntimeError("can't cancel self")
        # a task awaiting another task is cancelled through the one it awaits
        task = self
        while isinstance(task._waits_on, Task):
            task = task._waits_on
        if task._waits_on is not None:
            task._waits_on.drop(task)
            _runq.push(task)
        elif not _runq.holds(task) or _ticks_diff(task._key, _ticks()) > 0:
            # sleeping: woken now; a task already due keeps its place, so it stays fair
            _runq.remove(task)
            _runq.push(task)
        task._throw = CancelledError
        return True


def _finish(task, outcome):
    """Records how a task (not the main one) ended and wakes whoever waits for it."""
    task._done = True
    task._outcome = outcome
    woken = False
    if task._on_done is not None:
        callback = task._on_done
        task._on_done = None
        callback(task, outcome)
        woken = True
    elif task._waiters:
        task._waiters.wake_all()
        woken = True
    if not woken and not isinstance(outcome, _ends_quietly):
        # nobody awaits it yet: report the exception on the next turn unless one claims it
        task._retrieved = False
        _runq.push(task)


def _as_task(aw):
    return aw if isinstance(aw, Task) else create_task(aw)


def create_task(coro):
    if not hasattr(coro, "send"):
        raise TypeError("coroutine expected")
    task = Task(coro, globals())
    _runq.push(task)
    return task


def current_task():
    if _cur is None:
        raise RuntimeError("no running event loop")
    return _cur


# ---------------------------------------------------------------------------------------------
# Sleeping

# What sleep_ms returns: one object for all sleeps, holding the tick of the latest, so that
# sleeping allocates nothing. The first resume queues the task until then; the next ends the
# await with a StopIteration made once (its traceback dropped each time, so it holds nothing).
# A sleep must thus be awaited before the next one is made, as in MicroPython.

class _Sleep:
    def __init__(self):
        self.until = None

    def __iter__(self):
        return self

    __await__ = __iter__

    def __next__(self):
        until = self.until
        if until is not None:
            self.until = None
            _runq.push(_cur, until)
            return None
        _sleep_done.__traceback__ = None
        raise _sleep_done


_sleep = _Sleep()
_sleep_done = StopIteration()


def sleep_ms(t):
    _sleep.until = _ticks_add(_ticks(), max(0, t))
    return _sleep


def sleep(t):
    return sleep_ms(int(t * 1000))


# ---------------------------------------------------------------------------------------------
# The scheduler

def run_until_complete(main_task=None):
    global _cur
    while True:
        # wait, watching the I/O, until the first task of the run queue is due
        while True:
            first = _runq.peek()
            if first is not None:
                wait = max(0, _ticks_diff(first._key, _ticks()))
            elif not _ioq.streams:
                _cur = None
                return None
            else:
                wait = -1
            if _ioq.streams:
                _ioq.wait_events(wait)
            elif wait > 0:
                _sleep_ms(wait)
            if wait == 0:
                break
        task = _runq.pop()
        _cur = task
        if task._done:
            # a finished task came back to have its unclaimed exception reported
            if not task._retrieved:
                task._retrieved = True
                _context["exception"] = task._outcome
                _context["future"] = task
                Loop.call_exception_handler(_context)
            continue
        try:
            pending = task._throw
            if pending is None:
                task.coro.send(None)
            else:
                task._throw = None
                task.coro.throw(pending)
        except _ends_task as outcome:
            if task is main_task:
                _cur = None
                if isinstance(outcome, StopIteration):
                    return outcome.value
                raise outcome
            _finish(task, outcome)


# the exceptions that end a task, and those of them nobody needs to hear about (made once)
_ends_task = (CancelledError, Exception)
_ends_quietly = (CancelledError, StopIteration)


def run(coro):
    return run_until_complete(create_task(coro))


_context = {"message": "Task exception wasn't retrieved", "exception": None, "future": None}


async def _until_stopped():
    pass


class Loop:
    _exc_handler = None
    _stopper = None

    def create_task(coro):
        return create_task(coro)

    def run_forever():
        Loop._stopper = Task(_until_stopped(), globals())
        run_until_complete(Loop._stopper)

    def run_until_complete(aw):
        return run_until_complete(_as_task(aw))

    def stop():
        if Loop._stopper is not None:
            _runq.push(Loop._stopper)
            Loop._stopper = None

    def close():
        pass

    def set_exception_handler(handler):
        Loop._exc_handler = handler

    def get_exception_handler():
        return Loop._exc_handler

    def default_exception_handler(loop, context):
        print(context["message"], file=_sys.stderr)
        print("future:", context["future"], "coro=", context["future"].coro, file=_sys.stderr)
        _sys.print_exception(context["exception"], _sys.stderr)

    def call_exception_handler(context):
        (Loop._exc_handler or Loop.default_exception_handler)(Loop, context)


def get_event_loop(runq_len=0, waitq_len=0):
    return Loop


def new_event_loop():
    global _runq, _ioq
    _runq = _TaskQueue()
    _ioq = _IOQueue()
    return Loop


_cur = None
_runq = _TaskQueue()
_ioq = _IOQueue()


# ---------------------------------------------------------------------------------------------
# Waiting for several things

async def _watch(waiter, aw, outcome):
    # Runs aw for wait_for; when it ends first, wakes the waiter out of its sleep.
    try:
        outcome[1] = await aw
        outcome[0] = True
    except BaseException as e:
        outcome[0] = e
    if waiter._waits_on is None and waiter._throw is None and waiter.cancel():
        # the waiter's CancelledError says that aw ended, unless a real cancel replaces it
        mark = CancelledError()
        waiter._throw = mark
        outcome.append(mark)


async def wait_for(aw, timeout, sleep=sleep):
    aw = _as_task(aw)
    if timeout is None:
        return await aw
    outcome = [None, None]
    watcher = create_task(_watch(_cur, aw, outcome))
    try:
        await sleep(timeout)
    except CancelledError as e:
        if len(outcome) < 3 or e is not outcome[2]:
            # cancelled from outside: the awaited work is cancelled too
            watcher.cancel()
            raise
        if outcome[0] is True:
            return outcome[1]
        raise outcome[0]
    watcher.cancel()
    await watcher
    raise TimeoutError


def wait_for_ms(aw, timeout):
    return wait_for(aw, timeout, sleep_ms)


def gather(*aws, return_exceptions=False):
    tasks = [_as_task(aw) for aw in aws]
    me = _cur
    state = {"left": 0, "error": None, "woken": False}

    def one_done(t, outcome):
        if state["woken"]:
            return
        if not return_exceptions and not isinstance(outcome, StopIteration):
            state["error"] = outcome
        else:
            state["left"] -= 1
            if state["left"]:
                return
        state["woken"] = True
        me._waits_on = None
        _runq.push(me)

    failed_already = False
    for t in tasks:
        if t._done:
            if not return_exceptions and not isinstance(t._outcome, StopIteration):
                failed_already = True
        elif t._waiters is None and t._on_done is None:
            t._on_done = one_done
            state["left"] += 1
        else:
            raise RuntimeError("can't gather")
    cancelled = False
    if state["left"] and not failed_already:
        me._waits_on = _GatherWait(state)
        try:
            yield
        except CancelledError as e:
            cancelled = True
            state["error"] = e
    state["woken"] = True
    results = []
    for t in tasks:
        if not t._done:
            t._on_done = None
            if cancelled:
                t.cancel()
            results.append(t)
        elif isinstance(t._outcome, StopIteration):
            results.append(t._outcome.value)
        elif return_exceptions:
            results.append(t._outcome)
        else:
            if state["error"] is None:
                state["error"] = t._outcome
            results.append(t._outcome)
    if state["error"] is not None:
        raise state["error"]
    return results


class _GatherWait:
    # what a gathering task waits on: cancelling it just wakes it with the CancelledError
    def __init__(self, state):
        self.state = state

    def drop(self, task):
        task._waits_on = None
        self.state["woken"] = True


# ---------------------------------------------------------------------------------------------
# Synchronisation

class Event:
    def __init__(self):
        self.state = False
        self.waiting = _WaitList()

    def is_set(self):
        return self.state

    def set(self):
        self.waiting.wake_all()
        self.state = True

    def clear(self):
        self.state = False

    def wait(self):
        if not self.state:
            self.waiting.add(_cur)
            yield
        return True


class ThreadSafeFlag(_io.IOBase):
    # set() may come from a scheduled callback or another thread: the flag is a stream that
    # polls readable while set, so the waiting task is woken through the I/O queue
    def __init__(self):
        self.state = 0

    def ioctl(self, request, flags):
        if request == 3:
            return self.state * flags
        return -1

    def set(self):
        self.state = 1

    def clear(self):
        self.state = 0

    def wait(self):
        if not self.state:
            yield _ioq.wait_read(self)
        self.state = 0


class Lock:
    def __init__(self):
        self.owner = 0  # 0 free, 1 held, or the task it is being handed to
        self.waiting = _WaitList()

    def locked(self):
        return self.owner == 1

    def release(self):
        if self.owner != 1:
            raise RuntimeError("Lock not acquired")
        if self.waiting:
            self.owner = self.waiting.take_first()
            _runq.push(self.owner)
        else:
            self.owner = 0

    def acquire(self):
        if self.owner != 0:
            self.waiting.add(_cur)
            try:
                yield
            except CancelledError as e:
                if self.owner is _cur:
                    # handed the lock but cancelled before running: pass it on
                    self.owner = 1
                    self.release()
                raise e
        self.owner = 1
        return True

    async def __aenter__(self):
        return await self.acquire()

    async def __aexit__(self, exc_type, exc, tb):
        return self.release()


# ---------------------------------------------------------------------------------------------
# Streams

class Stream:
    def __init__(self, s, e={}):
        self.s = s
        self.e = e
        self.out_buf = b""

    def get_extra_info(self, v):
        return self.e[v]

    def close(self):
        pass

    async def wait_closed(self):
        self.s.close()

    async def aclose(self):
        await self.wait_closed()

    def read(self, n=-1):
        chunks = b""
        while True:
            yield _ioq.wait_read(self.s)
            data = self.s.read(n)
            if data is None:
                continue
            if n >= 0:
                return data
            if not data:
                return chunks
            chunks += data

    def readinto(self, buf):
        yield _ioq.wait_read(self.s)
        return self.s.readinto(buf)

    def readexactly(self, n):
        data = b""
        while n:
            yield _ioq.wait_read(self.s)
            part = self.s.read(n)
            if part is None:
                continue
            if not part:
                raise EOFError
            data += part
            n -= len(part)
        return data

    def readline(self):
        line = b""
        while True:
            yield _ioq.wait_read(self.s)
            part = self.s.readline()
            if part is None:
                continue
            line += part
            if not part or line[-1] == 10:
                return line

    def write(self, buf):
        if not self.out_buf:
            written = self.s.write(buf)
            if written == len(buf):
                return
            if written is not None:
                buf = buf[written:]
        self.out_buf += buf

    def drain(self):
        if not self.out_buf:
            return (yield from sleep_ms(0))
        data = memoryview(self.out_buf)
        offset = 0
        while offset < len(data):
            yield _ioq.wait_write(self.s)
            written = self.s.write(data[offset:])
            if written is not None:
                offset += written
        self.out_buf = b""

    async def awrite(self, buf, off=0, sz=-1):
        if off or sz != -1:
            buf = memoryview(buf)
            buf = buf[off:] if sz == -1 else buf[off:off + sz]
        self.write(buf)
        await self.drain()

    async def awritestr(self, text):
        await self.awrite(text.encode())

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await self.wait_closed()


StreamReader = Stream
StreamWriter = Stream


def open_connection(host, port, ssl=None, server_hostname=None):
    import socket
    address = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)[0][-1]
    s = socket.socket()
    s.setblocking(False)
    try:
        s.connect(address)
    except OSError as e:
        if e.errno != 115:  # EINPROGRESS
            raise e
    if ssl:
        if ssl is True:
            import ssl as _ssl_module
            ssl = _ssl_module.SSLContext(_ssl_module.PROTOCOL_TLS_CLIENT)
        s = ssl.wrap_socket(s, server_hostname=server_hostname or host, do_handshake_on_connect=False)
        s.setblocking(False)
    stream = Stream(s)
    yield _ioq.wait_write(s)
    return stream, stream


class Server:
    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        self.close()
        await self.wait_closed()

    def close(self):
        self.state = True
        self.task.cancel()

    async def wait_closed(self):
        await self.task

    def _serve(self, s, callback, ssl):
        self.state = False
        while True:
            try:
                yield _ioq.wait_read(s)
            except CancelledError as e:
                s.close()
                if self.state:
                    return
                raise e
            try:
                connection, address = s.accept()
            except OSError:
                continue
            if ssl:
                try:
                    connection = ssl.wrap_socket(connection, server_side=True, do_handshake_on_connect=False)
                except OSError:
                    connection.close()
                    continue
            connection.setblocking(False)
            stream = Stream(connection, {"peername": address})
            create_task(callback(stream, stream))


async def start_server(callback, host, port, backlog=5, ssl=None):
    import socket
    address = socket.getaddrinfo(host, port)[0][-1]
    s = socket.socket()
    s.setblocking(False)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(address)
    s.listen(backlog)
    server = Server()
    server.task = create_task(server._serve(s, callback, ssl))
    # give the server task a turn, so that it is waiting (and closes the socket when
    # cancelled) by the time this returns
    try:
        await sleep_ms(0)
    except CancelledError as e:
        server.task.cancel()
        raise e
    return server
