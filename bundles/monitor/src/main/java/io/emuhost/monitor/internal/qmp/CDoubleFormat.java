package io.emuhost.monitor.internal.qmp;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** C's {@code printf("%.17g")}, which QEMU's JSON writer uses for floating-point numbers. */
final class CDoubleFormat {

    private static final int DIGITS = 17;

    private CDoubleFormat() {
    }

    /**
     * Formats a double as {@code %.17g} does: 17 significant digits, trailing zeros removed,
     * scientific notation ({@code 1e+20}) for exponents below -4 or from 17 on.
     *
     * @param value the number
     * @return e.g. {@code 0.10000000000000001}, {@code 1e+20}, {@code inf}
     */
    static String format(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(DIGITS, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= DIGITS) {
            String digits = rounded.unscaledValue().abs().toString().replaceFirst("0+$", "");
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String sign = rounded.signum() < 0 ? "-" : "";
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
                    + Math.abs(exponent);
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
