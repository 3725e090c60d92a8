/** Guest memory for tests: heap-backed regions with the API's bounds checks. */
@Export
@Version("1.0.0")
package io.emuhost.testkit.memory;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
