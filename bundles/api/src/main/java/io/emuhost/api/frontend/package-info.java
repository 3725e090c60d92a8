/**
 * Protocols served on a host connection (a chardev client): qtest and the QMP and HMP monitors.
 * A protocol bundle registers a {@link io.emuhost.api.frontend.ConnectionProtocol}; the host's
 * command line finds it by name and serves each client of the chardev through a session of it.
 */
@Export
@Version("1.1.0")
package io.emuhost.api.frontend;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
