package io.emuhost.qtest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One qtest connection at a time: a second client is served when the first has gone. */
class ConnectionSerializationTest {

    @Test
    void secondConnection_isServedAfterTheFirstEnds() throws Exception {
        try (QtestServer server = new QtestServer(new FakeMachine(), Optional.of("none"))) {
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
