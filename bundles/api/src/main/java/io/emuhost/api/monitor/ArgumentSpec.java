package io.emuhost.api.monitor;

/**
 * One argument of a monitor command.
 *
 * @param name the QMP member name, also used for HMP
 * @param type how the value is written and checked
 * @param optional whether it may be left out
 * @param description one line for help and schemas
 */
public record ArgumentSpec(String name, ArgumentType type, boolean optional, String description) {
}
