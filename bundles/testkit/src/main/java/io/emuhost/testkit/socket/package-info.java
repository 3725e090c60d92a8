/** Real Unix sockets for protocol tests: a line client and a server that hands each client's streams to a session. */
@Export
@Version("1.0.0")
package io.emuhost.testkit.socket;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
