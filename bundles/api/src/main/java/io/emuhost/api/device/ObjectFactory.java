package io.emuhost.api.device;

import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Creates user objects of one QOM type. Registered as an OSGi service with the property
 * {@link #TYPE} naming the type; the machine finds it by that name.
 */
@ConsumerType
public interface ObjectFactory {

    /** Service property: the QOM type this factory creates, e.g. {@code memory-backend-file}. */
    String TYPE = "emuhost.object.type";

    /**
     * The properties the type accepts besides {@code qom-type} and {@code id}, in the order
     * {@code -object TYPE,help} lists them. The machine rejects any other key before calling
     * {@link #create}.
     *
     * @return property descriptions
     */
    List<PropertySpec> properties();

    /**
     * Creates the object synchronously.
     *
     * @param id the object id (already checked to be a unique identifier)
     * @param properties the parsed properties
     * @return the new object; the caller owns it and closes it
     * @throws ConfigurationException with QEMU's wording if the object cannot be created;
     *     nothing is left behind
     */
    UserObject create(String id, Properties properties) throws ConfigurationException;

    /**
     * Adopts an object another factory of this type (the same or another version of the bundle)
     * handed over with {@link UserObject#suspend()}, with the properties it was created with.
     *
     * @param id the object's id
     * @param properties the properties it was created with
     * @param state the saved state
     * @return the object, continuing where the old one stopped
     * @throws ConfigurationException if the properties no longer make an object
     * @throws StateException if the state cannot be adopted; the old object's resources are
     *     then left as they are
     * @since 1.2
     */
    default UserObject restore(String id, Properties properties, DeviceState state)
            throws ConfigurationException, StateException {
        throw new StateException.Incompatible("type " + state.driver() + " cannot adopt a saved object");
    }
}
