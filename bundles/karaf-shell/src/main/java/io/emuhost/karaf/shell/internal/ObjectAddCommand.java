package io.emuhost.karaf.shell.internal;

import io.emuhost.api.machine.FactoryCatalogue;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.Machine;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code emuhost:object-add TYPE id=ID key=value...}: QEMU's {@code -object} / HMP
 * {@code object_add} through {@link Machine#addObject}. Prints nothing on success; a refusal is
 * the command's error, in QEMU's words. {@code help} as the type lists the types.
 */
@Service
@Command(scope = "emuhost", name = "object-add", description = "Creates a user object, like QEMU's -object")
public class ObjectAddCommand implements Action {

    @Reference
    Machine machine;

    @Reference
    FactoryCatalogue catalogue;

    @Argument(index = 0, name = "type", required = true,
            description = "the object type (memory-backend-file, ...), or QEMU's TYPE,id=ID,key=value,... in one word")
    @Completion(ObjectTypeCompleter.class)
    String type;

    @Argument(index = 1, name = "properties", multiValued = true,
            description = "key=value words: id=ID and the type's properties (mem-path=FILE size=64M share=on ...)")
    @Completion(ObjectPropertyCompleter.class)
    List<String> properties;

    @Override
    public Object execute() throws Exception {
        if (HelpWord.is(type)) {
            System.out.println(HelpWord.list("Object types", List.copyOf(catalogue.objectTypes())));
            return null;
        }
        CreateArguments.Request request = CreateArguments.parse(type, properties, "qom-type");
        machine.addObject(request.type(), request.properties(), Frontend.HMP);
        return null;
    }
}
