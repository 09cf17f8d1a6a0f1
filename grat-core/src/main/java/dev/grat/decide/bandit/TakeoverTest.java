package dev.grat.decide.bandit;

import dev.grat.experiment.Statistics;

import java.io.DataOutputStream;
import java.io.IOException;

/** The sequential test of {@link ApprenticeSettings}: is the learner better than the rule on the logged data? */
final class TakeoverTest {

    private final ApprenticeSettings settings;
    private long count;
    private double sum;
    private double sumOfSquares;
    private int looks;
    private double lowerBound = Double.NaN;
    private boolean passed;

    TakeoverTest(ApprenticeSettings settings) {
        this.settings = settings;
    }

    static TakeoverTest restore(ApprenticeSettings settings, boolean passed, long count, double sum, double sumOfSquares,
                                int looks, double lowerBound) {
        TakeoverTest test = new TakeoverTest(settings);
        test.passed = passed;
        test.count = count;
        test.sum = sum;
        test.sumOfSquares = sumOfSquares;
        test.looks = looks;
        test.lowerBound = lowerBound;
        return test;
    }

    /** Adds one settled decision's estimated gain {@code (l − q)·r / p}; looks every {@code checkEvery}. */
    synchronized void observe(double gain) {
        if (passed) {
            return;
        }
        count++;
        sum += gain;
        sumOfSquares += gain * gain;
        if (count % settings.checkEvery() == 0) {
            look();
        }
    }

    private void look() {
        looks++;
        double level = settings.alpha() / (looks * (looks + 1.0));
        double mean = sum / count;
        double variance = Math.max(0, (sumOfSquares - count * mean * mean) / (count - 1));
        lowerBound = mean - Statistics.normalQuantile(1 - level) * Math.sqrt(variance / count);
        passed = lowerBound > 0;
    }

    synchronized boolean passed() {
        return passed;
    }

    synchronized ApprenticeStatus status() {
        return new ApprenticeStatus(passed, count, looks, count == 0 ? 0 : sum / count, lowerBound);
    }

    synchronized void writeTo(DataOutputStream out) throws IOException {
        out.writeBoolean(passed);
        out.writeLong(count);
        out.writeDouble(sum);
        out.writeDouble(sumOfSquares);
        out.writeInt(looks);
        out.writeDouble(lowerBound);
    }
}
