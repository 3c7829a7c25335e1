package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AsyncioModuleTest {
    @Test
    void tasksRunInTurnAndGatherTheirResults() {
        PythonRun run = PythonRun.of("""
                import asyncio
                async def worker(name, n):
                    for i in range(n):
                        print(name, i)
                        await asyncio.sleep(0)
                    return name * n
                async def main():
                    print(await asyncio.gather(worker('a', 2), worker('b', 3)))
                    async def fail():
                        raise ValueError('bad')
                    print(await asyncio.gather(fail(), worker('c', 1), return_exceptions=True))
                    try:
                        await asyncio.gather(fail(), worker('d', 1))
                    except ValueError as e:
                        print('raised', e)
                    print(await asyncio.gather())
                asyncio.run(main())
                """);
        assertEquals("a 0\nb 0\na 1\nb 1\nb 2\n['aa', 'bbb']\nc 0\n[ValueError('bad',), 'c']\nd 0\nraised bad\n[]\n",
                run.out, run.err);
    }

    @Test
    void sleepsWakeInTimeOrderAndWaitForTimesOut() {
        PythonRun run = PythonRun.of("""
                import asyncio
                async def later(ms, name):
                    await asyncio.sleep_ms(ms)
                    print('woke', name)
                    return name
                async def main():
                    asyncio.create_task(later(400, 'slow'))
                    asyncio.create_task(later(20, 'fast'))
                    print(await asyncio.wait_for(later(40, 'mid'), 1))
                    try:
                        await asyncio.wait_for_ms(later(500, 'never'), 30)
                    except asyncio.TimeoutError:
                        print('timeout')
                    await asyncio.sleep(0.5)
                asyncio.run(main())
                """);
        assertEquals("woke fast\nwoke mid\nmid\ntimeout\nwoke slow\n", run.out, run.err);
    }

    @Test
    void cancellationEventsLocksAndUnretrievedExceptions() {
        PythonRun run = PythonRun.of("""
                import asyncio
                async def waiter(ev):
                    try:
                        await ev.wait()
                        print('event seen')
                    except asyncio.CancelledError:
                        print('cancelled')
                        raise
                async def locked(lock, name):
                    async with lock:
                        print(name, 'has lock')
                        await asyncio.sleep(0)
                    print(name, 'released')
                async def boom():
                    raise KeyError(1)
                async def main():
                    ev = asyncio.Event()
                    t1 = asyncio.create_task(waiter(ev))
                    t2 = asyncio.create_task(waiter(ev))
                    await asyncio.sleep(0)
                    print(t1.cancel(), t1.done())
                    ev.set()
                    await asyncio.sleep(0)
                    print(t1.done(), t2.done(), t1.cancel())
                    lock = asyncio.Lock()
                    await asyncio.gather(locked(lock, 'x'), locked(lock, 'y'))
                    try:
                        lock.release()
                    except RuntimeError as e:
                        print(e)
                    loop = asyncio.get_event_loop()
                    loop.set_exception_handler(lambda loop, ctx: print('handler', ctx['message'], repr(ctx['exception'])))
                    asyncio.create_task(boom())
                    await asyncio.sleep(0)
                    await asyncio.sleep(0)
                    try:
                        asyncio.current_task().cancel()
                    except RuntimeError as e:
                        print(e)
                asyncio.run(main())
                try:
                    asyncio.current_task()
                except RuntimeError as e:
                    print(e)
                """);
        assertEquals("True False\ncancelled\nevent seen\nTrue True False\nx has lock\nx released\ny has lock\ny released\n"
                + "Lock not acquired\nhandler Task exception wasn't retrieved KeyError(1,)\ncan't cancel self\n"
                + "no running event loop\n", run.out, run.err);
    }

    @Test
    void loopRunsForeverUntilStopped() {
        PythonRun run = PythonRun.of("""
                import asyncio
                async def stopper(loop):
                    await asyncio.sleep_ms(10)
                    print('stopping')
                    loop.stop()
                loop = asyncio.new_event_loop()
                loop.create_task(stopper(loop))
                loop.run_forever()
                async def five():
                    return 5
                print(loop.run_until_complete(five()), asyncio.get_event_loop() is loop)
                import uasyncio
                print(uasyncio.run is asyncio.run)
                """);
        assertEquals("stopping\n5 True\nTrue\n", run.out, run.err);
    }

    @Test
    void streamsEchoOverLoopback() {
        PythonRun run = PythonRun.of("""
                import asyncio
                async def echo(reader, writer):
                    while True:
                        line = await reader.readline()
                        if not line:
                            break
                        writer.write(line.upper())
                        await writer.drain()
                    await writer.wait_closed()
                async def main():
                    server = await asyncio.start_server(echo, '127.0.0.1', 18714)
                    reader, writer = await asyncio.open_connection('127.0.0.1', 18714)
                    for word in (b'one\\n', b'two\\n'):
                        writer.write(word)
                        await writer.drain()
                        print(await reader.readline())
                    writer.write(b'abc')
                    await writer.drain()
                    print(await reader.readexactly(0))
                    await writer.wait_closed()
                    server.close()
                    await server.wait_closed()
                    print('closed')
                asyncio.run(main())
                """);
        assertEquals("b'ONE\\n'\nb'TWO\\n'\nb''\nclosed\n", run.out, run.err);
    }

    @Test
    void schedulingSleepingAndStreamWritesAllocateNothingWhileTheHeapIsLocked() {
        PythonRun run = PythonRun.of("""
                import asyncio, micropython
                class Sink:
                    def __init__(self, blocked):
                        self.blocked = blocked
                    def write(self, data):
                        print('write', data)
                        return None if self.blocked else len(data)
                async def ticker(name, n, ms):
                    for i in range(n):
                        print(name, i)
                        await asyncio.sleep_ms(ms)
                async def sleeper():
                    await asyncio.sleep_ms(10000)
                async def main():
                    t1 = asyncio.create_task(ticker('a', 3, 0))
                    t2 = asyncio.create_task(ticker('b', 2, 5))
                    t3 = asyncio.create_task(sleeper())
                    blocked = asyncio.StreamWriter(Sink(True), None)
                    free = asyncio.StreamWriter(Sink(False), None)
                    buf = bytearray(b'cd')
                    micropython.heap_lock()
                    await asyncio.sleep_ms(0)
                    await asyncio.sleep(0)
                    await asyncio.sleep_ms(200)
                    t3.cancel()
                    await asyncio.sleep_ms(0)
                    blocked.write(b'ab')
                    free.write(b'ab')
                    free.write(buf)
                    micropython.heap_unlock()
                    print('unlocked', t1.done(), t2.done(), t3.done())
                asyncio.run(main())
                """);
        assertEquals("a 0\nb 0\na 1\na 2\nb 1\nwrite b'ab'\nwrite b'ab'\nwrite bytearray(b'cd')\nunlocked True True True\n",
                run.out, run.err);
    }

    @Test
    void theRunQueueGivesTasksByTickAroundTheTickCircleAndInTurnAmongEqualTicks() {
        // random pushes, pops and removals, checked against a sorted list
        PythonRun run = PythonRun.of("""
                from _asyncio import TaskQueue
                import random
                class T:
                    def __init__(self, name):
                        self.name = name
                        self._key = 0
                        self._seq = 0
                        self._child = None
                        self._next = None
                        self._prev = None
                random.seed(3)
                ok = True
                for round in range(200):
                    q = TaskQueue()
                    ref = []  # (key, order, task)
                    order = 0
                    tasks = [T(i) for i in range(random.randint(1, 40))]
                    for step in range(300):
                        op = random.randint(0, 9)
                        idle = [t for t in tasks if not q.holds(t)]
                        if op < 5 and idle:
                            t = random.choice(idle)
                            k = random.randint(0, 6) + (1 << 62) - 3  # keys across the wrap of the tick circle
                            k &= (1 << 62) - 1
                            q.push(t, k)
                            order += 1
                            ref.append((((k + 3) & ((1 << 62) - 1)), order, t))
                        elif op < 8 and ref:
                            ref.sort(key=lambda e: (e[0], e[1]))
                            if q.peek() is not ref[0][2]:
                                ok = False
                            t = q.pop()
                            if t is not ref.pop(0)[2]:
                                ok = False
                        elif ref:
                            e = random.choice(ref)
                            ref.remove(e)
                            q.remove(e[2])
                        if q.peek() is None and ref:
                            ok = False
                print(ok)
                """);
        assertEquals("True\n", run.out, run.err);
    }
}
