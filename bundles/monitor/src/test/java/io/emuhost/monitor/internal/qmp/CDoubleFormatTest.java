package io.emuhost.monitor.internal.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CDoubleFormatTest {

    /** Expected values from C's printf("%.17g"). */
    @ParameterizedTest
    @CsvSource({
        "1.5, 1.5",
        "0.1, 0.10000000000000001",
        "-0.005, -0.0050000000000000001",
        "1e20, 1e+20",
        "1e16, 10000000000000000",
        "1e17, 1e+17",
        "0.0001, 0.0001",
        "0.00001, 1.0000000000000001e-05",
        "123456789.25, 123456789.25",
        "0, 0",
        "-0.0, -0",
        "Infinity, inf",
        "-Infinity, -inf",
        "NaN, nan",
    })
    void format_matchesPrintfPercent17g(double value, String expected) {
        assertEquals(expected, CDoubleFormat.format(value));
    }
}
