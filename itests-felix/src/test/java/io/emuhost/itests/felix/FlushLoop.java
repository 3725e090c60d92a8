package io.emuhost.itests.felix;

import io.emuhost.testkit.driver.VirtioPmemDriver;
import java.util.concurrent.TimeUnit;

/**
 * A guest thread that writes a record into the persistent range and flushes, in a loop, until
 * stopped; it counts answers and remembers the first unexpected outcome.
 */
final class FlushLoop extends Thread {

    private final VirtioPmemDriver driver;
    private volatile boolean stop;
    private volatile long published;
    private volatile long answered;
    private volatile long failedAnswers;
    private volatile Throwable error;

    FlushLoop(VirtioPmemDriver driver, String name) {
        super("guest-flush-loop-" + name);
        this.driver = driver;
        setDaemon(true);
    }

    static FlushLoop start(VirtioPmemDriver driver, String name) {
        FlushLoop loop = new FlushLoop(driver, name);
        loop.start();
        return loop;
    }

    @Override
    public void run() {
        byte[] record = new byte[8];
        try {
            for (long n = 0; !stop; n++) {
                record[0] = (byte) n;
                driver.write(8 * (n % 512), record);
                published++;
                int ret = driver.flush();
                if (ret == 0) {
                    answered++;
                } else {
                    failedAnswers++;
                }
            }
        } catch (Throwable t) {
            error = t;
        }
    }

    long published() {
        return published;
    }

    long answered() {
        return answered;
    }

    long failedAnswers() {
        return failedAnswers;
    }

    Throwable error() {
        return error;
    }

    /**
     * Waits until at least {@code count} flushes were answered.
     *
     * @param count how many
     * @param seconds how long at most
     * @return whether they were
     */
    boolean awaitAnswered(long count, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (answered < count && isAlive() && System.nanoTime() - deadline < 0) {
            Thread.sleep(1);
        }
        return answered >= count;
    }

    /**
     * Stops after the flush in progress and waits for the thread.
     *
     * @param seconds how long at most
     * @return whether the thread ended
     */
    boolean stopAndJoin(long seconds) throws InterruptedException {
        stop = true;
        join(TimeUnit.SECONDS.toMillis(seconds));
        return !isAlive();
    }

    /** What the loop and the ring say, for messages. */
    String describe() {
        return "published=" + published + " answered=" + answered + " failed=" + failedAnswers
                + " error=" + error + " queue=" + driver.pciDriver().queue(0);
    }
}
