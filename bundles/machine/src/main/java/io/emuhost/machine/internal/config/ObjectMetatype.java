package io.emuhost.machine.internal.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Metatype of {@link ObjectConfiguration#PID}: the keys every user object has. The type's own
 * properties ({@code mem-path=}, {@code size=} for memory-backend-file, ...) are the type's:
 * {@code -object TYPE,help} lists them, and the machine checks them as it checks
 * {@code -object}'s, with the command line's syntax ({@code size=64M}, {@code share=on}).
 */
@ObjectClassDefinition(name = "emuhost object",
        description = "A user object created like -object TYPE,...; the other keys are the type's properties")
public @interface ObjectMetatype {

    /** @return the QOM type */
    @AttributeDefinition(name = "qom-type", description = "Object type, e.g. memory-backend-file (-object help lists them)")
    String qom$_$type();

    /** @return the object id */
    @AttributeDefinition(name = "id", description = "Object id, e.g. mem1")
    String id();
}
