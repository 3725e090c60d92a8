package io.emuhost.monitor.internal.qmp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The greeting a QMP client gets on connecting, in QEMU's shape
 * ({@code {"QMP": {"version": {"qemu": {"micro": 0, "minor": 0, "major": 1}, "package":
 * "emuhost 1.0.0"}, "capabilities": ["oob"]}}}). The numbers are emuhost's own version (the
 * machine bundle's), not a QEMU version: emuhost implements QEMU 7.2's protocol and errors, not
 * its whole command set, so tools that gate features on the QEMU version must not take it for
 * QEMU 7.2. {@code package} names emuhost.
 *
 * @param major the major version
 * @param minor the minor version
 * @param micro the micro version
 * @param packageName the {@code package} text
 */
record QmpGreeting(long major, long minor, long micro, String packageName) {

    /**
     * The greeting for an emuhost version.
     *
     * @param version e.g. {@code 1.0.0} or {@code 1.2.3.SNAPSHOT}
     * @return the greeting
     */
    static QmpGreeting of(String version) {
        String[] parts = version.split("\\.");
        return new QmpGreeting(number(parts, 0), number(parts, 1), number(parts, 2), "emuhost " + version);
    }

    private static long number(String[] parts, int index) {
        if (index >= parts.length) {
            return 0;
        }
        String digits = parts[index].replaceAll("[^0-9].*", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }

    /**
     * The message.
     *
     * @return the greeting as JSON-shaped values, members in QEMU's order
     */
    Map<String, Object> message() {
        Map<String, Object> qemu = new LinkedHashMap<>();
        qemu.put("micro", micro);
        qemu.put("minor", minor);
        qemu.put("major", major);
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("qemu", qemu);
        version.put("package", packageName);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        body.put("capabilities", List.of("oob"));
        return Map.of("QMP", body);
    }
}
