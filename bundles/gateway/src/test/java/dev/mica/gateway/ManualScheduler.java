package dev.mica.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs scheduled tasks only when a test moves its clock past their time. */
final class ManualScheduler implements Scheduler {
    private final ManualClock clock;
    private final List<Task> tasks = new ArrayList<>();

    private final class Task implements Cancellable {
        final Instant due;
        final Runnable action;

        Task(Instant due, Runnable action) {
            this.due = due;
            this.action = action;
        }

        @Override
        public void cancel() {
            synchronized (ManualScheduler.this) {
                tasks.remove(this);
            }
        }
    }

    ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        Task scheduled = new Task(clock.instant().plus(delay), task);
        tasks.add(scheduled);
        return scheduled;
    }

    synchronized int pending() {
        return tasks.size();
    }

    /** Delays of the pending tasks from now, soonest first. */
    synchronized List<Duration> pendingDelays() {
        return tasks.stream().map(t -> Duration.between(clock.instant(), t.due)).sorted().toList();
    }

    /** Moves the clock on and runs, in time order, every task that has come due. */
    void advance(Duration by) {
        Instant until = clock.instant().plus(by);
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.due.isAfter(until)).min(Comparator.comparing(t -> t.due))
                        .orElse(null);
                if (next == null) {
                    break;
                }
                tasks.remove(next);
            }
            if (next.due.isAfter(clock.instant())) {
                clock.advance(Duration.between(clock.instant(), next.due));
            }
            next.action.run();
        }
        if (until.isAfter(clock.instant())) {
            clock.advance(Duration.between(clock.instant(), until));
        }
    }
}
