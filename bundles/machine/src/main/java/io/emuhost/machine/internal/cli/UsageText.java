package io.emuhost.machine.internal.cli;

/** The {@code -h} text, in the layout of QEMU's help for the options emuhost has. */
final class UsageText {

    static final String OPTIONS = """
            usage: emuhost [options]

            Standard options:
            -h or -help     display this help and exit
            -version        display version information and exit
            -machine [type=]name[,accel=...]
                            selects emulated machine ('-machine help' for list)
                            only 'pc' (alias 'pc-i440fx-*'); accel is accepted, there is no CPU
            -m [size=]megs[,slots=n,maxmem=size]
                            configure guest RAM
                            size: initial amount of guest memory
                            slots: number of hotplug slots (default: none)
                            maxmem: maximum amount of guest memory (default: none)
            -name string1[,process=string2][,debug-threads=on|off]
                            set the name of the guest
            -object TYPE,id=ID[,PROP=VALUE...]
                            create a new object of type TYPE setting properties
                            in the order they are specified ('-object help' for list)
            -device driver[,prop[=value][,...]]
                            add device (based on driver)
                            prop=value,... sets driver properties
                            use '-device help' to print all possible drivers
                            use '-device driver,help' to print all possible properties
            -nodefaults     don't create default devices
            -S              start in the paused (prelaunch) state

            Display and character devices:
            -display none   no display (the only one)
            -nographic      no graphical output; the monitor goes to stdio unless -nodefaults
            -monitor stdio|vc|none
                            where the human monitor runs ('vc' and 'none': no monitor)
            -serial none    no serial port (the only choice)

            Accelerators (accepted and ignored: there is no CPU):
            -enable-kvm, -accel NAME
            """;

    private UsageText() {
    }
}
