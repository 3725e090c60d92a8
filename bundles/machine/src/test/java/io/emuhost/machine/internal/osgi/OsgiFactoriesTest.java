package io.emuhost.machine.internal.osgi;

import io.emuhost.testkit.osgi.FakeServiceRegistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.machine.internal.FactoryListener;
import io.emuhost.machine.internal.testing.PlainObjectFactory;
import io.emuhost.testkit.device.TestDeviceFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

class OsgiFactoriesTest {

    private static final String TYPE = "memory-backend-file";

    private final FakeServiceRegistry registry = new FakeServiceRegistry();
    private final OsgiFactories factories = new OsgiFactories(registry.context());

    @AfterEach
    void tearDown() {
        factories.close();
    }

    private ServiceReference<ObjectFactory> object(ObjectFactory factory, String type, String version, int ranking) {
        return registry.register(ObjectFactory.class, factory, Map.of(ObjectFactory.TYPE, type), version, ranking);
    }

    @Test
    void objectFactory_severalForOneType_theHighestBundleVersionWins() {
        ObjectFactory old = new PlainObjectFactory();
        ObjectFactory newer = new PlainObjectFactory();
        object(old, TYPE, "1.0.0", 100);
        object(newer, TYPE, "1.2.0", 0);

        assertSame(newer, factories.objectFactory(TYPE).orElseThrow());
    }

    @Test
    void objectFactory_sameBundleVersion_theHigherRankingWins() {
        ObjectFactory low = new PlainObjectFactory();
        ObjectFactory high = new PlainObjectFactory();
        object(low, TYPE, "1.0.0", 0);
        object(high, TYPE, "1.0.0", 5);

        assertSame(high, factories.objectFactory(TYPE).orElseThrow());
    }

    @Test
    void objectFactory_afterTheNewestLeaves_theOlderServesAgain() {
        ObjectFactory old = new PlainObjectFactory();
        ServiceReference<ObjectFactory> newer = object(new PlainObjectFactory(), TYPE, "2.0.0", 0);
        object(old, TYPE, "1.0.0", 0);

        registry.unregister(newer);

        assertSame(old, factories.objectFactory(TYPE).orElseThrow());
    }

    @Test
    void objectFactory_unknownType_isEmpty() {
        object(new PlainObjectFactory(), TYPE, "1.0.0", 0);

        assertEquals(Optional.empty(), factories.objectFactory("memory-backend-memfd"));
    }

    @Test
    void deviceFactory_isFoundByDriverProperty() {
        DeviceFactory device = new TestDeviceFactory();
        registry.register(DeviceFactory.class, device, Map.of(DeviceFactory.DRIVER, "virtio-pmem-pci"), "1.0.0", 0);

        assertSame(device, factories.deviceFactory("virtio-pmem-pci").orElseThrow());
        assertEquals(Set.of("virtio-pmem-pci"), factories.deviceDrivers());
    }

    @Test
    void objectTypes_listsEveryTypeOnce_sorted() {
        object(new PlainObjectFactory(), "memory-backend-ram", "1.0.0", 0);
        object(new PlainObjectFactory(), TYPE, "1.0.0", 0);
        object(new PlainObjectFactory(), TYPE, "1.1.0", 0);

        assertEquals(List.of("memory-backend-file", "memory-backend-ram"),
                List.copyOf(factories.objectTypes()));
    }

    @Test
    void serves_acceptsStringArraysAndCollections() {
        assertTrue(NewestService.serves(new String[] {"a", TYPE}, TYPE));
        assertTrue(NewestService.serves(List.of(TYPE), TYPE));
        assertFalse(NewestService.serves(5, TYPE));
    }

    /** Records what the factories report. */
    private static final class RecordingListener implements FactoryListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void deviceFactoryArrived(DeviceFactory factory, Set<String> drivers) {
            events.add("device arrived " + drivers);
        }

        @Override
        public void deviceFactoryLeaving(DeviceFactory factory) {
            events.add("device leaving");
        }

        @Override
        public void objectFactoryArrived(ObjectFactory factory, Set<String> types) {
            events.add("object arrived " + types);
        }

        @Override
        public void objectFactoryLeaving(ObjectFactory factory) {
            events.add("object leaving");
        }
    }

    @Test
    void listeners_hearFactoriesArriveAndLeave() {
        RecordingListener listener = new RecordingListener();
        factories.watchFactories(listener);

        ServiceReference<DeviceFactory> device = registry.register(DeviceFactory.class, new TestDeviceFactory(),
                Map.of(DeviceFactory.DRIVER, "virtio-pmem-pci"), "1.0.0", 0);
        ServiceReference<ObjectFactory> object = object(new PlainObjectFactory(), TYPE, "1.0.0", 0);
        registry.unregister(device);
        registry.unregister(object);
        factories.unwatchFactories(listener);
        object(new PlainObjectFactory(), TYPE, "1.1.0", 0);

        assertEquals(List.of("device arrived [virtio-pmem-pci]", "object arrived [memory-backend-file]",
                "device leaving", "object leaving"), listener.events);
    }

    @Test
    void listeners_hearNothingLeaveWhileTheFrameworkStops() {
        RecordingListener listener = new RecordingListener();
        ServiceReference<ObjectFactory> object = object(new PlainObjectFactory(), TYPE, "1.0.0", 0);
        factories.watchFactories(listener);

        registry.setFrameworkState(Bundle.STOPPING);
        registry.unregister(object);

        assertEquals(List.of(), listener.events);
    }
}
