// The generated project built, its tests ran and passed, and the bundle is what emuhost loads:
// the project as generated (invoker.properties), imports of the api only, the DS component, the Metatype description.
import java.util.jar.JarFile

def project = new File(basedir, "acme-rng")
def jar = new File(project, "target/acme-rng-1.0.0.jar")
assert jar.isFile() : "no bundle built"

def reports = new File(project, "target/surefire-reports").listFiles().findAll { it.name.endsWith(".txt") }
assert reports.size() == 2 : reports
reports.each { assert it.text =~ /Tests run: [1-9]\d*, Failures: 0, Errors: 0, Skipped: 0/ : it.text }

new JarFile(jar).withCloseable { bundle ->
    def main = bundle.manifest.mainAttributes
    assert main.getValue("Bundle-SymbolicName") == "com.example.acme.acme-rng"
    assert main.getValue("Bundle-Version") == "1.0.0"
    assert main.getValue("Private-Package") == "com.example.acme.rng.internal"
    assert main.getValue("Export-Package") == null
    def imports = main.getValue("Import-Package")
    assert imports.contains('io.emuhost.api.virtio;version="[2.')
    imports.split(/,(?=[a-z])/).each { assert it.startsWith("io.emuhost.api.") || it.startsWith("java.") : imports }
    assert main.getValue("Service-Component") == "OSGI-INF/com.example.acme.rng.internal.EntropyDeviceFactory.xml"
    def component = bundle.getInputStream(bundle.getEntry(main.getValue("Service-Component"))).text
    assert component.contains('name="emuhost.device.driver"') && component.contains('value="acme-rng-pci"') : component
    assert component.contains('configuration-pid="com.example.acme.rng"') : component
    def metatype = bundle.getEntry("OSGI-INF/metatype/com.example.acme.rng.internal.FactoryConfiguration.xml")
    assert metatype != null : "no Metatype description"
    def ocd = bundle.getInputStream(metatype).text
    assert ocd.contains('<Designate pid="com.example.acme.rng">') && ocd.contains('AD id="max.bytes.per.request"') : ocd
}
return true
