package io.emuhost.api.device;

/** QEMU's OnOffAuto property type. */
public enum OnOffAuto {
    /** Forced on. */
    ON,
    /** Forced off. */
    OFF,
    /** Chosen from other properties. */
    AUTO
}
