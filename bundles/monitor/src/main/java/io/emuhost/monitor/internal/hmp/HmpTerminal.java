package io.emuhost.monitor.internal.hmp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The human monitor on a byte stream: a banner, then {@code (qemu) } before every line, lines
 * read through QEMU's {@link LineEditor}.
 *
 * <p>Two modes. Terminal mode ({@code echo}, for sockets and terminals) is byte for byte what
 * QEMU 7.2 sends on {@code -monitor unix:...} and {@code -monitor stdio}: the line editor's redraw
 * of every typed byte, and every {@code \n} of the output sent as {@code \r\n} (QEMU's
 * {@code monitor_puts}). Plain mode sends neither, for pipes and tests that want only the output.
 */
public final class HmpTerminal {

    /** The prompt, QEMU's. */
    public static final String PROMPT = "(qemu) ";

    private static final int CHUNK = 4096;

    /** The redraw of a growing line costs O(length) per byte, as in QEMU: send it in pieces. */
    private static final int ECHO_FLUSH = 64 * 1024;

    private final HmpDispatcher dispatcher;
    private final String banner;

    /**
     * Creates a terminal.
     *
     * @param dispatcher runs the lines
     * @param banner the first line, without its newline
     */
    public HmpTerminal(HmpDispatcher dispatcher, String banner) {
        this.dispatcher = dispatcher;
        this.banner = banner;
    }

    /**
     * Reads and runs commands until {@code quit} or the end of the input; a last line without
     * its newline is not run (QEMU runs a line on Enter only).
     *
     * @param in the input
     * @param out the output
     * @param echo terminal mode
     * @return true if the session ended with {@code quit}
     * @throws IOException if the input fails
     */
    public boolean serve(InputStream in, PrintStream out, boolean echo) throws IOException {
        LineEditor editor = new LineEditor(echo);
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        ByteArrayOutputStream echoed = new ByteArrayOutputStream();
        write(pending, banner + "\n" + PROMPT, echo);
        flush(pending, out);
        byte[] chunk = new byte[CHUNK];
        int count;
        while ((count = in.read(chunk)) >= 0) {
            for (int i = 0; i < count; i++) {
                String line = editor.feed(chunk[i] & 0xff, echoed);
                if (line == null && echoed.size() < ECHO_FLUSH) {
                    continue;
                }
                write(pending, echoed.toByteArray(), echo);
                echoed.reset();
                if (line != null) {
                    HmpReply reply = dispatcher.run(line);
                    write(pending, reply.text(), echo);
                    if (reply.endsSession()) {
                        flush(pending, out);
                        return true;
                    }
                    write(pending, PROMPT, echo);
                    editor.promptShown();
                }
                flush(pending, out);
            }
            write(pending, echoed.toByteArray(), echo);
            echoed.reset();
            flush(pending, out);
        }
        return false;
    }

    private static void write(ByteArrayOutputStream pending, String text, boolean crlf) {
        write(pending, text.getBytes(StandardCharsets.UTF_8), crlf);
    }

    /** Output bytes, with each {@code \n} sent as {@code \r\n} in terminal mode. */
    private static void write(ByteArrayOutputStream pending, byte[] bytes, boolean crlf) {
        for (byte b : bytes) {
            if (crlf && b == '\n') {
                pending.write('\r');
            }
            pending.write(b);
        }
    }

    private static void flush(ByteArrayOutputStream pending, PrintStream out) {
        if (pending.size() > 0) {
            out.write(pending.toByteArray(), 0, pending.size());
            out.flush();
            pending.reset();
        }
    }
}
