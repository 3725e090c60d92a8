/**
 * Device-side test support: map-backed {@link io.emuhost.api.device.Properties}, and a
 * virtio-pmem-like device factory whose PCI function records register writes, for testing a host
 * without any device bundle.
 */
@Export
@Version("1.1.0")
package io.emuhost.testkit.device;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
