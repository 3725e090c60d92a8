package io.emuhost.machine.internal.qtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.emuhost.machine.internal.MachineImpl;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One qtest connection at a time: a second client is served when the first has gone. */
class ConnectionSerializationTest {

    @TempDir
    Path dir;

    @Test
    void secondConnection_isServedAfterTheFirstEnds() throws Exception {
        try (MachineImpl machine = QtestMachine.withPmem(dir);
                QtestServer server = new QtestServer(machine, Optional.of("none"))) {
            QtestConnection first = new QtestConnection(server);
            assertEquals("OK little", first.ask("endianness"));
            QtestConnection second = new QtestConnection(server);
            second.sendRaw("endianness\n");
            Thread.sleep(200);
            assertNull(second.pendingLine());

            first.close();

            assertEquals("OK little", second.nextLine());
            second.close();
        }
    }
}
