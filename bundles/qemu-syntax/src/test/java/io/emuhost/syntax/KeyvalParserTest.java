package io.emuhost.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyvalParserTest {

    private static KeyvalOptions opts(String text) throws KeyvalException {
        return KeyvalParser.parse(text, "qom-type", KeyvalSyntax.QEMU_OPTS);
    }

    private static KeyvalOptions keyval(String text) throws KeyvalException {
        return KeyvalParser.parse(text, "qom-type", KeyvalSyntax.KEYVAL);
    }

    @Test
    void parse_firstElementWithoutEquals_isTheImpliedKey() throws KeyvalException {
        KeyvalOptions options = opts("memory-backend-file,id=mem1,size=4G");

        assertEquals(Map.of("qom-type", "memory-backend-file", "id", "mem1", "size", "4G"), options.values());
        assertEquals(List.of("qom-type", "id", "size"), List.copyOf(options.values().keySet()));
    }

    @Test
    void parse_explicitImpliedKey_isAcceptedAnywhere() throws KeyvalException {
        assertEquals("memory-backend-ram", opts("id=m,qom-type=memory-backend-ram").get("qom-type").orElseThrow());
    }

    @Test
    void parse_doubledComma_isOneCommaInAValue() throws KeyvalException {
        assertEquals("/tmp/a,b", opts("memory-backend-file,mem-path=/tmp/a,,b,size=1G").get("mem-path").orElseThrow());
    }

    @Test
    void parse_doubledCommaInImpliedValue_isOneCommaWithQemuOpts() throws KeyvalException {
        assertEquals("a,b", opts("a,,b,id=x").get("qom-type").orElseThrow());
    }

    @Test
    void parse_bareKey_isShortFormOnWithItsWarning() throws KeyvalException {
        KeyvalOptions options = opts("memory-backend-file,id=mem1,share,size=4G");

        assertEquals("on", options.get("share").orElseThrow());
        ShortFormBoolean flag = options.shortForms().get(0);
        assertEquals("short-form boolean option 'share' deprecated", flag.warning());
        assertEquals("Please use share=on instead", flag.hint());
    }

    @Test
    void parse_bareNoKey_isShortFormOff() throws KeyvalException {
        KeyvalOptions options = opts("memory-backend-file,noshare");

        assertEquals("off", options.get("share").orElseThrow());
        assertEquals("short-form boolean option 'noshare' deprecated", options.shortForms().get(0).warning());
        assertEquals("Please use share=off instead", options.shortForms().get(0).hint());
    }

    @Test
    void parse_bareHelp_asksForHelpWithoutWarning() throws KeyvalException {
        KeyvalOptions options = opts("memory-backend-file,help");

        assertTrue(options.helpWanted());
        assertTrue(options.shortForms().isEmpty());
        assertFalse(options.values().containsKey("help"));
    }

    @Test
    void parse_firstElementHelp_isTheImpliedValueWithQemuOpts() throws KeyvalException {
        KeyvalOptions options = opts("help");

        assertEquals("help", options.get("qom-type").orElseThrow());
        assertFalse(options.helpWanted());
    }

    @Test
    void parse_firstElementHelp_asksForHelpWithKeyval() throws KeyvalException {
        KeyvalOptions options = keyval("?");

        assertTrue(options.helpWanted());
        assertTrue(options.get("qom-type").isEmpty());
    }

    @Test
    void parse_bareKeyWithKeyval_isRejected() {
        KeyvalException e = assertThrows(KeyvalException.class, () -> keyval("memory-backend-file,id=m,share"));

        assertEquals("Expected '=' after parameter 'share'", e.getMessage());
    }

    @Test
    void parse_keyThatIsNoQapiNameWithKeyval_isRejected() {
        KeyvalException e = assertThrows(KeyvalException.class, () -> keyval("t,1x=2"));

        assertEquals("Invalid parameter '1x'", e.getMessage());
    }

    @Test
    void parse_emptyKey_isRejected() {
        KeyvalException e = assertThrows(KeyvalException.class, () -> opts("t,=5"));

        assertEquals("Invalid parameter ''", e.getMessage());
    }

    @Test
    void parse_repeatedKey_lastValueWins() throws KeyvalException {
        assertEquals("2G", opts("t,size=1G,size=2G").get("size").orElseThrow());
    }

    @Test
    void parse_trailingComma_isIgnored() throws KeyvalException {
        assertEquals(Map.of("qom-type", "t", "id", "x"), opts("t,id=x,").values());
    }

    @Test
    void without_dropsOneKeyKeepingOrder() throws KeyvalException {
        assertEquals(List.of("id", "size"), List.copyOf(opts("t,id=x,size=1").without("qom-type").keySet()));
    }
}
