/** The driver side of a split virtqueue (virtio 1.2 §2.7), laid out in guest memory. */
@Export
@Version("1.1.0")
package io.emuhost.testkit.virtqueue;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
