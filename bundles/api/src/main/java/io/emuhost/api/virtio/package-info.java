/** Virtio devices, their virtqueues and the transports that put them on a bus. */
@Export
@Version("2.1.0")
package io.emuhost.api.virtio;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
