package io.emuhost.machine.internal.registry;

import io.emuhost.api.device.Device;
import java.util.Optional;

/**
 * A device on the machine and what it holds.
 *
 * @param id the device id, if any
 * @param device the device
 * @param context the resources taken through its plug context
 */
record PluggedDevice(Optional<String> id, Device device, DevicePlugContext context) {
}
