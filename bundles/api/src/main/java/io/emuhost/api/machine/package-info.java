/** The machine service: the one registry every front end (command line, monitors) goes through. */
@Export
@Version("1.2.0")
package io.emuhost.api.machine;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
