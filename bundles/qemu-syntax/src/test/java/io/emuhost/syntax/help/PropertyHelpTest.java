package io.emuhost.syntax.help;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.PropertyType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PropertyHelpTest {

    @Test
    void line_withoutDescriptionOrDefault_isNameAndType() {
        assertEquals("  size=<size>", PropertyHelp.line(new PropertySpec("size", PropertyType.SIZE, Optional.empty(), "")));
    }

    @Test
    void line_withDescription_isPaddedTo24Columns() {
        assertEquals("  mem-path=<string>      - File to map",
                PropertyHelp.line(new PropertySpec("mem-path", PropertyType.STRING, Optional.empty(), "File to map")));
    }

    @Test
    void line_withDefault_printsItAsJson() {
        assertEquals("  share=<bool>           - Shared (default: false)",
                PropertyHelp.line(new PropertySpec("share", PropertyType.BOOL, Optional.of("off"), "Shared")));
        assertEquals("  align=<size>           -  (default: 4096)",
                PropertyHelp.line(new PropertySpec("align", PropertyType.SIZE, Optional.of("4K"), "")));
        assertEquals("  rom=<OnOffAuto>        - ROM (default: \"auto\")",
                PropertyHelp.line(new PropertySpec("rom", PropertyType.ON_OFF_AUTO, Optional.of("auto"), "ROM")));
    }

    @Test
    void lines_areSortedAsStrings() {
        List<String> lines = PropertyHelp.lines(List.of(
                new PropertySpec("size", PropertyType.SIZE, Optional.empty(), ""),
                new PropertySpec("mem-path", PropertyType.STRING, Optional.empty(), "")));

        assertEquals(List.of("  mem-path=<string>", "  size=<size>"), lines);
    }
}
