package io.emuhost.testkit.driver;

import java.time.Duration;

/**
 * The guest-side driver could not bring up or use a device. The variants name the rule the device
 * (or the set-up) broke and carry the offending values; they are unchecked because test code
 * treats them as failures. Variants are sorted by name.
 */
public abstract sealed class VirtioDriverException extends RuntimeException
        permits VirtioDriverException.BarNotProgrammed,
                VirtioDriverException.CapabilityMissing,
                VirtioDriverException.CapabilityOutsideBar,
                VirtioDriverException.CompletionTimeout,
                VirtioDriverException.DeviceNeedsReset,
                VirtioDriverException.DeviceNotFound,
                VirtioDriverException.DeviceRemoved,
                VirtioDriverException.FeatureNotOffered,
                VirtioDriverException.FeaturesNotAccepted,
                VirtioDriverException.MsixVectorRejected,
                VirtioDriverException.QueueUnavailable,
                VirtioDriverException.ResetTimeout,
                VirtioDriverException.ScratchExhausted {

    private static final long serialVersionUID = 1L;

    private VirtioDriverException(String message) {
        super(message);
    }

    /** A BAR a capability points into has no address (firmware did not program it). */
    public static final class BarNotProgrammed extends VirtioDriverException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param fn the function
         * @param bar the BAR number
         */
        public BarNotProgrammed(PciAddress fn, int bar) {
            super(fn + ": BAR" + bar + " is not programmed");
        }
    }

    /** A virtio structure the driver requires has no capability (virtio 1.2 §4.1.4). */
    public static final class CapabilityMissing extends VirtioDriverException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param fn the function
         * @param cfgType the missing cfg_type
         */
        public CapabilityMissing(PciAddress fn, int cfgType) {
            super(fn + ": no virtio capability with cfg_type " + cfgType);
        }
    }

    /** A capability's structure is too short or does not fit in its BAR (virtio 1.2 §4.1.4). */
    public static final class CapabilityOutsideBar extends VirtioDriverException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param cap the capability
         * @param barSize the BAR's size
         */
        public CapabilityOutsideBar(VirtioPciCap cap, long barSize) {
            super(cap + " does not fit BAR of size 0x" + Long.toHexString(barSize));
        }
    }

    /** No used buffer arrived on a queue within the time limit. */
    public static final class CompletionTimeout extends VirtioDriverException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param queue the queue
         * @param head the head the driver waited for
         * @param timeout the limit
         * @param interrupts interrupts seen while waiting
         */
        public CompletionTimeout(int queue, int head, Duration timeout, long interrupts) {
            super("queue " + queue + ": head " + head + " not used within " + timeout + " (" + interrupts
                    + " interrupts seen)");
        }
    }

    /**
     * The function left the bus while the driver waited for a used buffer: its vendor ID reads
     * all ones (a hot-unplugged function). The request is lost with the device; everything the
     * device had answered was taken off the used ring first.
     */
    public static final class DeviceRemoved extends VirtioDriverException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param fn the function
         * @param queue the queue
         * @param head the head the driver waited for
         */
        public DeviceRemoved(PciAddress fn, int queue, int head) {
            super(fn + " was removed while queue " + queue + " head " + head + " was in flight");
        }
    }

    /** The device set DEVICE_NEEDS_RESET (virtio 1.2 §2.1.2). */
    public static final class DeviceNeedsReset extends VirtioDriverException {
        private static final long serialVersionUID = 1L;
        private final int status;

        /**
         * Creates the exception.
         *
         * @param fn the function
         * @param status the device status read
         */
        public DeviceNeedsReset(PciAddress fn, int status) {
            super(fn + ": device needs reset (status 0x" + Integer.toHexString(status) + ")");
            this.status = status;
        }

        /**
         * The device status read.
         *
         * @return the status byte
         */
        public int status() {
            return status;
        }
    }

    /** No function with the wanted identity sits on the bus. */
    public static final class DeviceNotFound extends VirtioDriverException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param vendorId vendor ID
         * @param deviceId device ID
         * @param instance which match was wanted (0 = first)
         * @param found how many matched
         */
        public DeviceNotFound(int vendorId, int deviceId, int instance, int found) {
            super(String.format("no PCI function %04x:%04x number %d (%d found)", vendorId, deviceId, instance, found));
        }
    }

    /** The device does not offer a feature the driver requires. */
    public static final class FeatureNotOffered extends VirtioDriverException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param bit the feature bit
         * @param offered the device features
         */
        public FeatureNotOffered(int bit, long offered) {
            super("device does not offer feature bit " + bit + " (offered 0x" + Long.toHexString(offered) + ")");
        }
    }

    /** FEATURES_OK did not stay set: the device refused the feature subset (virtio 1.2 §3.1.1). */
    public static final class FeaturesNotAccepted extends VirtioDriverException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param features the features written
         * @param status the status read back
         */
        public FeaturesNotAccepted(long features, int status) {
            super("device refused features 0x" + Long.toHexString(features) + " (status 0x"
                    + Integer.toHexString(status) + ")");
        }
    }

    /** A MSI-X vector register read back VIRTIO_MSI_NO_VECTOR (virtio 1.2 §4.1.5.1.2). */
    public static final class MsixVectorRejected extends VirtioDriverException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param what which register ({@code config} or {@code queue N})
         * @param vector the vector written
         */
        public MsixVectorRejected(String what, int vector) {
            super("device rejected MSI-X vector " + vector + " for " + what);
        }
    }

    /** The device has no such queue (queue_size reads 0) or it is already enabled. */
    public static final class QueueUnavailable extends VirtioDriverException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param index the queue index
         * @param size the queue_size read
         */
        public QueueUnavailable(int index, int size) {
            super("queue " + index + " unavailable (queue_size " + size + ")");
        }
    }

    /** device_status did not read 0 after a reset (virtio 1.2 §4.1.4.3.2). */
    public static final class ResetTimeout extends VirtioDriverException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param status the last status read
         */
        public ResetTimeout(int status) {
            super("device_status still 0x" + Integer.toHexString(status) + " after reset");
        }
    }

    /** The guest-RAM scratch area is too small for the rings and buffers. */
    public static final class ScratchExhausted extends VirtioDriverException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param wanted bytes wanted
         * @param left bytes left
         */
        public ScratchExhausted(long wanted, long left) {
            super("scratch area exhausted: wanted " + wanted + " bytes, " + left + " left");
        }
    }
}
