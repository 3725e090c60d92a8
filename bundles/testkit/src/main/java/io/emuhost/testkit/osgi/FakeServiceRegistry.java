package io.emuhost.testkit.osgi;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

/**
 * Just enough of an OSGi service registry for a {@code ServiceTracker}: registrations from
 * bundles of given versions, with rankings, service events and filters.
 */
public final class FakeServiceRegistry {

    private final Map<ServiceListener, Filter> listeners = new HashMap<>();
    private final Map<ServiceReference<?>, Object> services = new HashMap<>();
    private long nextId = 1;

    /** The system bundle's state; {@link Bundle#STOPPING} stands for a framework shutdown. */
    private volatile int frameworkState = Bundle.ACTIVE;

    /**
     * Sets the state the system bundle reports.
     *
     * @param state e.g. {@link Bundle#STOPPING}, which stands for a framework shutdown
     */
    public void setFrameworkState(int state) {
        frameworkState = state;
    }

    /**
     * The context a tracker is given.
     *
     * @return a context backed by this registry
     */
    public BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "createFilter" -> FrameworkUtil.createFilter((String) args[0]);
                    case "addServiceListener" -> {
                        listeners.put((ServiceListener) args[0],
                                args.length > 1 && args[1] != null ? FrameworkUtil.createFilter((String) args[1]) : null);
                        yield null;
                    }
                    case "removeServiceListener" -> {
                        listeners.remove(args[0]);
                        yield null;
                    }
                    case "getServiceReferences", "getAllServiceReferences" -> references((String) args[0],
                            (String) args[1]);
                    case "getService" -> services.get(args[0]);
                    case "getBundle" -> systemBundle();
                    case "ungetService" -> true;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "FakeBundleContext";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private ServiceReference<?>[] references(String className, String filter) throws InvalidSyntaxException {
        Filter f = filter == null ? null : FrameworkUtil.createFilter(filter);
        List<ServiceReference<?>> matching = new ArrayList<>();
        for (ServiceReference<?> reference : services.keySet()) {
            if (className.equals(((String[]) reference.getProperty(Constants.OBJECTCLASS))[0])
                    && (f == null || f.match(reference))) {
                matching.add(reference);
            }
        }
        return matching.isEmpty() ? null : matching.toArray(new ServiceReference<?>[0]);
    }

    /** Registers a service and tells the listeners. */
    public <T> ServiceReference<T> register(Class<T> type, T service, Map<String, Object> properties, String bundleVersion,
            int ranking) {
        Hashtable<String, Object> all = new Hashtable<>(properties);
        all.put(Constants.OBJECTCLASS, new String[] {type.getName()});
        all.put(Constants.SERVICE_ID, nextId++);
        all.put(Constants.SERVICE_RANKING, ranking);
        Bundle bundle = bundle(Version.parseVersion(bundleVersion));
        @SuppressWarnings("unchecked")
        ServiceReference<T> reference = (ServiceReference<T>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> all.get(args[0]);
                    case "getPropertyKeys" -> all.keySet().toArray(new String[0]);
                    case "getProperties" -> new Hashtable<>(all);
                    case "getBundle" -> bundle;
                    case "isAssignableTo" -> true;
                    case "compareTo" -> compare(all, (ServiceReference<?>) args[0]);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "ServiceReference" + all;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        services.put(reference, service);
        fire(ServiceEvent.REGISTERED, reference);
        return reference;
    }

    /** Unregisters a service, telling the listeners first. */
    public void unregister(ServiceReference<?> reference) {
        fire(ServiceEvent.UNREGISTERING, reference);
        services.remove(reference);
    }

    private void fire(int type, ServiceReference<?> reference) {
        ServiceEvent event = new ServiceEvent(type, reference);
        for (Map.Entry<ServiceListener, Filter> entry : new ArrayList<>(listeners.entrySet())) {
            if (entry.getValue() == null || entry.getValue().match(reference)) {
                entry.getKey().serviceChanged(event);
            }
        }
    }

    /** OSGi Core 8 §10.1.23 ServiceReference.compareTo: higher ranking, then lower id, is greater. */
    private static int compare(Map<String, Object> mine, ServiceReference<?> other) {
        int byRanking = Integer.compare((Integer) mine.get(Constants.SERVICE_RANKING),
                (Integer) other.getProperty(Constants.SERVICE_RANKING));
        if (byRanking != 0) {
            return byRanking;
        }
        return Long.compare((Long) other.getProperty(Constants.SERVICE_ID), (Long) mine.get(Constants.SERVICE_ID));
    }

    private Bundle systemBundle() {
        return (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getState" -> frameworkState;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "system bundle";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Bundle bundle(Version version) {
        return (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getVersion" -> version;
                    case "getSymbolicName" -> "test.bundle";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "Bundle " + version;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
