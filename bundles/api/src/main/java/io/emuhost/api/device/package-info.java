/** User-creatable objects and devices: factories, typed properties, plug context and errors. */
@Export
@Version("1.4.0")
package io.emuhost.api.device;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
