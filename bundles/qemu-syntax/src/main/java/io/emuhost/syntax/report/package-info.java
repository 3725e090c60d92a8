/**
 * QEMU's diagnostic line shapes ({@code error_report}, {@code warn_report}) with emuhost's program
 * name, for every front end that writes to standard error.
 */
@Export
@Version("1.0.0")
package io.emuhost.syntax.report;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
