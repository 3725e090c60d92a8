package io.emuhost.qtest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The qtest commands and their reply formats, against a pc-like bus with a PCI function at 00:02.0
 * and a memory device at 4 GiB ({@link FakeBus}).
 */
class QtestServerTest {

    /** CF8 address of 00:02.0 (the pmem function), register 0. */
    private static final int PMEM_CONFIG = 0x8000_1000;
    private static final long UNASSIGNED = 0xd000_0000L;

    private final FakeMachine machine = new FakeMachine();
    private QtestServer server;
    private QtestConnection qtest;

    @BeforeEach
    void start() throws Exception {
        server = new QtestServer(machine, Optional.of("none"));
        qtest = new QtestConnection(server);
    }

    @AfterEach
    void stop() throws Exception {
        qtest.close();
        server.close();
    }

    @Test
    void inl_afterOutlToCf8_readsVendorAndDeviceIdAsHex() throws Exception {
        assertEquals("OK", qtest.ask("outl 0xcf8 " + PMEM_CONFIG));

        assertEquals("OK 0x105b1af4", qtest.ask("inl 0xcfc"));
    }

    @Test
    void inbInw_unclaimedPort_readAllOnesPaddedToFourDigits() throws Exception {
        assertEquals("OK 0x00ff", qtest.ask("inb 0x10"));
        assertEquals("OK 0xffff", qtest.ask("inw 0x10"));
        assertEquals("OK 0xffffffff", qtest.ask("inl 0x10"));
    }

    @Test
    void inw_configDataPortPlusTwo_readsTheUpperHalf() throws Exception {
        qtest.ask("outl 0xcf8 " + PMEM_CONFIG);

        assertEquals("OK 0x105b", qtest.ask("inw 0xcfe"));
    }

    @Test
    void outb_portAbove0xffff_answersErrAndKeepsServing() throws Exception {
        assertEquals("ERR port 0x10000 is out of range 0..0xffff", qtest.ask("outb 0x10000 1"));
        assertEquals("ERR port 0x10000 is out of range 0..0xffff", qtest.ask("inb 65536"));

        assertEquals("OK little", qtest.ask("endianness"));
    }

    @Test
    void writeqReadq_ram_roundTripLittleEndianWithSixteenDigits() throws Exception {
        assertEquals("OK", qtest.ask("writeq 0x1000 0x0102030405060708"));

        assertEquals("OK 0x0102030405060708", qtest.ask("readq 0x1000"));
        assertEquals("OK 0x0000000000000008", qtest.ask("readb 0x1000"));
        assertEquals("OK 0x0000000000000506", qtest.ask("readw 0x1002"));
        assertEquals("OK 0x0000000001020304", qtest.ask("readl 0x1004"));
    }

    @Test
    void readwWritel_unaligned_accessTheBytesThere() throws Exception {
        qtest.ask("writeq 0x1000 0");
        assertEquals("OK", qtest.ask("writel 0x1003 0xaabbccdd"));

        assertEquals("OK 0x000000000000ccdd", qtest.ask("readw 0x1003"));
        assertEquals("OK 0x000000aabbccdd00", qtest.ask("readq 0x1002"));
    }

    @Test
    void writebReadb_valueWiderThanTheAccess_isTruncated() throws Exception {
        qtest.ask("writeb 0x1000 0x1ff");

        assertEquals("OK 0x00000000000000ff", qtest.ask("readb 0x1000"));
    }

    @Test
    void readl_unassignedAddress_readsZero() throws Exception {
        assertEquals("OK 0x0000000000000000", qtest.ask("readl " + UNASSIGNED));
    }

    @Test
    void writel_unassignedAddress_isDropped() throws Exception {
        assertEquals("OK", qtest.ask("writel " + UNASSIGNED + " 0x12345678"));

        assertEquals("OK 0x0000000000000000", qtest.ask("readl " + UNASSIGNED));
    }

    @Test
    void writel_deviceMemory_reachesThePmemRange() throws Exception {
        qtest.ask("writel 0x100000000 0xcafef00d");

        assertEquals("OK 0x00000000cafef00d", qtest.ask("readl 4294967296"));
    }

    @Test
    void numbers_followStrtoulBase0_octalHexDecimalAndWrappingNegatives() throws Exception {
        qtest.ask("writeb 8 0x5a");

        assertEquals("OK 0x000000000000005a", qtest.ask("readb 010"));
        assertEquals("OK 0x000000000000005a", qtest.ask("readb +8"));
        assertEquals("OK 0x0000000000000000", qtest.ask("readb -1"));
        assertEquals("OK 0x000000000000005a", qtest.ask("readb 0x8 ignored extra words"));
    }

    @Test
    void numbers_malformed_answerErrNamingTheArgument() throws Exception {
        assertEquals("ERR ADDR '0x' is not an unsigned 64-bit number (decimal, 0x hex or 0 octal)",
                qtest.ask("readb 0x"));
        assertEquals("ERR ADDR '18446744073709551616' is not an unsigned 64-bit number (decimal, 0x hex or 0 octal)",
                qtest.ask("readb 18446744073709551616"));
        assertEquals("ERR ADDR '08' is not an unsigned 64-bit number (decimal, 0x hex or 0 octal)",
                qtest.ask("readb 08"));
        assertEquals("ERR VALUE '1z' is not an unsigned 64-bit number (decimal, 0x hex or 0 octal)",
                qtest.ask("writel 0x1000 1z"));
    }

    @Test
    void doubleSpace_givesAnEmptyWord_asGStrsplit() throws Exception {
        assertEquals("ERR ADDR '' is not an unsigned 64-bit number (decimal, 0x hex or 0 octal)",
                qtest.ask("readb  0x10"));
    }

    @Test
    void missingArgument_answersErrWithTheUsage() throws Exception {
        assertEquals("ERR missing ADDR, usage: readb ADDR", qtest.ask("readb"));
        assertEquals("ERR missing VALUE, usage: outw ADDR VALUE", qtest.ask("outw 0x80"));
        assertEquals("ERR missing DATA, usage: write ADDR SIZE DATA", qtest.ask("write 0 1"));
    }

    @Test
    void read_returnsBytesInMemoryOrder() throws Exception {
        qtest.ask("writel 0x2000 0x04030201");

        assertEquals("OK 0x01020304", qtest.ask("read 0x2000 4"));
    }

    @Test
    void write_hexData_storesBytesInOrderAndZeroFillsShortData() throws Exception {
        assertEquals("OK", qtest.ask("write 0x2000 4 0xa1b2c3d4"));
        assertEquals("OK 0xa1b2c3d4", qtest.ask("read 0x2000 4"));

        assertEquals("OK", qtest.ask("write 0x2000 4 0xaa"));

        assertEquals("OK 0xaa000000", qtest.ask("read 0x2000 4"));
    }

    @Test
    void write_dataShorterThanThreeCharacters_answersQemusErr() throws Exception {
        assertEquals("ERR invalid argument size", qtest.ask("write 0x2000 2 0x"));
    }

    @Test
    void write_nonHexDigit_answersErrAndWritesNothing() throws Exception {
        qtest.ask("writel 0x2000 0");

        assertEquals("ERR invalid hex digit 'z' at offset 2 of DATA", qtest.ask("write 0x2000 2 0xzz11"));
        assertEquals("OK 0x0000000000000000", qtest.ask("readl 0x2000"));
    }

    @Test
    void read_sizeZero_answersErr() throws Exception {
        assertEquals("ERR read: SIZE must not be 0", qtest.ask("read 0 0"));
    }

    @Test
    void read_largerThanTheTransferLimit_answersErr() throws Exception {
        assertEquals("ERR SIZE 0x1000001 exceeds the limit 0x1000000", qtest.ask("read 0 0x1000001"));
    }

    @Test
    void b64writeB64read_roundTrip() throws Exception {
        assertEquals("OK", qtest.ask("b64write 0x3000 3 AQID"));

        assertEquals("OK AQID", qtest.ask("b64read 0x3000 3"));
        assertEquals("OK 0x010203", qtest.ask("read 0x3000 3"));
    }

    @Test
    void b64read_sizeZero_answersOkAndAnEmptyString() throws Exception {
        assertEquals("OK ", qtest.ask("b64read 0x3000 0"));
    }

    @Test
    void b64write_shorterDataThanSize_zeroFillsTheRest() throws Exception {
        qtest.ask("writel 0x3000 0xffffffff");

        assertEquals("OK", qtest.ask("b64write 0x3000 4 AQID"));

        assertEquals("OK 0x01020300", qtest.ask("read 0x3000 4"));
    }

    @Test
    void b64write_dataShorterThanThreeCharacters_answersQemusErr() throws Exception {
        assertEquals("ERR invalid argument size", qtest.ask("b64write 0x3000 1 AQ"));
    }

    @Test
    void memset_storesTheLowByteOfTheValue() throws Exception {
        qtest.ask("writel 0x4000 0");

        assertEquals("OK", qtest.ask("memset 0x4000 3 0x1ab"));

        assertEquals("OK 0xababab00", qtest.ask("read 0x4000 4"));
    }

    @Test
    void memset_sizeZero_doesNothing() throws Exception {
        qtest.ask("writel 0x4000 0x11223344");

        assertEquals("OK", qtest.ask("memset 0x4000 0 0xff"));

        assertEquals("OK 0x0000000011223344", qtest.ask("readl 0x4000"));
    }

    @Test
    void read_rangeEndingInAnUnassignedHole_readsZerosThere() throws Exception {
        long lastRamPage = FakeBus.RAM_SIZE - 4;
        qtest.ask("writel " + lastRamPage + " 0xffffffff");

        assertEquals("OK 0xffffffff00000000", qtest.ask("read " + lastRamPage + " 8"));
    }

    @Test
    void read_deviceConfigThroughBar4_goesThroughTheRegisters() throws Exception {
        long bar4 = configRead(0x20) & ~0xfL | configRead(0x24) << 32;

        assertEquals("OK 0x00000000010000000000000100000000", qtest.ask("read " + (bar4 + 0x2000) + " 16"));
        assertEquals(4, machine.bus.widestRegisterAccess, "split as a CPU would: registers take 4 bytes at most");
    }

    @Test
    void endianness_isLittle() throws Exception {
        assertEquals("OK little", qtest.ask("endianness"));
    }

    @Test
    void unknownCommand_failsWithQemusText() throws Exception {
        assertEquals("FAIL Unknown command 'nosuch'", qtest.ask("nosuch 1 2"));
        assertEquals("FAIL Unknown command 'endianness\r'", qtest.ask("endianness\r"));
    }

    @Test
    void emptyLine_answersErr() throws Exception {
        assertEquals("ERR empty command", qtest.ask(""));
    }

    @Test
    void moduleLoad_nothingLoadable_fails() throws Exception {
        assertEquals("FAIL", qtest.ask("module_load hw- display-qxl"));
        assertEquals("ERR missing NAME, usage: module_load PREFIX NAME", qtest.ask("module_load hw-"));
    }

    @Test
    void clockStep_withoutTimers_staysAtZero() throws Exception {
        assertEquals("OK 0", qtest.ask("clock_step"));
    }

    @Test
    void clockStepAndSet_moveForwardOnly() throws Exception {
        assertEquals("OK 100", qtest.ask("clock_step 100"));
        assertEquals("OK 100", qtest.ask("clock_set 50"));
        assertEquals("OK 100", qtest.ask("clock_step -5"));

        assertEquals("OK 1000", qtest.ask("clock_set 0x3e8"));
    }

    @Test
    void clockStep_withoutArgument_movesToTheNextTimerAndRunsIt() throws Exception {
        boolean[] ran = new boolean[1];
        server.clock().schedule(5_000, () -> ran[0] = true);

        assertEquals("OK 5000", qtest.ask("clock_step"));

        assertEquals(true, ran[0]);
    }

    @Test
    void clockStep_malformed_answersErr() throws Exception {
        assertEquals("ERR NS 'abc' is not a signed 64-bit number (decimal, 0x hex or 0 octal)",
                qtest.ask("clock_step abc"));
        assertEquals("ERR missing NS, usage: clock_set NS", qtest.ask("clock_set"));
    }

    @Test
    void replies_comeInRequestOrderForPipelinedRequests() throws Exception {
        qtest.sendRaw("writeb 0x5000 7\nreadb 0x5000\nendianness\n");

        assertEquals("OK", qtest.nextLine());
        assertEquals("OK 0x0000000000000007", qtest.nextLine());
        assertEquals("OK little", qtest.nextLine());
        assertNull(qtest.pendingLine());
    }

    private long configRead(int offset) throws Exception {
        qtest.ask("outl 0xcf8 " + (PMEM_CONFIG | offset));
        return Long.parseLong(qtest.ask("inl 0xcfc").substring("OK 0x".length()), 16);
    }
}
