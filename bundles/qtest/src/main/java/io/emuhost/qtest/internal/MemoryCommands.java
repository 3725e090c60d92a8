package io.emuhost.qtest.internal;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The bulk memory commands of softmmu/qtest.c: {@code read}, {@code write}, {@code b64read},
 * {@code b64write} and {@code memset}. Where QEMU's behaviour is undefined we choose: bytes that
 * {@code write} or {@code b64write} data do not cover are written as 0 (QEMU documents
 * zero-filling for {@code write}, and writes uninitialized bytes for {@code b64write}); a
 * non-hex digit in {@code write} data is rejected (QEMU writes garbage).
 */
final class MemoryCommands {

    /** The largest {@code read}/{@code b64read}: the reply is built in memory. */
    static final int MAX_TRANSFER = 16 << 20;
    /** The largest range {@code memset} and zero-filling {@code write} cover in one request. */
    static final long MAX_FILL = 16L << 30;

    private static final String READ = "read ADDR SIZE";
    private static final String B64READ = "b64read ADDR SIZE";
    private static final String WRITE = "write ADDR SIZE DATA";
    private static final String B64WRITE = "b64write ADDR SIZE B64_DATA";
    private static final String MEMSET = "memset ADDR SIZE VALUE";
    private static final String INVALID_SIZE = "ERR invalid argument size\n";
    private static final int HEX_PREFIX = 2;
    private static final String BASE64_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final BusAccess access;

    MemoryCommands(BusAccess access) {
        this.access = access;
    }

    /** {@code read ADDR SIZE} → {@code OK 0x<bytes in memory order>}. */
    void read(Request request, QtestOutput out) throws MalformedRequestException {
        long address = request.unsigned(1, READ);
        long size = request.unsigned(2, READ);
        if (size == 0) {
            throw new MalformedRequestException.ZeroLength("read");
        }
        byte[] data = readBytes(address, size);
        out.send("OK 0x" + HexFormat.of().formatHex(data) + "\n");
    }

    /** {@code b64read ADDR SIZE} → {@code OK <base64>} (SIZE 0 gives {@code OK } as in QEMU). */
    void b64read(Request request, QtestOutput out) throws MalformedRequestException {
        long address = request.unsigned(1, B64READ);
        long size = request.unsigned(2, B64READ);
        out.send("OK " + Base64.getEncoder().encodeToString(readBytes(address, size)) + "\n");
    }

    /** {@code write ADDR SIZE 0xHEX}: data shorter than SIZE is zero-filled. */
    void write(Request request, QtestOutput out) throws MalformedRequestException {
        long address = request.unsigned(1, WRITE);
        long size = request.unsigned(2, WRITE);
        String hex = request.word(3, WRITE);
        if (hex.length() < HEX_PREFIX + 1) {
            out.send(INVALID_SIZE, false);
            return;
        }
        checkFill(size);
        long covered = Math.min(size, (hex.length() - HEX_PREFIX) / 2);
        byte[] data = new byte[(int) covered];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (nibble(hex, HEX_PREFIX + 2 * i) << 4 | nibble(hex, HEX_PREFIX + 2 * i + 1));
        }
        writeZeroFilled(address, size, data);
        out.send("OK\n");
    }

    /** {@code b64write ADDR SIZE B64_DATA}: a length mismatch is noted in the log, as in QEMU. */
    void b64write(Request request, QtestOutput out) throws MalformedRequestException {
        long address = request.unsigned(1, B64WRITE);
        long size = request.unsigned(2, B64WRITE);
        String b64 = request.word(3, B64WRITE);
        if (b64.length() < 3) {
            out.send(INVALID_SIZE, false);
            return;
        }
        checkFill(size);
        byte[] decoded = decodeBase64(b64);
        if (decoded.length != size) {
            out.note("b64write: data length mismatch (told " + Long.toUnsignedString(size) + ", found "
                    + decoded.length + ")\n");
        }
        byte[] data = decoded.length > size ? Arrays.copyOf(decoded, (int) size) : decoded;
        writeZeroFilled(address, size, data);
        out.send("OK\n");
    }

    /** {@code memset ADDR SIZE VALUE}: SIZE 0 does nothing; VALUE's low byte is the pattern. */
    void memset(Request request, QtestOutput out) throws MalformedRequestException {
        long address = request.unsigned(1, MEMSET);
        long size = request.unsigned(2, MEMSET);
        long pattern = request.unsigned(3, MEMSET);
        checkFill(size);
        access.fill(address, size, (byte) pattern);
        out.send("OK\n");
    }

    private byte[] readBytes(long address, long size) throws MalformedRequestException.TransferTooLarge {
        if (Long.compareUnsigned(size, MAX_TRANSFER) > 0) {
            throw new MalformedRequestException.TransferTooLarge(size, MAX_TRANSFER);
        }
        byte[] data = new byte[(int) size];
        access.read(address, data);
        return data;
    }

    private void writeZeroFilled(long address, long size, byte[] data) {
        access.write(address, data, data.length);
        access.fill(address + data.length, size - data.length, (byte) 0);
    }

    private static void checkFill(long size) throws MalformedRequestException.TransferTooLarge {
        if (Long.compareUnsigned(size, MAX_FILL) > 0) {
            throw new MalformedRequestException.TransferTooLarge(size, MAX_FILL);
        }
    }

    private static int nibble(String hex, int index) throws MalformedRequestException.InvalidHexDigit {
        int value = Character.digit(hex.charAt(index), 16);
        if (value < 0 || hex.charAt(index) >= 0x80) {
            throw new MalformedRequestException.InvalidHexDigit(hex, index);
        }
        return value;
    }

    /**
     * glib's {@code g_base64_decode}: characters outside the alphabet are skipped, {@code =}
     * counts as a zero digit and each trailing one (up to two) drops an output byte, and an
     * incomplete last group of four is dropped.
     */
    static byte[] decodeBase64(String text) {
        byte[] out = new byte[text.length() / 4 * 3];
        int length = 0;
        int group = 0;
        int digits = 0;
        int trailingPads = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int value = c == '=' ? 0 : BASE64_DIGITS.indexOf(c);
            if (value < 0) {
                continue;
            }
            trailingPads = c == '=' ? trailingPads + 1 : 0;
            group = group << 6 | value;
            if (++digits == 4) {
                out[length++] = (byte) (group >> 16);
                out[length++] = (byte) (group >> 8);
                out[length++] = (byte) group;
                digits = 0;
                group = 0;
            }
        }
        if (digits == 0) {
            length -= Math.min(trailingPads, 2);
        }
        return Arrays.copyOf(out, length);
    }
}
