package io.emuhost.virtio.pmem.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;

/**
 * The virtio-pmem devices that exist right now, in creation order: the factory adds each device
 * it creates, the device removes itself when it is closed, and the monitor command lists them.
 */
@Component(service = LivePmemDevices.class)
public final class LivePmemDevices {

    /**
     * What the monitor shows of one device.
     *
     * @param id the device id, if it has one
     * @param memdev the backend's object id
     * @param statistics the device's live statistics
     */
    public record Entry(Optional<String> id, String memdev, PmemStatistics statistics) {
    }

    private final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();

    /** Creates an empty list. */
    public LivePmemDevices() {
    }

    void add(Entry entry) {
        entries.add(entry);
    }

    void remove(Entry entry) {
        entries.remove(entry);
    }

    /**
     * The live devices.
     *
     * @return a snapshot, in creation order
     */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }
}
