package io.emuhost.monitor.internal.hmp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * QEMU 7.2's line editor ({@code util/readline.c}) for one HMP session, fed byte by byte. It
 * keeps at most {@value #MAX_LINE} bytes of a line and ignores the rest, as QEMU does; unlike
 * QEMU it checks the buffer's size rather than the cursor before inserting, so no input (binary
 * garbage included, reference §9 item 29) can overrun it. CR and LF each end a line. Editing keys:
 * backspace (8, 127), ^A, ^E, ^D, ^W, the arrow keys, Home/End/Delete and history (64 lines);
 * tab completion is not offered.
 *
 * <p>With echo on, every byte is answered with QEMU's redraw: the cursor moved back to the start
 * of the line ({@code ESC [ D} per character), the line, {@code ESC [ K}, then the cursor moved to
 * its place; Enter answers a newline. Over a socket (what {@code socat} shows) or a terminal this
 * is exactly QEMU's byte stream.
 */
public final class LineEditor {

    /** QEMU's {@code READLINE_CMD_BUF_SIZE}. */
    public static final int MAX_LINE = 4095;

    /** QEMU's {@code READLINE_MAX_CMDS}. */
    static final int MAX_HISTORY = 64;

    private static final byte[] LEFT = {27, '[', 'D'};
    private static final byte[] RIGHT = {27, '[', 'C'};
    private static final byte[] CLEAR_TO_END = {27, '[', 'K'};

    private enum Escape { NONE, ESC, CSI, SS3 }

    private final boolean echo;
    private final byte[] line = new byte[MAX_LINE];
    private final byte[] shown = new byte[MAX_LINE];
    private final List<byte[]> history = new ArrayList<>();
    private int size;
    private int cursor;
    private int shownSize;
    private int shownCursor;
    private int historyEntry = -1;
    private Escape escape = Escape.NONE;
    private int escapeParameter;

    /**
     * Creates an editor.
     *
     * @param echo whether to answer input with QEMU's redraw
     */
    public LineEditor(boolean echo) {
        this.echo = echo;
    }

    /**
     * Forgets what the screen shows, after the prompt was printed (QEMU's
     * {@code readline_show_prompt}).
     */
    public void promptShown() {
        shownSize = 0;
        shownCursor = 0;
        escape = Escape.NONE;
    }

    /**
     * Handles one input byte.
     *
     * @param b the byte, 0-255
     * @param echoOut where the redraw goes
     * @return the finished line when {@code b} ended one, else null
     */
    public String feed(int b, ByteArrayOutputStream echoOut) {
        String finished = switch (escape) {
            case NONE -> normal(b, echoOut);
            case ESC -> {
                escape = b == '[' ? Escape.CSI : b == 'O' ? Escape.SS3 : Escape.NONE;
                escapeParameter = 0;
                yield null;
            }
            case CSI -> {
                csi(b);
                yield null;
            }
            case SS3 -> {
                if (b == 'F') {
                    cursor = size;
                } else if (b == 'H') {
                    cursor = 0;
                }
                escape = Escape.NONE;
                yield null;
            }
        };
        if (finished == null) {
            redraw(echoOut);
        }
        return finished;
    }

    private String normal(int b, ByteArrayOutputStream echoOut) {
        switch (b) {
            case 1 -> cursor = 0;
            case 4 -> delete();
            case 5 -> cursor = size;
            case 10, 13 -> {
                return enter(echoOut);
            }
            case 23 -> deleteWordBackwards();
            case 27 -> escape = Escape.ESC;
            case 8, 127 -> {
                if (cursor > 0) {
                    cursor--;
                    delete();
                }
            }
            case 155 -> escape = Escape.CSI;
            default -> {
                if (b >= 32) {
                    insert((byte) b);
                }
            }
        }
        return null;
    }

    private void csi(int b) {
        if (b >= '0' && b <= '9') {
            escapeParameter = Math.min(escapeParameter * 10 + (b - '0'), 1000);
            return;
        }
        switch (b) {
            case 'A', 'F' -> historyUp();
            case 'B', 'E' -> historyDown();
            case 'D' -> cursor = Math.max(0, cursor - 1);
            case 'C' -> cursor = Math.min(size, cursor + 1);
            case '~' -> {
                if (escapeParameter == 1) {
                    cursor = 0;
                } else if (escapeParameter == 3) {
                    delete();
                } else if (escapeParameter == 4) {
                    cursor = size;
                }
            }
            default -> { }
        }
        escape = Escape.NONE;
    }

    private String enter(ByteArrayOutputStream echoOut) {
        String text = new String(line, 0, size, StandardCharsets.UTF_8);
        addHistory(Arrays.copyOf(line, size));
        if (echo) {
            echoOut.write('\n');
        }
        size = 0;
        cursor = 0;
        shownSize = 0;
        shownCursor = 0;
        return text;
    }

    private void insert(byte b) {
        if (size < MAX_LINE) {
            System.arraycopy(line, cursor, line, cursor + 1, size - cursor);
            line[cursor++] = b;
            size++;
        }
    }

    private void delete() {
        if (cursor < size) {
            System.arraycopy(line, cursor + 1, line, cursor, size - cursor - 1);
            size--;
        }
    }

    /** QEMU's {@code readline_backword} (^W). */
    private void deleteWordBackwards() {
        if (cursor == 0) {
            return;
        }
        int start = cursor - 1;
        while (start > 0 && HmpWords.isSpace((char) line[start])) {
            start--;
        }
        while (start > 0) {
            if (HmpWords.isSpace((char) line[start])) {
                start++;
                break;
            }
            start--;
        }
        System.arraycopy(line, cursor, line, start, size - cursor);
        size -= cursor - start;
        cursor = start;
    }

    private void historyUp() {
        if (historyEntry == 0 || history.isEmpty()) {
            return;
        }
        historyEntry = (historyEntry == -1 ? history.size() : historyEntry) - 1;
        load(history.get(historyEntry));
    }

    private void historyDown() {
        if (historyEntry == -1) {
            return;
        }
        if (historyEntry + 1 < history.size()) {
            load(history.get(++historyEntry));
        } else {
            historyEntry = -1;
            load(new byte[0]);
        }
    }

    private void load(byte[] entry) {
        System.arraycopy(entry, 0, line, 0, entry.length);
        size = entry.length;
        cursor = size;
    }

    /** QEMU's {@code readline_hist_add}: no empty lines, a repeated line moves to the end. */
    private void addHistory(byte[] entry) {
        if (entry.length == 0) {
            return;
        }
        history.removeIf(old -> Arrays.equals(old, entry));
        if (history.size() == MAX_HISTORY) {
            history.remove(0);
        }
        history.add(entry);
        historyEntry = -1;
    }

    /** QEMU's {@code readline_update}. */
    private void redraw(ByteArrayOutputStream out) {
        if (!echo) {
            return;
        }
        if (size != shownSize || !Arrays.equals(line, 0, size, shown, 0, size)) {
            repeat(out, LEFT, shownCursor);
            out.write(line, 0, size);
            out.write(CLEAR_TO_END, 0, CLEAR_TO_END.length);
            System.arraycopy(line, 0, shown, 0, size);
            shownSize = size;
            shownCursor = size;
        }
        if (cursor != shownCursor) {
            repeat(out, cursor > shownCursor ? RIGHT : LEFT, Math.abs(cursor - shownCursor));
            shownCursor = cursor;
        }
    }

    private static void repeat(ByteArrayOutputStream out, byte[] sequence, int times) {
        for (int i = 0; i < times; i++) {
            out.write(sequence, 0, sequence.length);
        }
    }
}
