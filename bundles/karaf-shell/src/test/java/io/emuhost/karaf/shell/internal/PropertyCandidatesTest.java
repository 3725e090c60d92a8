package io.emuhost.karaf.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.PropertyType;
import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.api.console.Candidate;
import org.junit.jupiter.api.Test;

class PropertyCandidatesTest {

    private static final List<PropertySpec> PMEM = List.of(
            new PropertySpec("memdev", PropertyType.LINK, Optional.empty(), "the backend"),
            new PropertySpec("memaddr", PropertyType.UINT64, Optional.of("0"), "address"),
            new PropertySpec("shmem-region", PropertyType.BOOL, Optional.of("off"), "region"));

    private static List<String> values(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void complete_keyPrefix_offersKeysWithEqualsAndNoSpace() {
        List<Candidate> found = new PropertyCandidates(PMEM, List.of()).complete("mem");

        assertEquals(List.of("memdev=", "memaddr="), values(found));
        assertEquals(List.of(false, false), found.stream().map(Candidate::complete).toList());
    }

    @Test
    void complete_emptyWord_offersIdFirst() {
        assertEquals(List.of("id=", "memdev=", "memaddr=", "shmem-region="),
                values(new PropertyCandidates(PMEM, List.of()).complete("")));
    }

    @Test
    void complete_linkValue_offersObjectIds() {
        assertEquals(List.of("memdev=mem1", "memdev=mem2"),
                values(new PropertyCandidates(PMEM, List.of("mem1", "mem2", "other")).complete("memdev=mem")));
    }

    @Test
    void complete_boolValue_offersOnOff() {
        assertEquals(List.of("shmem-region=on", "shmem-region=off"),
                values(new PropertyCandidates(PMEM, List.of()).complete("shmem-region=")));
    }

    @Test
    void complete_freeValue_offersTheWordItself() {
        List<Candidate> found = new PropertyCandidates(List.of(), List.of()).complete("mem-path=/tmp/x");

        assertEquals(List.of("mem-path=/tmp/x"), values(found));
        assertEquals(true, found.get(0).complete());
    }

    @Test
    void complete_keyWithEmptyFreeValue_offersNothing() {
        assertEquals(List.of(), values(new PropertyCandidates(PMEM, List.of()).complete("memaddr=")));
    }
}
