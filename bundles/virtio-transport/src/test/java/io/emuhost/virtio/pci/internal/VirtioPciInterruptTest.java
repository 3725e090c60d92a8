package io.emuhost.virtio.pci.internal;

import static io.emuhost.virtio.pci.internal.PciTestBed.VERSION_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.bus.IoHandler;
import io.emuhost.api.virtio.VirtioInterrupt;
import io.emuhost.virtio.pci.internal.RecordingMsiSink.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtioPciInterruptTest {

    private static final int MSIX_CAP = 0x98;
    private static final int MSIX_ENABLE = 0x8000;
    private static final int MSIX_FUNCTION_MASK = 0x4000;
    private static final int PBA = 0x800;
    private static final long MSI_ADDRESS = 0xfee0_0000L;
    private static final int VECTOR_CONTROL = 12;

    @Test
    void queueInterrupt_intx_setsIsrBit0AndAssertsTheLine() throws Exception {
        PciTestBed bed = started("0");

        interrupt(bed).queue(0);

        assertTrue(bed.intx.asserted);
        assertEquals(1, bed.read(PciTestBed.ISR, 1));
    }

    @Test
    void isrRead_clearsTheBitsAndDeassertsIntx() throws Exception {
        PciTestBed bed = started("0");
        interrupt(bed).queue(0);
        bed.read(PciTestBed.ISR, 1);

        assertFalse(bed.intx.asserted);
        assertEquals(0, bed.read(PciTestBed.ISR, 1));
    }

    @Test
    void configInterrupt_afterDriverOk_setsBothIsrBitsAndChangesGeneration() throws Exception {
        PciTestBed bed = started("0");

        interrupt(bed).config();

        assertTrue(bed.intx.asserted);
        assertEquals(1, bed.read(CommonConfig.CONFIG_GENERATION, 1));
        assertEquals(3, bed.read(PciTestBed.ISR, 1));
    }

    @Test
    void needsReset_setsStatusBitChangesGenerationAndRaisesAConfigInterrupt() throws Exception {
        PciTestBed bed = started("0");

        interrupt(bed).needsReset();

        assertEquals(0x4f, bed.status());
        assertEquals(1, bed.read(CommonConfig.CONFIG_GENERATION, 1));
        assertTrue(bed.intx.asserted);
        assertEquals(3, bed.read(PciTestBed.ISR, 1));
    }

    @Test
    void statusWrite_whileNeedsReset_keepsTheBit() throws Exception {
        PciTestBed bed = started("0");
        interrupt(bed).needsReset();

        bed.write(CommonConfig.DEVICE_STATUS, 1, 0x0f);

        assertEquals(0x4f, bed.status());
    }

    @Test
    void queueInterrupt_msixEnabled_deliversTheQueueVectorMessage() throws Exception {
        PciTestBed bed = started("2");
        program(bed, 1, 0x41, false);
        enableMsix(bed, 0);

        interrupt(bed).queue(0);

        assertEquals(List.of(new Message(MSI_ADDRESS, 0x41)), bed.msi.messages);
        assertFalse(bed.intx.asserted);
    }

    @Test
    void configInterrupt_msixEnabled_usesTheConfigVector() throws Exception {
        PciTestBed bed = started("2");
        program(bed, 0, 0x40, false);
        bed.write(CommonConfig.CONFIG_MSIX_VECTOR, 2, 0);
        enableMsix(bed, 0);

        interrupt(bed).config();

        assertEquals(List.of(new Message(MSI_ADDRESS, 0x40)), bed.msi.messages);
    }

    @Test
    void queueInterrupt_maskedVector_isPendingAndDeliveredOnUnmask() throws Exception {
        PciTestBed bed = started("2");
        IoHandler bar1 = bed.bar(1);
        program(bed, 1, 0x41, true);
        enableMsix(bed, 0);

        interrupt(bed).queue(0);
        long pendingWhileMasked = bar1.read(PBA, 4);
        List<Message> deliveredWhileMasked = List.copyOf(bed.msi.messages);
        bar1.write(16 + VECTOR_CONTROL, 4, 0);

        assertEquals(0b10, pendingWhileMasked);
        assertTrue(deliveredWhileMasked.isEmpty());
        assertEquals(List.of(new Message(MSI_ADDRESS, 0x41)), bed.msi.messages);
        assertEquals(0, bar1.read(PBA, 4));
    }

    @Test
    void queueInterrupt_functionMasked_isDeliveredWhenTheFunctionIsUnmasked() throws Exception {
        PciTestBed bed = started("2");
        program(bed, 1, 0x41, false);
        enableMsix(bed, MSIX_FUNCTION_MASK);

        interrupt(bed).queue(0);
        boolean deliveredWhileMasked = !bed.msi.messages.isEmpty();
        enableMsix(bed, 0);

        assertFalse(deliveredWhileMasked);
        assertEquals(List.of(new Message(MSI_ADDRESS, 0x41)), bed.msi.messages);
    }

    @Test
    void queueInterrupt_msixEnabledWithoutVector_sendsNothing() throws Exception {
        PciTestBed bed = started("2");
        enableMsix(bed, 0);
        bed.write(CommonConfig.QUEUE_SELECT, 2, 0);
        bed.write(CommonConfig.QUEUE_MSIX_VECTOR, 2, 0xffff);

        interrupt(bed).queue(0);

        assertTrue(bed.msi.messages.isEmpty());
        assertFalse(bed.intx.asserted);
    }

    @Test
    void msixControl_readsBackEnableAndFunctionMaskBits() throws Exception {
        PciTestBed bed = started("2");

        enableMsix(bed, MSIX_FUNCTION_MASK);

        assertEquals(MSIX_ENABLE | MSIX_FUNCTION_MASK | 1, bed.function.readConfig(MSIX_CAP + 2, 2));
    }

    @Test
    void msixTable_entriesReadBackAndStartMasked() throws Exception {
        PciTestBed bed = started("2");
        IoHandler bar1 = bed.bar(1);

        bar1.write(8, 4, 0x55);

        assertEquals(0x55, bar1.read(8, 4));
        assertEquals(1, bar1.read(VECTOR_CONTROL, 4));
    }

    @Test
    void unplug_resetsTheDeviceAndDeassertsIntx() throws Exception {
        PciTestBed bed = started("0");
        VirtioInterrupt interrupt = interrupt(bed);
        interrupt.queue(0);

        bed.function.unplug();
        interrupt.queue(0);

        assertEquals(1, bed.device.resets);
        assertFalse(bed.intx.asserted);
    }

    private static PciTestBed started(String vectors) throws Exception {
        PciTestBed bed = PciTestBed.pmem("vectors", vectors);
        bed.start(VERSION_1);
        return bed;
    }

    private static VirtioInterrupt interrupt(PciTestBed bed) {
        return bed.device.lastActivation().interrupt();
    }

    /** Points queue 0 at the vector and writes the vector's table entry. */
    private static void program(PciTestBed bed, int vector, int data, boolean masked) {
        IoHandler bar1 = bed.bar(1);
        bar1.write(vector * 16L, 4, MSI_ADDRESS);
        bar1.write(vector * 16L + 4, 4, 0);
        bar1.write(vector * 16L + 8, 4, data);
        bar1.write(vector * 16L + VECTOR_CONTROL, 4, masked ? 1 : 0);
        bed.write(CommonConfig.QUEUE_SELECT, 2, 0);
        bed.write(CommonConfig.QUEUE_MSIX_VECTOR, 2, vector);
    }

    private static void enableMsix(PciTestBed bed, int extraBits) {
        bed.function.writeConfig(MSIX_CAP + 2, 2, MSIX_ENABLE | extraBits);
    }
}
