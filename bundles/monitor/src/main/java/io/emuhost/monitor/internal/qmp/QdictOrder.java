package io.emuhost.monitor.internal.qmp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which QEMU walks a JSON object (a QDict, {@code qobject/qdict.c}): by hash bucket,
 * {@code tdb_hash(key) % 512}, and within a bucket the last inserted key first. QEMU writes every
 * QMP reply in that order ({@code {"return": ..., "id": 1}} but {@code {"id": 1, "error": ...}}),
 * and checks the members of a request in that order, so the first problem it reports depends on it.
 */
final class QdictOrder {

    /** QDICT_BUCKET_MAX. */
    private static final int BUCKETS = 512;

    private QdictOrder() {
    }

    /**
     * The keys of a parsed request in the order QEMU visits them.
     *
     * @param keysInInputOrder the keys as they came
     * @return the keys by bucket, later input first within a bucket
     */
    static List<String> visitOrder(List<String> keysInInputOrder) {
        List<String> keys = new ArrayList<>(keysInInputOrder);
        Collections.reverse(keys);
        keys.sort(Comparator.comparingInt(QdictOrder::bucket));
        return keys;
    }

    /**
     * A copy of a JSON-shaped value with every map's keys in QEMU's output order. Keys that share
     * a bucket keep their relative order, so a map written in the order QEMU prints it stays so.
     *
     * @param value a JSON-shaped value
     * @return the value with reordered maps
     */
    static Object forOutput(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            entries.sort(Comparator.comparingInt(e -> bucket(String.valueOf(e.getKey()))));
            Map<String, Object> ordered = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : entries) {
                ordered.put(String.valueOf(entry.getKey()), forOutput(entry.getValue()));
            }
            return ordered;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(forOutput(element));
            }
            return copy;
        }
        return value;
    }

    /** QEMU's {@code tdb_hash} over the key's bytes, modulo the bucket count. */
    static int bucket(String key) {
        byte[] name = key.getBytes(StandardCharsets.UTF_8);
        int value = 0x238F13AF * name.length;
        for (int i = 0; i < name.length; i++) {
            value += (name[i] & 0xff) << (i * 5 % 24);
        }
        return Integer.remainderUnsigned(1103515243 * value + 12345, BUCKETS);
    }
}
