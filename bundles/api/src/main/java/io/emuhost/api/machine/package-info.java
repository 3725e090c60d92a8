/** The machine service: the one registry every front end (command line, monitors) goes through; and the factory catalogue it creates with. */
@Export
@Version("1.3.0")
package io.emuhost.api.machine;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
