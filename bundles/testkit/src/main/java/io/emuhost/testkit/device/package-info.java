/** Device-side test support: map-backed {@link io.emuhost.api.device.Properties}. */
@Export
@Version("1.0.0")
package io.emuhost.testkit.device;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
