// Runs a WASI preview1 command module under Node's built-in WASI, with the
// same command line shape as `wasishim run`:
//   node node_run.mjs [--dir HOST::GUEST]... [--env K=V]... MODULE.wasm [ARGS...]
// Exit status: the guest's; 134 if it trapped (as wasishim reports a trap).
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
// `process` is the global one. Importing node:process's default export would
// evaluate every getter of the module, process.stdin/stdout/stderr included,
// and opening those streams makes libuv put pipes on fds 0-2 in non-blocking
// mode: a guest's read of a pipe with no data yet then fails with EAGAIN
// instead of blocking (measured: `(sleep 1; echo hi) | node node_run.mjs
// cat.wasm` failed; without the import it prints "hi").

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
