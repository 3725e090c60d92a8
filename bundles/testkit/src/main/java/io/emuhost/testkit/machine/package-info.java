/**
 * Doubles of the machine service for front-end tests: a {@link io.emuhost.testkit.machine.FakeMachine}
 * that records what it is asked and a fixed {@link io.emuhost.api.machine.FactoryCatalogue}.
 */
@Export
@Version("1.1.0")
package io.emuhost.testkit.machine;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
