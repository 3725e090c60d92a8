package io.emuhost.karaf.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.emuhost.api.device.ConfigurationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreateArgumentsTest {

    @Test
    void parse_karafWords_eachWordOneProperty() throws Exception {
        CreateArguments.Request request = CreateArguments.parse("memory-backend-file",
                List.of("id=mem1", "mem-path=/tmp/a,b.img", "size=64M", "share=on"), "qom-type");

        assertEquals("memory-backend-file", request.type());
        assertEquals(Map.of("id", "mem1", "mem-path", "/tmp/a,b.img", "size", "64M", "share", "on"),
                request.properties());
    }

    @Test
    void parse_qemuKeyvalInFirstWord_splitsAtSingleCommas() throws Exception {
        CreateArguments.Request request = CreateArguments.parse(
                "memory-backend-file,id=mem1,mem-path=/tmp/a,,b.img,size=4G", null, "qom-type");

        assertEquals("memory-backend-file", request.type());
        assertEquals(List.of("id", "mem-path", "size"), List.copyOf(request.properties().keySet()));
        assertEquals("/tmp/a,b.img", request.properties().get("mem-path"));
    }

    @Test
    void parse_valueContainsEquals_splitsAtFirstEquals() throws Exception {
        CreateArguments.Request request = CreateArguments.parse("virtio-pmem-pci", List.of("id=a=b"), "driver");

        assertEquals("a=b", request.properties().get("id"));
    }

    @Test
    void parse_typeNamedByKey_takesIt() throws Exception {
        CreateArguments.Request request = CreateArguments.parse("driver=virtio-pmem-pci,memdev=mem1", List.of(), "driver");

        assertEquals("virtio-pmem-pci", request.type());
        assertEquals(Map.of("memdev", "mem1"), request.properties());
    }

    @Test
    void parse_laterKeyWins() throws Exception {
        CreateArguments.Request request = CreateArguments.parse("t,id=a", List.of("id=b"), "qom-type");

        assertEquals("b", request.properties().get("id"));
    }

    @Test
    void parse_wordWithoutEquals_isQemuKeyvalError() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> CreateArguments.parse("memory-backend-file", List.of("id=m", "share"), "qom-type"));

        assertEquals("Expected '=' after parameter 'share'", e.getMessage());
    }

    @Test
    void parse_emptyKey_isInvalidParameter() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> CreateArguments.parse("t", List.of("=x"), "qom-type"));

        assertEquals("Invalid parameter ''", e.getMessage());
    }

    @Test
    void parse_noType_isMissingParameter() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> CreateArguments.parse("id=mem1", List.of(), "qom-type"));

        assertEquals("Parameter 'qom-type' is missing", e.getMessage());
    }
}
