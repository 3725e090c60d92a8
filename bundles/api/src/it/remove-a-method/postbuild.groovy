// The build failed (invoker.buildResult); it must have failed in bnd's baseline, for the removed
// method, with bnd's report: io.emuhost.api.virtio needs a major version, a package without the change not.
def report = new File(basedir, "target/baseline/api-${projectVersion}.txt")
assert report.isFile() : "bnd wrote no baseline report"
def text = report.text
def log = new File(basedir, "build.log").text

assert log.contains("Baseline problems detected") : "the build failed, but not in the baseline"
assert text =~ /\* io\.emuhost\.api\.virtio\s+PACKAGE\s+MAJOR\s+\S+\s+\S+\s+3\.0\.0/ : text
assert text =~ /REMOVED\s+METHOD\s+notifyIfNeeded\(\)/ : text
// a package without the change is not flagged (no '*' before its name)
assert text =~ /\n {2}io\.emuhost\.api\.state\s+PACKAGE\s/ : text
return true
