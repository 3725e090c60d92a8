package io.emuhost.machine.internal.registry;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.device.UserObject;
import io.emuhost.api.memory.MemoryBackend;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import io.emuhost.machine.internal.Factories;
import io.emuhost.machine.internal.handover.BackendHandle;
import io.emuhost.machine.internal.properties.FrontendProperties;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live upgrade of user objects. A memory backend sits behind its {@link BackendHandle}: the
 * handle holds flushes while the backend saves itself, and the next version of its factory adopts
 * the mapping and descriptor ({@link ObjectFactory#restore}); the guest's memory stays mapped and
 * the devices over it keep the handle throughout. Another object is saved and adopted the same
 * way if it can be, else closed.
 */
final class ObjectHandover extends FactoryHandover<ObjectFactory, CreatedObject> {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectHandover.class);
    /** Adopting re-reads the properties; their warnings were printed when the object was created. */
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    private final Map<String, UserObject> objects;
    private final Map<String, CreatedObject> origins;
    private final Factories factories;

    /**
     * @param objects the registry's objects by id; an object that cannot be saved leaves it
     * @param origins where each of them came from, by id
     * @param factories where the next factory is found
     */
    ObjectHandover(Map<String, UserObject> objects, Map<String, CreatedObject> origins, Factories factories) {
        this.objects = objects;
        this.origins = origins;
        this.factories = factories;
    }

    @Override
    List<CreatedObject> entries() {
        return List.copyOf(origins.values());
    }

    @Override
    Optional<ObjectFactory> factoryOf(String type) {
        return factories.objectFactory(type);
    }

    /**
     * Saves the object for the next factory. A backend that cannot be saved stays mapped and in
     * use with the code that made it; another object that cannot be saved is closed.
     */
    @Override
    void suspend(CreatedObject origin) {
        String id = origin.id;
        UserObject object = objects.get(id);
        origin.factory = null;
        if (object instanceof BackendHandle handle) {
            MemoryBackend held = handle.hold();
            Optional<DeviceState> state = suspendQuietly(id, held::suspend);
            if (state.isEmpty()) {
                handle.release(held);
                LOG.warn("{}: its factory is going away and it cannot be handed over: it stays mapped and in use"
                        + " with the code of the version that made it", id);
                return;
            }
            handle.suspended();
            origin.saved = state.get();
            LOG.info("{}: handed over, waiting for a factory of {}; its memory stays mapped", id, origin.type);
            return;
        }
        Optional<DeviceState> state = suspendQuietly(id, object::suspend);
        if (state.isPresent()) {
            origin.saved = state.get();
            return;
        }
        objects.remove(id);
        origins.remove(id);
        Quietly.run(object::close);
        LOG.info("{}: closed, its factory is going away", id);
    }

    @Override
    void restore(CreatedObject origin, ObjectFactory factory) {
        String id = origin.id;
        FrontendProperties properties = new FrontendProperties(origin.properties, origin.frontend, SILENT);
        UserObject adopted;
        try {
            adopted = factory.restore(id, properties, origin.saved);
        } catch (ConfigurationException | StateException | RuntimeException e) {
            LOG.warn("{}: cannot be adopted by {}: {}", id, factory, e.getMessage());
            return;
        }
        UserObject object = objects.get(id);
        if (object instanceof BackendHandle handle) {
            if (!(adopted instanceof MemoryBackend backend)) {
                LOG.warn("{}: {} adopted it as no memory backend: {}", id, factory, adopted);
                return;
            }
            try {
                handle.resume(backend);
            } catch (IllegalArgumentException e) {
                LOG.warn("{}: {}", id, e.getMessage());
                return;
            }
        } else {
            objects.put(id, adopted);
        }
        origin.factory = factory;
        origin.saved = null;
        LOG.info("{}: adopted by a factory of {}", id, origin.type);
    }

    private static Optional<DeviceState> suspendQuietly(String id, Supplier<Optional<DeviceState>> suspend) {
        try {
            return suspend.get();
        } catch (RuntimeException e) {
            LOG.warn("{}: saving its state failed", id, e);
            return Optional.empty();
        }
    }
}
