package io.caspian.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Threads that keep cores busy while a test runs, so that anything timed in the code under test sees
 * a loaded machine. Close it to stop them.
 */
public final class CpuLoad implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    /** Written by the threads so the JIT cannot drop their work. */
    private volatile long sink;

    private CpuLoad(int threads) {
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(this::burn, "cpu-load-" + t);
            thread.setDaemon(true);
            this.threads.add(thread);
            thread.start();
        }
    }

    /** Starts {@code threads} busy threads. */
    public static CpuLoad start(int threads) {
        return new CpuLoad(threads);
    }

    private void burn() {
        long x = 1;
        while (running.get()) {
            for (int i = 0; i < 100_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            sink = x;
        }
    }

    /** True while every thread still runs (none died of an error). */
    public boolean busy() {
        return running.get() && threads.stream().allMatch(Thread::isAlive);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
