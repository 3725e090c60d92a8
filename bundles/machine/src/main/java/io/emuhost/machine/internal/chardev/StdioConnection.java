package io.emuhost.machine.internal.chardev;

import java.io.InputStream;
import java.io.OutputStream;

/** Standard input and output as a chardev client; closing it leaves the process's streams open. */
final class StdioConnection implements ChardevConnection {

    private final InputStream input;
    private final OutputStream output;

    StdioConnection(InputStream input, OutputStream output) {
        this.input = input;
        this.output = output;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void close() {
        // the streams belong to the process
    }
}
