package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.Version;
import org.junit.jupiter.api.Test;

class StartFailuresTest {

    private static Bundle bundle(long id) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getBundleId" -> id;
                    case "getSymbolicName" -> "b" + id;
                    case "getVersion" -> Version.emptyVersion;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void report_bundleErrorBeforeStarted_isAFailure() throws InterruptedException {
        StartFailures failures = new StartFailures();
        failures.frameworkEvent(new FrameworkEvent(FrameworkEvent.ERROR, bundle(5), new BundleException("x")));
        failures.frameworkEvent(new FrameworkEvent(FrameworkEvent.STARTED, bundle(0), null));

        assertTrue(failures.report());
    }

    @Test
    void report_onlyStartedOrSystemBundleErrors_isNoFailure() throws InterruptedException {
        StartFailures failures = new StartFailures();
        failures.frameworkEvent(new FrameworkEvent(FrameworkEvent.ERROR, bundle(0), new BundleException("x")));
        failures.frameworkEvent(new FrameworkEvent(FrameworkEvent.STARTED, bundle(0), null));

        assertFalse(failures.report());
    }
}
