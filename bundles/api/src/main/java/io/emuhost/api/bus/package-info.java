/** The CPU's view of the machine (memory and port I/O dispatch) and PCI functions. */
@Export
@Version("1.2.0")
package io.emuhost.api.bus;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
