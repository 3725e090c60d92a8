/** Monitor commands and events that bundles contribute to every monitor (HMP, QMP). */
@Export
@Version("1.0.0")
package io.emuhost.api.monitor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
