package io.emuhost.monitor.internal.command;

import io.emuhost.api.machine.CpuSpec;
import java.util.List;
import java.util.Optional;

/**
 * The CPU's object in the QOM tree, {@code /machine/unattached/device[0]}, with the properties a
 * device host's CPU has (target/i386/cpu.c): {@code type}, {@code phys-bits},
 * {@code host-phys-bits}, {@code vendor}, {@code lm}, {@code realized}. QEMU's test of
 * host-phys-bits reads {@code phys-bits} this way (qom-get on the path query-cpus returns).
 */
final class CpuQomNode {

    static final String UNATTACHED = "/machine/unattached";
    static final String DEVICE = "device[0]";

    private CpuQomNode() {
    }

    /** The {@code /machine/unattached} container's child property for the CPU. */
    static QomNode.Property child(CpuSpec cpu) {
        return new QomNode.Property(DEVICE, "child<" + cpu.qomType() + ">", Optional.of(CpusCommand.QOM_PATH));
    }

    /** The CPU object. */
    static QomNode node(CpuSpec cpu) {
        return new QomNode(cpu.qomType(), List.of(
                new QomNode.Property("type", "string", Optional.of(cpu.qomType())),
                new QomNode.Property("realized", "bool", Optional.of(true)),
                new QomNode.Property("phys-bits", "uint32", Optional.of(cpu.physBits())),
                new QomNode.Property("host-phys-bits", "bool", Optional.of(cpu.hostPhysBits())),
                new QomNode.Property("vendor", "string", Optional.of(cpu.vendor())),
                new QomNode.Property("lm", "bool", Optional.of(cpu.longMode()))));
    }
}
