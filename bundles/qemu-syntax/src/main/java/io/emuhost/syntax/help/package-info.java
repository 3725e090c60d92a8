/**
 * QEMU's help output for types and their properties ({@code -object help},
 * {@code -device DRIVER,help}, {@code object_add help}, {@code device_add help}), printed from
 * the {@link io.emuhost.api.machine.FactoryCatalogue}, in one place for the command line and the
 * monitors.
 */
@Export
@Version("1.0.0")
package io.emuhost.syntax.help;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
