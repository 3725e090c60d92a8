package io.emuhost.api.monitor;

import io.emuhost.api.machine.Frontend;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.osgi.annotation.versioning.ProviderType;

/** The arguments of one command invocation, already checked against its {@link CommandSpec}. */
@ProviderType
public interface CommandArguments {

    /**
     * Which monitor the command came from.
     *
     * @return {@link Frontend#HMP} or {@link Frontend#QMP}
     */
    Frontend frontend();

    /**
     * A string argument ({@link ArgumentType#STRING} or {@link ArgumentType#REST}).
     *
     * @param name the argument
     * @return the value, or empty if left out
     */
    Optional<String> string(String name);

    /**
     * An integer argument ({@link ArgumentType#INTEGER} or {@link ArgumentType#SIZE}).
     *
     * @param name the argument
     * @return the value, or empty if left out
     */
    OptionalLong integer(String name);

    /**
     * A boolean argument.
     *
     * @param name the argument
     * @return the value, or empty if left out
     */
    Optional<Boolean> bool(String name);

    /**
     * The extra arguments ({@link ArgumentType#KEYVAL} or, with
     * {@link CommandSpec#extraArguments()}, undeclared QMP members): strings from HMP, JSON-typed
     * values from QMP, in the order given.
     *
     * @return the arguments, possibly empty
     */
    Map<String, Object> extra();
}
