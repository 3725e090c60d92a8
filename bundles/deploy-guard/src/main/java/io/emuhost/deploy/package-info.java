/**
 * Which files emuhost trusts enough to load code or configuration from: the hot-deploy directory
 * and every entry in it. Used by the launcher before the framework starts and by the guard that
 * FileInstall consults for each new entry.
 */
@Export
@Version("1.0.0")
package io.emuhost.deploy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
