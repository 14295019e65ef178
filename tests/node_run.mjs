// Runs a WASI preview1 command module under Node's built-in WASI, with the
// same command line shape as `wasishim run`:
//   node node_run.mjs [--dir HOST::GUEST]... [--env K=V]... MODULE.wasm [ARGS...]
// Exit status: the guest's; 134 if it trapped (as wasishim reports a trap).
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
import process from 'node:process';

const argv = process.argv.slice(2);
const preopens = {};
const env = {};
let i = 0;
for (; i < argv.length && argv[i].startsWith('--'); i++) {
  const [flag, inline] = argv[i].split(/=(.*)/s, 2);
  const value = inline ?? argv[++i];
  if (flag === '--dir') {
    const [host, guest] = value.split('::');
    preopens[guest ?? host] = host;
  } else if (flag === '--env') {
    const eq = value.indexOf('=');
    env[value.slice(0, eq)] = value.slice(eq + 1);
  } else {
    console.error(`node_run: unknown option ${flag}`);
    process.exit(126);
  }
}
const modulePath = argv[i];
const wasi = new WASI({ version: 'preview1', args: argv.slice(i), env, preopens, returnOnExit: true });
try {
  const module = await WebAssembly.compile(readFileSync(modulePath));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  const code = wasi.start(instance);
  process.exitCode = code;
} catch (e) {
  console.error(`node: trap: ${e.message}`);
  process.exitCode = 134;
}
