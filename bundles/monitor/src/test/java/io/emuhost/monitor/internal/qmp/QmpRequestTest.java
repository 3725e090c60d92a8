package io.emuhost.monitor.internal.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QmpRequestTest {

    private static Map<String, Object> request(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static QmpException rejected(Object value) {
        return assertThrows(QmpException.class, () -> QmpRequest.check(value, false));
    }

    @Test
    void check_wellFormed_givesCommandArgumentsAndId() throws QmpException {
        QmpRequest request = QmpRequest.check(request("execute", "device_del", "arguments", Map.of("id", "nv1"),
                "id", List.of(1)), false);

        assertEquals("device_del", request.command());
        assertEquals(Map.of("id", "nv1"), request.arguments());
        assertEquals(RequestId.of(List.of(1)), request.id());
        assertFalse(request.outOfBand());
    }

    @Test
    void check_nullId_isEchoedAsNull() throws QmpException {
        assertEquals(RequestId.of(null), QmpRequest.check(request("execute", "x", "id", null), false).id());
    }

    @Test
    void check_notAnObject_mustBeAnObjectWithoutId() {
        QmpException e = rejected(List.of(1));

        assertEquals("QMP input must be a JSON object", e.getMessage());
        assertEquals(RequestId.NONE, e.id());
    }

    @Test
    void check_memberErrors_giveQemusTextsWithTheId() {
        assertEquals("QMP input lacks member 'execute'", rejected(request("id", 5)).getMessage());
        assertEquals(RequestId.of(5L), rejected(request("id", 5L)).id());
        assertEquals("QMP input member 'execute' must be a string", rejected(request("execute", 1)).getMessage());
        assertEquals("QMP input member 'arguments' must be an object",
                rejected(request("execute", "x", "arguments", List.of())).getMessage());
        assertEquals("QMP input member 'arguments' must be an object",
                rejected(request("execute", "x", "arguments", null)).getMessage());
        assertEquals("QMP input member 'control' is unexpected",
                rejected(request("execute", "x", "control", Map.of())).getMessage());
    }

    @Test
    void check_severalProblems_reportsTheOneQemuMeetsFirst() {
        assertEquals("QMP input member 'x' is unexpected", rejected(request("execute", 1, "x", 2)).getMessage());
        assertEquals("QMP input member 'execute' must be a string",
                rejected(request("arguments", List.of(), "execute", 1)).getMessage());
    }

    @Test
    void check_execOob_isUnexpectedUnlessAllowed() throws QmpException {
        assertEquals("QMP input member 'exec-oob' is unexpected", rejected(request("exec-oob", "x")).getMessage());
        assertTrue(QmpRequest.check(request("exec-oob", "x"), true).outOfBand());
        QmpException clash = assertThrows(QmpException.class,
                () -> QmpRequest.check(request("execute", "x", "exec-oob", "x"), true));
        assertEquals("QMP input member 'execute' clashes with 'exec-oob'", clash.getMessage());
    }
}
