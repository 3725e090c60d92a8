package io.emuhost.api.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceStateTest {

    @Test
    void fields_readBackByTypeInSaveOrder() throws Exception {
        byte[] table = {1, 2, 3};
        DeviceState state = DeviceState.builder("virtio-pmem-pci")
                .put("a.status", 0x0f).put("a.active", true).put("a.table", table).build();
        table[0] = 9;

        assertEquals("virtio-pmem-pci", state.driver());
        assertEquals(List.of("a.status", "a.active", "a.table"), List.copyOf(state.fields()));
        assertEquals(0x0f, state.longValue("a.status", 0, 0xff));
        assertTrue(state.bool("a.active"));
        assertArrayEquals(new byte[] {1, 2, 3}, state.bytes("a.table", 3), "the saved bytes are a copy");
        state.bytes("a.table", 3)[1] = 7;
        assertArrayEquals(new byte[] {1, 2, 3}, state.bytes("a.table", 3), "the read bytes are a copy");
        assertFalse(state.has("a.missing"));
    }

    @Test
    void misreadFields_failWithTheirOwnTypeNamingTheField() {
        DeviceState state = DeviceState.builder("d").put("n", 300).put("b", false).put("t", new byte[4]).build();

        assertEquals("saved state of d has no field 'x'",
                assertThrows(StateException.MissingField.class, () -> state.longValue("x")).getMessage());
        assertEquals("saved state field 'n' is 300, expected 0..255",
                assertThrows(StateException.OutOfRange.class, () -> state.longValue("n", 0, 255)).getMessage());
        assertEquals("saved state field 'b' is not a Long",
                assertThrows(StateException.WrongType.class, () -> state.longValue("b")).getMessage());
        assertEquals("saved state field 't' has 4 bytes, expected 8",
                assertThrows(StateException.WrongLength.class, () -> state.bytes("t", 8)).getMessage());
    }

    @Test
    void aFieldSavedTwice_isAProgrammingError() {
        DeviceState.Builder builder = DeviceState.builder("d").put("n", 1);

        assertThrows(IllegalStateException.class, () -> builder.put("n", 2));
    }
}
