/**
 * The guest-visible state of a live device, saved by one version of a bundle and restored by
 * another, so that a device bundle can be stopped, updated or replaced while its device stays on
 * the bus (live device upgrade).
 */
@Export
@Version("1.0.0")
package io.emuhost.api.state;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
