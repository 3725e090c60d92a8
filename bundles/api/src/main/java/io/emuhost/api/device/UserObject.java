package io.emuhost.api.device;

import io.emuhost.api.state.DeviceState;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A user-creatable object ({@code -object}, {@code object_add}): lives at {@code /objects/<id>}.
 */
@ConsumerType
public interface UserObject extends AutoCloseable {

    /**
     * The object's id, unique among objects.
     *
     * @return the id
     */
    String id();

    /**
     * The QOM type name, e.g. {@code memory-backend-file}.
     *
     * @return the type
     */
    String type();

    /**
     * The object's QOM property values as QEMU's {@code qom-get} returns them, in {@code qom-list}
     * order; JSON-shaped values ({@link String}, {@link Boolean}, {@link Long}/{@link Integer},
     * {@link java.util.List} of those). A property the map leaves out is not readable.
     *
     * @return name to value; empty by default
     */
    default Map<String, Object> qomProperties() {
        return Map.of();
    }

    /**
     * Hands the object over because the factory that made it is going away: stops the object's
     * own threads and gives up, without releasing them, what another version of its bundle will
     * adopt with {@link ObjectFactory#restore} (a memory backend: its mapping and descriptor,
     * which stay valid, so the guest's memory never goes away). Afterwards the object is
     * finished and {@link #close()} is not called.
     *
     * @return the state, or empty if the object cannot be handed over: a memory backend then
     *     stays as it is, with the code of the version that made it; any other object is closed
     * @since 1.2
     */
    default Optional<DeviceState> suspend() {
        return Optional.empty();
    }

    /**
     * Releases everything the object holds. Called once, when the object is deleted or the
     * machine stops; the object is unused by then.
     */
    @Override
    void close();

    /**
     * Closes an object whose creation is undone: the start that created it failed (a later
     * {@code -object} or {@code -device} of the same command line was refused), so what its
     * creation made outside the process goes too, as if it had never been asked for (a backing
     * file it created is removed; one that existed stays). An object that made nothing outside
     * the process just closes, which is what this default does.
     */
    default void abandon() {
        close();
    }
}
