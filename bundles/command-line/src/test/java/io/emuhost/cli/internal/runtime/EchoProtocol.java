package io.emuhost.cli.internal.runtime;

import io.emuhost.api.frontend.ConnectionProtocol;
import io.emuhost.api.frontend.ProtocolSession;
import io.emuhost.api.machine.Machine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A connection protocol that answers each line with {@code <name> <session#>: <line>}, asks the
 * machine to shut down on a line {@code quit} (as a monitor does), and records the sessions it
 * opened with their options and whether they were closed or shut down.
 */
final class EchoProtocol implements ConnectionProtocol {

    /** A session it opened. */
    final class Session implements ProtocolSession {
        final int number;
        final Map<String, String> options;
        final Machine machine;
        volatile boolean closed;
        volatile boolean shutDown;

        Session(int number, Map<String, String> options, Machine machine) {
            this.number = number;
            this.options = options;
            this.machine = machine;
        }

        @Override
        public void serve(InputStream in, OutputStream out) {
            try {
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = lines.readLine(); line != null && !closed; line = lines.readLine()) {
                    out.write((name + " " + number + ": " + line + "\r\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (line.equals("quit")) {
                        machine.requestShutdown("host-qmp-quit");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void shutdown(Duration grace) {
            shutDown = true;
            close();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    final String name;
    final List<Session> sessions = new CopyOnWriteArrayList<>();

    EchoProtocol(String name) {
        this.name = name;
    }

    @Override
    public ProtocolSession open(Machine machine, Map<String, String> options) {
        Session session = new Session(sessions.size() + 1, options, machine);
        sessions.add(session);
        return session;
    }
}
