package ${package}.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The factory's configuration (Config Admin PID {@value EntropyDeviceFactory#PID}), described by
 * Metatype so tools (Karaf's {@code config:} commands, the web console) show and check it. In
 * emuhost's deploy directory it is the file {@code <PID>.cfg}; a change re-creates the factory,
 * and the machine hands its devices over to the new one (live upgrade).
 */
@ObjectClassDefinition(name = "${driver} factory", description = "Settings of every ${driver} device")
public @interface FactoryConfiguration {

    /** @return the most random bytes one request gets */
    @AttributeDefinition(name = "max bytes per request", min = "1",
            description = "The most bytes one request gets (virtio 1.2 §5.4.7.1: the device may use less than the buffer)")
    int max_bytes_per_request() default 65536;
}
