package io.emuhost.syntax;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Consumer;

/**
 * QEMU's number parsers (util/cutils.c, 7.2): {@code qemu_strtou64}, which is C's
 * {@code strtoull} rejecting trailing characters (negative numbers wrap), and
 * {@code qemu_strtosz}, the size syntax of §1.2 of the reference: decimal (a leading 0 is not
 * octal), 0x hex, an optional B/K/M/G/T/P/E suffix in powers of 1024, fractions only with a
 * suffix.
 */
public final class QemuNumbers {

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger HALF = BigInteger.ONE.shiftLeft(63);

    private QemuNumbers() {
    }

    /**
     * {@code qemu_strtou64(text, NULL, base)}.
     *
     * @param text the input
     * @param base 0 (C prefixes: 0x hex, 0 octal), 10 or 16
     * @return the value as an unsigned 64-bit number
     * @throws MalformedNumberException on no digits, trailing characters or overflow
     */
    public static long strtou64(String text, int base) throws MalformedNumberException {
        Prefix p = strtoull(text, base);
        if (p.end == 0 || p.end != text.length() || p.overflow) {
            throw new MalformedNumberException(text);
        }
        return p.value;
    }

    /**
     * {@code qemu_strtosz(text, NULL)}.
     *
     * @param text the input
     * @param warning receives QEMU's deprecation warning for a hex number with a suffix
     * @return the size in bytes, unsigned
     * @throws MalformedNumberException if QEMU rejects the input
     */
    public static long strtosz(String text, Consumer<String> warning) throws MalformedNumberException {
        Prefix integral = strtoull(text, 10);
        if (integral.end == 0 || integral.overflow || text.substring(0, integral.end).indexOf('-') >= 0) {
            throw new MalformedNumberException(text);
        }
        long value = integral.value;
        int end = integral.end;
        boolean hex = false;
        BigInteger fraction = BigInteger.ZERO;
        if (value == 0 && (charAt(text, end) == 'x' || charAt(text, end) == 'X')) {
            Prefix reparsed = strtoull(text, 16);
            if (reparsed.overflow || charAt(text, reparsed.end) == '.') {
                throw new MalformedNumberException(text);
            }
            value = reparsed.value;
            end = reparsed.end;
            hex = true;
        } else if (charAt(text, end) == '.') {
            int digitsEnd = end + 1;
            while (isDigit(charAt(text, digitsEnd))) {
                digitsEnd++;
            }
            if (digitsEnd == end + 1) {
                end++; // "1.k" works without fractional digits
            } else if (isExponent(text, digitsEnd)) {
                throw new MalformedNumberException(text);
            } else {
                // a 64-bit fixed-point fraction, as QEMU extracts it
                double f = Double.parseDouble("0" + text.substring(end, digitsEnd));
                fraction = new BigDecimal(f).multiply(new BigDecimal(TWO_64)).toBigInteger();
                end = digitsEnd;
            }
        }
        long multiplier = suffixMultiplier(charAt(text, end));
        if (multiplier > 0) {
            if (hex) {
                warning.accept("Using a multiplier suffix on hex numbers is deprecated: " + text);
            }
            end++;
        } else {
            multiplier = 1;
        }
        if (end != text.length() || (multiplier == 1 && fraction.signum() != 0)) {
            throw new MalformedNumberException(text);
        }
        BigInteger m = BigInteger.valueOf(multiplier);
        BigInteger total = new BigInteger(Long.toUnsignedString(value)).multiply(m)
                .add(fraction.multiply(m).add(HALF).shiftRight(64));
        if (total.compareTo(TWO_64) >= 0) {
            throw new MalformedNumberException(text);
        }
        return total.longValue();
    }

    /** An exponent strtod would consume: e or E, an optional sign, a digit. */
    private static boolean isExponent(String text, int at) {
        char c = charAt(text, at);
        if (c != 'e' && c != 'E') {
            return false;
        }
        int next = at + 1;
        if (charAt(text, next) == '+' || charAt(text, next) == '-') {
            next++;
        }
        return isDigit(charAt(text, next));
    }

    private static long suffixMultiplier(char suffix) {
        return switch (Character.toUpperCase(suffix)) {
            case 'B' -> 1L;
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            case 'T' -> 1L << 40;
            case 'P' -> 1L << 50;
            case 'E' -> 1L << 60;
            default -> -1L;
        };
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static char charAt(String text, int index) {
        return index < text.length() ? text.charAt(index) : '\0';
    }

    /** What C's strtoull consumed: end is 0 when there was no number at all. */
    private record Prefix(long value, int end, boolean overflow) {
    }

    private static Prefix strtoull(String text, int base) {
        int i = 0;
        while (i < text.length() && " \t\n\u000b\f\r".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        boolean negative = false;
        if (charAt(text, i) == '+' || charAt(text, i) == '-') {
            negative = charAt(text, i) == '-';
            i++;
        }
        int radix = base;
        boolean hexPrefix = charAt(text, i) == '0' && (charAt(text, i + 1) == 'x' || charAt(text, i + 1) == 'X')
                && charAt(text, i + 2) < 0x80 && Character.digit(charAt(text, i + 2), 16) >= 0;
        if ((base == 0 || base == 16) && hexPrefix) {
            radix = 16;
            i += 2;
        } else if (base == 0) {
            radix = charAt(text, i) == '0' ? 8 : 10;
        }
        int start = i;
        BigInteger value = BigInteger.ZERO;
        BigInteger r = BigInteger.valueOf(radix);
        while (charAt(text, i) < 0x80 && Character.digit(charAt(text, i), radix) >= 0) {
            value = value.multiply(r).add(BigInteger.valueOf(Character.digit(text.charAt(i), radix)));
            i++;
        }
        if (i == start) {
            return new Prefix(0, 0, false);
        }
        boolean overflow = value.compareTo(TWO_64) >= 0;
        long v = value.longValue();
        return new Prefix(negative ? -v : v, i, overflow);
    }
}
