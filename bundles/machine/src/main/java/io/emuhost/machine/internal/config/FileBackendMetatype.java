package io.emuhost.machine.internal.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Metatype of {@link FileBackendConfiguration#PID}: the {@code memory-backend-file} properties a
 * configuration file may set, written as on the command line ({@code size=64M}, {@code share=on}).
 * {@code $_$} in a method name stands for {@code -} (Metatype 1.4 §105.15.2.2).
 */
@ObjectClassDefinition(name = "emuhost memory-backend-file",
        description = "A host file mapped as guest memory backend (like -object memory-backend-file,...)")
public @interface FileBackendMetatype {

    /** @return the object id */
    @AttributeDefinition(name = "id", description = "Object id, e.g. mem1")
    String id();

    /** @return the host file */
    @AttributeDefinition(name = "mem-path", description = "Host file backing the memory")
    String mem$_$path();

    /** @return the size */
    @AttributeDefinition(name = "size", description = "Size with optional K/M/G/T suffix, e.g. 64M")
    String size();

    /** @return whether the mapping is shared */
    @AttributeDefinition(name = "share", required = false, description = "Map shared (writes reach the file)",
            options = {@Option(label = "on", value = "on"), @Option(label = "off", value = "off")})
    String share() default "off";

    /** @return whether the mapping is read-only */
    @AttributeDefinition(name = "readonly", required = false, description = "Map read-only",
            options = {@Option(label = "on", value = "on"), @Option(label = "off", value = "off")})
    String readonly() default "off";

    /** @return whether the backing file is locked against other writers */
    @AttributeDefinition(name = "lock", required = false,
            description = "Advisory OFD lock on the file: exclusive when shared and writable, shared otherwise",
            options = {@Option(label = "on", value = "on"), @Option(label = "off", value = "off")})
    String lock() default "on";
}
