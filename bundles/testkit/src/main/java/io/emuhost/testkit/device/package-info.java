/**
 * Device-side test support: map-backed {@link io.emuhost.api.device.Properties}, and a
 * virtio-pmem-like device factory whose PCI function records register writes, for testing a host
 * without any device bundle; and {@link io.emuhost.testkit.device.ScriptedQueue}, a device-side
 * virtqueue for a device's own unit tests, and {@link io.emuhost.testkit.device.TestPlugContext}
 * for its factory's.
 *
 * <p>1.2: {@code ScriptedQueue} and {@code TestPlugContext}.
 */
@Export
@Version("1.2.0")
package io.emuhost.testkit.device;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
