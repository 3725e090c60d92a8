package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeployOptionTest {

    @Test
    void parse_withoutOption_namesNoDirectory() throws Exception {
        DeployOption option = DeployOption.parse(new String[] {"-m", "1G"});

        assertEquals(Optional.empty(), option.directory());
        assertArrayEquals(new String[] {"-m", "1G"}, option.machineArgs());
    }

    @Test
    void parse_singleAndDoubleDash_stripsOptionAndLastWins() throws Exception {
        DeployOption option = DeployOption.parse(new String[] {"-deploy", "/a", "-m", "1G", "--deploy", "/b/../c"});

        assertEquals(Optional.of(Path.of("/c")), option.directory());
        assertArrayEquals(new String[] {"-m", "1G"}, option.machineArgs());
    }

    @Test
    void parse_optionWithoutValue_throwsWithQemuWording() {
        DeployOption.MissingArgumentException e = assertThrows(DeployOption.MissingArgumentException.class,
                () -> DeployOption.parse(new String[] {"-m", "1G", "-deploy"}));

        assertEquals("-deploy: requires an argument", e.getMessage());
    }

    @Test
    void parse_afterQemu_everythingIsQemusEvenADeployOption() throws Exception {
        DeployOption option = DeployOption.parse(new String[] {"-deploy", "/d", "--qemu", "qemu", "-deploy", "/q"});

        assertEquals(Optional.of(Path.of("/d")), option.directory());
        assertArrayEquals(new String[] {"--qemu", "qemu", "-deploy", "/q"}, option.machineArgs());
    }
}
