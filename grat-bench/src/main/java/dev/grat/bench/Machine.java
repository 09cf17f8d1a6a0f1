package dev.grat.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** What the numbers were measured on, printed with every result. */
final class Machine {

    private Machine() {
    }

    /** The load when the run started: other processes on a shared machine change the numbers. */
    static String load() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "load average unknown" : String.format(Locale.ROOT, "load average %.1f", load);
    }

    static String describe() {
        Runtime runtime = Runtime.getRuntime();
        return String.format(Locale.ROOT, "JDK %s (%s) · %d cores · max heap %.1f GiB · %s %s %s · %s",
                System.getProperty("java.version"), System.getProperty("java.vendor"),
                runtime.availableProcessors(), runtime.maxMemory() / (1024.0 * 1024 * 1024),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                load());
    }
}
