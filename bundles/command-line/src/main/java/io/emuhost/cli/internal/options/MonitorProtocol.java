package io.emuhost.cli.internal.options;

/** The protocol a monitor speaks ({@code -mon mode=}). */
public enum MonitorProtocol {
    /** {@code mode=readline}: the human monitor (HMP). */
    HMP,
    /** {@code mode=control}: QMP. */
    QMP
}
