package io.emuhost.api.device;

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
     * Releases everything the object holds. Called once, when the object is deleted or the
     * machine stops; the object is unused by then.
     */
    @Override
    void close();
}
