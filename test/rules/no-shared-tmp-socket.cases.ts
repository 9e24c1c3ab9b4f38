import { type FormName, type SuggestionSpec, invalidForms, validForms } from '../helpers/forms.js';

// Forms that keep `net.x` spelled as written, for code where a local name shadows the module.
const NON_REWRITING: FormName[] = ['cjs', 'cjs-undeclared', 'esm-default', 'esm-namespace', 'ts-import-equals', 'ts-esm'];
const ESM: FormName[] = ['esm-default', 'ts-esm'];
const CJS: FormName[] = ['cjs'];
const TS: FormName[] = ['ts-esm', 'ts-import-equals'];


const useSocketPath = (app: string, output: string): SuggestionSpec => ({
  messageId: 'useSocketPath',
  data: { helper: 'socketPathSync', app },
  output,
  imports: 'socketPathSync',
});

/** For code with imports of its own: the suggestion's import goes after them, so `output` spells it out. */
const useSocketPathAfterImports = (app: string, output: string): SuggestionSpec => ({
  messageId: 'useSocketPath',
  data: { helper: 'socketPathSync', app },
  output,
});

const listen = (line: number, column: number, path?: string, suggestions?: SuggestionSpec[]) => ({
  messageId: 'sharedTmpListen',
  ...(path === undefined ? {} : { data: { path, helper: 'listenUnixSocket', pathHelper: 'socketPath' } }),
  line,
  column,
  ...(suggestions ? { suggestions } : {}),
});

const socket = (line: number, column: number, path?: string, suggestions?: SuggestionSpec[]) => ({
  messageId: 'sharedTmpSocket',
  ...(path === undefined ? {} : { data: { path, helper: 'socketPath' } }),
  line,
  column,
  ...(suggestions ? { suggestions } : {}),
});

const socketRoot = (line: number, column: number, path?: string) => ({
  messageId: 'sharedTmpSocketRoot',
  ...(path === undefined ? {} : { data: { path, helper: 'runtimeDir' } }),
  line,
  column,
});

const unlink = (line: number, column: number, path?: string) => ({
  messageId: 'unlinkBeforeListen',
  ...(path === undefined ? {} : { data: { path, helper: 'listenUnixSocket' } }),
  line,
  column,
});

const checkUnlink = (line: number, column: number, check: string, path?: string) => ({
  messageId: 'checkUnlinkListen',
  ...(path === undefined ? {} : { data: { path, check, helper: 'listenUnixSocket' } }),
  line,
  column,
});

export const valid = validForms([
  // A `unix:` address in a message, outside a temp directory, or the bare root.
  "console.log('listening on unix:/tmp/x.sock');\nserver.bindAsync('unix:/run/user/1000/app.sock', creds, cb);\nconst root = 'unix:/tmp';",
  // TCP ports and hosts are not socket paths.
  'net.createServer(onConnection).listen(3000);',
  "const server = net.createServer(); server.listen(0, '127.0.0.1');",
  "http.createServer(handler).listen({ port: 8080, host: 'localhost' }, () => {});",
  "const PORT = Number(process.env.PORT) || 3000;\nhttp.createServer(handler).listen(PORT);",
  "net.connect(8080, 'localhost');",
  "net.createConnection({ port: 5432, host: '/tmp.example.com' });",
  'const s = new net.Socket(); s.connect(3000);',
  // Well-known system sockets: not in a shared temp directory.
  "net.connect('/var/run/docker.sock');",
  "http.request({ socketPath: '/var/run/docker.sock', path: '/containers/json' });",
  "net.connect({ path: '/run/user/1000/app.sock' });",
  "net.createServer().listen('/run/app/app.sock');",
  "const SOCK = '/var/run/app.sock';\nconst server = net.createServer();\ntry { fs.unlinkSync(SOCK); } catch {}\nserver.listen(SOCK);",
  "net.createServer().listen('\\\\\\\\.\\\\pipe\\\\app');",
  // Private locations: a mkdtemp directory, XDG_RUNTIME_DIR, the home directory, the helpers.
  "const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-'));\nnet.createServer().listen(path.join(dir, 'app.sock'));",
  "const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-'));\nconst sock = path.join(dir, 'app.sock');\nfs.rmSync(sock, { force: true });\nnet.createServer().listen(sock);",
  "net.createServer().listen(path.join(process.env.XDG_RUNTIME_DIR, 'app.sock'));",
  "http.request({ socketPath: `${process.env.XDG_RUNTIME_DIR}/app/app.sock` });",
  "net.createServer().listen(path.join(os.homedir(), '.app', 'run', 'app.sock'));",
  {
    code: "import { listenUnixSocket, socketPath } from 'eslint-plugin-secure-fs/runtime';\nconst server = net.createServer();\nawait listenUnixSocket(server, await socketPath('app'));\nnet.connect(await socketPath('app'));",
    forms: ESM,
  },
  "const { socketPathSync } = require('eslint-plugin-secure-fs/runtime');\nhttp.get({ socketPath: socketPathSync('app'), path: '/health' });",
  // `/tmp` in text that is not a socket path.
  "console.log('listening on /tmp/app.sock');",
  "throw new Error('cannot connect to /tmp/app.sock');",
  "http.get('http://localhost/tmp/app.sock');",
  // Receivers the file cannot trace: only socket-named shared-temp paths count.
  'app.listen(3000);',
  "app.listen('/tmp/app');",
  "emitter.listen('/tmp/report.json');",
  'function start(server, port) { server.listen(port); }',
  "function start(server) { server.listen(path.join(os.tmpdir(), 'data.json')); }",
  // Paths the file does not show.
  'const { socketPath } = options;\nnet.connect(socketPath);',
  'function dial(sock) { return net.connect({ path: sock }); }',
  "const { socketPath = process.env.APP_SOCKET } = options;\nhttp.request({ socketPath, path: '/' });",
  // Something merely called `net` is not Node's.
  { code: "function f(net) { net.connect('/tmp/app.sock'); }", forms: NON_REWRITING },
  // WebSocket URLs that are not Unix sockets under a shared temp dir.
  { code: "import WebSocket from 'ws';\nnew WebSocket('ws://localhost:8080/tmp/app.sock');", forms: ESM },
  { code: "const WebSocket = require('ws');\nnew WebSocket('ws+unix:/run/user/1000/app.sock:/chat');", forms: CJS },
  { code: "class WebSocket {}\nnew WebSocket('ws+unix:/tmp/app.sock');", forms: ESM },
  // node-ipc pointed at a private directory, other settings, and objects that are not node-ipc's.
  { code: "const ipc = require('node-ipc');\nipc.config.socketRoot = `${process.env.XDG_RUNTIME_DIR}/app/`;\nipc.config.appspace = 'tmp.';", forms: CJS },
  { code: "import ipc from 'node-ipc';\nconsole.log(ipc.config.socketRoot);", forms: ESM },
  // Types are not values.
  { code: "interface Options { socketPath: '/tmp/app.sock' }\nconst o: Options | undefined = undefined;\nvoid o;", forms: ['ts-esm'] },
  // Clean-up in an exit handler is not a removal before listening; the listen is on a private path.
  "const sock = path.join(process.env.XDG_RUNTIME_DIR, 'app.sock');\nprocess.on('exit', () => fs.unlinkSync(sock));\nnet.createServer().listen(sock);",
  // Socket keys with private, system or non-path values; keys that only start like one.
  "const defaults = { socket: '/run/user/1000/player.sock', verbose: false };",
  "const defaults = { socket: process.platform === 'win32' ? '\\\\.\\pipe\\player' : path.join(os.homedir(), '.player.sock') };",
  "function Config() { this.socketRoot = path.join(process.env.XDG_RUNTIME_DIR, 'svc') + '/'; }",
  "const options = { socketTimeout: 5000, ipcMode: 'json', cacheDir: 'tmp' };",
  'function Client() { this.socket = new net.Socket(); this.socket.connect(6600, "localhost"); }',
  // A strong random name under the temp directory cannot be taken first.
  "const socketPath = path.join(os.tmpdir(), `svc-${crypto.randomBytes(16).toString('hex')}.sock`);\nnet.createServer().listen(socketPath);",
  // `path` of an HTTP request is the URL's path, whatever it contains; a sentence is not a path.
  "http.request({ host: 'localhost', path: '/tmp/report.sock' });",
  "http.get({ socketPath: '/var/run/docker.sock', path: '/files/tmp/x.sock' });",
  "console.log('socket ready at /tmp/player.sock');",
  "const isDefault = address === '/tmp/player.sock';",
  // Removals that are not before a listen on the same path, or of a known private or system path.
  "function close(options) { try { fs.unlinkSync(options.socket); } catch {} }",
  "function restart(server, config) { try { fs.unlinkSync(config.socket); } catch {}\n  server.listen(config.port); }",
  "const SOCK = path.join(os.homedir(), '.svc', 'svc.sock');\ntry { fs.unlinkSync(SOCK); } catch {}\nnet.createServer().listen(SOCK);",
  "class Daemon {\n  stop() { fs.unlink(this.where, finish.bind(this)); }\n}\nfunction finish() { this.emit('stopped'); }",
]);

export const invalid = invalidForms([
  // A `unix:` address, as gRPC, got and Docker clients take it, wherever it goes.
  { code: "server.bindAsync('unix:/tmp/embedder.sock', creds, cb);", errors: [socket(1, 18, '/tmp/embedder.sock')] },
  { code: "got('http://unix:/tmp/docker.sock:/containers/json');\nconnect({ address: 'unix:///tmp/grpc' });", errors: [socket(1, 5, '/tmp/docker.sock'), socket(2, 20, '/tmp/grpc')] },
  // listen on a Node server the core traces.
  {
    code: "net.createServer(onConnection).listen('/tmp/app.sock');",
    errors: [listen(1, 39, '/tmp/app.sock', [useSocketPath('app', "net.createServer(onConnection).listen(socketPathSync('app'));")])],
  },
  {
    code: "const server = net.createServer();\nserver.listen({ path: '/var/tmp/app.sock', readableAll: true });",
    errors: [listen(2, 23, '/var/tmp/app.sock', [useSocketPath('app', "const server = net.createServer();\nserver.listen({ path: socketPathSync('app'), readableAll: true });")])],
  },
  {
    code: "const SOCK = path.join(os.tmpdir(), 'app.sock');\nconst server = new net.Server();\nserver.listen(SOCK, () => {});",
    errors: [listen(3, 15)],
  },
  { code: 'http.createServer(app).listen(`/tmp/${name}.sock`);', errors: [listen(1, 31, '/tmp/${name}.sock')] },
  {
    code: "const options = { path: path.join('/dev/shm', 'app.sock') };\nconst server = http.createServer(app);\nserver.listen(options);",
    errors: [listen(1, 25, '/dev/shm/app.sock')],
  },
  // listen on receivers the file cannot trace, with a socket-named shared-temp path.
  { code: "app.listen('/tmp/app.sock');", errors: [listen(1, 12, '/tmp/app.sock', [useSocketPath('app', "app.listen(socketPathSync('app'));")])] },
  { code: "function start(server) { server.listen(path.join('/tmp', 'app.sock')); }", errors: [listen(1, 40, '/tmp/app.sock')] },
  { code: "this.server.listen({ path: path.join(os.tmpdir(), 'worker.socket') });", errors: [listen(1, 28)] },
  // Clients.
  {
    code: "net.connect('/tmp/app.sock');",
    errors: [socket(1, 13, '/tmp/app.sock', [useSocketPath('app', "net.connect(socketPathSync('app'));")])],
  },
  { code: "net.createConnection({ path: '/tmp/db.sock' }, onConnect);", errors: [socket(1, 30, '/tmp/db.sock', [useSocketPath('db', "net.createConnection({ path: socketPathSync('db') }, onConnect);")])] },
  { code: "const SOCK_DIR = '/dev/shm';\nnet.connect({ path: SOCK_DIR + '/app.sock' });", errors: [socket(2, 21, '/dev/shm/app.sock')] },
  { code: "const socket = new net.Socket();\nsocket.connect(path.join(process.env.TMPDIR, 'app.sock'));", errors: [socket(2, 16)] },
  // `socketPath` options: http(s).request/get, Agent, and any library with that option.
  {
    code: "http.request({ socketPath: '/tmp/docker.sock', path: '/info' });",
    errors: [socket(1, 28, '/tmp/docker.sock', [useSocketPath('docker', "http.request({ socketPath: socketPathSync('docker'), path: '/info' });")])],
  },
  {
    code: "const SOCK = '/tmp/app.sock';\nhttp.get('http://localhost/health', { socketPath: SOCK });",
    errors: [socket(2, 51, '/tmp/app.sock', [useSocketPath('app', "const SOCK = socketPathSync('app');\nhttp.get('http://localhost/health', { socketPath: SOCK });")])],
  },
  { code: "const agent = new http.Agent({ socketPath: `/tmp/${app}.sock` });", errors: [socket(1, 44, '/tmp/${app}.sock')] },
  { code: "import https from 'node:https';\nhttps.request({ socketPath: '/var/tmp/api.sock', path: '/' });", forms: ESM, errors: [socket(2, 29, '/var/tmp/api.sock', [useSocketPathAfterImports('api', "import https from 'node:https';\nimport { socketPathSync } from 'eslint-plugin-secure-fs/runtime';\nhttps.request({ socketPath: socketPathSync('api'), path: '/' });")])] },
  { code: "axios.get('/v1/status', { socketPath: path.join(os.tmpdir(), 'daemon.sock') });", errors: [socket(1, 39)] },
  { code: "import { Client } from 'undici';\nconst client = new Client('http://localhost', { socketPath: '/tmp/app.sock' });", forms: ESM, errors: [socket(2, 61, '/tmp/app.sock', [useSocketPathAfterImports('app', "import { Client } from 'undici';\nimport { socketPathSync } from 'eslint-plugin-secure-fs/runtime';\nconst client = new Client('http://localhost', { socketPath: socketPathSync('app') });")])] },
  { code: "function start({ socketPath = '/tmp/app.sock' } = {}) { return socketPath; }", errors: [socket(1, 31, '/tmp/app.sock', [useSocketPath('app', "function start({ socketPath = socketPathSync('app') } = {}) { return socketPath; }")])] },
  { code: "class Daemon { socketPath = '/tmp/daemon.sock'; }", errors: [socket(1, 29, '/tmp/daemon.sock', [useSocketPath('daemon', "class Daemon { socketPath = socketPathSync('daemon'); }")])] },
  { code: "class Daemon { constructor() { this.socketPath = '/tmp/daemon.sock'; } }", errors: [socket(1, 50, '/tmp/daemon.sock', [useSocketPath('daemon', "class Daemon { constructor() { this.socketPath = socketPathSync('daemon'); } }")])] },
  // ws: `ws+unix:` URLs.
  { code: "import WebSocket from 'ws';\nnew WebSocket('ws+unix:/tmp/app.sock');", forms: ESM, errors: [socket(2, 15, '/tmp/app.sock')] },
  { code: "import { WebSocket } from 'ws';\nconst ws = new WebSocket('ws+unix:/tmp/app.sock:/chat');", forms: ESM, errors: [socket(2, 26, '/tmp/app.sock')] },
  { code: "const WebSocket = require('ws');\nconst SOCK = '/tmp/app.sock';\nnew WebSocket(`ws+unix:${SOCK}:/chat`);", forms: CJS, errors: [socket(3, 15, '/tmp/app.sock')] },
  // node-ipc's socketRoot.
  { code: "const ipc = require('node-ipc');\nipc.config.socketRoot = '/tmp/';", forms: CJS, errors: [socketRoot(2, 25, '/tmp/')] },
  { code: "import ipc from 'node-ipc';\nipc.config.id = 'app';\nipc.config.socketRoot = path.join(os.tmpdir(), 'ipc/');", errors: [socketRoot(3, 25)], forms: ['esm-default', 'esm-namespace', 'ts-esm'] },
  { code: "const { IPC } = require('node-ipc');\nconst ipc = new IPC();\nipc.config.socketRoot = '/var/tmp/';", forms: CJS, errors: [socketRoot(3, 25, '/var/tmp/')] },
  // Removing the socket path before listening, without an lstat.
  {
    code: "const SOCK = '/tmp/app.sock';\nconst server = net.createServer();\ntry { fs.unlinkSync(SOCK); } catch {}\nserver.listen(SOCK);",
    errors: [
      unlink(3, 7, '/tmp/app.sock'),
      listen(4, 15, '/tmp/app.sock', [
        useSocketPath('app', "const SOCK = socketPathSync('app');\nconst server = net.createServer();\ntry { fs.unlinkSync(SOCK); } catch {}\nserver.listen(SOCK);"),
      ]),
    ],
  },
  {
    code: "const SOCK = path.join(os.tmpdir(), 'app.sock');\nif (fs.existsSync(SOCK)) fs.unlinkSync(SOCK);\nnet.createServer().listen(SOCK);",
    errors: [checkUnlink(2, 26, 'existsSync'), listen(3, 27)],
  },
  {
    code: "const SOCK = '/tmp/app.sock';\nfs.access(SOCK, (err) => {\n  if (!err) fs.unlinkSync(SOCK);\n  net.createServer().listen(SOCK);\n});",
    errors: [
      checkUnlink(3, 13, 'access', '/tmp/app.sock'),
      listen(4, 29, '/tmp/app.sock', [
        useSocketPath('app', "const SOCK = socketPathSync('app');\nfs.access(SOCK, (err) => {\n  if (!err) fs.unlinkSync(SOCK);\n  net.createServer().listen(SOCK);\n});"),
      ]),
    ],
  },
  {
    code: "const SOCK = '/tmp/app.sock';\nconst server = net.createServer();\nfs.unlink(SOCK, () => server.listen(SOCK));",
    errors: [unlink(3, 1, '/tmp/app.sock'), listen(3, 37, '/tmp/app.sock', [useSocketPath('app', "const SOCK = socketPathSync('app');\nconst server = net.createServer();\nfs.unlink(SOCK, () => server.listen(SOCK));")])],
  },
  {
    code: "async function start(server) {\n  await fs.promises.rm(path.join('/tmp', 'app.sock'), { force: true });\n  server.listen(path.join('/tmp', 'app.sock'));\n}",
    errors: [unlink(2, 9, '/tmp/app.sock'), listen(3, 17, '/tmp/app.sock')],
  },
  // An lstat first: only the location is reported.
  {
    code: "const SOCK = '/tmp/app.sock';\nif (fs.lstatSync(SOCK, { throwIfNoEntry: false })?.isSocket()) fs.unlinkSync(SOCK);\nnet.createServer().listen(SOCK);",
    errors: [listen(3, 27, '/tmp/app.sock', [useSocketPath('app', "const SOCK = socketPathSync('app');\nif (fs.lstatSync(SOCK, { throwIfNoEntry: false })?.isSocket()) fs.unlinkSync(SOCK);\nnet.createServer().listen(SOCK);")])],
  },
  // Socket keys in defaults objects, fields and options, whichever library reads them.
  { code: "const defaults = { socket: '/tmp/player.sock', verbose: false };", errors: [socket(1, 28, '/tmp/player.sock', [useSocketPath('player', "const defaults = { socket: socketPathSync('player'), verbose: false };")])] },
  { code: "const defaults = { socket: process.platform === 'win32' ? '\\\\.\\pipe\\player' : '/tmp/player.sock' };", errors: [socket(1, 28, '/tmp/player.sock')] },
  { code: "function Client(options) { this.options = { sock: '/var/tmp/mpd.sock' }; }", errors: [socket(1, 51, '/var/tmp/mpd.sock', [useSocketPath('mpd', "function Client(options) { this.options = { sock: socketPathSync('mpd') }; }")])] },
  { code: "const worker = new Worker({ ipcPath: '/tmp/worker.ipc' });", errors: [socket(1, 38, '/tmp/worker.ipc')] },
  { code: "function start({ unix_socket = `/tmp/${name}.sock` } = {}) { return unix_socket; }", errors: [socket(1, 32, '/tmp/${name}.sock')] },
  // Socket directories: node-ipc's socketRoot wherever it is set, and fallbacks from XDG_RUNTIME_DIR.
  { code: "function Config() { this.appspace = 'svc.'; this.socketRoot = '/tmp/'; }", errors: [socketRoot(1, 63, '/tmp/')] },
  { code: "class Settings { constructor() { this.socketRoot = '/var/tmp/'; } }", errors: [socketRoot(1, 52, '/var/tmp/')] },
  { code: "ipcOptions.socketRoot = (process.env.XDG_RUNTIME_DIR || '/tmp') + '/';", errors: [socketRoot(1, 25, '/tmp/')] },
  { code: "const settings = { socketDir: process.env.XDG_RUNTIME_DIR ?? os.tmpdir() };", errors: [socketRoot(1, 31)] },
  { code: "const dir = process.env.XDG_RUNTIME_DIR || os.tmpdir();\nnet.createServer().listen(path.join(dir, 'svc.sock'));", errors: [listen(2, 27)] },
  // A name that says "socket" makes a shared-temp path a socket wherever it is used as a path.
  { code: "fs.unlinkSync('/tmp/bridge.ipc');", errors: [socket(1, 15, '/tmp/bridge.ipc')] },
  { code: "fs.rmSync(path.join(os.tmpdir(), name + '.sock'), { force: true });", errors: [socket(1, 11)] },
  { code: "const SOCK = '/tmp/svc.sock';\nif (fs.existsSync(SOCK)) console.log('running');\nfs.chmodSync(SOCK, 0o600);", errors: [socket(2, 19, '/tmp/svc.sock')] },
  { code: "client.connect({ path: '/tmp/svc.sock' });", errors: [socket(1, 24, '/tmp/svc.sock')] },
  { code: "const file = path.join(os.tmpdir(), `svc-${Math.floor(Math.random() * 1e6)}.sock`);\nfs.writeFileSync(file, '');", errors: [socket(2, 18)] },
  // The socket directory chosen in another function: reported where the temp root is named.
  { code: "class Daemon {\n  constructor() { this.dir = path.join(os.tmpdir(), 'svc'); }\n  stop() { fs.rmSync(path.join(this.dir, 'svc.sock'), { force: true }); }\n}", errors: [socket(2, 40)] },
  { code: "const tmp = require('tmp');\nfs.unlinkSync(path.join(tmp.tmpdir, 'svc.sock'));", forms: CJS, errors: [socket(2, 15)] },
  // A socket a plain-function or compiled class keeps in a field.
  { code: "function Player() {\n  this.conn = new net.Socket();\n  this.conn.connect({ path: '/tmp/player.sock' });\n}", errors: [socket(3, 29, '/tmp/player.sock', [useSocketPath('player', "function Player() {\n  this.conn = new net.Socket();\n  this.conn.connect({ path: socketPathSync('player') });\n}")])] },
  { code: "function Player() { this.conn = new net.Socket(); }\nPlayer.prototype.open = function () { this.conn.connect('/tmp/player.sock'); };", errors: [socket(2, 57, '/tmp/player.sock', [useSocketPath('player', "function Player() { this.conn = new net.Socket(); }\nPlayer.prototype.open = function () { this.conn.connect(socketPathSync('player')); };")])] },
  // Removing a socket path from elsewhere before listening: after a probe, through a bound callback, a called function.
  {
    code: "function serve(server, options) {\n  server.on('error', () => {\n    const probe = new net.Socket();\n    probe.on('error', () => {\n      fs.unlinkSync(options.socket);\n      server.listen(options.socket);\n    });\n    probe.connect({ path: options.socket });\n  });\n  server.listen(options.socket);\n}",
    errors: [unlink(5, 7, 'options.socket')],
  },
  {
    code: "class Daemon {\n  start() { fs.unlink(this.where, boot.bind(this)); }\n}\nfunction boot() { this.server = net.createServer(); this.server.listen({ path: this.where }); }",
    errors: [unlink(2, 13, 'this.where')],
  },
  {
    code: "const sock = process.argv[2];\nfunction begin() { net.createServer().listen(sock); }\nif (fs.existsSync(sock)) fs.unlinkSync(sock);\nbegin();",
    errors: [checkUnlink(3, 26, 'existsSync', 'sock')],
  },
  // TypeScript.
  {
    code: "const SOCK: string = '/tmp/app.sock' as const;\nnet.connect(SOCK as string);",
    forms: TS,
    errors: [socket(2, 13, '/tmp/app.sock')],
  },
]);
