import { type FormName, type SuggestionSpec, invalidForms, validForms } from '../helpers/forms.js';

// Forms that keep `fs.x` spelled as written, for code where a local `fs` shadows the module.
const NON_REWRITING: FormName[] = ['cjs', 'cjs-undeclared', 'esm-default', 'esm-namespace', 'ts-import-equals', 'ts-esm'];

const lower = (mode: string, output: string): SuggestionSpec => ({ messageId: 'useNarrowerMode', data: { mode }, output });

const secret = (line: number, column: number, data: { mode: string; path: string; max?: string; access?: string; helper?: string }, suggestions?: SuggestionSpec[]) => ({
  messageId: 'permissiveMode',
  data: {
    mode: data.mode,
    access: data.access ?? 'read',
    path: data.path,
    why: 'whose name says it holds a secret',
    max: data.max ?? '0o600',
    helper: data.helper ?? 'writeSecretFile',
  },
  line,
  column,
  ...(suggestions ? { suggestions } : {}),
});

const inTmp = (line: number, column: number) => ({ messageId: 'permissiveMode', line, column });

const worldWritableWhen = (line: number, column: number, mode: string, when: string, path: string, suggestions: SuggestionSpec[]) => ({
  messageId: 'worldWritableChmodWhen',
  data: { mode, when, path, helper: 'writeSecretFile', dirHelper: 'ensurePrivateDir' },
  line,
  column,
  suggestions,
});

const worldWritable = (line: number, column: number, mode: string, path: string, suggestions: SuggestionSpec[]) => ({
  messageId: 'worldWritableChmod',
  data: { mode, path, helper: 'writeSecretFile', dirHelper: 'ensurePrivateDir' },
  line,
  column,
  suggestions,
});

export const valid = validForms([
  // A field that is merely called `fs`, holding what the caller passed: not the module.
  { code: 'class Job {\n  constructor(store) { this.fs = store; this.flags = fs.constants; }\n  run(p) { this.fs.chmodSync(p, 0o777); }\n}', forms: NON_REWRITING },
  // A narrow default, or one the function narrows before use.
  "function ok(target, mode = 0o755) { fs.chmodSync(target, mode); }\nfunction narrowed(target, mode = 0o777) { mode = mode & ~0o022; fs.chmodSync(target, mode); }",
  // Public material: a certificate, its chain, a public key (certbot writes them 0644).
  "fs.writeFileSync(path.join(liveDir, 'cert.pem'), cert, { mode: 0o644 });\nfs.writeFileSync(path.join(liveDir, 'fullchain.pem'), cert + chain, { mode: 0o644 });",
  "fs.writeFileSync(path.join(dir, 'signing-key.pub'), publicKey, { mode: 0o644 });\nfs.writeFileSync(`${home}/.ssh/id_ed25519.pub`, pub, { mode: 0o644 });",
  // A chmod of a socket is about who may connect: group access is deliberate sharing, read bits mean nothing.
  "fs.chmodSync(rpcSocketFile, '775');",
  "fs.chmod(path.join(home, 'daemon.sock'), 0o770, done);",
  // Third-party mkdir libraries with modes in every spelling, where nothing private is made.
  "const mkdirp = require('mkdirp');\nmkdirp.sync('build/out', '0777');",
  "const mkdirp = require('mkdirp');\nmkdirp('build/out', { mode: 511 }, done);",
  "const fse = require('fs-extra');\nfse.mkdirsSync(path.join(process.cwd(), 'cache'), '0755');",
  // Node's own default, narrowed by the umask, on ordinary files and directories.
  "fs.writeFileSync('out.json', data, { mode: 0o666 });",
  "fs.mkdirSync('build', { mode: 0o777, recursive: true });",
  "fs.mkdirSync('/var/lib/app', { mode: 0o755 });",
  "fs.writeFileSync(path.join('docs', 'monkey.txt'), d, { mode: 0o644 });",
  // Owner-only modes.
  'fs.writeFileSync(keyPath, key, { mode: 0o600 });',
  "fs.writeFileSync(path.join(os.tmpdir(), crypto.randomUUID()), d, { flag: 'wx', mode: 0o600 });",
  'fs.mkdirSync(path.join(os.tmpdir(), crypto.randomUUID()), { mode: 0o700 });',
  'fs.mkdirSync(credentialsDir, { recursive: true, mode: fs.constants.S_IRWXU });',
  // chmod that is not world-writable, or only bounded by the umask.
  "fs.chmodSync('script.sh', 0o755);",
  'fs.chmodSync(file, 0o644);',
  'fs.chmodSync(file, 0o777 & ~process.umask());',
  'fs.chmodSync(keyFile, 0o600);',
  'fs.fchmodSync(fd, 0o644);',
  'fs.chmodSync(dir, fs.constants.S_IRWXU);',
  // Defaults and branches of a mode the file cannot evaluate: none world-writable, or none spelled out.
  'fs.chmodSync(file, entry.attr || 0o644);',
  'fs.chmodSync(file, opts.mode ?? 0o755);',
  "fs.chmodSync(file, isDir ? 0o755 : 0o644);",
  'fs.chmodSync(file, executable && 0o777);',
  'fs.chmodSync(file, (entry.attr || 0o777) & ~process.umask());',
  'fs.chmodSync(file, entry.attr || defaults.mode);',
  // A wide default where the mode goes through the umask (creation) is Node's own default.
  "fs.mkdirSync('build', { mode: opts.mode || 0o777 });",
  // Umasks that keep group and world write off.
  'process.umask(0o022);\nprocess.umask(0o077);\nconst old = process.umask();\nprocess.umask(mask);',
  // Mode already in the creating call, chmod before the write, or another path.
  'fs.writeFileSync(keyPath, key, { mode: 0o600 });\nfs.chmodSync(keyPath, 0o600);',
  'fs.chmodSync(keyPath, 0o600);\nfs.writeFileSync(keyPath, key);',
  'fs.writeFileSync(a, data);\nfs.chmodSync(b, 0o600);',
  'fs.writeFileSync(dataFile, data);\nfs.chmodSync(dataFile, 0o644);',
  // Below a private temp directory nobody else can reach.
  "const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'x-'));\nfs.writeFileSync(path.join(dir, 'a'), d, { mode: 0o644 });",
  // Inside a private (mkdtemp) directory nobody else reaches the file, whatever its mode.
  "const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pkg-test-'));\nconst fixture = path.join(root, 'fixture.txt');\nfs.writeFileSync(fixture, 'x');\nfs.chmodSync(fixture, 0o666);",
  "fs.writeFileSync(path.join(os.tmpdir(), 'x'), d, { mode: 0o666 & ~mask });",
  // Modes the file does not show, and calls that create nothing.
  'fs.writeFileSync(secretPath, d, opts);',
  "fs.openSync(tokenFile, 'r', 0o644);",
  // Allowed by the team's policy.
  { code: 'fs.writeFileSync(keyPath, k, { mode: 0o640 });', options: [{ maxFileMode: 0o640 }] },
  { code: "fs.mkdirSync(path.join(os.tmpdir(), 'shared-keys'), { mode: 0o750 });", options: [{ maxDirMode: 0o750 }] },
  // Something merely called `fs` or `process` is not Node's.
  { code: "function f(fs, process) { fs.chmodSync('/tmp/x', 0o777); process.umask(0); }", forms: NON_REWRITING },
]);

export const invalid = invalidForms([
  // A parameter's default runs whenever a caller leaves it out.
  {
    code: 'function makeExecutable(target, mode = 0o777) { fs.chmodSync(target, mode); }',
    errors: [worldWritableWhen(1, 49, '0o777', "a caller leaves out 'mode'", '${target}', [lower('0o755', 'function makeExecutable(target, mode = 0o755) { fs.chmodSync(target, mode); }')])],
  },
  // A default or branch the file spells out runs whenever the value is missing or the test says so.
  {
    code: 'fs.chmodSync(file, entry.attr || 0o666);',
    errors: [worldWritableWhen(1, 1, '0o666', "'entry.attr' is falsy", '${file}', [lower('0o644', 'fs.chmodSync(file, entry.attr || 0o644);')])],
  },
  {
    code: 'fs.chmodSync(dir, opts.mode ?? 511);',
    errors: [worldWritableWhen(1, 1, '0o777', "'opts.mode' is null or undefined", '${dir}', [lower('0o755', 'fs.chmodSync(dir, opts.mode ?? 0o755);')])],
  },
  {
    code: "fs.chmod(target, shared ? '777' : '755', done);",
    errors: [worldWritableWhen(1, 1, '0o777', "'shared' holds", '${target}', [lower('0o755', 'fs.chmod(target, shared ? 0o755 : \'755\', done);')])],
  },
  {
    code: 'const mode = header.mode || 0o777;\nfs.chmodSync(out, mode);',
    errors: [worldWritableWhen(2, 1, '0o777', "'header.mode' is falsy", '${out}', [lower('0o755', 'const mode = header.mode || 0o755;\nfs.chmodSync(out, mode);')])],
  },
  // The module kept in a field by a constructor and used by a prototype method through `self`.
  (() => {
    const zip = (mode: string) =>
      `function Zip(opts) {\n  this.fs = (opts && opts.fs) || fs;\n  this.flags = fs.constants;\n}\nZip.prototype.extract = function (file, data) {\n  const self = this;\n  self.fs.writeFileSync(file, data);\n  self.fs.chmodSync(file, ${mode});\n};`;
    return { code: zip('0o666'), forms: NON_REWRITING, errors: [worldWritable(8, 3, '0o666', '${file}', [lower('0o644', zip('0o644'))])] };
  })(),
  // A field that defaults to the module reads itself in its own assignment.
  (() => {
    const field = (mode: string) => `function A() {\n  this.fs = this.fs || fs;\n  this.flags = fs.constants;\n}\nA.prototype.open = function (p) { this.fs.chmodSync(p, ${mode}); };`;
    return { code: field('0o777'), forms: NON_REWRITING, errors: [worldWritable(5, 35, '0o777', '${p}', [lower('0o755', field('0o755'))])] };
  })(),
  // Creating in a shared temp location: a literal mode is lowered by the fix.
  {
    code: "fs.writeFileSync(path.join(os.tmpdir(), crypto.randomUUID()), d, { flag: 'wx', mode: 0o666 });",
    output: "fs.writeFileSync(path.join(os.tmpdir(), crypto.randomUUID()), d, { flag: 'wx', mode: 0o600 });",
    errors: [inTmp(1, 1)],
  },
  {
    code: "fs.mkdirSync('/tmp/app-cache', { mode: 0o777 });",
    output: "fs.mkdirSync('/tmp/app-cache', { mode: 0o700 });",
    errors: [
      {
        messageId: 'permissiveMode',
        data: {
          mode: '0o777',
          access: 'write',
          path: '/tmp/app-cache',
          why: 'a new directory in the shared temp directory',
          max: '0o700',
          helper: 'ensurePrivateDir',
        },
        line: 1,
        column: 1,
      },
    ],
  },
  {
    code: "fs.writeFileSync(path.join(os.tmpdir(), 'x.json'), d, { mode: 0o644 });",
    output: "fs.writeFileSync(path.join(os.tmpdir(), 'x.json'), d, { mode: 0o600 });",
    errors: [inTmp(1, 1)],
  },
  {
    code: "fs.createWriteStream(path.join(os.tmpdir(), crypto.randomUUID()), { flags: 'wx', mode: 0o664 });",
    output: "fs.createWriteStream(path.join(os.tmpdir(), crypto.randomUUID()), { flags: 'wx', mode: 0o600 });",
    errors: [inTmp(1, 1)],
  },
  {
    // A computed mode is only suggested.
    code: "fs.openSync(path.join(os.tmpdir(), crypto.randomUUID()), 'wx', fs.constants.S_IRUSR | fs.constants.S_IWUSR | fs.constants.S_IROTH);",
    errors: [
      {
        ...inTmp(1, 1),
        suggestions: [lower('0o600', "fs.openSync(path.join(os.tmpdir(), crypto.randomUUID()), 'wx', 0o600);")],
      },
    ],
  },
  // A secret-looking name anywhere: a suggestion.
  {
    code: 'fs.writeFileSync(keyPath, key, { mode: 0o644 });',
    errors: [secret(1, 1, { mode: '0o644', path: '${keyPath}' }, [lower('0o600', 'fs.writeFileSync(keyPath, key, { mode: 0o600 });')])],
  },
  {
    code: "fs.writeFileSync('server.pem', pem, { mode: '644' });",
    errors: [secret(1, 1, { mode: '0o644', path: 'server.pem' }, [lower('0o600', "fs.writeFileSync('server.pem', pem, { mode: 0o600 });")])],
  },  // The private key beside them is still one.
  {
    code: "fs.writeFileSync(path.join(liveDir, 'privkey.pem'), key, { mode: 0o644 });",
    errors: [secret(1, 1, { mode: '0o644', path: '${liveDir}/privkey.pem' }, [lower('0o600', "fs.writeFileSync(path.join(liveDir, 'privkey.pem'), key, { mode: 0o600 });")])],
  },

  {
    code: "fs.openSync(tokenFile, 'w', 0o640);",
    errors: [secret(1, 1, { mode: '0o640', path: '${tokenFile}' }, [lower('0o600', "fs.openSync(tokenFile, 'w', 0o600);")])],
  },
  {
    code: "fs.mkdirSync(path.join(home, '.keys'), { recursive: true, mode: 0o755 });",
    errors: [
      secret(1, 1, { mode: '0o755', path: '${home}/.keys', max: '0o700', helper: 'ensurePrivateDir' }, [
        lower('0o700', "fs.mkdirSync(path.join(home, '.keys'), { recursive: true, mode: 0o700 });"),
      ]),
    ],
  },
  {
    code: "const CREDENTIALS = path.join(configDir, 'credentials.json');\nfs.writeFileSync(CREDENTIALS, json, { mode: 0o666 });",
    options: [{ maxFileMode: 0o640 }],
    errors: [
      secret(2, 1, { mode: '0o666', path: '${configDir}/credentials.json', max: '0o640', access: 'write' }, [
        lower('0o640', "const CREDENTIALS = path.join(configDir, 'credentials.json');\nfs.writeFileSync(CREDENTIALS, json, { mode: 0o640 });"),
      ]),
    ],
  },
  // World-writable chmod anywhere.
  {
    code: "fs.chmodSync('/srv/shared', 0o777);",
    errors: [worldWritable(1, 1, '0o777', '/srv/shared', [lower('0o755', "fs.chmodSync('/srv/shared', 0o755);")])],
  },  // The private directory itself made world-writable is no longer private.
  {
    code: "const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pkg-'));\nfs.chmodSync(root, 0o777);",
    errors: [worldWritable(2, 1, '0o777', '${…}', [lower('0o755', "const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pkg-'));\nfs.chmodSync(root, 0o755);")])],
  },

  {
    code: "fs.chmodSync(file, '777');",
    errors: [worldWritable(1, 1, '0o777', '${file}', [lower('0o755', 'fs.chmodSync(file, 0o755);')])],
  },
  {
    code: 'fs.chmod(file, 511, () => {});',
    errors: [worldWritable(1, 1, '0o777', '${file}', [lower('0o755', 'fs.chmod(file, 0o755, () => {});')])],
  },
  {
    code: 'fs.chmodSync(file, fs.constants.S_IRWXU | fs.constants.S_IRWXG | fs.constants.S_IWOTH);',
    errors: [worldWritable(1, 1, '0o772', '${file}', [lower('0o750', 'fs.chmodSync(file, 0o750);')])],
  },
  {
    code: 'fs.fchmodSync(fd, 0o666);',
    errors: [worldWritable(1, 1, '0o666', 'fd', [lower('0o644', 'fs.fchmodSync(fd, 0o644);')])],
  },
  {
    code: 'async function f() {\n  await fs.promises.chmod(uploadDir, 0o777);\n}',
    errors: [worldWritable(2, 9, '0o777', '${uploadDir}', [lower('0o755', 'async function f() {\n  await fs.promises.chmod(uploadDir, 0o755);\n}')])],
  },
  {
    code: 'fs.chmodSync(privateKeyFile, 0o644);',
    errors: [secret(1, 1, { mode: '0o644', path: '${privateKeyFile}', max: '0o700' }, [lower('0o600', 'fs.chmodSync(privateKeyFile, 0o600);')])],
  },
  // Umasks that leave group or world write.
  {
    code: 'process.umask(0);',
    errors: [
      {
        messageId: 'permissiveUmask',
        data: { mode: '0o000', helper: 'writeSecretFile' },
        line: 1,
        column: 1,
        suggestions: [{ messageId: 'useStricterUmask', data: { mode: '0o022' }, output: 'process.umask(0o022);' }],
      },
    ],
  },
  {
    code: "const old = process.umask('002');",
    errors: [
      {
        messageId: 'permissiveUmask',
        data: { mode: '0o002', helper: 'writeSecretFile' },
        line: 1,
        column: 13,
        suggestions: [{ messageId: 'useStricterUmask', data: { mode: '0o022' }, output: 'const old = process.umask(0o022);' }],
      },
    ],
  },
  // Created with the default mode, narrowed afterwards.
  {
    code: 'fs.writeFileSync(keyPath, key);\nfs.chmodSync(keyPath, 0o600);',
    errors: [
      {
        messageId: 'chmodAfterCreate',
        line: 1,
        column: 1,
        suggestions: [
          {
            messageId: 'useWriteSecretFile',
            data: { helper: 'writeSecretFileSync' },
            output: 'writeSecretFileSync(keyPath, key);\nfs.chmodSync(keyPath, 0o600);',
            imports: 'writeSecretFileSync',
          },
        ],
      },
    ],
  },
  {
    code: "async function init(dir, value) {\n  const secret = path.join(dir, 'machine-id');\n  await fs.promises.writeFile(secret, value);\n  await fs.promises.chmod(path.join(dir, 'machine-id'), 0o400);\n}",
    errors: [
      {
        messageId: 'chmodAfterCreate',
        line: 3,
        column: 9,
        suggestions: [
          {
            messageId: 'useWriteSecretFile',
            data: { helper: 'writeSecretFile' },
            output:
              "async function init(dir, value) {\n  const secret = path.join(dir, 'machine-id');\n  await writeSecretFile(secret, value);\n  await fs.promises.chmod(path.join(dir, 'machine-id'), 0o400);\n}",
            imports: 'writeSecretFile',
          },
        ],
      },
    ],
  },
  {
    code: 'fs.writeFile(tokenPath, t, (err) => {\n  fs.chmod(tokenPath, 0o600, cb);\n});',
    errors: [{ messageId: 'chmodAfterCreate', line: 1, column: 1, suggestions: [] }],
  },
  {
    code: 'fs.writeFileSync(p, d, { mode: 0o644 });\nfs.chmodSync(p, 0o600);',
    errors: [
      {
        messageId: 'chmodAfterCreate',
        line: 1,
        column: 1,
        suggestions: [],
      },
    ],
  },
  // A socket anyone may connect to is still reported; so is a socket whose name also says it holds a secret.
  {
    code: "fs.chmodSync(rpcSocketFile, '777');",
    errors: [worldWritable(1, 1, '0o777', '${rpcSocketFile}', [lower('0o755', 'fs.chmodSync(rpcSocketFile, 0o755);')])],
  },
  {
    code: "fs.chmodSync(tokenSocket, 0o775);",
    errors: [
      secret(1, 1, { mode: '0o775', path: '${tokenSocket}', access: 'write', max: '0o700' }, [lower('0o700', 'fs.chmodSync(tokenSocket, 0o700);')]),
    ],
  },
  // Third-party mkdir libraries: modes as octal strings and decimal numbers are modes.
  {
    code: "const mkdirp = require('mkdirp');\nmkdirp.sync(path.join(os.tmpdir(), 'fonts'), '0777');",
    output: "const mkdirp = require('mkdirp');\nmkdirp.sync(path.join(os.tmpdir(), 'fonts'), 0o700);",
    errors: [inTmp(2, 1)],
  },
  {
    code: "const mkdirp = require('mkdirp');\nmkdirp(path.join(os.tmpdir(), 'fonts'), { mode: 511 }, done);",
    output: "const mkdirp = require('mkdirp');\nmkdirp(path.join(os.tmpdir(), 'fonts'), { mode: 0o700 }, done);",
    errors: [inTmp(2, 1)],
  },
  {
    code: "const fse = require('fs-extra');\nfse.mkdirsSync(path.join(os.tmpdir(), 'fonts'), '777');",
    output: "const fse = require('fs-extra');\nfse.mkdirsSync(path.join(os.tmpdir(), 'fonts'), 0o700);",
    errors: [inTmp(2, 1)],
  },
]);
