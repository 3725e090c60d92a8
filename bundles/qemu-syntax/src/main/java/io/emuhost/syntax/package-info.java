/**
 * QEMU's option syntax, in one place for every front end (command line, HMP, QMP's string forms,
 * qtest, the Karaf shell, Config Admin files): keyval and QemuOpts strings, sizes with suffixes,
 * QEMU's integer and boolean words, with QEMU's error texts. Pure functions over strings: no
 * state, no OSGi.
 */
@Export
@Version("1.0.0")
package io.emuhost.syntax;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
