package io.emuhost.cli.internal.chardev;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * One client of a chardev. Closing it ends the connection; reads and writes then fail. Closing
 * either stream of a socket client ends it too (a protocol session disconnects its client that
 * way); the streams of standard input and output belong to the process and are not closed.
 */
public interface ChardevConnection extends AutoCloseable {

    /**
     * What the client sends.
     *
     * @return the stream; it ends when the client disconnects or the connection is closed
     */
    InputStream input();

    /**
     * Where to send to the client; safe to use from another thread than the reader's.
     *
     * @return the stream
     */
    OutputStream output();

    @Override
    void close();
}
