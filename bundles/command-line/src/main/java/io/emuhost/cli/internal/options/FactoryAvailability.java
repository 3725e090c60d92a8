package io.emuhost.cli.internal.options;

/**
 * Waits, for a bounded time, until a factory of a type (or a connection protocol) is available.
 * Bundles start in parallel with the command line; a type named on the command line may not be
 * registered yet.
 */
public interface FactoryAvailability {

    /** Never waits: the factories are all there (tests, a started framework). */
    FactoryAvailability IMMEDIATE = new FactoryAvailability() {
        @Override
        public void awaitStartup() {
        }

        @Override
        public void awaitObjectType(String type) {
        }

        @Override
        public void awaitDeviceDriver(String driver) {
        }

        @Override
        public void awaitProtocol(String protocol) {
        }
    };

    /**
     * Returns once the bundles have started or the wait times out; then the type lists for
     * {@code -object help} and {@code -device help} are complete.
     */
    void awaitStartup();

    /**
     * Returns once an object factory of the type exists or the wait times out; the caller then
     * creates the object and reports the machine's error if there is still none.
     *
     * @param type the QOM type
     */
    void awaitObjectType(String type);

    /**
     * Returns once a device factory of the driver exists or the wait times out.
     *
     * @param driver the driver
     */
    void awaitDeviceDriver(String driver);

    /**
     * Returns once a connection protocol of the name ({@code qtest}) exists or the wait times out.
     *
     * @param protocol the protocol's name
     */
    void awaitProtocol(String protocol);
}
