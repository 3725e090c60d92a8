package io.emuhost.api.bus;

/**
 * Registers behind a memory BAR.
 *
 * @param index BAR number
 * @param size size in bytes
 * @param is64Bit 64-bit BAR
 * @param prefetchable prefetchable bit
 * @param handler the registers
 */
public record MmioBar(int index, long size, boolean is64Bit, boolean prefetchable, IoHandler handler)
        implements PciBar {
}
