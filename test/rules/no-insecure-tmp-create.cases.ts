import { type FormName, createTempDirSuggestion, invalidForms, validForms } from '../helpers/forms.js';

// Forms that keep `fs.x` spelled as written, for code where a local `fs` shadows the module.
const NON_REWRITING: FormName[] = ['cjs', 'cjs-undeclared', 'esm-default', 'esm-namespace', 'ts-import-equals', 'ts-esm'];

const FILE = 'createTempFile';
const DIR = 'createTempDir';

// `path` is asserted only where the form matrix does not respell it (literal roots).
const predictable = (line: number, column: number, path?: string) => ({
  messageId: 'predictableName',
  ...(path === undefined ? {} : { data: { path, helper: FILE } }),
  line,
  column,
});
const nonExclusive = (line: number, column: number, path?: string) => ({
  messageId: 'nonExclusive',
  ...(path === undefined ? {} : { data: { path, helper: FILE } }),
  line,
  column,
});
const predictableDir = (line: number, column: number, path?: string) => ({
  messageId: 'predictableDir',
  ...(path === undefined ? {} : { data: { path, helper: DIR } }),
  line,
  column,
});

export const valid = validForms([
  // A URL resolved against a base is not a temp path here.
  "fs.writeFileSync(new URL('state.json', baseUrl), data);",
  // Made with its parents, but every parent is private or the shared root itself.
  "fs.mkdirSync(path.join(os.tmpdir(), project), { recursive: true });\nfs.mkdirSync(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'x-')), 'a', 'b'), { recursive: true });",
  // Without `recursive` a missing parent fails the call instead of being made.
  "fs.mkdirSync(path.join(os.tmpdir(), `job-${crypto.randomUUID()}`, name));",
  // A lazy getter of something that is not a module is nothing tracked.
  { code: "function _os() {\n  const data = loadConfig('os');\n  _os = function () { return data; };\n  return data;\n}\nfs.mkdirSync(path.join((0, _os().tmpdir)(), 'cache'));", forms: ['cjs'] },
  "class Exporter {\n  exportDir() { return path.join(os.homedir(), '.charts'); }\n  run() { fs.mkdirSync(this.exportDir(), { recursive: true }); }\n}",
  "class Exporter {\n  get file() { return path.join(this.dir, 'chart.png'); }\n  save(png) { fs.writeFileSync(this.file, png); }\n}",
  // Flow within the file that ends somewhere private or outside the shared temp directory.
  "let dir = fs.mkdtempSync(path.join(os.tmpdir(), 'a-'));\ndir = path.join(dir, 'sub');\nfs.writeFileSync(path.join(dir, 'x'), d);",
  "const ROOTS = [os.homedir(), process.cwd()];\nfor (const root of ROOTS) fs.mkdirSync(path.join(root, 'cache'), { recursive: true });",
  "const dir = path.join(os.tmpdir(), 'job-' + crypto.randomInt(1e9));\nfs.mkdirSync(dir);",
  "function hookFile() { return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'h-')), 'hook.js'); }\nfs.writeFileSync(hookFile(), code);",
  "const hash = crypto.createHash('sha256').update(crypto.randomBytes(16)).digest('hex');\nfs.mkdirSync(path.join(os.tmpdir(), hash));",
  "function save(dir) { fs.writeFileSync(path.join(dir, 'session.db'), data); }\nsave(process.cwd());",
  "const store = {\n  file: path.join(os.homedir(), '.store.json'),\n  save() { fs.writeFileSync(this.file, data); },\n};",
  "const opts = Object.assign({}, { dir: path.join(os.homedir(), 'exports') }, userOptions);\nfs.mkdirSync(opts.dir);",
  "const n = Math.floor(Math.random() * 10);\nfs.writeFileSync(path.join(process.cwd(), `out-${n}.txt`), d);",
  // A callback takes what the file's own function calls it with, and only that.
  "function getDestination(req, cb) { cb(null, path.join(os.homedir(), 'uploads')); }\ngetDestination(req, (err, dir) => fs.mkdirSync(path.join(dir, 'x')));",
  "function getDestination(req, cb) { cb(null, os.tmpdir()); }\nlater(req, (err, dir) => fs.mkdirSync(path.join(dir, 'x')));",
  "function getName(cb) { cb(null, os.tmpdir(), crypto.randomUUID()); }\ngetName((err, root, name) => fs.mkdirSync(path.join(os.tmpdir(), name)));",
  "function Storage(opts) {\n  const self = this;\n  self.root = opts.root || process.cwd();\n}\nStorage.prototype.save = function () { const self = this; fs.writeFileSync(path.join(self.root, 'a.json'), d); };",
  // Libraries: removal creates nothing; write-file-atomic renames a fresh file over the target; temp's dirs are private.
  "const rimraf = require('rimraf');\nrimraf.sync(path.join(os.tmpdir(), 'old-cache'));",
  "const writeFileAtomic = require('write-file-atomic');\nwriteFileAtomic.sync(path.join(os.tmpdir(), 'state.json'), data);",
  "const temp = require('temp');\nconst dir = temp.mkdirSync('app');\nfs.writeFileSync(path.join(dir, 'out.txt'), data);",
  // mkdtemp itself, and everything below its result, in every style.
  "fs.mkdtempSync(path.join(os.tmpdir(), 'app-'));",
  "const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-'));\nfs.writeFileSync(path.join(dir, 'out.json'), data);\nfs.mkdirSync(path.join(dir, 'cache'));",
  "fs.mkdtemp(path.join(os.tmpdir(), 'app-'), (err, dir) => {\n  fs.writeFileSync(path.join(dir, 'a.txt'), 'x');\n});",
  "async function f() {\n  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'x-'));\n  await fs.promises.writeFile(path.join(dir, 'a'), 'x');\n  const fh = await fs.promises.open(`${dir}/b`, 'w');\n}",
  "fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'x-'));",
  // A strongly random name created exclusively.
  "const fd = fs.openSync(path.join(os.tmpdir(), crypto.randomUUID()), 'wx', 0o600);",
  "fs.writeFileSync(path.join(os.tmpdir(), `${crypto.randomBytes(16).toString('hex')}.json`), data, { flag: 'wx', mode: 0o600 });",
  "fs.createWriteStream(path.join(os.tmpdir(), crypto.randomUUID()), { flags: 'wx' });",
  "fs.openSync(path.join(os.tmpdir(), crypto.randomUUID()), fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o600);",
  "const { O_CREAT, O_EXCL, O_RDWR } = fs.constants;\nfs.openSync(path.join(os.tmpdir(), crypto.randomUUID()), O_CREAT | O_EXCL | O_RDWR);",
  "fs.copyFileSync(src, path.join(os.tmpdir(), crypto.randomUUID()), fs.constants.COPYFILE_EXCL);",
  "fs.appendFileSync(path.join(os.tmpdir(), crypto.randomUUID()), line, { flag: 'ax' });",
  "async function f() {\n  return fs.promises.open(path.join(os.tmpdir(), `t-${crypto.randomUUID()}`), 'wx+', 0o600);\n}",
  "const OPTS = { flag: 'wx' };\nfs.writeFileSync(path.join(os.tmpdir(), crypto.randomUUID()), data, OPTS);",
  // Reopening a file under an unguessable name without creating it (to fsync it).
  "fs.open(path.join(os.tmpdir(), crypto.randomUUID()), 'r+', (err, fd) => fs.fsyncSync(fd));",
  // Flags the file does not show: not judged.
  'fs.writeFileSync(path.join(os.tmpdir(), crypto.randomUUID()), data, options);',
  'fs.openSync(path.join(os.tmpdir(), crypto.randomUUID()), flags);',
  // Reading is not creating: open defaults to 'r'.
  "fs.readFileSync(path.join(os.tmpdir(), 'cache.json'));",
  "fs.openSync(path.join(os.tmpdir(), 'x.lock'));",
  "fs.openSync('/tmp/x.lock', 'r');",
  "fs.existsSync(path.join(os.tmpdir(), 'x'));",
  // Not a shared temp location, or the temp root itself.
  "fs.writeFileSync(path.join(__dirname, 'out.json'), data);",
  "fs.mkdirSync('build', { recursive: true });",
  'fs.writeFileSync(path.join(dir, "x.json"), data);',
  'fs.mkdirSync(os.tmpdir(), { recursive: true });',
  "fs.writeFileSync(path.join(os.homedir(), '.config', 'app.json'), data);",
  // Inside a directory with an unguessable (or unknown) name.
  "const dir = path.join(os.tmpdir(), crypto.randomUUID());\nfs.mkdirSync(dir, { mode: 0o700 });\nfs.writeFileSync(path.join(dir, 'a.txt'), 'x');",
  "fs.writeFileSync(path.join(os.tmpdir(), sub, 'config.json'), data);",
  "fs.mkdirSync(path.join(os.tmpdir(), crypto.randomUUID()), { recursive: true });",
  // The tmp packages and this plugin's helpers give private locations.
  "const tmp = require('tmp');\nconst file = tmp.fileSync();\nfs.writeFileSync(file.name, data);\nconst d = tmp.dirSync();\nfs.writeFileSync(path.join(d.name, 'x'), data);",
  "const { createTempDirSync } = require('eslint-plugin-secure-fs/runtime');\nconst dir = createTempDirSync();\nfs.writeFileSync(path.join(dir.path, 'x'), data);",
  // `/tmp` in text that is not a path.
  "console.log('writing to /tmp/report.html');",
  // Something merely called `fs` is not Node's.
  { code: "function f(fs) { fs.writeFileSync('/tmp/x', d); fs.mkdirSync('/tmp/y'); }", forms: NON_REWRITING },
]);

export const invalid = invalidForms([
  // A recursive mkdir makes (or silently accepts) every guessable parent, whatever the last name is.
  {
    code: "fs.mkdirSync(path.join(os.tmpdir(), 'nx-preview', project), { recursive: true });",
    errors: [{ messageId: 'predictableParent', data: { path: '${os.tmpdir()}/nx-preview/${project}', parent: '${os.tmpdir()}/nx-preview', helper: DIR }, line: 1, column: 1 }],
    forms: ['cjs', 'esm-default', 'ts-esm'],
  },
  // The promise form of an fs function is the same call: util.promisify, pify.
  { code: "const write = promisify(fs.writeFile);\nwrite('/tmp/.token', token);", errors: [predictable(2, 1, '/tmp/.token')] },
  // The user's name is public: anyone can read /etc/passwd.
  { code: "fs.mkdirSync(path.join(os.tmpdir(), 'cli-' + os.userInfo().username));", errors: [predictableDir(1, 1)] },
  // TypeScript's compiled template literal (`''.concat(…)`) names the same guessable file.
  { code: "fs.writeFileSync(''.concat(os.tmpdir(), '/app-').concat(process.pid, '.json'), data);", errors: [predictable(1, 1)] },
  { code: "fs.writeFileSync('/tmp/app.pid', String(process.pid));", errors: [predictable(1, 1, '/tmp/app.pid')] },
  { code: "fs.writeFileSync(new URL('file:///tmp/state.json'), data);", errors: [predictable(1, 1, '/tmp/state.json')] },
  { code: "fs.writeFileSync(path.join(os.tmpdir(), 'report.json'), data);", errors: [predictable(1, 1)] },
  { code: 'fs.openSync(`/tmp/upload-${Date.now()}`, \'wx\');', errors: [predictable(1, 1, '/tmp/upload-${Date.now()}')] },
  { code: 'fs.createWriteStream(path.join(os.tmpdir(), `log-${Math.random()}.txt`));', errors: [predictable(1, 1)] },
  {
    code: 'let n = 0;\nfunction next() {\n  return fs.openSync(path.join(os.tmpdir(), `job-${n++}`), \'wx\');\n}',
    errors: [predictable(3, 10)],
  },
  { code: "fs.writeFileSync(`${os.tmpdir()}/app-${process.pid}.sock`, '');", errors: [predictable(1, 1)] },
  {
    code: "const file = path.join(os.tmpdir(), 'state.json');\nfs.writeFileSync(file, data);",
    errors: [predictable(2, 1)],
  },
  { code: "fs.appendFile('/var/tmp/app.log', line, () => {});", errors: [predictable(1, 1, '/var/tmp/app.log')] },
  {
    code: "async function f() {\n  const fh = await fs.promises.open('/tmp/data.bin', 'a+');\n}",
    errors: [predictable(2, 20, '/tmp/data.bin')],
  },
  { code: "fs.writeFileSync('C:\\\\Windows\\\\Temp\\\\out.txt', d);", errors: [predictable(1, 1, 'C:\\Windows\\Temp\\out.txt')] },
  { code: "fs.writeFileSync(path.join(process.env.TMPDIR, 'x'), d);", errors: [predictable(1, 1)] },
  // A strong name without exclusive creation.
  { code: 'fs.writeFileSync(path.join(os.tmpdir(), crypto.randomUUID()), data);', errors: [nonExclusive(1, 1)] },
  { code: "fs.openSync(path.join(os.tmpdir(), crypto.randomUUID()), 'w');", errors: [nonExclusive(1, 1)] },
  { code: "fs.openSync(path.join(os.tmpdir(), 'state.bin'), 'r+');", errors: [predictable(1, 1)] },
  {
    code: 'fs.openSync(path.join(os.tmpdir(), crypto.randomUUID()), fs.constants.O_CREAT | fs.constants.O_WRONLY);',
    errors: [nonExclusive(1, 1)],
  },
  { code: 'fs.copyFileSync(src, path.join(os.tmpdir(), crypto.randomUUID()));', errors: [nonExclusive(1, 1)] },
  { code: "fs.writeFileSync(path.join(os.tmpdir(), crypto.randomUUID()), data, 'utf8');", errors: [nonExclusive(1, 1)] },
  { code: "fs.createWriteStream(path.join(os.tmpdir(), crypto.randomUUID()), { encoding: 'utf8' });", errors: [nonExclusive(1, 1)] },
  {
    code: 'async function f(name) {\n  await fs.promises.writeFile(path.join(os.tmpdir(), name), data);\n}',
    errors: [nonExclusive(2, 9)],
  },
  // mkdir instead of mkdtemp.
  { code: "fs.mkdirSync(path.join(os.tmpdir(), 'myapp'), { recursive: true });", errors: [predictableDir(1, 1)] },
  {
    code: "fs.mkdir('/tmp/build', () => {});",
    errors: [
      {
        ...predictableDir(1, 1, '/tmp/build'),
        suggestions: [createTempDirSuggestion("fs.mkdir(createTempDirSync({ prefix: 'build-' }).path, () => {});")],
      },
    ],
  },
  // The suggestion rewrites the directory where it is defined, so the files below it follow.
  {
    code: "const CACHE = '/tmp/app-cache';\nfs.mkdirSync(CACHE, { recursive: true });\nfs.writeFileSync(path.join(CACHE, 'x'), d);",
    errors: [
      {
        ...predictableDir(2, 1, '/tmp/app-cache'),
        suggestions: [createTempDirSuggestion("const CACHE = createTempDirSync({ prefix: 'app-cache-' }).path;\nfs.mkdirSync(CACHE, { recursive: true });\nfs.writeFileSync(path.join(CACHE, 'x'), d);")],
      },
      predictable(3, 1, '/tmp/app-cache/x'),
    ],
  },
  {
    code: "async function f() {\n  await fs.promises.mkdir(`/tmp/run-${Date.now()}`);\n}",
    errors: [predictableDir(2, 9, '/tmp/run-${Date.now()}')],
  },
  // fs-extra.
  {
    code: "const fse = require('fs-extra');\nfse.outputFileSync(path.join(os.tmpdir(), 'app', 'cfg.json'), d);\nfse.ensureDirSync(path.join(os.tmpdir(), 'app'));",
    errors: [predictable(2, 1), predictableDir(3, 1)],
  },
  {
    code: "const fse = require('fs-extra');\nfse.writeJson('/tmp/state.json', state);",
    errors: [predictable(2, 1, '/tmp/state.json')],
  },
  // Values that reach the call through flow within the file.
  {
    code: "const ROOTS = [os.tmpdir(), '/var/tmp'];\nfor (const root of ROOTS) fs.mkdirSync(path.join(root, 'chart-export'), { recursive: true });",
    errors: [predictableDir(2, 27)],
  },
  {
    code: "['/tmp', os.homedir()].forEach((root) => fs.mkdirSync(path.join(root, 'fonts')));",
    errors: [predictableDir(1, 42)],
  },
  {
    code: "function hookFile() {\n  return path.join(os.tmpdir(), 'hook-' + Math.random().toString().slice(2) + '.js').replace(/\\\\/g, '/');\n}\nfs.writeFileSync(hookFile(), code);",
    errors: [predictable(4, 1)],
  },
  {
    code: "let dir = '/tmp';\nif (process.env.OUT) dir = process.env.OUT;\nfs.writeFileSync(path.join(dir, 'state.json'), data);",
    errors: [predictable(3, 1)],
  },
  {
    code: "const dir = '/tmp/job-' + Math.floor(Math.random() * 1e9);\nfs.mkdirSync(dir);\nfs.writeFileSync(path.join(dir, 'in.txt'), data);",
    errors: [predictableDir(2, 1), predictable(3, 1)],
  },
  {
    code: "const hash = crypto.createHash('md5').update(process.cwd()).digest('hex');\nfs.writeFileSync(path.join(os.tmpdir(), `build-${hash}.json`), data);",
    errors: [predictable(2, 1)],
  },
  ...[
    ["Object.assign({}, { dir: ", " }, userOptions)"],
    ["{ ...{ dir: ", " }, ...userOptions }"],
  ].map(([before, after]) => ({
    code: `const opts = ${before}'/tmp/exports'${after};\nfs.mkdirSync(opts.dir);`,
    errors: [
      {
        ...predictableDir(2, 1),
        suggestions: [createTempDirSuggestion(`const opts = ${before}createTempDirSync({ prefix: 'exports-' }).path${after};\nfs.mkdirSync(opts.dir);`)],
      },
    ],
  })),
  { code: "function save(dir) { fs.writeFileSync(path.join(dir, 'session.db'), data); }\nsave(os.tmpdir());", errors: [predictable(1, 22)] },
  {
    code: "function Store() { this.file = path.join(os.tmpdir(), 'store.json'); }\nStore.prototype.save = function () { fs.writeFileSync(this.file, data); };",
    errors: [predictable(2, 38)],
  },
  { code: "const store = {\n  file: '/tmp/store.json',\n  save() { fs.writeFileSync(this.file, data); },\n};", errors: [predictable(3, 12)] },
  { code: "exports.LOCK = path.join(os.tmpdir(), 'app.lock');\nfs.writeFileSync(exports.LOCK, String(process.pid));", errors: [predictable(2, 1)] },
  {
    code: "class Exporter {\n  exportDir() { return path.join(os.tmpdir(), 'chart-export'); }\n  run() { fs.mkdirSync(this.exportDir(), { recursive: true }); }\n}",
    errors: [predictableDir(3, 11)],
  },
  {
    code: "class Exporter {\n  get file() { return path.join(os.tmpdir(), 'chart.png'); }\n  save(png) { fs.writeFileSync(this.file, png); }\n}",
    errors: [predictable(3, 15)],
  },
  // A callback's parameter: what the function it is handed to calls it with (multer's default storage).
  {
    code: "function getDestination(req, file, cb) { cb(null, os.tmpdir()); }\nfunction Storage(opts) {\n  if (typeof opts.destination === 'string') this.getDestination = function (r, f, cb) { cb(null, opts.destination); };\n  else this.getDestination = opts.destination || getDestination;\n}\nStorage.prototype.handle = function (req, file) {\n  const that = this;\n  that.getDestination(req, file, function (err, dir) {\n    fs.createWriteStream(path.join(dir, crypto.randomUUID()));\n  });\n};",
    errors: [nonExclusive(9, 5)],
  },
  {
    code: "function cacheDir(cb) { process.nextTick(() => cb(null, path.join(os.tmpdir(), 'cache'))); }\ncacheDir((err, dir) => fs.mkdirSync(dir, { recursive: true }));",
    errors: [predictableDir(2, 24)],
  },
  { code: "const defaults = { dir: () => path.join(os.tmpdir(), 'out') };\nconst dir = (opts.dir || defaults.dir)();\nfs.mkdirSync(dir);", errors: [predictableDir(3, 1)] },
  // Babel's lazy interop (`_os()` returns the module, required on first call).
  {
    code: "function _os() {\n  const data = require('os');\n  _os = function () { return data; };\n  return data;\n}\nfunction _fs() {\n  const data = _interopRequireDefault(require('fs'));\n  _fs = function () { return data; };\n  return data;\n}\n_fs().default.mkdirSync(require('path').join((0, _os().tmpdir)(), 'cache'));",
    forms: ['cjs'],
    errors: [predictableDir(11, 1)],
  },
  // Third-party mkdir libraries are the same mkdir.
  { code: "const mkdirp = require('mkdirp');\nmkdirp.sync(path.join(os.tmpdir(), 'fonts'));", errors: [predictableDir(2, 1)] },
  { code: "const makeDir = require('make-dir');\nmakeDir(path.join(os.tmpdir(), 'fonts'));", errors: [predictableDir(2, 1)] },
]);
