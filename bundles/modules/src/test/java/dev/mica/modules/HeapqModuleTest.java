package dev.mica.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeapqModuleTest {
    @Test
    void popsInAscendingOrder() {
        PythonRun run = PythonRun.of("""
                import heapq
                h = []
                for x in (5, 1, 8, 3, 9, 2, 7):
                    heapq.heappush(h, x)
                print(h[0], [heapq.heappop(h) for _ in range(7)])
                """);
        assertEquals("1 [1, 2, 3, 5, 7, 8, 9]\n", run.out, run.err);
    }

    @Test
    void heapifyKeepsTheHeapPropertyAndPopsTuplesByFirstItem() {
        PythonRun run = PythonRun.of("""
                import heapq
                h = [(9, 'i'), (4, 'd'), (7, 'g'), (1, 'a'), (5, 'e')]
                heapq.heapify(h)
                print(all(not h[(i - 1) // 2] > h[i] for i in range(1, len(h))))
                print(''.join(heapq.heappop(h)[1] for _ in range(5)))
                """);
        assertEquals("True\nadegi\n", run.out, run.err);
    }

    @Test
    void refusesWhatIsNotAListAndAnEmptyHeap() {
        PythonRun run = PythonRun.of("""
                import heapq
                for call in (lambda: heapq.heappush((), 1), lambda: heapq.heappop([])):
                    try:
                        call()
                    except Exception as e:
                        print(type(e).__name__, e)
                try:
                    heapq.x = 1
                except AttributeError:
                    print('fixed')
                """);
        assertEquals("TypeError heap must be a list\nIndexError empty heap\nfixed\n", run.out, run.err);
    }
}
