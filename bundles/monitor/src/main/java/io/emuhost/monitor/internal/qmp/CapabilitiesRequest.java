package io.emuhost.monitor.internal.qmp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The arguments of {@code qmp_capabilities}: {@code {"enable": ["oob"]}} or none, checked with
 * QEMU 7.2's QAPI visitor errors (observed).
 *
 * @param outOfBand whether {@code oob} is enabled
 */
record CapabilitiesRequest(boolean outOfBand) {

    /**
     * Checks the arguments.
     *
     * @param arguments the {@code arguments} member
     * @param id the request's id, for errors
     * @return what to enable
     * @throws QmpException {@code Invalid parameter type for 'enable', expected: array},
     *     {@code Invalid parameter type for 'enable[0]', expected: string},
     *     {@code Parameter 'null' does not accept value 'x'} (QEMU's text for a bad list element),
     *     {@code Parameter 'x' is unexpected}
     */
    static CapabilitiesRequest check(Map<String, Object> arguments, RequestId id) throws QmpException {
        boolean outOfBand = false;
        if (arguments.containsKey("enable")) {
            if (!(arguments.get("enable") instanceof List<?> enable)) {
                throw error("Invalid parameter type for 'enable', expected: array", id);
            }
            for (int i = 0; i < enable.size(); i++) {
                if (!(enable.get(i) instanceof String capability)) {
                    throw error("Invalid parameter type for 'enable[" + i + "]', expected: string", id);
                }
                if (!"oob".equals(capability)) {
                    throw error("Parameter 'null' does not accept value '" + capability + "'", id);
                }
                outOfBand = true;
            }
        }
        for (String key : QdictOrder.visitOrder(new ArrayList<>(arguments.keySet()))) {
            if (!"enable".equals(key)) {
                throw error("Parameter '" + key + "' is unexpected", id);
            }
        }
        return new CapabilitiesRequest(outOfBand);
    }

    private static QmpException error(String desc, RequestId id) {
        return new QmpException(QmpError.generic(desc), id);
    }
}
