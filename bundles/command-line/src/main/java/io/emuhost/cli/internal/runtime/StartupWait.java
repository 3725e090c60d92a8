package io.emuhost.cli.internal.runtime;

import io.emuhost.api.machine.FactoryCatalogue;
import io.emuhost.cli.internal.options.FactoryAvailability;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits, polling, for the framework to finish starting and for factories and connection
 * protocols to register, each wait
 * bounded. An interrupt ends a wait early.
 */
public final class StartupWait implements FactoryAvailability {

    private static final long POLL_MILLIS = 10;

    private final FactoryCatalogue factories;
    private final ConnectionProtocols protocols;
    private final BooleanSupplier started;
    private final Duration timeout;

    /**
     * Creates the waiter.
     *
     * @param factories the factories to look in
     * @param protocols the connection protocols to look in
     * @param started whether the framework has finished starting its bundles
     * @param timeout the longest each wait lasts
     */
    public StartupWait(FactoryCatalogue factories, ConnectionProtocols protocols, BooleanSupplier started, Duration timeout) {
        this.factories = factories;
        this.protocols = protocols;
        this.started = started;
        this.timeout = timeout;
    }

    @Override
    public void awaitStartup() {
        await(started);
    }

    @Override
    public void awaitObjectType(String type) {
        await(() -> factories.objectFactory(type).isPresent());
    }

    @Override
    public void awaitDeviceDriver(String driver) {
        await(() -> factories.deviceFactory(driver).isPresent());
    }

    @Override
    public void awaitProtocol(String protocol) {
        await(() -> protocols.protocol(protocol).isPresent());
    }

    private void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
