package io.emuhost.monitor.internal.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QdictOrderTest {

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void bucket_isQemusTdbHashModulo512() {
        assertEquals(401, QdictOrder.bucket("return"));
        assertEquals(486, QdictOrder.bucket("id"));
        assertEquals(489, QdictOrder.bucket("error"));
        assertEquals(299, QdictOrder.bucket("execute"));
        assertEquals(134, QdictOrder.bucket("x"));
    }

    @Test
    void forOutput_putsTheIdAfterReturnButBeforeError() {
        assertEquals(List.of("return", "id"), List.copyOf(((Map<?, ?>) QdictOrder.forOutput(map("id", 1, "return", 2)))
                .keySet()));
        assertEquals(List.of("id", "error"), List.copyOf(((Map<?, ?>) QdictOrder.forOutput(map("error", 1, "id", 2)))
                .keySet()));
    }

    @Test
    void forOutput_ordersQueryMemdevAsQemuPrintsIt() {
        Map<String, Object> memdev = map("id", "m", "size", 1, "merge", true, "dump", true, "prealloc", false,
                "share", true, "reserve", true, "host-nodes", List.of(), "policy", "default");

        Object ordered = QdictOrder.forOutput(List.of(memdev));

        assertEquals(List.of("share", "reserve", "prealloc", "host-nodes", "size", "merge", "dump", "policy", "id"),
                List.copyOf(((Map<?, ?>) ((List<?>) ordered).get(0)).keySet()));
    }

    @Test
    void forOutput_keepsTheOrderOfKeysSharingABucket() {
        assertEquals(QdictOrder.bucket("micro"), QdictOrder.bucket("minor"));

        Object ordered = QdictOrder.forOutput(map("micro", 0, "minor", 0, "major", 1));

        assertEquals(List.of("micro", "minor", "major"), List.copyOf(((Map<?, ?>) ordered).keySet()));
    }

    @Test
    void visitOrder_isByBucketThenLaterInputFirst() {
        assertEquals(List.of("x", "execute"), QdictOrder.visitOrder(List.of("execute", "x")));
        assertEquals(List.of("minor", "micro"), QdictOrder.visitOrder(List.of("micro", "minor")));
    }
}
