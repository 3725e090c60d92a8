package io.emuhost.syntax;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * QEMU's size syntax ({@code qemu_strtosz}, util/cutils.c) for the {@code -m} option: a decimal
 * number with an optional fraction and a binary suffix B, K, M, G, T, P or E (any case), or a
 * {@code 0x} hex number without fraction or suffix. A fraction needs a suffix other than B.
 */
public final class SizeParser {

    private static final String SUFFIXES = "BKMGTPE";
    private static final BigInteger LIMIT = BigInteger.valueOf(Long.MAX_VALUE);

    private SizeParser() {
    }

    /**
     * Parses a size.
     *
     * @param text the string as written, e.g. {@code 1G}, {@code 1.5M}, {@code 0x1000}
     * @return the size in bytes
     * @throws SizeSyntaxException if it is not a size, or does not fit 63 bits
     */
    public static long parse(String text) throws SizeSyntaxException {
        int i = digitsEnd(text, 0, 10);
        if (i == 0) {
            throw new SizeSyntaxException(text, false);
        }
        if (i < text.length() && (text.charAt(i) == 'x' || text.charAt(i) == 'X') && isZeros(text, i)) {
            return parseHex(text, i + 1);
        }
        BigDecimal number = new BigDecimal(text.substring(0, i));
        if (i < text.length() && text.charAt(i) == '.') {
            int fractionEnd = digitsEnd(text, i + 1, 10);
            if (fractionEnd > i + 1) {
                number = new BigDecimal(text.substring(0, fractionEnd));
            }
            i = fractionEnd;
        }
        int exponent = i < text.length() ? SUFFIXES.indexOf(Character.toUpperCase(text.charAt(i))) : -1;
        if (exponent >= 0) {
            i++;
        }
        boolean fraction = number.remainder(BigDecimal.ONE).signum() != 0;
        if (i != text.length() || (exponent <= 0 && fraction)) {
            throw new SizeSyntaxException(text, false);
        }
        BigInteger bytes = number.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(10 * Math.max(exponent, 0))))
                .setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
        if (bytes.compareTo(LIMIT) > 0) {
            throw new SizeSyntaxException(text, true);
        }
        return bytes.longValueExact();
    }

    private static long parseHex(String text, int from) throws SizeSyntaxException {
        int end = digitsEnd(text, from, 16);
        if (end == from || end != text.length()) {
            throw new SizeSyntaxException(text, false);
        }
        BigInteger value = new BigInteger(text.substring(from, end), 16);
        if (value.compareTo(LIMIT) > 0) {
            throw new SizeSyntaxException(text, true);
        }
        return value.longValueExact();
    }

    private static boolean isZeros(String text, int end) {
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    private static int digitsEnd(String text, int from, int radix) {
        int i = from;
        while (i < text.length() && Character.digit(text.charAt(i), radix) >= 0 && text.charAt(i) < 0x80) {
            i++;
        }
        return i;
    }
}
