/**
 * The machine service: the one registry every front end (command line, monitors) goes through;
 * the factory catalogue it creates with; and the builder the command line creates it with.
 */
@Export
@Version("1.5.0")
package io.emuhost.api.machine;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
