package io.emuhost.monitor.internal.qmp;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What goes out to one QMP client, written by a thread of its own so that an event never waits
 * for a slow client (events are emitted on device and command threads). The queue is bounded:
 * a client that stops reading until more than the bound is queued is disconnected.
 */
final class ClientOutput {

    private static final Logger LOG = LoggerFactory.getLogger(ClientOutput.class);

    private final OutputStream out;
    private final Runnable disconnect;
    private final long maxQueuedBytes;
    private final Deque<byte[]> queue = new ArrayDeque<>();
    private final Thread writer;
    private long queuedBytes;
    private boolean finishing;
    private boolean broken;

    /**
     * Starts the writer thread.
     *
     * @param out the client's stream
     * @param disconnect closes the client's connection (ends its reader too)
     * @param maxQueuedBytes how much may wait to be written
     * @param name the thread's name
     */
    ClientOutput(OutputStream out, Runnable disconnect, long maxQueuedBytes, String name) {
        this.out = out;
        this.disconnect = disconnect;
        this.maxQueuedBytes = maxQueuedBytes;
        this.writer = new Thread(this::drain, name);
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Queues a message; never blocks.
     *
     * @param message the encoded message
     */
    void send(byte[] message) {
        boolean overflow;
        synchronized (this) {
            if (finishing || broken) {
                return;
            }
            overflow = queuedBytes + message.length > maxQueuedBytes;
            if (overflow) {
                broken = true;
                queue.clear();
            } else {
                queue.add(message);
                queuedBytes += message.length;
            }
            notifyAll();
        }
        if (overflow) {
            LOG.warn("QMP client does not read its replies; disconnecting it");
            disconnect.run();
        }
    }

    /** Writes what is queued, then disconnects; later messages are dropped. */
    synchronized void finish() {
        finishing = true;
        notifyAll();
    }

    /**
     * Waits until everything queued before {@link #finish} is written or the client is gone.
     *
     * @param millis the longest wait
     * @throws InterruptedException if interrupted
     */
    void awaitFinished(long millis) throws InterruptedException {
        writer.join(millis);
    }

    private void drain() {
        try {
            while (true) {
                byte[] next;
                synchronized (this) {
                    while (queue.isEmpty() && !finishing && !broken) {
                        wait();
                    }
                    if (queue.isEmpty() || broken) {
                        break;
                    }
                    next = queue.poll();
                    queuedBytes -= next.length;
                }
                out.write(next);
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("QMP client went away: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                broken = true;
                queue.clear();
            }
            disconnect.run();
        }
    }
}
