package io.emuhost.karaf.shell.internal;

import io.emuhost.api.machine.Machine;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code emuhost:object-del ID}: HMP {@code object_del} through {@link Machine#deleteObject}. */
@Service
@Command(scope = "emuhost", name = "object-del", description = "Deletes an unused user object, like QEMU's object_del")
public class ObjectDelCommand implements Action {

    @Reference
    Machine machine;

    @Argument(index = 0, name = "id", required = true, description = "the object id")
    @Completion(ObjectIdCompleter.class)
    String id;

    @Override
    public Object execute() throws Exception {
        machine.deleteObject(id);
        return null;
    }
}
