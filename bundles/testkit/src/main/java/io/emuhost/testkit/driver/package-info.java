/**
 * A guest-side virtio-pci (modern) driver and a virtio-pmem driver on top of it, doing what the
 * Linux drivers do, over a machine's {@link io.emuhost.api.bus.GuestBus}.
 */
@Export
@Version("1.0.0")
package io.emuhost.testkit.driver;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
