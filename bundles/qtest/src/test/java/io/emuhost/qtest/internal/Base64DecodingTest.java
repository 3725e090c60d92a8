package io.emuhost.qtest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** {@code b64write} decodes as glib's g_base64_decode does. */
class Base64DecodingTest {

    @Test
    void decode_paddedGroups_dropOneBytePerPad() {
        assertArrayEquals(new byte[] {1}, MemoryCommands.decodeBase64("AQ=="));
        assertArrayEquals(new byte[] {1, 2}, MemoryCommands.decodeBase64("AQI="));
        assertArrayEquals(new byte[] {1, 2, 3}, MemoryCommands.decodeBase64("AQID"));
    }

    @Test
    void decode_charactersOutsideTheAlphabet_areSkipped() {
        assertArrayEquals(new byte[] {1, 2, 3}, MemoryCommands.decodeBase64("A*Q\tI!D"));
    }

    @Test
    void decode_incompleteLastGroup_isDropped() {
        assertArrayEquals(new byte[] {1, 2, 3}, MemoryCommands.decodeBase64("AQIDAQ"));
    }
}
