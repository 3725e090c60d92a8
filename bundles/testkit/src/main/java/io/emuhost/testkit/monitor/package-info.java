/** Monitor-side test support: an event sink that records what the host emitted. */
@Export
@Version("1.0.0")
package io.emuhost.testkit.monitor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
