package io.emuhost.cli.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    @Test
    void arguments_splitAtNulKeepingEmptyArguments() {
        assertEquals(List.of("-name", "", "-S"), Bootstrap.arguments("-name\0\0-S"));
    }

    @Test
    void arguments_emptyPropertyIsAnEmptyCommandLine() {
        assertEquals(List.of(), Bootstrap.arguments(""));
    }

    @Test
    void arguments_absentPropertyMeansNoCommandLine() {
        assertNull(Bootstrap.arguments(null));
    }
}
