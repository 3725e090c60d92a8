package io.emuhost.machine.internal.registry;

import io.emuhost.api.device.ConfigurationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code addr} property of PCI devices (hw/core/qdev-properties-system.c set_pci_devfn):
 * {@code SLOT[.FUNCTION]} in hex as a string, or a devfn number from QMP; -1 means automatic.
 */
final class PciAddressProperty {

    /** No address given: the bus picks the first free slot. */
    static final int AUTOMATIC = -1;

    private static final Pattern SLOT_FUNCTION =
            Pattern.compile("\\s*(?:0[xX])?([0-9a-fA-F]+)(?:\\.\\s*(?:0[xX])?([0-9a-fA-F]+))?");

    private PciAddressProperty() {
    }

    /**
     * Parses the property.
     *
     * @param value the raw value, or null when absent
     * @param driver the device model, for the message
     * @return the devfn, or {@link #AUTOMATIC}
     * @throws ConfigurationException with QEMU's wording
     */
    static int devfn(Object value, String driver) throws ConfigurationException {
        if (value == null) {
            return AUTOMATIC;
        }
        if (value instanceof Number number) {
            long devfn = number.longValue();
            if (devfn < -1 || devfn > 255) {
                throw new ConfigurationException("Parameter 'addr' expects a value between -1 and 255");
            }
            return (int) devfn;
        }
        String text = String.valueOf(value);
        Matcher m = SLOT_FUNCTION.matcher(text);
        if (m.matches() && m.group(1).length() <= 8 && (m.group(2) == null || m.group(2).length() <= 8)) {
            long slot = Long.parseLong(m.group(1), 16);
            long function = m.group(2) == null ? 0 : Long.parseLong(m.group(2), 16);
            if (slot <= 31 && function <= 7) {
                return (int) (slot << 3 | function);
            }
        }
        throw new ConfigurationException("Property '" + driver + ".addr' doesn't take value '" + text + "'");
    }
}
