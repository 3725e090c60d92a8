package io.emuhost.monitor.internal.qmp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A well-formed QMP request: QEMU 7.2's checks of the request object
 * ({@code qapi/qmp-dispatch.c qmp_dispatch_check_obj}), made in the order QEMU walks the members.
 *
 * @param command the command name
 * @param outOfBand true if sent as {@code exec-oob}
 * @param arguments the {@code arguments} member, empty if absent
 * @param id the {@code id}, echoed in the reply
 */
record QmpRequest(String command, boolean outOfBand, Map<String, Object> arguments, RequestId id) {

    /**
     * Checks a parsed value.
     *
     * @param value the JSON value
     * @param allowOutOfBand whether {@code exec-oob} is a member (during negotiation, or once
     *     {@code oob} is enabled)
     * @return the request
     * @throws QmpException {@code QMP input must be a JSON object}, {@code QMP input member 'x'
     *     must be a string}, {@code ... clashes with ...}, {@code QMP input member 'arguments'
     *     must be an object}, {@code QMP input member 'x' is unexpected},
     *     {@code QMP input lacks member 'execute'}; all but the first carry the id
     */
    @SuppressWarnings("unchecked")
    static QmpRequest check(Object value, boolean allowOutOfBand) throws QmpException {
        if (!(value instanceof Map<?, ?>)) {
            throw new QmpException(QmpError.generic("QMP input must be a JSON object"), RequestId.NONE);
        }
        Map<String, Object> request = (Map<String, Object>) value;
        RequestId id = request.containsKey("id") ? RequestId.of(request.get("id")) : RequestId.NONE;
        String execKey = null;
        for (String key : QdictOrder.visitOrder(new ArrayList<>(request.keySet()))) {
            Object member = request.get(key);
            if ("execute".equals(key) || ("exec-oob".equals(key) && allowOutOfBand)) {
                if (!(member instanceof String)) {
                    throw error("QMP input member '" + key + "' must be a string", id);
                }
                if (execKey != null) {
                    throw error("QMP input member '" + key + "' clashes with '" + execKey + "'", id);
                }
                execKey = key;
            } else if ("arguments".equals(key)) {
                if (!(member instanceof Map<?, ?>)) {
                    throw error("QMP input member 'arguments' must be an object", id);
                }
            } else if (!"id".equals(key)) {
                throw error("QMP input member '" + key + "' is unexpected", id);
            }
        }
        if (execKey == null) {
            throw error("QMP input lacks member 'execute'", id);
        }
        Map<String, Object> arguments = request.containsKey("arguments")
                ? (Map<String, Object>) request.get("arguments") : new LinkedHashMap<>();
        return new QmpRequest((String) request.get(execKey), "exec-oob".equals(execKey), arguments, id);
    }

    private static QmpException error(String desc, RequestId id) {
        return new QmpException(QmpError.generic(desc), id);
    }
}
