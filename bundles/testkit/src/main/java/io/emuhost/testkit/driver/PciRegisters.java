package io.emuhost.testkit.driver;

/**
 * Offsets and bits of the type-0 configuration header (PCI Local Bus 3.0 §6.2) and of the MSI-X
 * capability (§6.8.2) that the driver uses.
 */
final class PciRegisters {

    static final int VENDOR_ID = 0x00;
    static final int DEVICE_ID = 0x02;
    static final int COMMAND = 0x04;
    static final int STATUS = 0x06;
    static final int REVISION_ID = 0x08;
    static final int HEADER_TYPE = 0x0e;
    static final int BAR0 = 0x10;
    static final int CAPABILITIES_POINTER = 0x34;
    static final int INTERRUPT_LINE = 0x3c;
    static final int INTERRUPT_PIN = 0x3d;

    static final int COMMAND_IO = 0x1;
    static final int COMMAND_MEMORY = 0x2;
    static final int COMMAND_BUS_MASTER = 0x4;
    static final int COMMAND_INTX_DISABLE = 0x400;
    static final int STATUS_CAPABILITIES_LIST = 0x10;
    static final int HEADER_TYPE_MULTIFUNCTION = 0x80;
    static final int NO_VENDOR = 0xffff;
    static final int BAR_COUNT = 6;

    static final int BAR_IO_SPACE = 0x1;
    static final int BAR_MEM_TYPE_MASK = 0x6;
    static final int BAR_MEM_TYPE_64 = 0x4;
    static final int BAR_MEM_PREFETCH = 0x8;

    static final int CAP_ID_VENDOR = 0x09;
    static final int CAP_ID_MSIX = 0x11;
    /** Linux's PCI_FIND_CAP_TTL: the most capabilities a list walk follows. */
    static final int CAP_TTL = 48;

    static final int MSIX_CONTROL = 2;
    static final int MSIX_TABLE = 4;
    static final int MSIX_PBA = 8;
    static final int MSIX_CONTROL_TABLE_SIZE = 0x7ff;
    static final int MSIX_CONTROL_FUNCTION_MASK = 0x4000;
    static final int MSIX_CONTROL_ENABLE = 0x8000;
    static final int MSIX_BIR_MASK = 0x7;
    static final int MSIX_ENTRY_SIZE = 16;
    static final int MSIX_ENTRY_ADDR_LO = 0;
    static final int MSIX_ENTRY_ADDR_HI = 4;
    static final int MSIX_ENTRY_DATA = 8;
    static final int MSIX_ENTRY_VECTOR_CONTROL = 12;
    static final int MSIX_ENTRY_MASKED = 0x1;

    private PciRegisters() {
    }
}
