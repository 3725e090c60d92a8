package io.emuhost.monitor.internal.hmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.emuhost.api.monitor.ArgumentSpec;
import io.emuhost.api.monitor.ArgumentType;
import io.emuhost.api.monitor.CommandSpec;
import io.emuhost.monitor.internal.ParsedArguments;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fuzz target: HMP argument parsing ({@link HmpWords} and {@link HmpArgumentParser}, QEMU 7.2's
 * {@code monitor_parse_arguments}) of a random line against a random argument list of every
 * {@link ArgumentType}, required or optional. Invariants: the parser returns or throws
 * {@link HmpSyntaxException}, nothing else; every required non-keyval argument is present in
 * what it returns; it keeps no state: a known-good {@code device_add}-shaped line parses as always
 * afterwards. Regression inputs: {@code HmpArgumentFuzzTestInputs/hmpArguments/}.
 */
class HmpArgumentFuzzTest {

    private static final ArgumentType[] TYPES = ArgumentType.values();
    private static final int MAX_ARGUMENTS = 4;

    private final PrintStream diagnostics = new PrintStream(OutputStream.nullOutputStream(), true,
            StandardCharsets.UTF_8);

    @FuzzTest
    void hmpArguments(FuzzedDataProvider data) throws Exception {
        List<ArgumentSpec> arguments = new ArrayList<>();
        int count = data.consumeInt(0, MAX_ARGUMENTS);
        for (int i = 0; i < count; i++) {
            arguments.add(new ArgumentSpec("a" + i, TYPES[data.consumeInt(0, TYPES.length - 1)], data.consumeBoolean(),
                    ""));
        }
        String line = data.consumeBoolean() ? data.consumeRemainingAsAsciiString() : data.consumeRemainingAsString();

        try {
            ParsedArguments parsed = HmpArgumentParser.parse(spec(arguments), new HmpWords(line, 0), diagnostics);
            for (ArgumentSpec argument : arguments) {
                if (!argument.optional() && argument.type() != ArgumentType.KEYVAL) {
                    assertTrue(parsed.values().containsKey(argument.name()), argument + " missing in " + parsed);
                }
            }
        } catch (HmpSyntaxException expected) {
            // the typed outcome: QEMU's monitor line, or nothing when the diagnostics said it
        }

        stillParses();
    }

    private static CommandSpec spec(List<ArgumentSpec> arguments) {
        return new CommandSpec(Optional.empty(), Optional.of("cmd"), false, "", "", arguments, false);
    }

    private void stillParses() throws HmpSyntaxException {
        ParsedArguments parsed = HmpArgumentParser.parse(spec(List.of(
                new ArgumentSpec("id", ArgumentType.STRING, false, ""),
                new ArgumentSpec("size", ArgumentType.SIZE, true, ""),
                new ArgumentSpec("driver", ArgumentType.KEYVAL, false, ""))),
                new HmpWords(" nv1 16M virtio-pmem-pci,memdev=m1", 0), diagnostics);
        assertEquals(Map.of("id", "nv1", "size", 16L << 20), parsed.values());
        assertEquals(Map.of("driver", "virtio-pmem-pci", "memdev", "m1"), parsed.extra());
    }
}
