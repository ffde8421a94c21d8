package io.caspian.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Produces input at a steady wall-clock pace until stopped: step {@code n} is sent at
 * {@code n / stepsPerSecond} seconds after the start, late steps at once, so that a job's input keeps
 * coming at the same rate whatever happens to the job meanwhile.
 */
public final class PacedProducer {

    /** What one step sends. */
    @FunctionalInterface
    public interface Step {
        void send(KafkaProducer<byte[], byte[]> producer, long step);
    }

    private final Thread thread;
    private volatile boolean running = true;

    public PacedProducer(KafkaTestBroker kafka, String name, double stepsPerSecond, Step step) {
        thread = new Thread(() -> {
            try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                long start = System.nanoTime();
                for (long n = 0; running; n++) {
                    step.send(producer, n);
                    long wait = start + (long) ((n + 1) * 1e9 / stepsPerSecond) - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public void stop() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
