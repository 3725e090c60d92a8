package io.emuhost.remote.internal;

/**
 * Where a remote object's connections come from. {@link #run()} runs on the object's thread;
 * {@link #stop()} comes from another thread and makes {@link #run()} return soon;
 * {@link #release()} frees what is left once the thread has ended.
 */
interface RemoteServer extends Runnable {

    /** Ends {@link #run()}: the connection being served is shut down, no new one is accepted. */
    void stop();

    /** Closes the remaining descriptors (and unlinks a listening socket's path). */
    void release();
}
