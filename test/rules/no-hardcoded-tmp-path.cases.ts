import { type FormName, createTempDirSuggestion, invalidForms, validForms } from '../helpers/forms.js';

// Forms that keep `fs.x` spelled as written, for code where a local `fs` shadows the module.
const NON_REWRITING: FormName[] = ['cjs', 'cjs-undeclared', 'esm-default', 'esm-namespace', 'ts-import-equals', 'ts-esm'];
// Forms that bind each module to one name, so a member read such as `path.sep` stays the module's.
const MEMBER_READ_FORMS: FormName[] = ['cjs', 'cjs-undeclared', 'cjs-destructured', 'esm-default', 'esm-namespace', 'esm-named-renamed', 'ts-import-equals', 'ts-esm'];

// The rendered path follows each import form's spelling of `os.tmpdir()`: the message id and position say enough.
const guessable = (line: number, column: number) => ({ messageId: 'guessableTmpdirPath', line, column });

const hardcoded = (line: number, column: number, path: string, root = '/tmp') => ({
  messageId: 'hardcodedTmpPath',
  data: { path, root, helper: 'createTempDir' },
  line,
  column,
});

export const valid = validForms([
  // `/tmp` in text that is not a path: messages, URLs, regular expressions, comments.
  "console.log('writing the report to /tmp/report.html');",
  "throw new Error('cannot write /tmp/x');",
  "const url = 'http://example.com/tmp/x'; fetch(url);",
  "const re = /\\/tmp\\//u; re.test(name);",
  "// output goes to /tmp/x\nfs.writeFileSync(path.join(os.tmpdir(), 'x'), data);",
  "const msg = '/tmp/x'; logger.info(msg);",
  "expect(output).toContain('/tmp/x');",
  "const options = { description: '/tmp/x' }; use(options);",
  // A URL names a file only with the file scheme and no base.
  "console.log(new URL('file:///tmp/x').href);",
  "fetch(new URL('/tmp/uploads', 'https://cdn.example.com'));",
  "fetch(new URL('https://example.com/tmp/x'));",
  // A function of the temp root that is not its real path may be a fresh private directory.
  { code: "const { tryRealpath } = require('./util');\nconst cacheDirectory = () => path.join(tryRealpath(os.tmpdir()), 'jest');", forms: ['cjs'] },
  "const cacheDirectory = () => path.join(makeTempDir(os.tmpdir()), 'jest');",
  // Names that are not configuration: a parameter's option, a random default a setting may replace.
  "function cacheFor(opts) { return path.join(os.tmpdir(), opts.name); }",
  "let name = crypto.randomUUID();\nif (process.env.APP_NAME) name = process.env.APP_NAME;\nsend(path.join(os.tmpdir(), name));",
  "const name = process.env.JOB_NAME || crypto.randomUUID();\nsend(path.join(os.tmpdir(), name));",
  // One path, created insecurely and recorded elsewhere: no-insecure-tmp-create reports it once.
  "let destination;\nif (smf) destination = path.join(os.tmpdir(), 'pm2_' + process.env.USER + '.xml');\nfs.writeFileSync(destination, template);\nhooks.run({ destination: destination });",
  "const ROOT = '/tmp/app-build';\nfs.mkdirSync(ROOT, { recursive: true });\nspawn('make', [], { cwd: ROOT });",
  // The portable temp root, and a fallback that only restates it.
  'fs.readdirSync(os.tmpdir());',
  "const dir = process.env.TMPDIR || '/tmp'; fs.mkdtempSync(path.join(dir, 'app-'));",
  // Not a shared temp directory.
  "fs.writeFileSync(path.join(os.homedir(), '/tmp'), data);",
  "fs.readFileSync('./tmp/x');",
  "fs.readFileSync('/tmpfiles/x');",
  "fs.readFileSync('/TMP/x');",
  "fs.readFileSync('/var/run/docker.sock');",
  // Something merely called `fs`, `path` or `os` is not Node's: what it is given is judged like any call's.
  ...['function f(fs) { fs.writeFileSync(name, \'/tmp/x is the default\'); } fs.existsSync(p);', "function g(path) { return path.join(`/tmp ${name}`); } path.basename(p);"].map(
    (code) => ({ code, forms: NON_REWRITING }),
  ),
  // Deliberately shared locations.
  { code: "fs.readdirSync('/tmp/.X11-unix');", options: [{ allow: ['/tmp/.X11-unix'] }] },
  { code: "fs.statSync(path.join('/tmp', '.X11-unix', 'X0'));", options: [{ allow: ['/tmp/.X11-unix/'] }] },
  // A literal that only feeds a call no-insecure-tmp-create reports is left to that rule.
  "fs.writeFileSync('/tmp/build.log', data);",
  "fs.mkdirSync('/tmp/build');",
  "fs.promises.writeFile('/private/tmp/x.json', s);",
  "const out = path.join('/tmp', name);\nfs.writeFileSync(out, data);",
  "const TMP = '/var/tmp/app';\nfs.mkdirSync(TMP, { recursive: true });\nfs.writeFileSync(path.join(TMP, 'state.json'), data);",
  // A socket path that no-shared-tmp-socket reports (its sink, or a check and removal before listening) is left to that rule.
  "net.connect('/tmp/app.sock');",
  "function start({ socketPath = '/tmp/app.sock' } = {}) { return socketPath; }",
  "const SOCK = '/tmp/app.sock';\nif (fs.existsSync(SOCK)) fs.unlinkSync(SOCK);\nnet.createServer().listen(SOCK);",
  "const SOCK = path.join('/tmp', 'app.sock');\nnet.createServer().listen(SOCK);",
  "function Player() {\n  this.conn = new net.Socket();\n  this.conn.connect({ path: '/tmp/player.sock' });\n}",
  "const defaults = { socket: '/tmp/player.sock', socketRoot: '/tmp/' };",
  "ipcOptions.socketRoot = (process.env.XDG_RUNTIME_DIR || '/tmp') + '/';",
  "fs.unlinkSync('/tmp/bridge.ipc');",
  // `path` of an HTTP request is the URL's path, not a file.
  "http.request({ host: 'localhost', path: '/tmp/report' });",
  "http.get({ path: '/tmp/status' }, onResponse);",
  // Types and module specifiers are not paths.
  { code: "type Where = '/tmp/x'; const w: Where = '/tmp/x' as Where; void w;", forms: ['ts-esm'] },
  // Any value position makes a path, except those that take text: expected values of assertions,
  // comparisons, lookups, routes, messages of errors, sentences, text-valued keys.
  "expect(resolveDir()).toBe('/tmp/a');",
  // A bare temp root among other system roots is a list of places, not a place written to.
  "const DENIED = normalise(['/usr', '/etc', '/tmp', '/var/tmp', '/bin']);\nfunction denied(p) { return DENIED.some((d) => p.startsWith(d)); }",
  // A wrapped fs's mkdtemp takes a prefix.
  "wrappedFs.mkdtemp(path.join(os.tmpdir(), 'bundle-')).then(use);",
  // A filter's patterns (ignore lists, jest's *PathIgnorePatterns) and a router's mount path.
  "async function list(root) { return globby(['**/*.js'], { cwd: root, ignore: ['/tmp/**', '/dist/**'] }); }",
  "module.exports = { testPathIgnorePatterns: ['/node_modules/', '/tmp/'], watchPathIgnorePatterns: ['/tmp/'] };",
  "chokidar.watch(dir, { ignored: '/tmp/**', exclude: ['/tmp/cache'] });",
  "app.use('/tmp', router);\napp.use('/tmp/uploads', express.static('uploads'));",
  // A literal mkdtemp prefix: the random suffix is what nobody can create first.
  "fs.mkdtemp('/tmp/pw-browser-', (err, dir) => {\n  if (err) throw err;\n  fs.writeFileSync(path.join(dir, 'prefs.json'), '{}');\n});",
  "const dir = fs.mkdtempSync(path.join('/tmp', 'build-'));",
  "async function scratch() { return fs.promises.mkdtemp(`/tmp/${name}-`); }",
  "describe('/tmp/a', () => { it('/tmp/a/b', () => { expect(resolveDir()).not.toEqual(path.join(os.tmpdir(), 'a')); }); });",
  "assert.equal(dir, path.join('/tmp', 'a'));",
  "assert.deepStrictEqual(config, { cacheDir: '/tmp/a', files: ['/tmp/a/b'] });",
  "const expected = '/tmp/a';\nexpect(dir).toEqual(expected);",
  "expect(spy).toHaveBeenCalledWith(path.join('/tmp', 'out'));",
  "app.get('/tmp', (req, res) => res.send('ok'));",
  "fetch('/api/tmp/x'); route('/api/tmp/upload');",
  "if (dir === '/tmp') skip(); const inTmp = p.startsWith('/tmp/'); use(inTmp);",
  "const SKIP = new Set(['/tmp', '/var/tmp']);\nfunction skipped(dir) { return SKIP.has(dir); }",
  "throw new TypeError('/tmp/x');",
  "notify({ message: '/tmp/out', title: '/tmp' });",
  "const note = '/tmp/out is used by default'; show(note);",
  "const unusedDefault = '/tmp/never-read';",
  // A strongly random name under the root: nobody can plant it first.
  "const home = path.join('/tmp', crypto.randomBytes(8).toString('hex'));\nstart(home);",
  // A guessable name under os.tmpdir() only in a message, a mkdtemp prefix, a strong name.
  "console.log('cache in', path.join(os.tmpdir(), 'app-cache'));",
  "const prefix = path.join(os.tmpdir(), 'app-');\nfs.mkdtempSync(prefix);",
  "const dir = path.join(os.tmpdir(), 'app-' + crypto.randomUUID());\nstart(dir);",
  "const base = os.tmpdir();\nfs.readdirSync(base);",
  "start(path.join(os.tmpdir(), `app-${crypto.randomBytes(8).toString('hex')}`));",
  // The creating call is reported by no-insecure-tmp-create; the path itself is not reported twice.
  "function hookFile() { return path.join(os.tmpdir(), 'hook.js'); }\nfs.writeFileSync(hookFile(), code);",
  // node:assert called directly compares values and prints a message, also through compiled
  // template literals (`''.concat(…)`) and TypeScript's default-import interop.
  {
    code: "const assert = require('node:assert');\nassert(out.name() === '/tmp/logs/a.log', ''.concat(out.name(), ' != ').concat('/tmp/logs/' + day));",
    forms: ['cjs'],
  },
  {
    code: "var assert_1 = __importDefault(require('assert'));\n(0, assert_1.default)(rotator.next() == '/tmp/logs/b.log.' + day, ''.concat('/tmp/logs/b.log.', day));",
    forms: ['cjs'],
  },
  { code: "import assert from 'node:assert/strict';\nassert.ok(done, `expected /tmp/out.json`);\nassert(x, '/tmp/out/' + name);", forms: ['esm-default'] },
  // Public facts in a mkdtemp prefix, or beside a strong random part, guess nothing.
  "const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'build-' + process.getuid() + '-'));",
  "send(path.join(os.tmpdir(), `${process.platform}-${crypto.randomUUID()}`));",
  // An array's concat is no string: the array is a path only where it is used as paths.
  "const names = ['/tmp/a.log'].concat(more);\nconsole.log(names);",
]);

export const invalid = invalidForms([
  { code: "fs.unlinkSync('/tmp/build.log');", errors: [hardcoded(1, 15, '/tmp/build.log')] },
  // A file URL is the path it names: fs and workers take `new URL('file:///tmp/x')` for `/tmp/x`.
  { code: "fs.readFileSync(new URL('file:///tmp/x'));", errors: [hardcoded(1, 25, '/tmp/x')] },
  { code: "new Worker(new URL('file://localhost/tmp/worker.js'));", errors: [hardcoded(1, 20, '/tmp/worker.js')] },
  // A filter beside the place itself.
  { code: "build({ logFile: '/tmp/out.log', exclude: ['/tmp/out/**'] });", errors: [hardcoded(1, 18, '/tmp/out.log')] },
  // A prefix that is also a path of its own.
  { code: "const PREFIX = '/tmp/app-';\nfs.mkdtempSync(PREFIX);\nfs.readFileSync(PREFIX + 'state');", errors: [hardcoded(1, 16, '/tmp/app-state')] },
  // A fallback is used whenever the variable is unset.
  { code: "fs.readFileSync(path.join(process.env.XDG_RUNTIME_DIR || '/tmp', 'app', 'state.json'));", errors: [hardcoded(1, 58, '/tmp/app/state.json')] },
  // Another fs operation on a path no-insecure-tmp-create reports (reading it back) is its own exposure.
  {
    code: "const LOG = '/tmp/app.log';\nfs.writeFileSync(LOG, data);\nfs.readFileSync(LOG);",
    errors: [hardcoded(1, 13, '/tmp/app.log')],
  },
  { code: 'fs.readFileSync(`/var/tmp/${name}`);', errors: [hardcoded(1, 17, '/var/tmp/${name}', '/var/tmp')] },
  {
    code: 'const TMP = "/tmp/app";\nfs.rmSync(TMP, { recursive: true });',
    errors: [hardcoded(1, 13, '/tmp/app')],
  },
  { code: "fs.promises.readFile('/private/tmp/x.json');", errors: [hardcoded(1, 22, '/private/tmp/x.json', '/private/tmp')] },
  { code: "fs.createReadStream('/dev/shm/log');", errors: [hardcoded(1, 21, '/dev/shm/log', '/dev/shm')] },
  {
    code: "fs.readdirSync(path.join('C:\\\\Windows\\\\Temp\\\\app', name));",
    errors: [
      {
        ...hardcoded(1, 26, 'C:\\Windows\\Temp\\app/${name}', 'C:\\Windows\\Temp'),
        suggestions: [createTempDirSuggestion("fs.readdirSync(path.join(createTempDirSync({ prefix: 'app-' }).path, name));")],
      },
    ],
  },
  {
    code: "fs.mkdirSync('/tmp', { recursive: true });",
    errors: [
      {
        ...hardcoded(1, 14, '/tmp'),
        suggestions: [createTempDirSuggestion("fs.mkdirSync(createTempDirSync().path, { recursive: true });")],
      },
    ],
  },
  {
    code: "const out = path.join('/tmp', name);\nfs.readFileSync(out);",
    errors: [
      {
        ...hardcoded(1, 23, '/tmp/${name}'),
        suggestions: [createTempDirSuggestion('const out = path.join(createTempDirSync().path, name);\nfs.readFileSync(out);')],
      },
    ],
  },
  {
    code: "build({ cacheDir: '/dev/shm/cache' });",
    errors: [
      {
        ...hardcoded(1, 19, '/dev/shm/cache', '/dev/shm'),
        suggestions: [createTempDirSuggestion("build({ cacheDir: createTempDirSync({ prefix: 'cache-' }).path });")],
      },
    ],
  },
  { code: "const file = '/tmp/' + name + '.json';\nfs.readFileSync(file);", errors: [hardcoded(1, 14, '/tmp/${name}.json')] },
  { code: "class Cache { constructor() { this.logFile = '/tmp/cache.log'; } }", errors: [hardcoded(1, 46, '/tmp/cache.log')] },
  {
    code: "function save(file) { fs.writeFileSync(file, 'x'); }\nsave('/tmp/out.txt');",
    errors: [hardcoded(2, 6, '/tmp/out.txt')],
  },
  // A literal that also feeds a use no-shared-tmp-socket does not report is still reported here.
  {
    code: "const DIR = '/tmp/app';\nfs.readdirSync(DIR);\nnet.connect(path.join(DIR, 'app.sock'));",
    errors: [hardcoded(1, 13, '/tmp/app')],
  },
  {
    code: "fs.readFileSync('/tmp/other');",
    options: [{ allow: ['/tmp/.X11-unix'] }],
    errors: [hardcoded(1, 17, '/tmp/other')],
  },
  {
    code: "const config = { out: '/var/tmp/report' };\nfs.readFileSync(config.out);",
    errors: [hardcoded(1, 23, '/var/tmp/report', '/var/tmp')],
  },
  {
    code: "const where: string = '/tmp/x.json' as string;\nfs.readFileSync(where);",
    forms: ['ts-esm', 'ts-import-equals'],
    errors: [hardcoded(1, 23, '/tmp/x.json')],
  },
  // A shared-temp string handed to the file's own functions and to libraries no table lists.
  { code: "const lock = '/tmp/' + app + '.pid';\ndaemon.start(lock);", errors: [hardcoded(1, 14, '/tmp/${app}.pid')] },
  { code: "const db = new Database('/tmp/session.db');", errors: [hardcoded(1, 25, '/tmp/session.db')] },
  { code: "const FONT_ROOTS = ['/usr/share/fonts', '/usr/local/share/fonts', '/tmp/fonts'];\nFONT_ROOTS.forEach(scan);", errors: [hardcoded(1, 67, '/tmp/fonts')] },
  { code: "const ROOTS = [os.homedir(), '/tmp'];\nfor (const root of ROOTS) scan(root);", errors: [hardcoded(1, 30, '/tmp')] },
  { code: "module.exports = { defaults: { cache: '/var/tmp/app-cache' } };", errors: [hardcoded(1, 39, '/var/tmp/app-cache', '/var/tmp')] },
  { code: "function exportPath(name) { return '/tmp/' + name + '.csv'; }", errors: [hardcoded(1, 36, '/tmp/${name}.csv')] },
  { code: "function open(file = '/tmp/drop.json') { return load(file); }", errors: [hardcoded(1, 22, '/tmp/drop.json')] },
  // A guessable name under os.tmpdir() or TMPDIR wherever it is used as a location.
  { code: "function cacheDir() { return path.join(os.tmpdir(), 'app-cache'); }", errors: [guessable(1, 30)] },
  { code: "class Watcher { constructor() { this.dir = `${os.tmpdir()}/drops`; } }", errors: [guessable(1, 44)] },
  {
    code: "const key = crypto.createHash('sha256').update(process.cwd()).digest('hex');\nuseCache(path.join(os.tmpdir(), 'cache-' + key));",
    errors: [guessable(2, 10)],
  },
  { code: "const upload = os.tmpdir() + '/upload-' + Math.random();\nsend(upload);", errors: [guessable(1, 16)] },
  {
    code: "const out = path.join(process.env.TMPDIR || os.tmpdir(), 'report.pdf');\nsend(out);",
    errors: [guessable(1, 13)],
  },
  // Configuration is as guessable as a constant: environment variables, another module's constants, versions.
  { code: "useCache(path.join(os.tmpdir(), process.env.USER + '-cache'));", errors: [guessable(1, 10)] },
  { code: "const { version } = require('./package.json');\nsend(path.join(os.tmpdir(), 'app-' + version));", forms: ['cjs'], errors: [guessable(2, 6)] },
  { code: "const helper = require('./lib/helper');\nconst namespace = process.env.APP_VERSION || helper.version;\nsend(path.join(os.tmpdir(), namespace, 'bin'));", forms: ['cjs'], errors: [guessable(3, 6)] },
  { code: "import { MODULE_FOLDER } from './constants.js';\nsend(path.join(os.tmpdir(), MODULE_FOLDER));", forms: ['esm-default'], errors: [guessable(2, 6)] },
  // A guessable default is guessable, whatever a setting may put in its place.
  { code: "let name = 'report.json';\nif (opts.name) name = opts.name;\nsend(path.join(os.tmpdir(), name));", errors: [guessable(3, 6)] },
  // A literal that makes two paths: the one no other rule reports is reported here.
  {
    code: "const T = '/tmp';\nfs.writeFileSync(T + '/a.json', d);\nsend({ file: T + '/b.json' });",
    errors: [hardcoded(1, 11, '/tmp/a.json')],
  },
  // TypeScript's compiled template literal: `''.concat(a, b)` is the string `${a}${b}`.
  { code: "var file = ''.concat(os.tmpdir(), '/app-').concat(process.pid, '.json');\nsend(file);", errors: [guessable(1, 12)] },
  { code: "const dir = '/tmp/'.concat(name, '/cache');\nfs.rmSync(dir, { recursive: true });", errors: [hardcoded(1, 13, '/tmp/${name}/cache')] },
  // The user id, the runtime's versions and the uptime are public: names built from them are guessable.
  { code: "const dir = path.join(os.tmpdir(), 'cache-' + process.getuid(), process.versions.v8);\nmodule.exports = () => dir;", errors: [guessable(1, 13)] },
  { code: "send(os.tmpdir() + path.sep + os.uptime() + '.log');", forms: MEMBER_READ_FORMS, errors: [guessable(1, 6)] },
  // `path.sep` between the parts is the separator a join would put there.
  { code: "const out = os.tmpdir() + path.sep + 'report-' + Date.now() + '.html';\nopen(out);", forms: MEMBER_READ_FORMS, errors: [guessable(1, 13)] },
  // A function of the file's own that is merely called `assert` is no assertion.
  {
    code: "function assert(data, file) { fs.writeFileSync(file, data); }\nassert(report, '/tmp/report.json');",
    errors: [hardcoded(2, 16, '/tmp/report.json')],
  },
  // The real path of the temp root is the temp root.
  { code: "const dir = path.join(fs.realpathSync.native(os.tmpdir()), 'jest');\nmodule.exports = () => dir;", errors: [guessable(1, 13)] },
  {
    code: "const { tryRealpath } = require('jest-util');\nconst cacheDirectory = () => path.join(tryRealpath(os.tmpdir()), 'jest');",
    forms: ['cjs'],
    errors: [guessable(2, 30)],
  },
]);
