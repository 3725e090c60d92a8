package io.emuhost.api.device;

import java.util.Map;
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
     * Releases everything the object holds. Called once, when the object is deleted or the
     * machine stops; the object is unused by then.
     */
    @Override
    void close();
}
