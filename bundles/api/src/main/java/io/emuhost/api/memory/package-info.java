/** Guest physical memory and the host memory backends that provide it. */
@Export
@Version("1.4.0")
package io.emuhost.api.memory;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
