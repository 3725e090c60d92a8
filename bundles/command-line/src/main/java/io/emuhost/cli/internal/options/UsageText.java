package io.emuhost.cli.internal.options;

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
            -cpu model[,phys-bits=n][,host-phys-bits=on|off]
                            the guest CPU ('-cpu help' for list; default qemu64, phys-bits 40):
                            its address width bounds the device memory (maxmem)
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
            -chardev socket,id=id,path=path[,server=on|off][,wait=on|off]
            -chardev socket,id=id,host=host,port=port[,server=on|off][,wait=on|off][,nodelay=on|off]
            -chardev stdio,id=id
                            a character device for -mon
            -mon [chardev=]name[,mode=readline|control][,pretty=on|off]
                            a monitor on a chardev (readline: HMP, control: QMP)
            -monitor dev    the human monitor on dev: stdio, unix:PATH[,server=on,wait=off],
                            tcp:HOST:PORT[,server=on,wait=off], chardev:ID ('vc' and 'none':
                            no monitor); default stdio when standard input is a terminal
            -qmp dev        like -monitor but opens in 'control' mode (QMP)
            -qmp-pretty dev like -qmp but uses pretty JSON formatting
            -serial none    no serial port (the only choice)

            Testing and accelerators (accepted and ignored: there is no CPU):
            -qtest dev      the qtest protocol on dev (stdio, unix:PATH,..., tcp:HOST:PORT,...)
            -qtest-log FILE|none
                            where qtest logs (default: standard error)
            -enable-kvm, -accel NAME (kvm, tcg, qtest)
            """;

    private UsageText() {
    }
}
