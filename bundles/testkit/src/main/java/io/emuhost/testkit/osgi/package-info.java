/** Just enough of an OSGi service registry for testing {@code ServiceTracker}-based lookups. */
@Export
@Version("1.0.0")
package io.emuhost.testkit.osgi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
