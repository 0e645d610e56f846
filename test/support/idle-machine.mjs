// Preloaded (node --import) into a CLI under test: the machine looks idle (a load average of 0), so the
// reading pool starts the workers a large tree is worth however busy the test run keeps the cores.
import module from "node:module";
import os from "node:os";

os.loadavg = () => [0, 0, 0];
module.syncBuiltinESMExports();
