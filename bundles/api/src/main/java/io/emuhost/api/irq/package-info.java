/** Interrupt delivery (MSI and INTx) and its observation. */
@Export
@Version("1.0.0")
package io.emuhost.api.irq;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
