package dev.grat.server.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps a command running until the process is asked to stop (Ctrl-C, SIGTERM), then closes its resources in
 * order: the live traffic, then the server (which drains requests in flight), then the engine and its store.
 */
final class UntilStopped {

    private UntilStopped() {
    }

    static void await(List<AutoCloseable> resources) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("grat-shutdown").unstarted(() -> {
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception e) {
                    System.err.println("grat: error while stopping: " + e.getClass().getName());
                }
            }
            stopped.countDown();
        }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
