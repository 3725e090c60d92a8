package io.emuhost.api.device;

/** The value types of factory properties, named as QEMU's {@code help} output names them. */
public enum PropertyType {
    /** A string. */
    STRING("string"),
    /** A size in bytes, with suffixes on the CLI and HMP. */
    SIZE("size"),
    /** A boolean. */
    BOOL("bool"),
    /** An unsigned 64-bit integer. */
    UINT64("uint64"),
    /** A 32-bit unsigned integer. */
    UINT32("uint32"),
    /** On, off or auto. */
    ON_OFF_AUTO("OnOffAuto"),
    /** A link to another object, given by id. */
    LINK("link"),
    /** A list of integers or ranges, e.g. host NUMA nodes. */
    INT_LIST("int-list"),
    /** A QEMU enumeration such as HostMemPolicy. */
    ENUM("enum");

    private final String qemuName;

    PropertyType(String qemuName) {
        this.qemuName = qemuName;
    }

    /**
     * The name QEMU prints in {@code help} output.
     *
     * @return the type name
     */
    public String qemuName() {
        return qemuName;
    }
}
