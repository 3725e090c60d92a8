package io.emuhost.testkit.driver;

import io.emuhost.api.bus.GuestBus;

/** How the driver reaches configuration space. */
public enum ConfigMechanism {
    /** Ports 0xCF8/0xCFC (what every pc machine has). */
    PORT_IO,
    /** ECAM at {@link EcamConfigAccess#DEFAULT_BASE}. */
    ECAM;

    /**
     * The access over a bus.
     *
     * @param bus the machine's bus
     * @return the access
     */
    public PciConfigAccess over(GuestBus bus) {
        return switch (this) {
            case PORT_IO -> new PortConfigAccess(bus);
            case ECAM -> new EcamConfigAccess(bus, EcamConfigAccess.DEFAULT_BASE);
        };
    }
}
